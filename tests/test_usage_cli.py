"""`main.py report` and `main.py set-pin` as a user runs them: real processes, plain errors, exit code 2."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kiosk.config import PROJECT_ROOT, load_config
from kiosk.operator.pin import hash_pin, verify_pin
from kiosk.usage.export import read_jsonl, write_jsonl
from kiosk.usage.store import STORE_FILE, open_store
from tests.usage_support import known_events


def run_main(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=PROJECT_ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A config whose data folder holds a store with the known events."""
    data = tmp_path / "data"
    store = open_store(data / STORE_FILE).store
    store.append(known_events())
    store.close()
    path = tmp_path / "kiosk.toml"
    path.write_text(f'kiosk_id = "k1"\ndata_dir = "{data}"\n', encoding="utf-8")
    return path


NOVEMBER = ("--from", "2026-11-01", "--to", "2026-11-30")


def test_report_markdown_to_stdout(config: Path) -> None:
    result = run_main("report", "--config", str(config), *NOVEMBER)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "| sessions | Lượt sử dụng (visits) | 3 |" in result.stdout
    assert "| vneid |" in result.stdout


def test_config_before_the_command_works_too(config: Path) -> None:
    result = run_main("--config", str(config), "report", "--format", "json", *NOVEMBER)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["sessions"] == 3


def test_report_csv_into_a_folder(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao-11"
    result = run_main("report", "--config", str(config), *NOVEMBER, "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"kiosk: wrote 11 tables to {out}\n"
    data = (out / "summary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = {row[0]: row[2] for row in csv.reader(io.StringIO(data.decode("utf-8-sig")))}
    assert rows["sessions"] == "3" and rows["tutorials_completed"] == "2"
    titles = {row[0]: row[1] for row in csv.reader(io.StringIO((out / "tutorials.csv").read_text("utf-8-sig")))}
    assert titles == {"tutorial_id": "Tên bài (title)", "luadao": "luadao", "vneid": "vneid"}  # no bundled title


def test_report_zip(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.zip"
    result = run_main("report", "--config", str(config), "--format", "zip", "--out", str(out))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        assert "funnel.csv" in archive.namelist()


def test_raw_events_as_jsonl(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "k1.jsonl"
    result = run_main("report", "--config", str(config), *NOVEMBER, "--format", "jsonl", "--out", str(out))
    assert result.returncode == 0, result.stderr
    problems: list[str] = []
    events = list(read_jsonl([out], problems.append))
    assert len(events) == len(known_events()) - 2 and problems == []  # the two events outside November
    stdout = run_main("report", "--config", str(config), "--format", "jsonl")
    assert len(stdout.stdout.splitlines()) == len(known_events())


def test_merge_of_two_kiosks(tmp_path: Path) -> None:
    first, second = tmp_path / "k1.jsonl", tmp_path / "k2.jsonl"
    write_jsonl(first, known_events("k1"))
    write_jsonl(second, known_events("k2", sessions=("1" * 32, "2" * 32, "3" * 32)))
    with second.open("a", encoding="utf-8") as file:
        file.write('{"name": "session_started", "ip": "10.0.0.7"}\n')
    result = run_main("report", "--merge", str(first), str(second), *NOVEMBER, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["kiosks"] == ["k1", "k2"]
    assert document["summary"]["sessions"] == 6
    line = len(known_events()) + 1
    assert result.stderr.startswith(f"kiosk: skipped {second}:{line}: ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "csv"), "kiosk: --format csv writes files: give --out (csv: a folder, zip and xlsx: a file)\n"),
        (("--from", "2026-11-31"), "kiosk: main.py report: argument --from: '2026-11-31' is not a date like"),
        (("--from", "2026-11-05", "--to", "2026-11-01"), "kiosk: --from 2026-11-05 is after --to 2026-11-01\n"),
        (("--format", "pdf"), "kiosk: main.py report: argument --format: invalid choice: 'pdf'"),
        (("--merge", "khong-co.jsonl"), "kiosk: khong-co.jsonl does not exist\n"),
    ],
)
def test_bad_report_input_is_one_line_and_exit_2(config: Path, args: tuple[str, ...], message: str) -> None:
    result = run_main("report", "--config", str(config), *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_report_without_a_store(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'data_dir = "{tmp_path / "empty"}"\n', encoding="utf-8")
    result = run_main("report", "--config", str(path))
    assert result.returncode == 2
    assert "has not recorded anything yet" in result.stderr and result.stderr.count("\n") == 1


# --- set-pin ----------------------------------------------------------------------


def test_set_pin_keeps_every_other_line(tmp_path: Path) -> None:
    shipped = (PROJECT_ROOT / "config" / "kiosk.toml").read_text(encoding="utf-8")
    path = tmp_path / "kiosk.toml"
    path.write_text(shipped, encoding="utf-8")
    result = run_main("set-pin", "--config", str(path), stdin="2468\n2468\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"kiosk: operator PIN set in {path}\n"
    text = path.read_text(encoding="utf-8")
    changed = [line for line in text.splitlines() if line not in shipped.splitlines()]
    assert len(changed) == 1 and changed[0].startswith('operator_pin_hash = "scrypt$16384$8$1$')
    assert len(text.splitlines()) == len(shipped.splitlines())
    stored = load_config(path).operator_pin_hash
    assert stored is not None and verify_pin("2468", stored)
    again = run_main("set-pin", "--config", str(path), stdin="13579\n13579\n")
    assert again.returncode == 0, again.stderr
    stored = load_config(path).operator_pin_hash
    assert stored is not None and verify_pin("13579", stored)
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(shipped.splitlines())


def test_set_volunteer_pin(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'# my kiosk\nkiosk_id = "k9"\noperator_pin_hash = "{hash_pin("2468")}"', encoding="utf-8")
    same = run_main("set-pin", "--volunteer", "--config", str(path), stdin="2468\n2468\n")
    assert same.returncode == 2
    assert same.stderr == "kiosk: the operator and volunteer PINs must differ; nothing was changed\n"
    result = run_main("set-pin", "--volunteer", "--config", str(path), stdin="1357\n1357\n")
    assert result.returncode == 0, result.stderr
    config = load_config(path)
    assert config.kiosk_id == "k9" and config.volunteer_pin_hash is not None
    assert verify_pin("1357", config.volunteer_pin_hash)
    assert path.read_text(encoding="utf-8").startswith("# my kiosk\n")


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("1234\n1243\n", "kiosk: the two PINs differ; nothing was changed\n"),
        ("12\n12\n", "kiosk: a PIN is 4 to 8 digits (0–9), nothing else; nothing was changed\n"),
        ("12ab\n12ab\n", "kiosk: a PIN is 4 to 8 digits (0–9), nothing else; nothing was changed\n"),
        ("1234\n", "kiosk: the two PINs differ; nothing was changed\n"),
    ],
)
def test_bad_pins_change_nothing(tmp_path: Path, stdin: str, message: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('kiosk_id = "k1"\n', encoding="utf-8")
    result = run_main("set-pin", "--config", str(path), stdin=stdin)
    assert result.returncode == 2
    assert result.stderr == message
    assert path.read_text(encoding="utf-8") == 'kiosk_id = "k1"\n'


def test_set_pin_refuses_a_broken_config(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("kiosk_id = \n", encoding="utf-8")
    result = run_main("set-pin", "--config", str(path), stdin="1234\n1234\n")
    assert result.returncode == 2
    assert result.stderr.startswith(f"kiosk: config file {path} is not valid TOML")
    assert "Traceback" not in result.stderr
