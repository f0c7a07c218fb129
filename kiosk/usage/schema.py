"""The usage store's SQL: ordered migrations, and how an event becomes a row and back.

Times are stored as integer microseconds since 1970-01-01 UTC, so ranges, buckets and hours are integer arithmetic.
Version 3 adds the `rollup` table the dashboard reads: per kiosk, event name, tutorial, step and right/wrong, the
count and dwell sums of every UTC day (span 1) and of every 16-day block (span 16), kept up to date by a trigger on
insert, so a year of events is summed from a few tens of thousands of rows instead of a million.
Version 4 adds the `attempts` of ended visits (see kiosk/usage/visits.py: one row for the start, one for the
outcome, one per step reached), which feed the same rollup by trigger, and `open_visits`, the visits not ended yet.
Its last step is Python: the attempts of the visits already in the store are computed once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, NamedTuple
from uuid import UUID

from kiosk.usage.events import EPOCH, UsageEvent
from kiosk.usage.visits import FOLDED_NAMES, Attempt, VisitFolds

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
    "unaided",
    "help_level",
    "help_reason",
    "confidence_before",
    "confidence_after",
)
INSERT_SQL = f"INSERT OR IGNORE INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
SELECT_SQL = f"SELECT {', '.join(COLUMNS)} FROM events"

# The events that say which language and text size a session used, and whether a volunteer helped.
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


ATTEMPT_COLUMNS = "session_id, number, name, step_index, time, kiosk_id, tutorial_id, step_id, dwell_sum, dwell_n"
# OR IGNORE: odd data (two visits' events interleaved) must never stop a migration or a write; an ignored row
# fires no trigger, so the rollup always matches the table.
ATTEMPT_INSERT = f"INSERT OR IGNORE INTO attempts ({ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
FOLDED_SQL = f"name IN ({', '.join(repr(name) for name in FOLDED_NAMES)})"
MARK_COLUMNS = "kiosk_id, session_id, time, name, tutorial_id, step_index, step_id, dwell_ms"


def _attempt_rollup_in(span: int) -> str:
    return (
        f"{ROLLUP_INSERT} VALUES ({span}, NEW.time / {span * DAY_US}, NEW.kiosk_id, NEW.name, NEW.tutorial_id, "
        f"NEW.step_index, NEW.step_id, {NO_NUMBER}, 1, NEW.dwell_sum, NEW.dwell_n) "
        f"ON CONFLICT (span, bucket, {ROLLUP_KEY}) DO UPDATE SET n = n + 1, "
        "dwell_sum = dwell_sum + excluded.dwell_sum, dwell_n = dwell_n + excluded.dwell_n;"
    )


def _attempt_rollup_out(span: int) -> str:
    return (
        "UPDATE rollup SET n = n - 1, dwell_sum = dwell_sum - OLD.dwell_sum, dwell_n = dwell_n - OLD.dwell_n "
        f"WHERE span = {span} AND bucket = OLD.time / {span * DAY_US} AND kiosk_id = OLD.kiosk_id "
        "AND name = OLD.name AND tutorial_id = OLD.tutorial_id AND step_index = OLD.step_index "
        f"AND step_id = OLD.step_id AND correct = {NO_NUMBER};"
    )


def attempt_rows(attempt: Attempt) -> list[tuple[Any, ...]]:
    """The `attempts` rows of one attempt (absent step values as the rollup's sentinels)."""
    return [
        (
            attempt.session_id,
            attempt.number,
            name,
            NO_NUMBER if index is None else index,
            to_us(attempt.started),
            attempt.kiosk_id,
            attempt.tutorial_id,
            NO_TEXT if step is None else step,
            dwell_sum,
            dwell_n,
        )
        for name, index, step, dwell_sum, dwell_n in attempt.facts()
    ]


class MarkRow(NamedTuple):
    """The columns of an event that visits.py reads, straight from SQL."""

    kiosk_id: str
    session_id: str | None
    time: datetime
    name: str
    tutorial_id: str | None
    step_index: int | None
    step_id: str | None
    dwell_ms: int | None

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> MarkRow:
        kiosk, session, time, *rest = row
        return cls(kiosk, session, from_us(time), *rest)


def backfill_attempts(connection: sqlite3.Connection) -> None:
    """The attempts of every visit already stored; visits not ended yet go to `open_visits`."""
    folds = VisitFolds()
    sql = f"SELECT {MARK_COLUMNS} FROM events WHERE session_id IS NOT NULL AND {FOLDED_SQL} ORDER BY time"
    for row in connection.execute(sql):
        for attempt in folds.add(MarkRow.of(row)):
            connection.executemany(ATTEMPT_INSERT, attempt_rows(attempt))
    connection.executemany(
        "INSERT OR IGNORE INTO open_visits (session_id, kiosk_id, began) VALUES (?, ?, ?)",
        [(session, kiosk, to_us(began)) for session, kiosk, began in folds.still_open()],
    )


MigrationStep = str | Callable[[sqlite3.Connection], None]


# Ordered: MIGRATIONS[i] takes a store from version i to version i + 1. Never edit a released step; add one.
MIGRATIONS: tuple[tuple[MigrationStep, ...], ...] = (
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
    (
        # Issue 15: tutorial attempts per visit, decided when the visit ends (kiosk/usage/visits.py).
        """CREATE TABLE attempts (
            session_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            name TEXT NOT NULL,
            step_index INTEGER NOT NULL,
            time INTEGER NOT NULL,
            kiosk_id TEXT NOT NULL,
            tutorial_id TEXT NOT NULL,
            step_id TEXT NOT NULL,
            dwell_sum INTEGER NOT NULL,
            dwell_n INTEGER NOT NULL,
            PRIMARY KEY (session_id, number, name, step_index)
        ) WITHOUT ROWID""",
        "CREATE INDEX attempts_time ON attempts (time)",
        "CREATE TABLE open_visits (session_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, began INTEGER NOT NULL)",
        "CREATE INDEX open_visits_kiosk ON open_visits (kiosk_id, began)",
        "CREATE INDEX events_session ON events (session_id, time) WHERE session_id IS NOT NULL",
        "CREATE TRIGGER events_open_visit AFTER INSERT ON events WHEN NEW.session_id IS NOT NULL BEGIN "
        "INSERT OR IGNORE INTO open_visits (session_id, kiosk_id, began) VALUES (NEW.session_id, NEW.kiosk_id, "
        "NEW.time); END",
        f"CREATE TRIGGER attempts_rollup_in AFTER INSERT ON attempts BEGIN "
        f"{' '.join(map(_attempt_rollup_in, SPANS))} END",
        f"CREATE TRIGGER attempts_rollup_out AFTER DELETE ON attempts BEGIN "
        f"{' '.join(map(_attempt_rollup_out, SPANS))} END",
        backfill_attempts,
    ),
    (
        # Learning that lasts (issue 17): Tự làm unaided / help level, the reason of a help call, confidence faces.
        "ALTER TABLE events ADD COLUMN unaided INTEGER",
        "ALTER TABLE events ADD COLUMN help_level INTEGER",
        "ALTER TABLE events ADD COLUMN help_reason TEXT",
        "ALTER TABLE events ADD COLUMN confidence_before INTEGER",
        "ALTER TABLE events ADD COLUMN confidence_after INTEGER",
        "CREATE INDEX events_confidence ON events (time) WHERE name = 'confidence_rated'",
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
        None if event.unaided is None else int(event.unaided),
        event.help_level,
        event.help_reason,
        event.confidence_before,
        event.confidence_after,
    )


def from_row(row: tuple[Any, ...]) -> UsageEvent:
    data = dict(zip(COLUMNS, row, strict=True))
    data["event_id"] = UUID(data["event_id"])
    data["time"] = from_us(data["time"])
    data["assisted"] = bool(data["assisted"])
    data["clock_unset"] = bool(data["clock_unset"])
    for flag in ("correct", "unaided"):
        if data[flag] is not None:
            data[flag] = bool(data[flag])
    return UsageEvent.model_validate(data)
