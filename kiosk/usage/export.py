"""Reports as CSV tables (UTF-8 with BOM for Excel), a zip of them, JSON and Markdown; raw events as JSON Lines.

Every file is written atomically (temp file in the same folder, fsync, rename, fsync the folder), so a USB stick
pulled out mid-export holds the old file or the new one, never half of one. The sheets and their headings are
`kiosk.usage.sheets` (shared with the workbook); here rates are whole percentages, so Excel reads them the same
in any locale.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO
from uuid import UUID

from pydantic import ValidationError

from kiosk.system.atomic import atomic_file
from kiosk.system.safe_files import UnreadableFileError, open_regular
from kiosk.usage.events import UsageEvent
from kiosk.usage.report import Report
from kiosk.usage.sheets import (
    PERIOD_LINE,
    REPORT_TITLE,
    WEEKDAYS_EN,
    Cell,
    Mean,
    Percent,
    Seconds,
    Sheet,
    offset_text,
    report_sheets,
)

CellValue = str | int | None
BOM = "\ufeff"


def local_text(moment: datetime | None, offset: timedelta) -> str:
    return "" if moment is None else (moment + offset).strftime("%Y-%m-%d %H:%M")


# --- formats -------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: CellValue) -> CellValue:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP); numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return "" if cell is None else cell


def plain_cell(cell: Cell) -> CellValue:
    """A sheet's cell as CSV and Markdown write it: whole percentages and seconds, ISO days, local minutes."""
    if isinstance(cell, Percent):
        return round(cell * 100)
    if isinstance(cell, Mean):
        return f"{float(cell):.2f}"
    if isinstance(cell, Seconds | float):
        return round(cell)
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, date):
        return cell.isoformat()
    return cell


def plain_rows(sheet: Sheet) -> tuple[tuple[str, ...], tuple[tuple[CellValue, ...], ...]]:
    """The header and rows as text and whole numbers, machine keys first."""
    ordered = sheet.keys_first()
    header = tuple(column.heading(whole_percent=True) for column in ordered.columns)
    return header, tuple(tuple(plain_cell(cell) for cell in row) for row in ordered.rows)


