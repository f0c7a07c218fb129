"""The start-up content cache: served only when every content file is byte-for-byte unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kiosk.content.cache
from kiosk.content.cache import CACHE_NAME, load_catalog_cached
from kiosk.content.loader import load_catalog
from tests.conftest import FIXTURE_CONTENT


def _content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


def test_second_load_comes_from_the_cache_and_equals_a_fresh_load(tmp_path: Path) -> None:
    root, cache = _content(tmp_path), tmp_path / "cache"
    first = load_catalog_cached(root, cache)
    assert (cache / CACHE_NAME).is_file()
    second = load_catalog_cached(root, cache)
    assert second.tutorials == first.tutorials == load_catalog(root).tutorials
    assert second.categories == first.categories


def test_a_changed_file_is_reloaded_and_validated(tmp_path: Path) -> None:
    root, cache = _content(tmp_path), tmp_path / "cache"
    load_catalog_cached(root, cache)
    path = root / "demo" / "mau.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('id = "mau"', 'id = "mau"\ntitel = "x"', 1), encoding="utf-8"
    )
    catalog = load_catalog_cached(root, cache)
    assert catalog.tutorials == []
    assert [problem.field for problem in catalog.problems] == ["titel"]


def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path) -> None:
    root, cache = _content(tmp_path), tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_NAME).write_bytes(b"not a pickle at all")
    catalog = load_catalog_cached(root, cache)
    assert [tutorial.id for tutorial in catalog.tutorials] == ["mau"]
    assert (cache / CACHE_NAME).read_bytes() != b"not a pickle at all"


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path) -> None:
    root = _content(tmp_path)
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    catalog = load_catalog_cached(root, blocker / "cache")
    assert [tutorial.id for tutorial in catalog.tutorials] == ["mau"]


def test_an_oversized_cache_file_is_never_read_but_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache is bounded like every file the kiosk reads: one larger than the limit is not unpickled."""
    root, cache = _content(tmp_path), tmp_path / "cache"
    load_catalog_cached(root, cache)
    size = (cache / CACHE_NAME).stat().st_size
    monkeypatch.setattr(kiosk.content.cache, "MAX_CACHE_BYTES", size - 1)
    unpickled: list[bytes] = []
    monkeypatch.setattr(kiosk.content.cache.pickle, "loads", lambda data: unpickled.append(data))
    catalog = load_catalog_cached(root, cache)
    assert unpickled == []
    assert catalog.tutorials == load_catalog(root).tutorials
