"""Exports are safe to open: no live spreadsheet formula, no Markdown structure from data; wide dates work."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import PROJECT_ROOT
from kiosk.usage.export import csv_files, report_markdown, table_csv
from kiosk.usage.report import build_report
from kiosk.usage.store import STORE_FILE, open_store
from tests.usage_support import known_events

HOSTILE_IDS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("kiosk_id", HOSTILE_IDS)
def test_no_csv_cell_starts_a_formula(kiosk_id: str) -> None:
    report = build_report(known_events(kiosk=kiosk_id), None, None)
    for data in csv_files(report).values():
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (kiosk_id, cell)


def test_numbers_stay_numbers() -> None:
    data = table_csv(("a", "b"), ((-3, "-3 người"),))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == ["-3", "'-3 người"]


def test_a_newline_in_a_kiosk_id_adds_no_markdown_structure() -> None:
    report = build_report(known_events(kiosk="k1\n# Giả mạo\n| a | b |"), None, None)
    text = report_markdown(report)
    assert "\n# Giả mạo" not in text
    assert sum(1 for line in text.splitlines() if line.startswith("# ")) == 1


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=PROJECT_ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_widest_dates_give_a_report_not_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = open_store(data / STORE_FILE).store
    store.append(known_events())
    store.close()
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{data}"\n', encoding="utf-8")
    result = run_main("--config", str(config), "report", "--from", "0001-01-01", "--to", "9999-12-31")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_control_characters_in_kiosk_id_are_refused_by_the_config(tmp_path: Path) -> None:
    from kiosk.config import ConfigError, load_config

    path = tmp_path / "kiosk.toml"
    path.write_text('kiosk_id = "k1\\n# heading"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="kiosk_id"):
        load_config(path)
