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
from datetime import date, datetime
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]

from kiosk.usage.report import Report
from kiosk.usage.sheets import (
    CHARTS_HEADING,
    CHARTS_SHEET,
    DAILY_CHART_TITLE,
    DAILY_SERIES,
    FUNNEL_AXIS,
    FUNNEL_CHART_TITLE,
    FUNNEL_SERIES,
    PRODUCT,
    REPORT_TITLE,
    TUTORIAL_ID,
    Cell,
    Mean,
    Percent,
    Seconds,
    Sheet,
    report_sheets,
)

MAX_WIDTH = 48  # characters; longer text wraps in the cell
FUNNEL_CHARTS = 3  # tutorials with a funnel chart: the most started


def workbook_sheets(report: Report, titles: Mapping[str, str] | None = None) -> tuple[Sheet, ...]:
    """Every sheet with data, in order, names first and machine keys last (a ward officer reads the names)."""
    return tuple(sheet.keys_last() for sheet in report_sheets(report, titles))


def _header(sheet: Sheet) -> tuple[str, ...]:
    return tuple(column.heading() for column in sheet.columns)


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
        self.mean = book.add_format({**font, "num_format": "0.00"})
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
    for column, header in enumerate(_header(sheet)):
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
    elif isinstance(value, Mean):
        page.write_number(row, column, float(value), formats.mean)
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
    page.set_row(0, 16 * _header_lines(_header(sheet), widths) + 6)
    for column, text in enumerate(_header(sheet)):
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
            "name": DAILY_SERIES,
            "categories": [sheet.name, 1, 0, last, 0],
            "values": [sheet.name, 1, 1, last, 1],
            "fill": {"color": "#0B3B6E"},
            "gap": 40,
        }
    )
    chart.set_title({"name": DAILY_CHART_TITLE, "name_font": _chart_font(13, True)})
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
            "name": FUNNEL_SERIES,
            "categories": [sheet.name, first, 1, last, 1],
            "values": [sheet.name, first, 2, last, 2],
            "fill": {"color": "#2E7D32"},
            "data_labels": {"value": True, "font": _chart_font(9)},
            "gap": 60,
        }
    )
    chart.set_title({"name": FUNNEL_CHART_TITLE.format(title=title), "name_font": _chart_font(12, True)})
    chart.set_x_axis({"name": FUNNEL_AXIS, "num_font": _chart_font(9), "name_font": _chart_font(9)})
    chart.set_y_axis({"num_format": "0", "min": 0, "num_font": _chart_font(9)})
    chart.set_legend({"none": True})
    return chart


def _charts(page: Any, book: Any, report: Report, sheets: Sequence[Sheet], titles: Mapping[str, str]) -> None:
    heading = book.add_format({"bold": True, "font_size": 13, "font_name": "Arial"})
    _print_setup(page)
    page.write_string(0, 0, CHARTS_HEADING, heading)
    by_stem = {sheet.stem: sheet for sheet in sheets}
    row = 2
    daily = by_stem["days"]
    if daily.rows:
        page.insert_chart(row, 0, _daily_chart(book, daily), {"x_scale": 2.0, "y_scale": 1.3})
        row += 22
    funnel = by_stem["funnel"]
    tutorial_column = funnel.columns.index(TUTORIAL_ID)
    top = [t.tutorial_id for t in report.tutorials[:FUNNEL_CHARTS]]
    for tutorial in top:
        lines = [n for n, r in enumerate(funnel.rows, start=1) if r[tutorial_column] == tutorial]
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
    book.set_properties({"title": REPORT_TITLE, "author": PRODUCT})
    formats = _Formats(book)
    sheets = workbook_sheets(report, names)
    _write_sheet(book, sheets[0], formats)
    charts = book.add_worksheet(CHARTS_SHEET)  # second, where the officer looks first
    for sheet in sheets[1:]:
        _write_sheet(book, sheet, formats)
    _charts(charts, book, report, sheets, names)
    book.close()
    return buffer.getvalue()
