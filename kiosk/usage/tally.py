"""Counting events for a report, two ways that must agree: over any event stream, and with SQL over the store.

Both fill the same `Tally` (counts per kiosk, event name, tutorial, step and right/wrong, plus the per-session
figures), and `report.assemble` turns a Tally into a Report, so the two paths can differ only in counting.
Definitions shared by both:
- a period is start <= time < end (None: open);
- sessions started per local hour and weekday come from `session_started`;
- a session "used" a language or text size if it started in it or switched to it (it may count under two);
- an assisted session is one with `volunteer_mode_started`;
- tutorial attempts and the step funnel are those of kiosk/usage/visits.py, counted in the period they began
  (the store keeps them in `attempts`; a stream is folded here with the same code).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kiosk.usage.events import UsageEvent
from kiosk.usage.schema import DAY_US, HOUR_US, MAX_US, MICROSECOND, NO_NUMBER, NO_TEXT, SPANS, rollup_key_values, to_us
from kiosk.usage.store import ATTEMPTS_VERSION, UsageStore
from kiosk.usage.visits import Attempt, VisitFolds

# kiosk_id, name, tutorial_id, step_index, step_id, correct
CountKey = tuple[str, str, str | None, int | None, str | None, bool | None]
WEEK_SHIFT_US = 4 * 7 * DAY_US  # keeps local times positive in SQL without moving weekday or hour


@dataclass
class Cell:
    """How many events share one key, and the sum and number of their dwell times."""

    n: int = 0
    dwell_sum: int = 0
    dwell_n: int = 0


@dataclass
class Tally:
    """Everything a report needs, counted; both counting paths fill one of these."""

    counts: dict[CountKey, Cell] = field(default_factory=dict)
    starts: Counter[tuple[int, int]] = field(default_factory=Counter)  # (weekday Mon=0, local hour) → sessions
    days: Counter[int] = field(default_factory=Counter)  # local day (date ordinal) → sessions started
    languages: Counter[str] = field(default_factory=Counter)
    text_sizes: Counter[int] = field(default_factory=Counter)
    assisted_sessions: int = 0

    def add(self, key: CountKey, n: int, dwell_sum: int, dwell_n: int) -> None:
        cell = self.counts.setdefault(key, Cell())
        cell.n += n
        cell.dwell_sum += dwell_sum
        cell.dwell_n += dwell_n

    def add_attempt(self, attempt: Attempt) -> None:
        for name, index, step, dwell_sum, dwell_n in attempt.facts():
            self.add((attempt.kiosk_id, name, attempt.tutorial_id, index, step, None), 1, dwell_sum, dwell_n)


# --- any event stream ---------------------------------------------------------


@dataclass
class _SessionSets:
    languages: dict[str, set[str]] = field(default_factory=dict)
    text_sizes: dict[int, set[str]] = field(default_factory=dict)
    assisted: set[str] = field(default_factory=set)

    def see(self, event: UsageEvent, session: str) -> None:
        if event.name in ("session_started", "language_changed") and event.language is not None:
            self.languages.setdefault(event.language, set()).add(session)
        if event.name in ("session_started", "text_size_changed") and event.text_size is not None:
            self.text_sizes.setdefault(event.text_size, set()).add(session)
        if event.name == "volunteer_mode_started":
            self.assisted.add(session)


def tally_events(
    events: Iterable[UsageEvent], start: datetime | None, end: datetime | None, utc_offset: timedelta
) -> Tally:
    """Count a stream of events (from the store, or JSON Lines files of several kiosks)."""
    tally = Tally()
    sessions = _SessionSets()
    folds = VisitFolds()
    for event in events:
        for attempt in folds.add(event):
            if (start is None or attempt.started >= start) and (end is None or attempt.started < end):
                tally.add_attempt(attempt)
        if (start is not None and event.time < start) or (end is not None and event.time >= end):
            continue
        key = (event.kiosk_id, event.name, event.tutorial_id, event.step_index, event.step_id, event.correct)
        tally.add(key, 1, event.dwell_ms or 0, int(event.dwell_ms is not None))
        if event.name == "session_started":
            local = event.time + utc_offset
            tally.starts[(local.weekday(), local.hour)] += 1
            tally.days[local.date().toordinal()] += 1
        if event.session_id is not None:
            sessions.see(event, event.session_id)
    tally.languages.update({language: len(ids) for language, ids in sessions.languages.items()})
    tally.text_sizes.update({size: len(ids) for size, ids in sessions.text_sizes.items()})
    tally.assisted_sessions = len(sessions.assisted)
    return tally


# --- the store, with SQL ------------------------------------------------------

ROLLUP_SQL = (
    "SELECT kiosk_id, name, tutorial_id, step_index, step_id, correct, SUM(n), SUM(dwell_sum), SUM(dwell_n) "
    "FROM rollup WHERE span = ? AND bucket >= ? AND bucket < ? "
    "GROUP BY kiosk_id, name, tutorial_id, step_index, step_id, correct"
)
RAW_SQL = (
    f"SELECT {rollup_key_values()}, COUNT(*), coalesce(SUM(dwell_ms), 0), COUNT(dwell_ms) "
    "FROM events WHERE time >= ? AND time < ? GROUP BY 1, 2, 3, 4, 5, 6"
)
RAW_ATTEMPTS_SQL = (
    f"SELECT kiosk_id, name, tutorial_id, step_index, step_id, {NO_NUMBER}, COUNT(*), SUM(dwell_sum), SUM(dwell_n) "
    "FROM attempts WHERE time >= ? AND time < ? GROUP BY 1, 2, 3, 4, 5"
)
EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
SESSIONS_SQL = f"""
WITH s AS (
    SELECT name, session_id, language, text_size, time FROM events
    WHERE name IN ('session_started', 'language_changed', 'text_size_changed', 'volunteer_mode_started')
    AND time >= :low AND time < :high
)
SELECT 'language', language, COUNT(DISTINCT session_id) FROM s
    WHERE name IN ('session_started', 'language_changed') AND language IS NOT NULL GROUP BY language
