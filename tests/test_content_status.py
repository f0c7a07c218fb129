"""Content status for the operator: published, drafts, files with errors, tutorials over a year old."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from kiosk.content.loader import load_catalog
from kiosk.content.status import content_status
from tests.conftest import FIXTURE_CONTENT


def test_status_counts_drafts_problems_and_stale_tutorials(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    source = (root / "demo" / "mau.toml").read_text(encoding="utf-8")
    draft = source.replace('id = "mau"', 'id = "nhap"', 1).replace(
        "reviewed = 2026-11-20", 'reviewed = 2026-11-20\ndraft = true\ndraft_note = "Cần kiểm tra menu"'
    )
    (root / "demo" / "nhap.toml").write_text(draft, encoding="utf-8")
    old = source.replace('id = "mau"', 'id = "cu"', 1).replace("reviewed = 2026-11-20", "reviewed = 2025-06-01")
    (root / "demo" / "cu.toml").write_text(old, encoding="utf-8")
    (root / "demo" / "hong.toml").write_text("id = ", encoding="utf-8")
    status = content_status(load_catalog(root), dt.date(2026, 11, 24))
    assert status.published == 2
    assert [note for _, note in status.drafts] == ["Cần kiểm tra menu"]
    assert [Path(file).name for file, _ in status.stale] == ["cu.toml"]
    assert [Path(problem.file).name for problem in status.problems] == ["hong.toml"]


def test_nothing_is_stale_on_the_day_a_year_has_not_yet_passed() -> None:
    status = content_status(load_catalog(FIXTURE_CONTENT), dt.date(2027, 11, 20))
    assert status.stale == []
    assert content_status(load_catalog(FIXTURE_CONTENT), dt.date(2027, 11, 21)).stale != []
