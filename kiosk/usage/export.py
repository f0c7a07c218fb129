"""Reports as CSV tables (UTF-8 with BOM for Excel), a zip of them, JSON and Markdown; raw events as JSON Lines.

Every file is written atomically (temp file in the same folder, fsync, rename, fsync the folder), so a USB stick
pulled out mid-export holds the old file or the new one, never half of one. Column headers are Vietnamese first
with the English key in brackets; rates are whole percentages, so Excel reads them the same in any locale.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO
from uuid import UUID

from pydantic import ValidationError

from kiosk.system.atomic import atomic_file
from kiosk.system.safe_files import UnreadableFileError, open_regular
from kiosk.usage.events import UsageEvent
from kiosk.usage.report import Report

CellValue = str | int | None
BOM = "\ufeff"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@dataclass(frozen=True)
class Table:
    name: str  # file stem: summary, tutorials, funnel …
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]


def percent(rate: float | None) -> int | None:
    return None if rate is None else round(rate * 100)


def local_text(moment: datetime | None, offset: timedelta) -> str:
    return "" if moment is None else (moment + offset).strftime("%Y-%m-%d %H:%M")


def offset_text(offset: timedelta) -> str:
    hours = offset / timedelta(hours=1)
    return f"UTC{hours:+g}"


def _summary(report: Report) -> Table:
    rows: list[tuple[CellValue, ...]] = [
        ("period_start", "Từ (from, local time)", local_text(report.start, report.utc_offset)),
        ("period_end", "Đến trước (until, local time)", local_text(report.end, report.utc_offset)),
        ("utc_offset", "Múi giờ (time zone)", offset_text(report.utc_offset)),
        ("kiosks", "Ki-ốt (kiosks)", ", ".join(report.kiosks)),
        ("events", "Sự kiện (events)", report.events),
        ("sessions", "Lượt sử dụng (sessions)", report.sessions),
        ("assisted_sessions", "Có tình nguyện viên (assisted)", report.assisted_sessions),
        ("alone_sessions", "Tự sử dụng (alone)", report.alone_sessions),
        ("tutorials_started", "Bài bắt đầu (tutorials started)", report.tutorials_started),
        ("tutorials_completed", "Bài hoàn thành (tutorials completed)", report.tutorials_completed),
        ("completion_percent", "Tỉ lệ hoàn thành % (completion %)", percent(report.completion_rate)),
        ("help_requests", "Gọi hỗ trợ (help requests)", report.help_requests),
        ("practice_taps", "Lần chạm thực hành (practice taps)", report.practice_taps),
        ("practice_wrong", "Chạm sai (wrong taps)", report.practice_wrong),
        ("quiz_answers", "Câu trả lời (quiz answers)", report.quiz_answers),
        ("quiz_wrong", "Trả lời sai (wrong answers)", report.quiz_wrong),
        ("read_aloud", "Đọc to (read aloud)", report.read_aloud),
        ("idle_resets", "Tự kết thúc do không dùng (idle resets)", report.idle_resets),
        ("operator_login_failures", "Nhập sai mã PIN (wrong operator PINs)", report.operator_login_failures),
        ("operator_lockouts", "Khóa mã PIN (PIN pad locked)", report.operator_lockouts),
    ]
    return Table("summary", "Tổng quan (summary)", ("key", "Chỉ số (figure)", "Giá trị (value)"), tuple(rows))


def _tutorials(report: Report, titles: Mapping[str, str]) -> Table:
    header = (
        "tutorial_id",
        "Tên bài (title)",
        "Bắt đầu (started)",
        "Hoàn thành (completed)",
        "Bỏ dở (abandoned)",
        "Hoàn thành % (completion %)",
        "Gọi hỗ trợ (help requests)",
    )
    rows = tuple(
        (
            t.tutorial_id,
            titles.get(t.tutorial_id, ""),
            t.started,
            t.completed,
            t.abandoned,
            percent(t.completion_rate),
            t.help_requests,
        )
        for t in report.tutorials
    )
    return Table("tutorials", "Các bài hướng dẫn (tutorials)", header, rows)


def _seconds(milliseconds: int | None) -> int | None:
    return None if milliseconds is None else round(milliseconds / 1000)


def _funnel(report: Report, titles: Mapping[str, str]) -> Table:
    header = (
        "tutorial_id",
        "Tên bài (title)",
        "Bước (step)",
        "step_id",
        "Số lượt đến bước này (attempts reaching it)",
        "Dừng ở bước này (abandoned here)",
        "Xem trung bình, giây (mean seconds)",
    )
    rows = tuple(
        (
            f.tutorial_id,
            titles.get(f.tutorial_id, ""),
            step.step_index + 1,
            step.step_id,
            step.reached,
            step.abandoned,
            _seconds(step.mean_dwell_ms),
        )
        for f in report.funnels
        for step in f.steps
    )
    return Table("funnel", "Người dùng dừng ở bước nào (drop-off by step)", header, rows)


def _scenarios(report: Report, titles: Mapping[str, str]) -> Table:
    header = (
        "rank",
        "tutorial_id",
        "Tên bài (title)",
        "step_id",
        "Số câu trả lời (answers)",
        "Trả lời sai (wrong)",
        "Bị lừa % (fooled %)",
    )
    rows = tuple(
        (rank, s.tutorial_id, titles.get(s.tutorial_id, ""), s.step_id, s.answers, s.wrong, percent(s.fooled_rate))
        for rank, s in enumerate(report.scenarios, start=1)
    )
    return Table("scenarios", "Tình huống dễ bị lừa nhất (scenarios residents were fooled by)", header, rows)


def _splits(report: Report) -> list[Table]:
    sessions = "Lượt sử dụng (sessions)"
    hours = tuple((f"{hour:02d}:00", count) for hour, count in enumerate(report.hours))
    days = tuple((f"{vi} ({en})", count) for vi, en, count in zip(WEEKDAYS, WEEKDAYS_EN, report.weekdays, strict=True))
    languages = tuple((LANGUAGE_NAMES.get(code, code), count) for code, count in report.languages)
    sizes = tuple((f"{size}%", count) for size, count in report.text_sizes)
    assisted = (
        ("Có tình nguyện viên (assisted)", report.assisted_sessions),
        ("Tự sử dụng (alone)", report.alone_sessions),
    )
    return [
        Table("hours", "Giờ đông khách (sessions by hour)", ("Giờ (hour)", sessions), hours),
        Table("weekdays", "Ngày trong tuần (sessions by weekday)", ("Thứ (weekday)", sessions), days),
        Table("languages", "Ngôn ngữ (languages)", ("Ngôn ngữ (language)", sessions), languages),
        Table("text_sizes", "Cỡ chữ (text sizes)", ("Cỡ chữ (text size)", sessions), sizes),
        Table("assisted", "Có hỗ trợ hay tự dùng (assisted or alone)", ("Cách dùng (how)", sessions), assisted),
    ]


def _days(report: Report) -> Table:
    rows = tuple((day.isoformat(), count) for day, count in report.days)
    header = ("Ngày, giờ địa phương (local day)", "Lượt sử dụng (visits)")
    return Table("days", "Lượt sử dụng mỗi ngày (visits per local day, days with visits)", header, rows)


def _kiosks(report: Report, titles: Mapping[str, str]) -> Table:
    header = (
        "Ki-ốt (kiosk)",
        "Lượt sử dụng (visits)",
        "Bài bắt đầu (started)",
        "Hoàn thành (completed)",
        "Hoàn thành % (completion %)",
        "Bỏ dở (abandoned)",
        "Bỏ dở nhiều nhất: bài (top drop-off tutorial)",
        "Bước (step)",
        "Tình huống lừa được nhiều nhất (scam that fooled most)",
        "Bị lừa % (fooled %)",
    )
    rows = tuple(
        (
            k.kiosk_id,
            k.sessions,
            k.started,
            k.completed,
            percent(k.completion_rate),
            k.abandoned,
            None if k.top_drop_off is None else titles.get(k.top_drop_off[0], k.top_drop_off[0]),
            None if k.top_drop_off is None else k.top_drop_off[1] + 1,
            None if k.top_scam is None else f"{k.top_scam.tutorial_id} {k.top_scam.step_id or ''}".strip(),
            None if k.top_scam is None else percent(k.top_scam.fooled_rate),
        )
        for k in report.by_kiosk
    )
    return Table("kiosks", "So sánh các ki-ốt (kiosks compared)", header, rows)


def report_tables(report: Report, titles: Mapping[str, str] | None = None) -> tuple[Table, ...]:
    """Every table of the report; `titles` maps tutorial ids to the names residents see.

    The per-kiosk comparison is there when the report covers several kiosks (`report --merge`).
    """
    names = titles or {}
    several = (_kiosks(report, names),) if len(report.kiosks) > 1 else ()
    return (
        _summary(report),
        *several,
        _tutorials(report, names),
        _funnel(report, names),
        _scenarios(report, names),
        _days(report),
        *_splits(report),
    )


# --- formats -------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: CellValue) -> CellValue:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP); numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return "" if cell is None else cell


def table_csv(table: Table) -> bytes:
    """One table as CSV, UTF-8 with a BOM so Excel shows Vietnamese letters; no cell is a live formula."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in table.header])
    writer.writerows([safe_cell(cell) for cell in row] for row in table.rows)
    return (BOM + text.getvalue()).encode("utf-8")


