"""The usage store on real SQLite files: migrations, de-duplication, retention, and a damaged file moved aside."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.usage.report import build_report, report_from_store
from kiosk.usage.schema import LATEST_VERSION
from kiosk.usage.store import (
    STORE_FILE,
    RetentionPolicy,
    StoreError,
    UsageStore,
    move_aside,
    open_reader,
    open_store,
)
from tests.usage_support import WallClock, known_events, make_event, utc

VERSION_1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE events (
    event_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, session_id TEXT, time INTEGER NOT NULL, name TEXT NOT NULL,
    tutorial_id TEXT, step_id TEXT, step_index INTEGER, language TEXT, assisted INTEGER NOT NULL DEFAULT 0,
    correct INTEGER, dwell_ms INTEGER, text_size INTEGER, clock_unset INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_time ON events (time);
INSERT INTO events VALUES
    ('6c1d3b0e-8a48-4f43-9a43-0d4d4b9b8a01', 'k1', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1793500200000000,
     'session_started', NULL, NULL, NULL, 'vi', 0, NULL, NULL, 100, 0),
    ('6c1d3b0e-8a48-4f43-9a43-0d4d4b9b8a02', 'k1', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1793500260000000,
     'step_viewed', 'vneid', 's0', 0, 'vi', 0, NULL, 4000, 100, 0),
    ('6c1d3b0e-8a48-4f43-9a43-0d4d4b9b8a03', 'k1', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1793500320000000,
     'quiz_answered', 'vneid', 'q1', 1, 'vi', 0, 0, NULL, 100, 0);
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / STORE_FILE


@pytest.fixture
def store(path: Path) -> UsageStore:
    opened = open_store(path)
    assert opened.problem is None
    return opened.store


# --- migrations ----------------------------------------------------------------


def test_a_new_store_is_at_the_latest_version(store: UsageStore, path: Path) -> None:
    assert path.is_file()
    assert store.schema_version() == LATEST_VERSION == 5
    assert store.connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert store.connection.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    assert store.integrity_ok()


def test_migration_from_version_1_keeps_every_event(path: Path) -> None:
    path.parent.mkdir()
    with sqlite3.connect(path) as connection:
        connection.executescript(VERSION_1)
    connection.close()
    store = open_store(path).store
    assert store.schema_version() == LATEST_VERSION
    columns = [row[1] for row in store.connection.execute("PRAGMA table_info(events)")]
    assert "delivered_at" in columns
    indexes = {row[0] for row in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_time", "events_outbox", "events_sessions"} <= indexes
    events = list(store.iter_events())
    assert [event.name for event in events] == ["session_started", "step_viewed", "quiz_answered"]
    assert events[2].correct is False and events[1].dwell_ms == 4000
    assert store.connection.execute("SELECT COUNT(*) FROM events WHERE delivered_at IS NULL").fetchone() == (3,)
    # the rollup was filled from the old events, so the dashboard sees them
    assert report_from_store(store, None, None) == build_report(events, None, None)
    assert report_from_store(store, None, None).quiz_wrong == 1


def test_migrating_twice_changes_nothing(store: UsageStore) -> None:
    store.append(known_events())
    store.migrate()
    assert store.schema_version() == LATEST_VERSION
    assert store.count() == len(known_events())


def test_a_store_from_a_newer_kiosk_is_not_touched(path: Path) -> None:
    store = open_store(path).store
    store.connection.execute("UPDATE schema_version SET version = 99")
    store.close()
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(path)
    assert path.exists()
    assert list(path.parent.glob("*damaged*")) == []


# --- events in and out -----------------------------------------------------------


def test_append_and_read_back(store: UsageStore) -> None:
    events = known_events()
    assert store.append(events) == len(events)
    assert store.count() == len(events)
    assert list(store.iter_events()) == sorted(events, key=lambda event: event.time)


def test_a_resent_event_is_stored_once(store: UsageStore) -> None:
    events = known_events()
    store.append(events[:10])
    assert store.append(events) == len(events) - 10
    assert store.append(events) == 0
    assert store.count() == len(events)
    assert report_from_store(store, None, None) == build_report(events, None, None)


def test_iter_events_takes_a_half_open_range(store: UsageStore) -> None:
    events = [make_event("session_started", utc(2026, 11, day)) for day in range(1, 11)]
    store.append(events)
    got = list(store.iter_events(utc(2026, 11, 3), utc(2026, 11, 6)))
    assert [event.time.day for event in got] == [3, 4, 5]


def test_iter_events_streams(store: UsageStore) -> None:
    store.append([make_event("step_viewed", utc(2026, 11, 1) + timedelta(seconds=n)) for n in range(2500)])
    stream = store.iter_events()
    first = next(stream)
    assert first.time == utc(2026, 11, 1)
    assert sum(1 for _ in stream) == 2499


def test_clock_unset_events_are_counted(store: UsageStore) -> None:
    store.append([make_event("session_started", utc(1970, 1, 1, 0, 5), clock_unset=True)])
    unset = store.connection.execute("SELECT COUNT(*) FROM events WHERE clock_unset = 1").fetchone()[0]
    assert unset == 1  # stored as such: a report can tell times that are not real
    assert store.time_range() == (utc(1970, 1, 1, 0, 5), utc(1970, 1, 1, 0, 5))


def test_a_failed_append_stores_nothing(store: UsageStore) -> None:
    good = make_event("session_started", utc(2026, 11, 1))
    store.connection.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.kiosk_id = 'bad' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.append([good, make_event("session_started", utc(2026, 11, 1), kiosk="bad")])
    assert store.count() == 0
    assert not store.connection.in_transaction


# --- retention -----------------------------------------------------------------------


def test_retention_purges_old_events_once_a_day(store: UsageStore) -> None:
    clock = WallClock(utc(2027, 12, 1, 12))
    store.append([make_event("session_started", clock.now - timedelta(days=days)) for days in (1, 399, 401, 500)])
    policy = RetentionPolicy(400, clock)
    assert policy.due()
    assert policy.run(store) == 2
    assert sorted((clock.now - event.time).days for event in store.iter_events()) == [1, 399]
    assert not policy.due()
    clock.advance(hours=23)
    assert not policy.due()
    clock.advance(hours=1)
    assert policy.due()
    assert policy.run(store) == 0


def test_retention_waits_while_the_clock_is_unset() -> None:
    clock = WallClock(utc(1970, 1, 1, 0, 1))
    assert not RetentionPolicy(400, clock).due()


def test_retention_runs_again_if_the_clock_went_back() -> None:
    clock = WallClock(utc(2027, 1, 1))
    policy = RetentionPolicy(30, clock)
    policy._last_run = utc(2027, 6, 1)
    assert policy.due()


def test_retention_needs_at_least_a_day() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        RetentionPolicy(0)


# --- damage -----------------------------------------------------------------------------


def corrupt_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size // 2)
        file.write(bytes(range(256)) * 32)  # garbage over whole pages, the same every run


def fill(path: Path, count: int = 3000) -> None:
    store = open_store(path).store
    store.append([make_event("step_viewed", utc(2026, 11, 1) + timedelta(seconds=n), dwell_ms=n) for n in range(count)])
    store.close()  # the last connection checkpoints the WAL into the main file


def test_a_damaged_store_is_moved_aside_and_a_fresh_one_started(path: Path) -> None:
    fill(path)
    corrupt_middle(path)
    opened = open_store(path, WallClock(utc(2026, 11, 3, 4, 5, 6)))
    moved = path.with_name("usage-damaged-20261103T040506Z.sqlite3")
    assert moved.is_file()
    assert opened.problem is not None
    assert str(path) in opened.problem and str(moved) in opened.problem and "damaged" in opened.problem
    store = opened.store
    assert store.count() == 0 and store.schema_version() == LATEST_VERSION
    store.append(known_events())  # the kiosk keeps going
    assert store.count() == len(known_events())
    assert store.integrity_ok()


def test_a_file_that_is_not_a_database_is_moved_aside(path: Path) -> None:
    path.parent.mkdir()
    path.write_bytes(b"this is not sqlite" * 500)
    clock = WallClock(utc(2026, 11, 3, 4, 5, 6))
    first = open_store(path, clock)
    assert first.problem is not None and "moved" in first.problem
    assert path.with_name("usage-damaged-20261103T040506Z.sqlite3").read_bytes() == b"this is not sqlite" * 500
    first.store.close()
    path.write_bytes(b"damaged again in the same second")
    second = open_store(path, clock)
    assert second.problem is not None
    assert path.with_name("usage-damaged-20261103T040506Z-2.sqlite3").is_file()


def test_move_aside_takes_the_wal_and_shm_along(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    for suffix, data in (("", b"main"), ("-wal", b"wal"), ("-shm", b"shm")):
        Path(f"{path}{suffix}").write_bytes(data)
    moved = move_aside(path, utc(2026, 11, 3, 4, 5, 6))
    assert moved == tmp_path / "usage-damaged-20261103T040506Z.sqlite3"
    assert [Path(f"{moved}{suffix}").read_bytes() for suffix in ("", "-wal", "-shm")] == [b"main", b"wal", b"shm"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{moved.name}{s}" for s in ("", "-shm", "-wal")]


def test_a_store_that_cannot_be_created_is_reported_not_moved(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StoreError, match="cannot be opened"):
        open_store(blocker / STORE_FILE)
    assert blocker.read_text() == "a file where the data folder should be"


# --- the reader ---------------------------------------------------------------------------


def test_reader_is_query_only(store: UsageStore, path: Path) -> None:
    store.append(known_events())
    reader = open_reader(path)
    assert reader.count() == len(known_events())
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.append([make_event("session_started", utc(2026, 11, 1), session=uuid.uuid4().hex)])
    reader.close()


def test_reader_of_a_missing_store(path: Path) -> None:
    with pytest.raises(StoreError, match="has not recorded anything yet"):
        open_reader(path)
    assert not path.exists()


def test_reader_of_an_old_store(path: Path) -> None:
    path.parent.mkdir()
    with sqlite3.connect(path) as connection:
        connection.executescript(VERSION_1)
    connection.close()
    with pytest.raises(StoreError, match="start the kiosk once"):
        open_reader(path)
