"""The usage store's SQL: ordered migrations, and how an event becomes a row and back.

Times are stored as integer microseconds since 1970-01-01 UTC, so ranges, buckets and hours are integer arithmetic.
Version 3 adds the `rollup` table the dashboard reads: per kiosk, event name, tutorial, step and right/wrong, the
count and dwell sums of every UTC day (span 1) and of every 16-day block (span 16), kept up to date by a trigger on
insert, so a year of events is summed from a few tens of thousands of rows instead of a million.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from kiosk.usage.events import EPOCH, UsageEvent

MICROSECOND = timedelta(microseconds=1)
HOUR_US = 3_600_000_000
DAY_US = 24 * HOUR_US
SPANS = (1, 16)  # rollup bucket sizes in days; each is a multiple of the one before
MAX_US = 2**62  # "no end": far beyond any datetime

# Rollup keys cannot hold NULL (a NULL in a key never conflicts), so absent values get a sentinel no event has.
NO_TEXT = ""
NO_NUMBER = -1

COLUMNS = (
    "event_id",
    "kiosk_id",
    "session_id",
    "time",
    "name",
    "tutorial_id",
    "step_id",
    "step_index",
    "language",
    "assisted",
    "correct",
    "dwell_ms",
    "text_size",
    "clock_unset",
)
INSERT_SQL = f"INSERT OR IGNORE INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
SELECT_SQL = f"SELECT {', '.join(COLUMNS)} FROM events"

# The events that say which language and text size a session used, and whether a volunteer helped.
SESSION_EVENTS = ("session_started", "language_changed", "text_size_changed", "volunteer_mode_started")
SESSION_EVENTS_SQL = "name IN ('session_started', 'language_changed', 'text_size_changed', 'volunteer_mode_started')"

ROLLUP_KEY = "kiosk_id, name, tutorial_id, step_index, step_id, correct"


def rollup_key_values(prefix: str = "") -> str:
    """The rollup key computed from an event row (`prefix` is "NEW." inside the trigger)."""
    p = prefix
    return (
        f"{p}kiosk_id, {p}name, coalesce({p}tutorial_id, '{NO_TEXT}'), coalesce({p}step_index, {NO_NUMBER}), "
        f"coalesce({p}step_id, '{NO_TEXT}'), coalesce({p}correct, {NO_NUMBER})"
    )


def rollup_select(span: int) -> str:
    """Rollup rows of one span computed from events; the caller adds a WHERE on time, then ROLLUP_GROUP."""
    return (
        f"SELECT {span}, time / {span * DAY_US}, {rollup_key_values()}, COUNT(*), coalesce(SUM(dwell_ms), 0), "
        "COUNT(dwell_ms) FROM events"
    )


ROLLUP_GROUP = "GROUP BY 2, 3, 4, 5, 6, 7, 8"
ROLLUP_INSERT = f"INSERT INTO rollup (span, bucket, {ROLLUP_KEY}, n, dwell_sum, dwell_n)"


def _trigger_upsert(span: int) -> str:
    return (
        f"{ROLLUP_INSERT} VALUES ({span}, NEW.time / {span * DAY_US}, {rollup_key_values('NEW.')}, "
        "1, coalesce(NEW.dwell_ms, 0), NEW.dwell_ms IS NOT NULL) "
        f"ON CONFLICT (span, bucket, {ROLLUP_KEY}) DO UPDATE SET n = n + 1, "
        "dwell_sum = dwell_sum + excluded.dwell_sum, dwell_n = dwell_n + excluded.dwell_n;"
    )


def _backfill(span: int) -> str:
    return f"{ROLLUP_INSERT} {rollup_select(span)} {ROLLUP_GROUP}"


# Ordered: MIGRATIONS[i] takes a store from version i to version i + 1. Never edit a released step; add one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            kiosk_id TEXT NOT NULL,
            session_id TEXT,
            time INTEGER NOT NULL,
            name TEXT NOT NULL,
            tutorial_id TEXT,
            step_id TEXT,
            step_index INTEGER,
            language TEXT,
            assisted INTEGER NOT NULL DEFAULT 0,
            correct INTEGER,
            dwell_ms INTEGER,
            text_size INTEGER,
            clock_unset INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX events_time ON events (time)",
    ),
    (
        # The upload outbox (issue 7): an event is delivered once the ward server has it.
        "ALTER TABLE events ADD COLUMN delivered_at INTEGER",
        "CREATE INDEX events_outbox ON events (time) WHERE delivered_at IS NULL",
    ),
    (
        f"""CREATE TABLE rollup (
            span INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            kiosk_id TEXT NOT NULL,
            name TEXT NOT NULL,
            tutorial_id TEXT NOT NULL,
            step_index INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            correct INTEGER NOT NULL,
            n INTEGER NOT NULL,
            dwell_sum INTEGER NOT NULL,
            dwell_n INTEGER NOT NULL,
            PRIMARY KEY (span, bucket, {ROLLUP_KEY})
        ) WITHOUT ROWID""",
        f"CREATE INDEX events_sessions ON events (name, time, session_id, language, text_size) "
        f"WHERE {SESSION_EVENTS_SQL}",
        f"CREATE TRIGGER events_rollup AFTER INSERT ON events BEGIN {' '.join(map(_trigger_upsert, SPANS))} END",
        *(_backfill(span) for span in SPANS),
    ),
)
LATEST_VERSION = len(MIGRATIONS)


def to_us(time: datetime) -> int:
    """Microseconds since 1970-01-01 UTC, exactly."""
    return (time - EPOCH) // MICROSECOND


def from_us(value: int) -> datetime:
    return EPOCH + timedelta(microseconds=value)


def to_row(event: UsageEvent) -> tuple[Any, ...]:
    return (
        str(event.event_id),
        event.kiosk_id,
        event.session_id,
        to_us(event.time),
        event.name,
        event.tutorial_id,
        event.step_id,
        event.step_index,
        event.language,
        int(event.assisted),
        None if event.correct is None else int(event.correct),
        event.dwell_ms,
        event.text_size,
        int(event.clock_unset),
    )


def from_row(row: tuple[Any, ...]) -> UsageEvent:
    data = dict(zip(COLUMNS, row, strict=True))
    data["event_id"] = UUID(data["event_id"])
    data["time"] = from_us(data["time"])
    data["assisted"] = bool(data["assisted"])
    data["clock_unset"] = bool(data["clock_unset"])
    if data["correct"] is not None:
        data["correct"] = bool(data["correct"])
    return UsageEvent.model_validate(data)
