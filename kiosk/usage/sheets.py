"""What the usage report exports, defined once: its sheets, their columns and every heading word.

CSV (one file per sheet), the zip of them, Markdown and the Excel workbook all draw these sheets; they differ only
in how a cell is written (a rate is a whole percentage in CSV, a fraction shown as % in Excel) and where the
machine keys go (first in CSV and Markdown, where scripts look for them; last in the workbook, where a ward
officer reads the names first). Headings are Vietnamese first with the English in brackets; a machine key
(`tutorial_id`, `step_id`, `key`) is the same in every language and never translated. Pure Python: no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.usage.report import KioskStats, Report, ordered_funnels

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
MAX_DAYS = 3660  # the daily sheet lists every day of at most ten years; longer periods list days with visits only


class Percent(float):
    """A fraction shown as a percentage."""


class Seconds(float):
    """A duration in seconds."""


class Mean(float):
    """An average of small whole numbers (the confidence faces, 1–3): shown with two decimals."""


Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Column:
    """One column: `vi` and `en` make the heading; a machine key has no Vietnamese and `en` is the key itself."""

    en: str
    vi: str | None = None
    rate: bool = False  # the cells are Percent: a format writing whole percentages says so in the heading

    @property
    def is_key(self) -> bool:
        return self.vi is None

    def heading(self, whole_percent: bool = False) -> str:
        if self.vi is None:
            return self.en
        unit = " %" if whole_percent and self.rate else ""
        return f"{self.vi}{unit} ({self.en}{unit})"


# --- the report's other words: its title, the period line, the charts (Vietnamese first) -------------

REPORT_TITLE = "Báo cáo sử dụng Kiosk Số (usage report)"
PERIOD_LINE = (
    "Thời gian (period): {start} → {end}, giờ địa phương {offset} (local time, config utc_offset_hours). "
    "Ki-ốt (kiosks): {kiosks}."
)
CHARTS_SHEET = "Biểu đồ"  # the workbook's tab with the charts
CHARTS_HEADING = "Biểu đồ (charts) — số liệu ở các trang bên cạnh (data on the other sheets)"
DAILY_SERIES = "Lượt sử dụng"
DAILY_CHART_TITLE = "Lượt sử dụng mỗi ngày (visits per day)"
FUNNEL_SERIES = "Số lượt học đến bước này"
FUNNEL_CHART_TITLE = "{title}: số lượt học đến mỗi bước"
FUNNEL_AXIS = "Bước (step)"
PRODUCT = "Kiosk Số"


# --- every column heading of the export, in one place ----------------------------------

KEY = Column("key")
TUTORIAL_ID = Column("tutorial_id")
STEP_ID = Column("step_id")
FIGURE = Column("figure", "Chỉ số")
VALUE = Column("value", "Giá trị")
TITLE = Column("title", "Tên bài")
STARTED = Column("started", "Bắt đầu")
TUTORIALS_STARTED = Column("started", "Bài bắt đầu")
COMPLETED = Column("completed", "Hoàn thành")
ABANDONED = Column("abandoned", "Bỏ dở")
COMPLETION_RATE = Column("completion rate", "Tỉ lệ hoàn thành", rate=True)
HELP_REQUESTS = Column("help requests", "Gọi hỗ trợ")
STEP = Column("step", "Bước")
REACHED = Column("attempts reaching it", "Số lượt học đến bước này")
ABANDONED_HERE = Column("abandoned here", "Bỏ dở ở bước này")
MEAN_SECONDS = Column("mean seconds", "Thời gian trung bình, giây")
RANK = Column("rank", "Hạng")
ANSWERS = Column("answers", "Số câu trả lời")
WRONG = Column("wrong", "Trả lời sai")
FOOLED = Column("fooled", "Tỉ lệ bị lừa", rate=True)
DAY = Column("day", "Ngày")
VISITS = Column("visits", "Lượt sử dụng")
KIOSK = Column("kiosk", "Ki-ốt")
TOP_DROP_OFF = Column("top drop-off step", "Bỏ dở nhiều nhất ở")
ABANDONED_THERE = Column("abandoned there", "Số lượt bỏ dở ở đó")
TOP_SCAM = Column("scam that fooled most", "Tình huống lừa được nhiều nhất")
HOUR = Column("hour", "Giờ")
WEEKDAY = Column("weekday", "Thứ")
LANGUAGE = Column("language", "Ngôn ngữ")
TEXT_SIZE = Column("text size", "Cỡ chữ")
HOW = Column("how", "Cách dùng")
PAIRS = Column("residents who rated before and after", "Số lượt chấm cả trước và sau")
CONFIDENCE_BEFORE = Column("confidence before (1-3)", "Tự tin trước khi học (1–3)")
CONFIDENCE_AFTER = Column("confidence after (1-3)", "Tự tin sau khi học (1–3)")
CONFIDENCE_CHANGE = Column("change", "Thay đổi")
STEP_PREFIX = "bước"  # "vneid – bước 2": a drop-off step named in a cell


@dataclass(frozen=True)
class Sheet:
    """One table of the report: `stem` names its CSV file, `name` its workbook tab (at most 31 characters)."""

    stem: str
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def keys_first(self) -> Sheet:
        return self._ordered(sorted(range(len(self.columns)), key=lambda n: not self.columns[n].is_key))

    def keys_last(self) -> Sheet:
        return self._ordered(sorted(range(len(self.columns)), key=lambda n: self.columns[n].is_key))

    def _ordered(self, order: list[int]) -> Sheet:
        columns = tuple(self.columns[n] for n in order)
        rows = tuple(tuple(row[n] for n in order) for row in self.rows)
        return Sheet(self.stem, self.name, self.title, columns, rows)


def _local(moment: datetime | None, offset: timedelta) -> datetime | None:
    return None if moment is None else (moment + offset).replace(tzinfo=None)


def _rate(value: float | None) -> Percent | None:
    return None if value is None else Percent(value)


def offset_text(offset: timedelta) -> str:
    hours = offset / timedelta(hours=1)
    return f"UTC{hours:+g}"


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
    return Sheet("summary", "Tổng quan", "Tổng quan (summary)", (FIGURE, VALUE, KEY), rows)


def _tutorials(report: Report, titles: Mapping[str, str]) -> Sheet:
    columns = (TITLE, STARTED, COMPLETED, ABANDONED, COMPLETION_RATE, HELP_REQUESTS, TUTORIAL_ID)
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
    return Sheet("tutorials", "Bài học", "Các bài hướng dẫn (tutorials)", columns, rows)


def _funnel(report: Report, titles: Mapping[str, str]) -> Sheet:
    columns = (TITLE, STEP, REACHED, ABANDONED_HERE, MEAN_SECONDS, TUTORIAL_ID, STEP_ID)
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
    return Sheet("funnel", "Các bước", "Người dùng dừng ở bước nào (drop-off by step)", columns, rows)


def _scenarios(report: Report, titles: Mapping[str, str]) -> Sheet:
    columns = (RANK, TITLE, ANSWERS, WRONG, FOOLED, TUTORIAL_ID, STEP_ID)
    rows = tuple(
        (
            rank,
            titles.get(s.tutorial_id, s.tutorial_id),
            s.answers,
            s.wrong,
            Percent(s.fooled_rate),
            s.tutorial_id,
            s.step_id,
        )
        for rank, s in enumerate(report.scenarios, start=1)
    )
    title = "Tình huống dễ bị lừa nhất (scenarios residents were fooled by)"
    return Sheet("scenarios", "Lừa đảo", title, columns, rows)


def _confidence(report: Report, titles: Mapping[str, str]) -> Sheet:
    """The three faces before and after each tutorial, paired within a visit (kiosk/usage/confidence.py)."""
    columns = (TITLE, PAIRS, CONFIDENCE_BEFORE, CONFIDENCE_AFTER, CONFIDENCE_CHANGE, TUTORIAL_ID)
    rows = tuple(
        (
            titles.get(c.tutorial_id, c.tutorial_id),
            c.pairs,
            Mean(round(c.mean_before, 2)),
            Mean(round(c.mean_after, 2)),
            Mean(round(c.change, 2)),
            c.tutorial_id,
        )
        for c in report.confidence
    )
    title = "Tự tin hơn sau khi học? (confidence before and after each lesson, 1 chưa tự tin – 3 tự tin)"
    return Sheet("confidence", "Tự tin", title, columns, rows)


def _days(report: Report) -> Sheet:
    """Every local day of the period, days without visits too (a chart needs the gaps)."""
    counts = dict(report.days)
    days: list[date] = sorted(counts)
    if report.start is not None and report.end is not None:
        first = (report.start + report.utc_offset).date()
        last = (report.end + report.utc_offset - timedelta(microseconds=1)).date()
        if 0 <= (last - first).days < MAX_DAYS:
            days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    rows = tuple((day, counts.get(day, 0)) for day in days)
    return Sheet("days", "Theo ngày", "Lượt sử dụng mỗi ngày (visits per local day)", (DAY, VISITS), rows)


def _splits(report: Report) -> list[Sheet]:
    hours = tuple((f"{hour:02d}:00", count) for hour, count in enumerate(report.hours))
    days = tuple((f"{vi} ({en})", count) for vi, en, count in zip(WEEKDAYS, WEEKDAYS_EN, report.weekdays, strict=True))
    languages = tuple((LANGUAGE_NAMES.get(code, code), count) for code, count in report.languages)
    sizes = tuple((f"{size}%", count) for size, count in report.text_sizes)
    assisted = (
        ("Có tình nguyện viên (assisted)", report.assisted_sessions),
        ("Tự sử dụng (alone)", report.alone_sessions),
    )
    return [
        Sheet("hours", "Theo giờ", "Giờ đông khách (visits by hour)", (HOUR, VISITS), hours),
        Sheet("weekdays", "Theo thứ", "Ngày trong tuần (visits by weekday)", (WEEKDAY, VISITS), days),
        Sheet("languages", "Ngôn ngữ", "Ngôn ngữ (languages)", (LANGUAGE, VISITS), languages),
        Sheet("text_sizes", "Cỡ chữ", "Cỡ chữ (text sizes)", (TEXT_SIZE, VISITS), sizes),
        Sheet("assisted", "Hỗ trợ", "Có hỗ trợ hay tự dùng (assisted or alone)", (HOW, VISITS), assisted),
    ]


def _drop_text(stats: KioskStats, titles: Mapping[str, str]) -> str | None:
    if stats.top_drop_off is None:
        return None
    tutorial, index, _, _ = stats.top_drop_off
    return f"{titles.get(tutorial, tutorial)} – {STEP_PREFIX} {index + 1}"


def _kiosks(report: Report, titles: Mapping[str, str]) -> Sheet:
    columns = (
        KIOSK,
        VISITS,
        TUTORIALS_STARTED,
        COMPLETED,
        COMPLETION_RATE,
        ABANDONED,
        TOP_DROP_OFF,
        ABANDONED_THERE,
        TOP_SCAM,
        FOOLED,
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
    return Sheet("kiosks", "So sánh ki-ốt", "So sánh các ki-ốt (kiosks compared)", columns, rows)


def report_sheets(report: Report, titles: Mapping[str, str] | None = None) -> tuple[Sheet, ...]:
    """Every sheet of the report in order; `titles` maps tutorial ids to the names residents see (else the id).

    The per-kiosk comparison is there, second, when the report covers several kiosks (`report --merge`).
    """
    names = titles or {}
    several = (_kiosks(report, names),) if len(report.kiosks) > 1 else ()
    return (
        _summary(report),
        *several,
        _tutorials(report, names),
        _funnel(report, names),
        _scenarios(report, names),
        _confidence(report, names),
        _days(report),
        *_splits(report),
    )
