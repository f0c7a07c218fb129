"""The Excel workbook: typed cells, one sheet per table, charts, and a province roll-up read back by LibreOffice."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

from kiosk.usage.events import UsageEvent
from kiosk.usage.export import csv_files, write_jsonl
from kiosk.usage.report import Report, build_report, local_days, report_from_store
from kiosk.usage.store import open_store
from kiosk.usage.workbook import CHARTS_SHEET, report_workbook, workbook_sheets
from tests.spreadsheet import read_sheets, typed_day, typed_percent
from tests.test_usage_cli import NOVEMBER, run_main
from tests.usage_support import known_events, make_event, utc

PERIOD = local_days(date(2026, 11, 1), date(2026, 11, 30))
TITLES = {"vneid": "Định danh điện tử VNeID", "luadao": "Lừa đảo hay an toàn?"}


def _second_kiosk() -> list[UsageEvent]:
    """Kiosk k2: the known visits plus one more that gives up on vneid at step 2 (so rates are not round)."""
    events = known_events("k2", sessions=("1" * 32, "2" * 32, "3" * 32))
    at, session = utc(2026, 11, 20, 2, 0), "4" * 32
    visit: list[tuple[int, str, dict[str, object]]] = [
        (0, "session_started", {}),
        (5, "tutorial_started", {"tutorial_id": "vneid"}),
        (9, "step_viewed", {"tutorial_id": "vneid", "step_id": "s0", "step_index": 0, "dwell_ms": 4000}),
        (13, "step_viewed", {"tutorial_id": "vneid", "step_id": "s1", "step_index": 1, "dwell_ms": 4000}),
        (30, "idle_reset", {}),
    ]
    for seconds, name, fields in visit:
        events.append(make_event(name, at + timedelta(seconds=seconds), session, "k2", **fields))
    return events


def test_sheets_are_typed_and_the_comparison_sheet_is_for_several_kiosks() -> None:
    single = build_report(known_events(), *PERIOD)
    names = [sheet.name for sheet in workbook_sheets(single, TITLES)]
    assert names[:4] == ["Tổng quan", "Bài học", "Các bước", "Lừa đảo"] and "So sánh ki-ốt" not in names
    assert all(len(name) <= 31 for name in names)
    daily = next(sheet for sheet in workbook_sheets(single, TITLES) if sheet.name == "Theo ngày")
    assert len(daily.rows) == 30 and daily.rows[1] == (date(2026, 11, 2), 2)  # every local day, zeros too
    both = build_report([*known_events(), *_second_kiosk()], *PERIOD)
    assert [sheet.name for sheet in workbook_sheets(both, TITLES)][1] == "So sánh ki-ốt"


def test_headers_are_frozen_and_columns_sized(tmp_path: Path) -> None:
    data = report_workbook(build_report(known_events(), *PERIOD), TITLES)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet3.xml").decode()  # Bài học (the charts sheet is second)
        assert 'ySplit="1"' in sheet and 'state="frozen"' in sheet
        widths = [float(w) for w in re.findall(r'<col [^>]*width="([0-9.]+)"', sheet)]
        assert len(widths) >= 3 and min(widths) >= 10  # equal neighbours share one <col>
        assert "xl/charts/chart1.xml" in archive.namelist()


def test_province_roll_up_read_back_by_libreoffice(tmp_path: Path) -> None:
    """`report --merge … --format xlsx` of two kiosks, opened by LibreOffice: the figures are the stores' figures."""
    stores: list[Report] = []
    exports = []
    for kiosk, events in (("k1", known_events()), ("k2", _second_kiosk())):
        store = open_store(tmp_path / kiosk / "usage.sqlite3").store
        store.append(events)
        stores.append(report_from_store(store, *PERIOD))
        exports.append(tmp_path / f"{kiosk}.jsonl")
        write_jsonl(exports[-1], store.iter_events())
        store.close()
    out = tmp_path / "tỉnh.xlsx"
    result = run_main("report", "--merge", *map(str, exports), *NOVEMBER, "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    sheets = read_sheets(out, tmp_path)
    assert set(sheets) >= {"Tổng quan", CHARTS_SHEET, "So sánh ki-ốt", "Bài học", "Các bước", "Lừa đảo", "Theo ngày"}

    summary = {row[2]: row[1] for row in sheets["Tổng quan"][1:]}
    assert typed_day(summary["period_first_day"]) == date(2026, 11, 1)
    assert typed_day(summary["period_last_day"]) == date(2026, 11, 30)
    assert summary["utc_offset"] == "UTC+7"
    visits = sum(report.sessions for report in stores)
    assert int(summary["sessions"]) == visits == 7
    started = sum(report.tutorials_started for report in stores)
    completed = sum(report.tutorials_completed for report in stores)
    assert (int(summary["tutorials_started"]), int(summary["tutorials_completed"])) == (started, completed) == (9, 4)
    assert abs(typed_percent(summary["completion_rate"]) - 4 / 9) < 1e-9  # 44.4444444444444%: a number
    assert sum(int(row[1]) for row in sheets["Theo ngày"][1:]) == visits
    assert [typed_day(row[0]) for row in sheets["Theo ngày"][1:3]] == [date(2026, 11, 1), date(2026, 11, 2)]

    tutorials = {row[6]: row for row in sheets["Bài học"][1:]}
    assert tutorials["vneid"][0] == "vneid"  # no titles for a province merge without content: the id
    assert [int(tutorials["vneid"][n]) for n in (1, 2, 3)] == [5, 2, 3]
    assert abs(typed_percent(tutorials["vneid"][4]) - 2 / 5) < 1e-9

    kiosks = {row[0]: row for row in sheets["So sánh ki-ốt"][1:]}
    assert list(kiosks) == ["k1", "k2"]
    assert [int(kiosks[k][1]) for k in kiosks] == [report.sessions for report in stores] == [3, 4]
    assert [int(kiosks[k][3]) for k in kiosks] == [2, 2]
    assert abs(typed_percent(kiosks["k2"][4]) - 2 / 5) < 1e-9
    assert kiosks["k2"][6] == "vneid – bước 2" and int(kiosks["k2"][7]) == 2  # where the new visit gave up too
    assert kiosks["k1"][8] == "vneid – q2" and typed_percent(kiosks["k1"][9]) == 1.0


def test_the_csv_tables_and_the_workbook_sheets_have_the_same_columns() -> None:
    """One export table: each CSV file is a workbook sheet, same headings (CSV marks whole percentages)."""
    report = build_report([*known_events(), *_second_kiosk()], *PERIOD)
    files = csv_files(report, TITLES)
    sheets = workbook_sheets(report, TITLES)
    assert list(files) == [f"{sheet.stem}.csv" for sheet in sheets]
    for sheet in sheets:
        header = next(csv.reader(io.StringIO(files[f"{sheet.stem}.csv"].decode("utf-8-sig"))))
        assert sorted(cell.replace(" %", "") for cell in header) == sorted(c.heading() for c in sheet.columns)
        assert len(next(iter(sheet.rows), header)) == len(header)