def csv_files(report: Report, titles: Mapping[str, str] | None = None) -> dict[str, bytes]:
    return {f"{table.name}.csv": table_csv(table) for table in report_tables(report, titles)}


def report_zip(report: Report, titles: Mapping[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in csv_files(report, titles).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def report_json(report: Report, titles: Mapping[str, str] | None = None) -> str:
    """The whole report as one JSON document (rates as fractions, times in UTC ISO 8601)."""
    names = titles or {}
    summary: dict[str, object] = {str(row[0]): row[2] for row in _summary(report).rows[4:]}
    document = {
        "start": None if report.start is None else report.start.isoformat(),
        "end": None if report.end is None else report.end.isoformat(),
        "utc_offset_hours": report.utc_offset / timedelta(hours=1),
        "kiosks": list(report.kiosks),
        "summary": summary | {"completion_rate": report.completion_rate},
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


def report_markdown(report: Report, titles: Mapping[str, str] | None = None) -> str:
    start = local_text(report.start, report.utc_offset) or "…"
    end = local_text(report.end, report.utc_offset) or "…"
    kiosks = _md_text(", ".join(report.kiosks)) or "—"
    lines = [
        "# Báo cáo sử dụng Kiosk Số (usage report)",
        "",
        f"Thời gian (period): {start} → {end}, giờ địa phương {offset_text(report.utc_offset)} "
        f"(local time, config utc_offset_hours). Ki-ốt (kiosks): {kiosks}.",
    ]
    for table in report_tables(report, titles):
        lines += ["", f"## {table.title}", "", _md_row(table.header), _md_row(("---",) * len(table.header))]
        lines += [_md_row(tuple("" if cell is None else str(cell) for cell in row)) for row in table.rows]
    return "\n".join(lines) + "\n"


def _md_text(text: str) -> str:
    """Data as one line of Markdown text: line breaks and control characters become spaces (no new heading)."""
    return _CONTROL.sub(" ", text)


def _md_row(cells: tuple[CellValue, ...]) -> str:
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
