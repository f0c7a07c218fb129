"""Hostile files on every file read: one error path naming the file and the reason; nothing blocks or crashes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import PROJECT_ROOT, ConfigError, load_config
from kiosk.content.cache import load_catalog_cached
from kiosk.content.loader import load_catalog
from tests.conftest import FIXTURE_CONTENT

DEEP = b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n"


def run_main(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=PROJECT_ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


# --- config ---------------------------------------------------------------------------------------------------


def test_a_config_saved_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'kiosk_id = "kiosk-07"\n')
    assert load_config(path).kiosk_id == "kiosk-07"


def test_a_deeply_nested_config_is_named_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(DEEP)
    with pytest.raises(ConfigError, match=r"kiosk\.toml.*deeper than"):
        load_config(path)


def test_a_huge_config_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"# " + b"x" * 2_000_000 + b"\n")
    with pytest.raises(ConfigError, match="larger than"):
        load_config(path)


def test_a_fifo_as_config_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    result = run_main("--check-config", "--config", str(fifo), timeout=20)
    assert result.returncode == 2
    assert "FIFO" in result.stderr and str(fifo) in result.stderr


@pytest.mark.parametrize("kind", ["nul", "file", "unwritable"])
def test_a_bad_data_dir_fails_the_config_check(tmp_path: Path, kind: str) -> None:
    if kind == "nul":
        data_dir = "/tmp/kiosk\\u0000data"
    elif kind == "file":
        (tmp_path / "a-file").write_text("x")
        data_dir = str(tmp_path / "a-file")
    else:
        data_dir = "/proc/kiosk-so-data"  # a read-only file system, even for root
    path = tmp_path / "kiosk.toml"
    path.write_text(f'data_dir = "{data_dir}"\n', encoding="utf-8")
    result = run_main("--check-config", "--config", str(path))
    assert result.returncode == 2, result.stdout
    assert "data_dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_commands_name_a_nested_config(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(DEEP)
    for command in (("report",), ("--check-config",)):
        result = run_main("--config", str(path), *command)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr and "deeper than" in result.stderr


def test_a_broken_config_in_kiosk_mode_is_shown_not_silent(tmp_path: Path) -> None:
    from kiosk.cli import startup_notices

    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"kiosk_id = \n")
    config, notices = startup_notices(path, explicit=False)
    assert config.kiosk_id == "kiosk-01"
    assert notices and "kiosk.toml" in notices[0]


# --- content --------------------------------------------------------------------------------------------------


def test_a_folder_named_like_a_tutorial_does_not_crash_the_start(tmp_path: Path) -> None:
    root = content(tmp_path)
    (root / "demo" / "x.toml").mkdir()
    catalog = load_catalog_cached(root, tmp_path / "cache")
    assert catalog.tutorials
    assert any("x.toml" in str(problem) for problem in catalog.problems)


def test_a_fifo_tutorial_does_not_block(tmp_path: Path) -> None:
    root = content(tmp_path)
    os.mkfifo(root / "demo" / "pipe.toml")
    result = run_main("--check-content", str(root), timeout=20)
    assert result.returncode == 1
    assert "pipe.toml" in result.stdout and "FIFO" in result.stdout
    catalog = load_catalog_cached(root, tmp_path / "cache")
    assert catalog.tutorials


def test_a_nested_tutorial_is_a_named_problem(tmp_path: Path) -> None:
    root = content(tmp_path)
    (root / "demo" / "deep.toml").write_bytes(DEEP)
    catalog = load_catalog(root)
    assert any("deep.toml" in str(problem) and "deeper than" in str(problem) for problem in catalog.problems)


def test_a_bom_tutorial_is_read(tmp_path: Path) -> None:
    root = content(tmp_path)
    path = root / "demo" / "mau.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert not load_catalog(root).problems


def test_oversized_tutorials_are_problems(tmp_path: Path) -> None:
    root = content(tmp_path)
    text = (root / "demo" / "mau.toml").read_text(encoding="utf-8")
    long_body = text.replace("Nút màu đỏ nằm ở giữa màn hình.", "Dài. " * 20_000, 1)
    (root / "demo" / "mau.toml").write_text(long_body, encoding="utf-8")
    catalog = load_catalog(root)
    assert catalog.problems and "characters" in str(catalog.problems[0])


def test_too_many_steps_are_a_problem(tmp_path: Path) -> None:
    root = content(tmp_path)
    text = (root / "demo" / "mau.toml").read_text(encoding="utf-8")
    head, _, first_and_rest = text.partition("[[steps]]")
    step = "[[steps]]" + first_and_rest.split("[[steps]]")[0]
    many = head + "".join(step.replace('id = "xem"', f'id = "xem{n}"', 1) for n in range(300))
    (root / "demo" / "mau.toml").write_text(many, encoding="utf-8")
    catalog = load_catalog(root)
    assert any("steps" in problem.field and "at most" in problem.message for problem in catalog.problems)


def test_files_the_loader_would_ignore_are_reported(tmp_path: Path) -> None:
    root = content(tmp_path)
    (root / "demo" / "khac.TOML").write_text("x = 1\n", encoding="utf-8")
    categories = root / "categories.toml"
    lonely = categories.read_text(encoding="utf-8").replace('id = "demo"', 'id = "lonely"', 1)
    categories.write_text(categories.read_text(encoding="utf-8") + lonely[lonely.index("[[categories]]") :])
    (root / "lonely").write_text("not a folder\n", encoding="utf-8")
    catalog = load_catalog(root)
    said = " ".join(str(problem) for problem in catalog.problems)
    assert "khac.TOML" in said and "lonely" in said


@pytest.mark.parametrize("bad", ["\\u0000", "\\u202e"])
def test_control_and_direction_characters_in_text_are_problems(tmp_path: Path, bad: str) -> None:
    root = content(tmp_path)
    path = root / "demo" / "mau.toml"
    text = path.read_text(encoding="utf-8").replace("Bài mẫu có ba bước", f"Bài mẫu{bad}có ba bước", 1)
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(root)
    assert any("title" in problem.field for problem in catalog.problems)


# --- exports to merge -----------------------------------------------------------------------------------------


def test_a_fifo_given_to_merge_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "kiosk.jsonl"
    os.mkfifo(fifo)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    result = run_main("--config", str(config), "report", "--merge", str(fifo), timeout=20)
    assert result.returncode == 2
    assert "FIFO" in result.stderr


def test_a_merge_of_a_newer_export_fails_loudly(tmp_path: Path) -> None:
    import json

    from kiosk.usage.export import write_jsonl
    from tests.usage_support import known_events

    path = tmp_path / "newer.jsonl"
    write_jsonl(path, known_events())
    lines = [json.loads(line) | {"screen_ms": 1} for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run_main("report", "--merge", str(path), "--format", "json")
    assert result.returncode == 2
    assert "screen_ms" in result.stderr and "newer" in result.stderr
    assert result.stdout == ""


def test_the_attract_screen_shows_a_start_up_notice(qtbot: QtBot) -> None:
    from kiosk.app import STAFF_NOTICE
    from kiosk.views.attract_view import AttractView

    view = AttractView("Phường 1")
    qtbot.addWidget(view)
    assert view.notice.isHidden()
    view.show_notice(STAFF_NOTICE)
    view.show()
    assert view.notice.isVisible() and "cấu hình" in view.notice.text()


def test_special_files_in_the_data_folder_never_block_or_reopen_doors(tmp_path: Path) -> None:
    from kiosk.fleet.content_update import ACCEPTED, read_accepted
    from kiosk.fleet.pointers import CURRENT, read_pointer
    from kiosk.operator.pin import PinGuard, PinOutcome, hash_pin

    os.mkfifo(tmp_path / CURRENT)
    os.mkfifo(tmp_path / ACCEPTED)
    os.mkfifo(tmp_path / "pin-lockout.json")
    assert read_pointer(tmp_path, CURRENT) is None
    assert read_accepted(tmp_path).sequence > 2**50  # unreadable: every manifest waits for a newer one
    guard = PinGuard(hash_pin("1234"), state_file=tmp_path / "pin-lockout.json")
    assert guard.try_pin("0000").outcome is PinOutcome.LOCKED


def test_a_fifo_categories_file_is_named(tmp_path: Path) -> None:
    root = content(tmp_path)
    (root / "categories.toml").unlink()
    os.mkfifo(root / "categories.toml")
    catalog = load_catalog(root)
    assert "FIFO" in str(catalog.problems[0])
