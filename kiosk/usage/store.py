"""The usage store: a repository over one SQLite connection, opening with repair, and daily retention.

`open_store` is what the kiosk uses: WAL, `synchronous=FULL` (a committed event survives power loss),
`PRAGMA integrity_check`, and a damaged file moved aside so the kiosk keeps running on a fresh store.
`open_reader` is for reports: no repair, no migration, query-only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from uuid import UUID

from kiosk.system.clock import WallClock
from kiosk.usage.events import UsageEvent, clock_is_unset, utc_now
from kiosk.usage.schema import (
    ATTEMPT_INSERT,
    DAY_US,
    FOLDED_SQL,
    INSERT_SQL,
    LATEST_VERSION,
    MARK_COLUMNS,
    MIGRATIONS,
    NO_NUMBER,
    ROLLUP_GROUP,
    ROLLUP_INSERT,
    SELECT_SQL,
    SPANS,
    MarkRow,
    attempt_rows,
    from_row,
    from_us,
    rollup_select,
    to_row,
    to_us,
)
from kiosk.usage.visits import ENDS, STARTED, fold_visit

STORE_FILE = "usage.sqlite3"
ATTEMPTS_VERSION = 4  # the schema version that has `attempts` and `open_visits`
DAMAGE_CODES = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})
STREAM_CHUNK = 1000


class StoreError(Exception):
    """The store cannot be opened or used right now (a full disk, no permission, a newer schema …)."""


def is_damage(error: sqlite3.Error) -> bool:
    """A damaged file (as opposed to a locked or unwritable one, which must never be moved aside)."""
    return getattr(error, "sqlite_errorname", "") in DAMAGE_CODES


class UsageStore:
    """Events in and out of one SQLite connection; the caller owns the connection's thread."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        connection.isolation_level = None  # transactions are explicit: BEGIN IMMEDIATE … COMMIT
        self.connection = connection
        self._counts_visits: bool | None = None  # the schema has `attempts` (known after the first look)

    def _one(self, sql: str, parameters: Sequence[object] = ()) -> int:
        row = self.connection.execute(sql, parameters).fetchone()
        return int(row[0]) if row is not None and row[0] is not None else 0

    def schema_version(self) -> int:
        exists = self._one("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
        return self._one("SELECT MAX(version) FROM schema_version") if exists else 0

    def migrate(self) -> None:
        """Run every migration step this store has not had yet, each in its own transaction."""
        self.connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        version = self.schema_version()
        if version > LATEST_VERSION:
            raise StoreError(f"the store has schema version {version}, newer than this kiosk ({LATEST_VERSION})")
        for number, steps in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._transaction():
                for step in steps:
                    if isinstance(step, str):
                        self.connection.execute(step)
                    else:
                        step(self.connection)
                self.connection.execute("DELETE FROM schema_version")
                self.connection.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
        self._counts_visits = None

    def _transaction(self) -> _Transaction:
        return _Transaction(self.connection)

    def append(self, events: Sequence[UsageEvent]) -> int:
        """Store events in one transaction; an event id already stored is ignored. Returns how many were new."""
        with self._transaction():
            cursor = self.connection.executemany(INSERT_SQL, [to_row(event) for event in events])
            if self._has_attempts():
                for session in self._visits_ended_by(events):
                    self._fold(session)
        return max(cursor.rowcount, 0)

    def _has_attempts(self) -> bool:
        if self._counts_visits is None:
            self._counts_visits = self.schema_version() >= ATTEMPTS_VERSION
        return self._counts_visits

    def _visits_ended_by(self, events: Sequence[UsageEvent]) -> list[str]:
        """Visits these events end: their own end event, or the next visit starting on the same kiosk."""
        ended: dict[str, None] = {}
        sql = "SELECT session_id FROM open_visits WHERE kiosk_id = ? AND began < ? AND session_id != ?"
        for event in events:
            session = event.session_id
            if session is None:
                continue
            if event.name == STARTED:
                rows = self.connection.execute(sql, (event.kiosk_id, to_us(event.time), session))
                ended.update((str(row[0]), None) for row in rows)
            elif event.name in ENDS:
                ended[session] = None
        return list(ended)

    def _fold(self, session: str) -> None:
        """(Re)compute the attempts of one ended visit from all its events; the rollup follows by trigger."""
        self.connection.execute("DELETE FROM attempts WHERE session_id = ?", (session,))
        sql = f"SELECT {MARK_COLUMNS} FROM events WHERE session_id = ? AND {FOLDED_SQL} ORDER BY time"
        marks = [MarkRow.of(row) for row in self.connection.execute(sql, (session,))]
        for attempt in fold_visit(marks):
            self.connection.executemany(ATTEMPT_INSERT, attempt_rows(attempt))
        self.connection.execute("DELETE FROM open_visits WHERE session_id = ?", (session,))

    def count(self) -> int:
        return self._one("SELECT COUNT(*) FROM events")

    def time_range(self) -> tuple[datetime, datetime] | None:
        """The oldest and newest event time, or None for an empty store."""
        row = self.connection.execute("SELECT MIN(time), MAX(time) FROM events").fetchone()
        if row is None or row[0] is None:
            return None
        return from_us(row[0]), from_us(row[1])

    def iter_events(self, start: datetime | None = None, end: datetime | None = None) -> Iterator[UsageEvent]:
        """Events with start <= time < end, oldest first, streamed in chunks (never all in memory)."""
        low = to_us(start) if start is not None else -(2**62)
        high = to_us(end) if end is not None else 2**62
        cursor = self.connection.execute(f"{SELECT_SQL} WHERE time >= ? AND time < ? ORDER BY time", (low, high))
        while rows := cursor.fetchmany(STREAM_CHUNK):
            yield from map(from_row, rows)

    def undelivered(self, limit: int) -> list[UsageEvent]:
        """The oldest `limit` events not yet uploaded (the outbox), oldest first."""
        sql = f"{SELECT_SQL} WHERE delivered_at IS NULL ORDER BY time LIMIT ?"
        return [from_row(row) for row in self.connection.execute(sql, (limit,)).fetchall()]

    def undelivered_count(self) -> int:
        return self._one("SELECT COUNT(*) FROM events WHERE delivered_at IS NULL")

    def mark_delivered(self, ids: Sequence[UUID], at: datetime) -> int:
        """Mark events as uploaded at `at`, in one transaction. Returns how many were not marked before."""
        rows = [(to_us(at), str(event_id)) for event_id in ids]
        with self._transaction():
            sql = "UPDATE events SET delivered_at = ? WHERE event_id = ? AND delivered_at IS NULL"
            cursor = self.connection.executemany(sql, rows)
        return max(cursor.rowcount, 0)

    def oldest_undelivered(self) -> datetime | None:
        """The time of the oldest event the upload server does not have yet (the backlog's age)."""
        row = self.connection.execute("SELECT MIN(time) FROM events WHERE delivered_at IS NULL").fetchone()
        return from_us(row[0]) if row is not None and row[0] is not None else None

    def purge_older_than(self, cutoff: datetime, keep_undelivered: bool = False) -> int:
        """Delete events before `cutoff` (never an undelivered one when `keep_undelivered`) and recompute the
        rollup buckets they touched. Returns how many."""
        limit = to_us(cutoff)
        only_delivered = " AND delivered_at IS NOT NULL" if keep_undelivered else ""
        with self._transaction():
            cut = self._visits_cut_at(limit)
            deleted = self.connection.execute(f"DELETE FROM events WHERE time < ?{only_delivered}", (limit,)).rowcount
            if self.schema_version() >= ATTEMPTS_VERSION:
                self._forget_attempts_before(limit, cut)
            if deleted > 0 and self._has_rollup():
                for span in SPANS:
                    self._rebuild_bucket(span, limit // (span * DAY_US))
        return max(deleted, 0)

    def _visits_cut_at(self, limit: int) -> list[str]:
        """Ended visits with events on both sides of `limit`: their attempts are recomputed from what is kept."""
        if self.schema_version() < ATTEMPTS_VERSION:
            return []
        sql = (
            "SELECT DISTINCT session_id FROM events WHERE time < ? AND session_id IS NOT NULL "
            "AND session_id NOT IN (SELECT session_id FROM open_visits) "
            "AND EXISTS (SELECT 1 FROM events AS later WHERE later.session_id = events.session_id AND later.time >= ?)"
        )
        return [str(row[0]) for row in self.connection.execute(sql, (limit, limit))]

    def _forget_attempts_before(self, limit: int, cut: list[str]) -> None:
        self.connection.execute("DELETE FROM attempts WHERE time < ?", (limit,))
        self.connection.execute("DELETE FROM open_visits WHERE began < ?", (limit,))
        for session in cut:
            self._fold(session)

    def _has_rollup(self) -> bool:
        return self._one("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'rollup'") == 1

    def _rebuild_bucket(self, span: int, bucket: int) -> None:
        """Drop every rollup row up to `bucket` and recompute them from the events left (undelivered ones stay)."""
        size = span * DAY_US
        self.connection.execute("DELETE FROM rollup WHERE span = ? AND bucket <= ?", (span, bucket))
        self.connection.execute(
            f"{ROLLUP_INSERT} {rollup_select(span)} WHERE time < ? {ROLLUP_GROUP}", ((bucket + 1) * size,)
        )
        if self.schema_version() >= ATTEMPTS_VERSION:
            self.connection.execute(
                f"{ROLLUP_INSERT} SELECT {span}, time / {size}, kiosk_id, name, tutorial_id, step_index, step_id, "
                f"{NO_NUMBER}, COUNT(*), SUM(dwell_sum), SUM(dwell_n) FROM attempts WHERE time < ? "
                f"{ROLLUP_GROUP}",
                ((bucket + 1) * size,),
            )

    def integrity_ok(self) -> bool:
        rows = self.connection.execute("PRAGMA integrity_check").fetchall()
        return [tuple(row) for row in rows] == [("ok",)]

    def close(self) -> None:
        self.connection.close()


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error (the caller sees the error)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if kind is None:
            self.connection.execute("COMMIT")
        elif self.connection.in_transaction:
            self.connection.execute("ROLLBACK")


@dataclass
class OpenedStore:
    """A ready store, and what went wrong on the way in plain words (None: nothing)."""

    store: UsageStore
    problem: str | None = None


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    try:
        connection.execute("PRAGMA journal_mode=WAL").fetchone()
        connection.execute("PRAGMA synchronous=FULL")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


class _DamagedError(Exception):
    """The file is not a sound SQLite database."""


def _open_checked(path: Path) -> UsageStore:
    """Open, check and migrate; raises _DamagedError, sqlite3.Error (not damage) or StoreError."""
    store: UsageStore | None = None
    try:
        store = UsageStore(_connect(path))
        if not store.integrity_ok():
            raise _DamagedError("PRAGMA integrity_check found errors")
        store.migrate()
    except sqlite3.Error as error:
        if store is not None:
            store.close()
        if is_damage(error):
            raise _DamagedError(str(error)) from error
        raise
    except BaseException:
        if store is not None:
            store.close()
        raise
    return store


def damaged_name(path: Path, now: datetime) -> Path:
    """`usage-damaged-<UTC timestamp>.sqlite3` beside `path`, never one that exists already."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-damaged-{stamp}-{number}{path.suffix}")
    return candidate


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged store and its -wal/-shm files; returns the new name of the main file."""
    target = damaged_name(path, now)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            companion.rename(f"{target}{suffix}")
    if path.exists():
        path.rename(target)
    return target


def open_store(path: Path, clock: WallClock = utc_now) -> OpenedStore:
    """Open the kiosk's store, creating it if needed; a damaged file is moved aside and a fresh one started."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return OpenedStore(_open_checked(path))
    except _DamagedError as damage:
        reason = str(damage)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"the usage store {path} cannot be opened: {error}") from error
    try:
        moved = move_aside(path, clock())
        store = _open_checked(path)
    except (OSError, sqlite3.Error, _DamagedError) as error:
        raise StoreError(f"the usage store {path} is damaged and cannot be replaced: {error}") from error
    problem = (
        f"The usage store {path} was damaged ({reason}). It was moved to {moved} and a new, empty store was "
        "started; the events recorded before are in the moved file."
    )
    return OpenedStore(store, problem)


def open_reader(path: Path) -> UsageStore:
    """A query-only store for reports and the dashboard; usable from one thread at a time."""
    if not path.is_file():
        raise StoreError(f"there is no usage store at {path} (the kiosk has not recorded anything yet)")
    try:
        connection = sqlite3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=False)
        connection.execute("PRAGMA query_only=ON")
        store = UsageStore(connection)
        version = store.schema_version()
    except sqlite3.Error as error:
        raise StoreError(f"the usage store {path} cannot be read: {error}") from error
    if version != LATEST_VERSION:
        store.close()
        raise StoreError(
            f"the usage store {path} has schema version {version}, this kiosk reads {LATEST_VERSION}; "
            "start the kiosk once to upgrade it"
        )
    return store


class RetentionPolicy:
    """Delete events older than `days`, at most once a day; never while the clock is unset or implausible.

    With `keep_undelivered` (upload configured) an event the server does not have is never deleted, however old.
    The clock is implausible when it reads earlier than the oldest stored event (it went back) or so late that
    every stored event would go (a jump forward: a bad RTC, a typo); then nothing is deleted and `paused` says why.
    """

    def __init__(self, days: int, clock: WallClock = utc_now, keep_undelivered: bool = False) -> None:
        if days < 1:
            raise ValueError("retention days must be at least 1")
        self.days = days
        self.keep_undelivered = keep_undelivered
        self.paused: str | None = None
        self._clock = clock
        self._last_run: datetime | None = None

    def due(self) -> bool:
        now = self._clock()
        if clock_is_unset(now):
            return False
        return self._last_run is None or not timedelta(0) <= now - self._last_run < timedelta(days=1)

    def run(self, store: UsageStore) -> int:
        now = self._clock()
        self._last_run = now
        cutoff = now - timedelta(days=self.days)
        self.paused = implausible_clock(now, cutoff, store.time_range())
        if self.paused is not None:
            return 0
        return store.purge_older_than(cutoff, self.keep_undelivered)


def implausible_clock(now: datetime, cutoff: datetime, stored: tuple[datetime, datetime] | None) -> str | None:
    """Why `now` must not be trusted to delete anything; None when it may."""
    if stored is None:
        return None
    oldest, newest = stored
    if now < oldest:
        return (
            f"old events not deleted: the clock reads {now:%Y-%m-%d %H:%M} UTC, before the oldest stored event "
            f"({oldest:%Y-%m-%d}); check the clock"
        )
    if cutoff > newest:
        return (
            f"old events not deleted: the clock reads {now:%Y-%m-%d %H:%M} UTC, so every stored event (the newest "
            f"from {newest:%Y-%m-%d}) would go; check the clock. Deleting resumes once new events are recorded"
        )
    return None
