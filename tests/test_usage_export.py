"""Exports: CSV that Excel reads in Vietnamese and that re-reads to the same figures, zip, JSON, Markdown, JSONL."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.system.atomic import atomic_file, write_atomically
from kiosk.usage.export import (
    BOM,
    MergedEvents,
    csv_files,
    read_jsonl,
    report_json,
    report_markdown,
    report_zip,
    write_jsonl,
)
from kiosk.usage.report import Report, build_report, local_days
from kiosk.usage.sheets import report_sheets
from tests.usage_support import SESSION_A, SESSION_B, SESSION_C, known_events, make_event

NOVEMBER = local_days(date(2026, 11, 1), date(2026, 11, 30))
TITLES = {"vneid": "Định danh điện tử VNeID", "luadao": "Lừa đảo hay an toàn?"}
TABLES = [
    "summary",
    "tutorials",
    "funnel",
    "scenarios",
    "confidence",
    "days",
    "hours",
    "weekdays",
    "languages",
    "text_sizes",
    "assisted",
]


@pytest.fixture
def report() -> Report:
    return build_report(known_events(), *NOVEMBER)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_one_csv_per_table_with_a_bom(report: Report) -> None:
    files = csv_files(report, TITLES)
    assert list(files) == [f"{name}.csv" for name in TABLES]
    assert all(data.startswith(b"\xef\xbb\xbf") for data in files.values())
    assert b"\r\n" in files["summary.csv"]


def test_csv_re_reads_to_the_same_figures(report: Report) -> None:
    files = csv_files(report, TITLES)
    summary = {row[0]: row[2] for row in read_csv(files["summary.csv"])[1:]}
    assert summary["sessions"] == str(report.sessions) == "3"
    assert summary["assisted_sessions"] == "1" and summary["alone_sessions"] == "2"
    assert summary["tutorials_started"] == "4" and summary["tutorials_completed"] == "2"
    assert summary["completion_rate"] == "50"  # a whole percentage: Excel reads it the same in any locale
    assert summary["period_first_day"] == "2026-11-01" and summary["period_last_day"] == "2026-11-30"
    assert summary["utc_offset"] == "UTC+7"
    tutorials = read_csv(files["tutorials.csv"])
    assert tutorials[0][:3] == ["tutorial_id", "Tên bài (title)", "Bắt đầu (started)"]
    assert tutorials[1:] == [
        ["luadao", "Lừa đảo hay an toàn?", "2", "1", "1", "50", "0"],
        ["vneid", "Định danh điện tử VNeID", "2", "1", "1", "50", "1"],
    ]
    funnel = read_csv(files["funnel.csv"])[1:]
    assert [row[0:7] for row in funnel][:2] == [
        ["luadao", "q0", "Lừa đảo hay an toàn?", "1", "2", "0", "6"],
        ["luadao", "q1", "Lừa đảo hay an toàn?", "2", "2", "1", ""],
    ]
    scenarios = read_csv(files["scenarios.csv"])[1:]
    assert [(row[2], row[0], row[1], row[4], row[5], row[6]) for row in scenarios] == [
        ("1", "vneid", "q2", "1", "1", "100"),
        ("2", "luadao", "q0", "2", "1", "50"),
        ("3", "luadao", "q1", "2", "1", "50"),
    ]
    hours = read_csv(files["hours.csv"])[1:]
    assert [int(row[1]) for row in hours] == list(report.hours)
    weekdays = read_csv(files["weekdays.csv"])[1:]
    assert weekdays[0] == ["Thứ Hai (Monday)", "2"] and weekdays[6] == ["Chủ Nhật (Sunday)", "1"]
    assert read_csv(files["languages.csv"])[1:] == [["Tiếng Việt", "3"], ["English", "1"]]
    assert read_csv(files["text_sizes.csv"])[1:] == [["100%", "2"], ["125%", "1"], ["150%", "1"]]
    assert [row[1] for row in read_csv(files["assisted.csv"])[1:]] == ["1", "2"]


def test_zip_holds_the_same_csv_files(report: Report) -> None:
    with zipfile.ZipFile(io.BytesIO(report_zip(report, TITLES))) as archive:
        assert archive.namelist() == [f"{name}.csv" for name in TABLES]
        assert archive.read("summary.csv") == csv_files(report, TITLES)["summary.csv"]


def test_json(report: Report) -> None:
    document = json.loads(report_json(report, TITLES))
    assert document["start"] == "2026-10-31T17:00:00+00:00" and document["utc_offset_hours"] == 7
    assert document["summary"]["sessions"] == 3 and document["summary"]["completion_rate"] == 0.5
    assert document["tutorials"][1] == {
        "tutorial_id": "vneid",
        "title": "Định danh điện tử VNeID",
        "started": 2,
        "completed": 1,
        "abandoned": 1,
        "help_requests": 1,
        "completion_rate": 0.5,
    }
    assert document["funnels"][0]["steps"][0]["mean_dwell_ms"] == 6500
    assert document["scenarios"][0] == {
        "tutorial_id": "vneid",
        "step_id": "q2",
        "answers": 1,
        "wrong": 1,
        "fooled_rate": 1.0,
    }
    assert document["weekdays"]["Monday"] == 2 and document["languages"] == {"vi": 3, "en": 1}
    assert document["text_sizes"] == {"100": 2, "125": 1, "150": 1}


def test_markdown(report: Report) -> None:
    text = report_markdown(report, TITLES)
    assert text.startswith("# Báo cáo sử dụng Kiosk Số (usage report)\n")
    assert "2026-11-01 00:00 → 2026-12-01 00:00, giờ địa phương UTC+7 (local time, config utc_offset_hours)" in text
    assert "| sessions | Lượt sử dụng (visits) | 3 |" in text
    assert "| vneid | q2 | 1 | Định danh điện tử VNeID | 1 | 1 | 100 |" in text
    assert text.count("\n## ") == len(report_sheets(report))


def test_an_empty_report_exports() -> None:
    empty = build_report([], None, None)
    assert read_csv(csv_files(empty)["tutorials.csv"])[1:] == []
    assert "Ki-ốt (kiosks): —." in report_markdown(empty)
    assert json.loads(report_json(empty))["summary"]["completion_rate"] is None


# --- JSON Lines -------------------------------------------------------------------


def test_jsonl_round_trip(tmp_path: Path) -> None:
    events = known_events()
    path = tmp_path / "kiosk-1.jsonl"
    assert write_jsonl(path, events) == len(events)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(events)
    problems: list[str] = []
    assert list(read_jsonl([path], problems.append)) == events
    assert problems == []


def test_bad_lines_are_reported_with_file_and_line(tmp_path: Path) -> None:
    events = known_events()[:3]
    good = [event.model_dump_json() for event in events]
    path = tmp_path / "tram.jsonl"
    extra = json.loads(good[1]) | {"phone": "0912345678"}
    lines = [good[0], "{not json", "", json.dumps(extra), good[1], '{"name": "session_started"}', good[2]]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b"\xff\xfe\n")
    problems: list[str] = []
    assert list(read_jsonl([path, tmp_path / "missing.jsonl"], problems.append)) == events
    assert [problem.split(": ")[0] for problem in problems] == [
        f"{path}:2",
        f"{path}:4",
        f"{path}:6",
        f"{path}:8",
        f"{tmp_path / 'missing.jsonl'}",
    ]
    assert "phone: Extra inputs are not permitted" in problems[1]
    assert "more" in problems[2]  # several fields missing: the first is named, the rest counted
    assert "not UTF-8" in problems[3]
    assert "cannot be read" in problems[4]


def test_merge_of_two_kiosks(tmp_path: Path) -> None:
    first = known_events("k1")
    second = known_events("k2", sessions=("1" * 32, "2" * 32, "3" * 32))
    write_jsonl(tmp_path / "k1.jsonl", first)
    write_jsonl(tmp_path / "k2.jsonl", second)
    problems: list[str] = []
    merged = MergedEvents([tmp_path / "k1.jsonl", tmp_path / "k2.jsonl", tmp_path / "k1.jsonl"], problems.append)
    report = build_report(merged, *NOVEMBER)
    assert merged.duplicates == len(first) and problems == []
    one = build_report(first, *NOVEMBER)
    assert report.kiosks == ("k1", "k2")
    assert report.sessions == 2 * one.sessions == 6
    assert report.assisted_sessions == 2 and report.alone_sessions == 4
    assert report.languages == (("vi", 6), ("en", 2))
    assert report.hours == tuple(2 * count for count in one.hours)
    assert [(t.tutorial_id, t.started, t.completed) for t in report.tutorials] == [("luadao", 4, 2), ("vneid", 4, 2)]
    assert report.scenarios[0].answers == 2 and report.scenarios[0].wrong == 2


# --- atomic files -----------------------------------------------------------------------


def test_write_atomically_replaces_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.zip"
    path.write_bytes(b"old")
    os.chmod(path, 0o600)
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.zip"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(path) as file:
        file.write(b"half of the new")
        raise RuntimeError("USB stick pulled out")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_the_confidence_faces_are_a_table_of_their_own_with_two_decimals() -> None:
    """Issue 17's before/after faces reach the exports, not only the dashboard: pairs, means and the change."""
    at = datetime(2026, 11, 10, 3, tzinfo=UTC)
    faces = [
        make_event("confidence_rated", at, SESSION_A, tutorial_id="vneid", confidence_before=1, confidence_after=2),
        make_event("confidence_rated", at, SESSION_B, tutorial_id="vneid", confidence_before=2, confidence_after=3),
        make_event("confidence_rated", at, SESSION_C, tutorial_id="vneid", confidence_before=None, confidence_after=3),
    ]
    report = build_report([*known_events(), *faces], *NOVEMBER)
    rows = read_csv(csv_files(report, TITLES)["confidence.csv"])
    assert rows[1:] == [["vneid", "Định danh điện tử VNeID", "2", "1.50", "2.50", "1.00"]]  # the skipped face: no pair
    assert rows[0][2] == "Số lượt chấm cả trước và sau (residents who rated before and after)"