UNION ALL
SELECT 'text_size', text_size, COUNT(DISTINCT session_id) FROM s
    WHERE name IN ('session_started', 'text_size_changed') AND text_size IS NOT NULL GROUP BY text_size
UNION ALL
SELECT 'assisted', NULL, COUNT(DISTINCT session_id) FROM s WHERE name = 'volunteer_mode_started'
UNION ALL
SELECT 'day', (time + :shift) / {DAY_US}, COUNT(*) FROM s WHERE name = 'session_started' GROUP BY 2
UNION ALL
SELECT 'start', ((time + :shift) / {DAY_US} + 3) % 7 * 24 + (time + :shift) / {HOUR_US} % 24, COUNT(*) FROM s
    WHERE name = 'session_started' GROUP BY 2
"""


def split_range(low: int, high: int) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """[low, high) as raw time ranges at the edges and whole rollup buckets (span, first, end) in between."""
    day, block = SPANS[0] * DAY_US, SPANS[1] * DAY_US
    first_day, end_day = -(-low // day) * day, high // day * day
    if first_day >= end_day:
        return [(low, high)], []
    raw = [(a, b) for a, b in ((low, first_day), (end_day, high)) if a < b]
    first_block, end_block = -(-first_day // block) * block, end_day // block * block
    if first_block >= end_block:
        return raw, [(SPANS[0], first_day // day, end_day // day)]
    buckets = [
        (SPANS[0], first_day // day, first_block // day),
        (SPANS[1], first_block // block, end_block // block),
        (SPANS[0], end_block // day, end_day // day),
    ]
    return raw, [(span, a, b) for span, a, b in buckets if a < b]


def _key(row: tuple[Any, ...]) -> CountKey:
    kiosk, name, tutorial, index, step, correct = row[:6]
    return (
        str(kiosk),
        str(name),
        None if tutorial == NO_TEXT else str(tutorial),
        None if index == NO_NUMBER else int(index),
        None if step == NO_TEXT else str(step),
        None if correct == NO_NUMBER else bool(correct),
    )


def tally_store(store: UsageStore, start: datetime | None, end: datetime | None, utc_offset: timedelta) -> Tally:
    """The same Tally as `tally_events(store.iter_events(), …)`, from rollups, index ranges and GROUP BY."""
    low = max(to_us(start), 0) if start is not None else 0
    high = min(to_us(end), MAX_US) if end is not None else MAX_US
    tally = Tally()
    if low >= high:
        return tally
    raw, buckets = split_range(low, high)
    connection = store.connection
    rows = [row for span in buckets for row in connection.execute(ROLLUP_SQL, span)]
    rows += [row for edge in raw for row in connection.execute(RAW_SQL, edge)]
    if store.schema_version() >= ATTEMPTS_VERSION:
        rows += [row for edge in raw for row in connection.execute(RAW_ATTEMPTS_SQL, edge)]
    for row in rows:
        tally.add(_key(row), int(row[6]), int(row[7]), int(row[8]))
    shift = utc_offset // MICROSECOND + WEEK_SHIFT_US
    for kind, value, count in connection.execute(SESSIONS_SQL, {"low": low, "high": high, "shift": shift}):
        if kind == "language":
            tally.languages[str(value)] = count
        elif kind == "text_size":
            tally.text_sizes[int(value)] = count
        elif kind == "assisted":
            tally.assisted_sessions = count
        elif kind == "day":
            tally.days[int(value) - WEEK_SHIFT_US // DAY_US + EPOCH_ORDINAL] = count
        else:
            tally.starts[divmod(int(value), 24)] = count
    return tally
