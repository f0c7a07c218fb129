"""The report as an Excel workbook (.xlsx) a ward officer opens with a double click: typed cells, charts, no import.

Written with XlsxWriter (not openpyxl): it only writes, which is all we need, produces files that Excel,
LibreOffice and Google Sheets open without repair, has the fuller chart support (column and bar charts with date
axes), is a pure-Python package without dependencies, and is actively maintained with a stable API since 2013.
openpyxl would add a reader we do not use.

One sheet per table; numbers are numbers, percentages are fractions shown as %, days are real dates, header rows
are frozen and columns are wide enough for the Vietnamese headers. Text is always written as text (never parsed
as a formula or a link), so a hostile kiosk id or title cannot become a live formula.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]

from kiosk.usage.export import Table, _splits, offset_text
from kiosk.usage.report import KioskStats, Report, ordered_funnels

MAX_WIDTH = 48  # characters; longer text wraps in the cell
MAX_DAYS = 3660  # the daily sheet lists every day of at most ten years; longer periods list days with visits only
FUNNEL_CHARTS = 3  # tutorials with a funnel chart: the most started
CHARTS_SHEET = "Biểu đồ"


class Percent(float):
    """A fraction shown as a whole percentage."""


class Seconds(float):
    """A duration in seconds, shown with one decimal."""


Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _local(moment: datetime | None, offset: timedelta) -> datetime | None:
    return None if moment is None else (moment + offset).replace(tzinfo=None)


def _rate(value: float | None) -> Percent | None:
    return None if value is None else Percent(value)


def _summary(report: Report) -> Sheet:
    offset = report.utc_offset
    start, end = _local(report.start, offset), _local(report.end, offset)
    last_day = None if end is None else (end - timedelta(days=1)).date()
    rows: tuple[tuple[Cell, ...], ...] = (
        ("Ngày đầu (first day, local)", None if start is None else start.date(), "period_first_day"),
        ("Ngày cuối (last day, local)", last_day, "period_last_day"),
        ("Múi giờ: giờ địa phương (time zone: local time)", offset_text(offset), "utc_offset"),
        ("Ki-ốt (kiosks)", ", ".join(report.kiosks), "kiosks"),
        ("Lượt sử dụng (visits)", report.sessions, "sessions"),
        ("Có tình nguyện viên (assisted)", report.assisted_sessions, "assisted_sessions"),
        ("Tự sử dụng (alone)", report.alone_sessions, "alone_sessions"),
        ("Bài bắt đầu (tutorials started)", report.tutorials_started, "tutorials_started"),
        ("Bài hoàn thành (tutorials completed)", report.tutorials_completed, "tutorials_completed"),
        ("Bài bỏ dở (tutorials abandoned)", sum(t.abandoned for t in report.tutorials), "tutorials_abandoned"),
        ("Tỉ lệ hoàn thành (completion rate)", _rate(report.completion_rate), "completion_rate"),
        ("Gọi hỗ trợ (help requests)", report.help_requests, "help_requests"),
        ("Lần chạm thực hành (practice taps)", report.practice_taps, "practice_taps"),
        ("Chạm sai (wrong taps)", report.practice_wrong, "practice_wrong"),
        ("Câu trả lời (quiz answers)", report.quiz_answers, "quiz_answers"),
        ("Trả lời sai (wrong answers)", report.quiz_wrong, "quiz_wrong"),
        ("Đọc to (read aloud)", report.read_aloud, "read_aloud"),
        ("Tự kết thúc do không dùng (idle resets)", report.idle_resets, "idle_resets"),
        ("Nhập sai mã PIN (wrong operator PINs)", report.operator_login_failures, "operator_login_failures"),
        ("Khóa mã PIN (PIN pad locked)", report.operator_lockouts, "operator_lockouts"),
        ("Sự kiện ẩn danh (anonymous events)", report.events, "events"),
        (
            "Cách tính (how counted)",
            "Mỗi bài tính một lượt học mỗi lượt sử dụng, dù tạm dừng rồi học tiếp; bỏ dở được tính khi lượt sử dụng "
            "kết thúc, ở bước xa nhất đã đến (one attempt per tutorial per visit; abandoned at the furthest step "
            "when the visit ends).",
            "definitions",
        ),
    )
    return Sheet("Tổng quan", "Tổng quan (summary)", ("Chỉ số (figure)", "Giá trị (value)", "key"), rows)


def _tutorials(report: Report, titles: Mapping[str, str]) -> Sheet:
    header = (
        "Tên bài (title)",
        "Bắt đầu (started)",
        "Hoàn thành (completed)",
        "Bỏ dở (abandoned)",
        "Tỉ lệ hoàn thành (completion rate)",
        "Gọi hỗ trợ (help requests)",
        "tutorial_id",
    )
    rows = tuple(
        (
            titles.get(t.tutorial_id, t.tutorial_id),
            t.started,
            t.completed,
            t.abandoned,
            _rate(t.completion_rate),
            t.help_requests,
            t.tutorial_id,
        )
        for t in report.tutorials
    )
    return Sheet("Bài học", "Các bài hướng dẫn (tutorials)", header, rows)


def _funnel(report: Report, titles: Mapping[str, str]) -> Sheet:
    header = (
        "Tên bài (title)",
        "Bước (step)",
        "Số lượt học đến bước này (attempts reaching it)",
        "Bỏ dở ở bước này (abandoned here)",
        "Thời gian trung bình, giây (mean seconds)",
        "tutorial_id",
        "step_id",
    )
    rows = tuple(
        (
            titles.get(f.tutorial_id, f.tutorial_id),
            step.step_index + 1,
            step.reached,
            step.abandoned,
            None if step.mean_dwell_ms is None else Seconds(step.mean_dwell_ms / 1000),
            f.tutorial_id,
            step.step_id,
        )
        for f in ordered_funnels(report)  # the most started first: the charted ones are at the top
        for step in f.steps
    )
    return Sheet("Các bước", "Người dùng dừng ở bước nào (drop-off by step)", header, rows)


def _scenarios(report: Report, titles: Mapping[str, str]) -> Sheet:
    header = (
        "Hạng (rank)",
        "Tên bài (title)",
        "Bước (step_id)",
        "Số câu trả lời (answers)",
        "Trả lời sai (wrong)",
        "Tỉ lệ bị lừa (fooled)",
        "tutorial_id",
    )
    rows = tuple(
        (
            rank,
            titles.get(s.tutorial_id, s.tutorial_id),
            s.step_id,
            s.answers,
            s.wrong,
            Percent(s.fooled_rate),
            s.tutorial_id,
        )
        for rank, s in enumerate(report.scenarios, start=1)
    )
    return Sheet("Lừa đảo", "Tình huống dễ bị lừa nhất (scenarios residents were fooled by)", header, rows)


def _daily(report: Report) -> Sheet:
    counts = dict(report.days)
    days: list[date] = sorted(counts)
    if report.start is not None and report.end is not None:
        first = (report.start + report.utc_offset).date()
        last = (report.end + report.utc_offset - timedelta(microseconds=1)).date()
        if 0 <= (last - first).days < MAX_DAYS:
            days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    rows = tuple((day, counts.get(day, 0)) for day in days)
    return Sheet(
        "Theo ngày", "Lượt sử dụng mỗi ngày (visits per local day)", ("Ngày (day)", "Lượt sử dụng (visits)"), rows
    )


def _drop_text(stats: KioskStats, titles: Mapping[str, str]) -> str | None:
    if stats.top_drop_off is None:
        return None
    tutorial, index, _, _ = stats.top_drop_off
    return f"{titles.get(tutorial, tutorial)} – bước {index + 1}"


def _kiosks(report: Report, titles: Mapping[str, str]) -> Sheet:
    header = (
        "Ki-ốt (kiosk)",
        "Lượt sử dụng (visits)",
        "Bài bắt đầu (started)",
        "Hoàn thành (completed)",
        "Tỉ lệ hoàn thành (completion rate)",
        "Bỏ dở (abandoned)",
        "Bỏ dở nhiều nhất ở (top drop-off step)",
        "Số lượt bỏ dở ở đó (abandoned there)",
        "Tình huống lừa được nhiều nhất (scam that fooled most)",
        "Tỉ lệ bị lừa (fooled)",
    )
    rows = tuple(
        (
            k.kiosk_id,
            k.sessions,
            k.started,
            k.completed,
            _rate(k.completion_rate),
            k.abandoned,
            _drop_text(k, titles),
            None if k.top_drop_off is None else k.top_drop_off[3],
            None
            if k.top_scam is None
            else f"{titles.get(k.top_scam.tutorial_id, k.top_scam.tutorial_id)} – {k.top_scam.step_id or '?'}",
            None if k.top_scam is None else Percent(k.top_scam.fooled_rate),
        )
        for k in report.by_kiosk
    )
    return Sheet("So sánh ki-ốt", "So sánh các ki-ốt (kiosks compared)", header, rows)


def _from_table(name: str, table: Table) -> Sheet:
    return Sheet(name, table.title, table.header, table.rows)


SPLIT_SHEETS = ("Theo giờ", "Theo thứ", "Ngôn ngữ", "Cỡ chữ", "Hỗ trợ")


def workbook_sheets(report: Report, titles: Mapping[str, str] | None = None) -> tuple[Sheet, ...]:
    """Every sheet with data, in order; the per-kiosk comparison only when the report covers several kiosks."""
    names = titles or {}
    sheets = [
        _summary(report),
        _tutorials(report, names),
        _funnel(report, names),
        _scenarios(report, names),
        _daily(report),
        *(_from_table(name, table) for name, table in zip(SPLIT_SHEETS, _splits(report), strict=True)),
    ]
    if len(report.kiosks) > 1:
        sheets.insert(1, _kiosks(report, names))
    return tuple(sheets)


# --- writing ---------------------------------------------------------------------


class _Formats:
    def __init__(self, book: Any) -> None:
        font = {"font_name": "Arial", "font_size": 11, "valign": "top"}
        self.header = book.add_format(
            {**font, "bold": True, "text_wrap": True, "bg_color": "#DCE6F1", "bottom": 1, "valign": "vcenter"}
        )
        self.text = book.add_format({**font, "text_wrap": True, "indent": 1})
        self.integer = book.add_format({**font, "num_format": "#,##0"})
        self.percent = book.add_format({**font, "num_format": "0%"})
        self.seconds = book.add_format({**font, "num_format": "0.0"})
        self.day = book.add_format({**font, "num_format": "dd/mm/yyyy", "align": "left"})
        self.moment = book.add_format({**font, "num_format": "dd/mm/yyyy hh:mm", "align": "left"})


def _shown(value: Cell) -> str:
    """Roughly what the cell shows, to size its column."""
    if isinstance(value, Percent):
        return "100%"
    if isinstance(value, datetime):
        return "00/00/0000 00:00"
    if isinstance(value, date):
        return "00/00/0000"
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else value


def _widths(sheet: Sheet) -> list[int]:
    widths = []
    for column, header in enumerate(sheet.header):
        longest_word = max((len(word) for word in header.split()), default=4)
        longest_cell = max((len(_shown(row[column])) for row in sheet.rows), default=0)
        widths.append(min(max(longest_word + 2, longest_cell + 2, 10), MAX_WIDTH))
    return widths


def _header_lines(header: Sequence[str], widths: Sequence[int]) -> int:
    return max(math.ceil(len(text) / max(width - 2, 1)) for text, width in zip(header, widths, strict=True))


def _write_cell(page: Any, row: int, column: int, value: Cell, formats: _Formats) -> None:
    if value is None:
        return
    if isinstance(value, Percent):
        page.write_number(row, column, float(value), formats.percent)
    elif isinstance(value, Seconds):
        page.write_number(row, column, float(value), formats.seconds)
    elif isinstance(value, bool | int | float):
        page.write_number(row, column, value, formats.integer)
    elif isinstance(value, datetime):
        page.write_datetime(row, column, value, formats.moment)
    elif isinstance(value, date):
        page.write_datetime(row, column, datetime(value.year, value.month, value.day), formats.day)
    else:
        page.write_string(row, column, value, formats.text)


def _write_sheet(book: Any, sheet: Sheet, formats: _Formats) -> Any:
    page = book.add_worksheet(sheet.name)
    widths = _widths(sheet)
    for column, width in enumerate(widths):
        page.set_column(column, column, width)
    page.set_row(0, 16 * _header_lines(sheet.header, widths) + 6)
    for column, text in enumerate(sheet.header):
        page.write_string(0, column, text, formats.header)
    for number, row in enumerate(sheet.rows, start=1):
        for column, value in enumerate(row):
            _write_cell(page, number, column, value, formats)
        lines = _lines(row, widths)
        if lines > 1:  # wrapped text: spreadsheets do not always grow the row by themselves
            page.set_row(number, 15 * lines + 2)
    page.freeze_panes(1, 0)
    _print_setup(page)
    return page


def _lines(row: Sequence[Cell], widths: Sequence[int]) -> int:
    texts = [(value, width) for value, width in zip(row, widths, strict=True) if isinstance(value, str)]
    return max((math.ceil(len(text) / max(width - 1, 1)) for text, width in texts), default=1)


def _print_setup(page: Any) -> None:
    """Printed on A4 landscape, as wide as the page, with the header row on every page."""
    page.set_landscape()
    page.set_paper(9)
    page.fit_to_pages(1, 0)
    page.repeat_rows(0)
    page.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)


def _chart_font(size: int, bold: bool = False) -> dict[str, Any]:
    return {"name": "Arial", "size": size, "bold": bold}


def _daily_chart(book: Any, sheet: Sheet) -> Any:
    chart = book.add_chart({"type": "column"})
    last = len(sheet.rows)
    chart.add_series(
        {
            "name": "Lượt sử dụng",
            "categories": [sheet.name, 1, 0, last, 0],
            "values": [sheet.name, 1, 1, last, 1],
            "fill": {"color": "#0B3B6E"},
            "gap": 40,
        }
    )
    chart.set_title({"name": "Lượt sử dụng mỗi ngày (visits per day)", "name_font": _chart_font(13, True)})
    step = max(1, math.ceil(len(sheet.rows) / 12))  # at most about a dozen dates under the axis
    chart.set_x_axis(
        {
            "date_axis": True,
            "num_format": "dd/mm",
            "num_font": _chart_font(9),
            "major_unit": step,
            "major_unit_type": "days",
        }
    )
    chart.set_y_axis({"num_format": "0", "min": 0, "major_gridlines": {"visible": True}, "num_font": _chart_font(9)})
    chart.set_legend({"none": True})
    return chart


def _funnel_chart(book: Any, sheet: Sheet, title: str, first: int, last: int) -> Any:
    """Attempts reaching each step of one tutorial: where the bars shrink, residents stopped."""
    chart = book.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "Số lượt học đến bước này",
            "categories": [sheet.name, first, 1, last, 1],
            "values": [sheet.name, first, 2, last, 2],
            "fill": {"color": "#2E7D32"},
            "data_labels": {"value": True, "font": _chart_font(9)},
            "gap": 60,
        }
    )
    chart.set_title({"name": f"{title}: số lượt học đến mỗi bước", "name_font": _chart_font(12, True)})
    chart.set_x_axis({"name": "Bước (step)", "num_font": _chart_font(9), "name_font": _chart_font(9)})
    chart.set_y_axis({"num_format": "0", "min": 0, "num_font": _chart_font(9)})
    chart.set_legend({"none": True})
    return chart


def _charts(page: Any, book: Any, report: Report, sheets: Sequence[Sheet], titles: Mapping[str, str]) -> None:
    heading = book.add_format({"bold": True, "font_size": 13, "font_name": "Arial"})
    _print_setup(page)
    page.write_string(0, 0, "Biểu đồ (charts) — số liệu ở các trang bên cạnh (data on the other sheets)", heading)
    by_name = {sheet.name: sheet for sheet in sheets}
    row = 2
    daily = by_name["Theo ngày"]
    if daily.rows:
        page.insert_chart(row, 0, _daily_chart(book, daily), {"x_scale": 2.0, "y_scale": 1.3})
        row += 22
    funnel = by_name["Các bước"]
    top = [t.tutorial_id for t in report.tutorials[:FUNNEL_CHARTS]]
    for tutorial in top:
        lines = [n for n, r in enumerate(funnel.rows, start=1) if r[5] == tutorial]
        if not lines:
            continue
        chart = _funnel_chart(book, funnel, titles.get(tutorial, tutorial), lines[0], lines[-1])
        page.insert_chart(row, 0, chart, {"x_scale": 2.0, "y_scale": 1.2})
        row += 20


def report_workbook(report: Report, titles: Mapping[str, str] | None = None) -> bytes:
    """The whole report as .xlsx bytes."""
    names = titles or {}
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": "Báo cáo sử dụng Kiosk Số (usage report)", "author": "Kiosk Số"})
    formats = _Formats(book)
    sheets = workbook_sheets(report, names)
    _write_sheet(book, sheets[0], formats)
    charts = book.add_worksheet(CHARTS_SHEET)  # second, where the officer looks first
    for sheet in sheets[1:]:
        _write_sheet(book, sheet, formats)
    _charts(charts, book, report, sheets, names)
    book.close()
    return buffer.getvalue()