def table_csv(header: Sequence[CellValue], rows: Iterable[Sequence[CellValue]]) -> bytes:
    """One table as CSV, UTF-8 with a BOM so Excel shows Vietnamese letters; no cell is a live formula."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return (BOM + text.getvalue()).encode("utf-8")


def csv_files(report: Report, titles: Mapping[str, str] | None = None) -> dict[str, bytes]:
    return {f"{sheet.stem}.csv": table_csv(*plain_rows(sheet)) for sheet in report_sheets(report, titles)}


def report_zip(report: Report, titles: Mapping[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in csv_files(report, titles).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def report_json(report: Report, titles: Mapping[str, str] | None = None) -> str:
    """The whole report as one JSON document (rates as fractions, times in UTC ISO 8601)."""
    names = titles or {}
    document = {
        "start": None if report.start is None else report.start.isoformat(),
        "end": None if report.end is None else report.end.isoformat(),
        "utc_offset_hours": report.utc_offset / timedelta(hours=1),
        "kiosks": list(report.kiosks),
        "summary": _json_summary(report),
        "tutorials": [
            asdict(s) | {"title": names.get(s.tutorial_id), "completion_rate": s.completion_rate}
            for s in report.tutorials
        ],
        "funnels": [
            {
                "tutorial_id": f.tutorial_id,
                "steps": [asdict(step) | {"mean_dwell_ms": step.mean_dwell_ms} for step in f.steps],
            }
            for f in report.funnels
        ],
        "scenarios": [asdict(s) | {"fooled_rate": s.fooled_rate} for s in report.scenarios],
        "hours": list(report.hours),
        "weekdays": dict(zip(WEEKDAYS_EN, report.weekdays, strict=True)),
        "languages": dict(report.languages),
        "text_sizes": {str(size): count for size, count in report.text_sizes},
        "assisted": {"assisted": report.assisted_sessions, "alone": report.alone_sessions},
        "days": {day.isoformat(): count for day, count in report.days},
        "kiosks_compared": [
            asdict(k)
            | {
                "completion_rate": k.completion_rate,
                "top_scam": None
                if k.top_scam is None
                else asdict(k.top_scam) | {"fooled_rate": k.top_scam.fooled_rate},
            }
            for k in report.by_kiosk
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_summary(report: Report) -> dict[str, object]:
    return {
        "events": report.events,
        "sessions": report.sessions,
        "assisted_sessions": report.assisted_sessions,
        "alone_sessions": report.alone_sessions,
        "tutorials_started": report.tutorials_started,
        "tutorials_completed": report.tutorials_completed,
        "completion_percent": percent(report.completion_rate),
        "help_requests": report.help_requests,
        "practice_taps": report.practice_taps,
        "practice_wrong": report.practice_wrong,
        "quiz_answers": report.quiz_answers,
        "quiz_wrong": report.quiz_wrong,
        "read_aloud": report.read_aloud,
        "idle_resets": report.idle_resets,
        "operator_login_failures": report.operator_login_failures,
        "operator_lockouts": report.operator_lockouts,
        "completion_rate": report.completion_rate,
    }


def percent(rate: float | None) -> int | None:
    return None if rate is None else round(rate * 100)


def report_markdown(report: Report, titles: Mapping[str, str] | None = None) -> str:
    start = local_text(report.start, report.utc_offset) or "…"
    end = local_text(report.end, report.utc_offset) or "…"
    kiosks = _md_text(", ".join(report.kiosks)) or "—"
    lines = [
        f"# {REPORT_TITLE}",
        "",
        PERIOD_LINE.format(start=start, end=end, offset=offset_text(report.utc_offset), kiosks=kiosks),
    ]
    for sheet in report_sheets(report, titles):
        header, rows = plain_rows(sheet)
        lines += ["", f"## {sheet.title}", "", _md_row(header), _md_row(("---",) * len(header))]
        lines += [_md_row(tuple("" if cell is None else str(cell) for cell in row)) for row in rows]
    return "\n".join(lines) + "\n"


def _md_text(text: str) -> str:
    """Data as one line of Markdown text: line breaks and control characters become spaces (no new heading)."""
    return _CONTROL.sub(" ", text)


def _md_row(cells: Sequence[CellValue]) -> str:
    return "| " + " | ".join(_md_text(str(cell)).replace("|", "\\|") for cell in cells) + " |"


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


# --- raw events as JSON Lines ------------------------------------------------------


def write_event_lines(file: BinaryIO, events: Iterable[UsageEvent]) -> int:
    """The one JSON Lines writer: one event per line, streaming (a year of events is never in memory); how many."""
    count = 0
    for event in events:
        file.write(event.model_dump_json().encode("utf-8") + b"\n")
        count += 1
    return count


def write_jsonl(path: Path, events: Iterable[UsageEvent]) -> int:
    """The events as a JSON Lines file, written atomically; returns how many."""
    with atomic_file(path) as file:
        return write_event_lines(file, events)


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}" if where else f"{first['msg']}{more}"


MAX_LINE_BYTES = 64 * 1024  # one exported event is about 400 bytes


def read_jsonl(paths: Iterable[Path], on_problem: Callable[[str], None]) -> Iterator[UsageEvent]:
    """Every valid event of the files in order; each bad line is reported as `file:line: reason` and skipped."""
    for path in paths:
        try:
            with open_regular(path) as file:
                number = 0
                while raw := file.readline(MAX_LINE_BYTES + 1):
                    number += 1
                    if len(raw) > MAX_LINE_BYTES:
                        on_problem(f"{path}:{number}: longer than {MAX_LINE_BYTES // 1024} KB; not an event")
                        while raw and not raw.endswith(b"\n"):  # skip the rest of the line without keeping it
                            raw = file.readline(MAX_LINE_BYTES)
                        continue
                    event = _parse_line(raw, f"{path}:{number}", on_problem)
                    if event is not None:
                        yield event
        except UnreadableFileError as problem:
            on_problem(f"{problem.path}: cannot be read: {problem.why}")
        except OSError as error:
            on_problem(f"{path}: cannot be read: {error.strerror or error}")


def _parse_line(raw: bytes, where: str, on_problem: Callable[[str], None]) -> UsageEvent | None:
    try:
        text = raw.decode("utf-8").lstrip(BOM).strip()
    except UnicodeDecodeError:
        on_problem(f"{where}: not UTF-8 text")
        return None
    if not text:
        return None
    try:
        return UsageEvent.model_validate_json(text)
    except ValidationError as error:
        on_problem(f"{where}: {_reason(error)}")
        return None


def newer_schema(paths: Iterable[Path]) -> str | None:
    """Where an export holds an event field this kiosk does not know (an export from a newer kiosk), or None.

    A merge must not quietly drop every event of a newer export as "bad lines": the caller refuses it instead.
    """
    known = set(UsageEvent.model_fields)
    for path in paths:
        try:
            with open_regular(path) as file:
                for number, raw in enumerate(iter(lambda: file.readline(MAX_LINE_BYTES + 1), b""), start=1):
                    try:
                        document = json.loads(raw) if len(raw) <= MAX_LINE_BYTES else None
                    except (ValueError, RecursionError):
                        continue
                    if not isinstance(document, dict):
                        continue
                    unknown = sorted(set(document) - known)
                    if unknown and _valid_without(document, known):
                        return f"{path}:{number} has the field '{unknown[0][:40]}', which this kiosk does not know"
        except (UnreadableFileError, OSError):
            continue  # reported by read_jsonl
    return None


def _valid_without(document: dict[str, object], known: set[str]) -> bool:
    """A whole event plus fields this kiosk lacks (a newer export), not a broken line that happens to have extras."""
    try:
        UsageEvent.model_validate({key: value for key, value in document.items() if key in known})
    except ValidationError:
        return False
    return True


class MergedEvents:
    """The events of several kiosks' exports, each event once (the same file given twice adds nothing)."""

    def __init__(self, paths: Iterable[Path], on_problem: Callable[[str], None]) -> None:
        self.paths = list(paths)
        self.on_problem = on_problem
        self.duplicates = 0

    def __iter__(self) -> Iterator[UsageEvent]:
        seen: set[UUID] = set()
        for event in read_jsonl(self.paths, self.on_problem):
            if event.event_id in seen:
                self.duplicates += 1
                continue
            seen.add(event.event_id)
            yield event
