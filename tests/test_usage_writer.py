"""The background writer: batches, flush, acknowledgement after commit, retries, retention, shutdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest

from kiosk.usage.store import STORE_FILE, open_reader, open_store
from kiosk.usage.writer import EventWriter
from tests.usage_support import WallClock, make_event, utc


class Acks:
    """Collects what the writer acknowledges, from its thread."""

    def __init__(self) -> None:
        self.batches: list[list[UUID]] = []
        self.threads: set[str] = set()
        self.lock = threading.Lock()

    def __call__(self, ids: list[UUID]) -> None:
        with self.lock:
            self.batches.append(ids)
            self.threads.add(threading.current_thread().name)

    @property
    def ids(self) -> list[UUID]:
        return [event_id for batch in self.batches for event_id in batch]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / STORE_FILE


@pytest.fixture
def acks() -> Acks:
    return Acks()


@pytest.fixture
def writer(path: Path, acks: Acks) -> Iterator[EventWriter]:
    writer = EventWriter(path, batch_size=3, flush_interval=30.0, on_acknowledged=acks)
    yield writer
    writer.close()


def stored_ids(path: Path) -> list[UUID]:
    reader = open_reader(path)
    try:
        return [event.event_id for event in reader.iter_events()]
    finally:
        reader.close()


def test_events_are_committed_in_batches_and_acknowledged(writer: EventWriter, path: Path, acks: Acks) -> None:
    events = [make_event("step_viewed", utc(2026, 11, 1) + timedelta(seconds=n)) for n in range(10)]
    for event in events:
        writer.record(event)
    assert writer.flush(timeout=10)
    assert writer.acknowledged == 10
    assert acks.ids == [event.event_id for event in events]
    assert all(1 <= len(batch) <= 3 for batch in acks.batches)
    assert acks.threads == {"usage-writer"}
    assert stored_ids(path) == acks.ids
    assert writer.last_error is None and writer.problem is None and writer.dropped == 0


def test_flush_with_nothing_queued(writer: EventWriter) -> None:
    assert writer.wait_ready(10)
    assert writer.flush(timeout=10)
    assert writer.acknowledged == 0


def test_a_half_batch_waits_for_flush_not_for_more(writer: EventWriter, path: Path) -> None:
    writer.record(make_event("session_started", utc(2026, 11, 1)))
    assert writer.flush(timeout=10)
    assert len(stored_ids(path)) == 1


def test_close_commits_what_is_queued(path: Path, acks: Acks) -> None:
    writer = EventWriter(path, batch_size=50, flush_interval=30.0, on_acknowledged=acks)
    for n in range(120):
        writer.record(make_event("step_viewed", utc(2026, 11, 1) + timedelta(seconds=n)))
    assert writer.close(timeout=10)
    assert writer.close(timeout=10)  # closing twice is harmless
    assert len(stored_ids(path)) == 120 == writer.acknowledged
    writer.record(make_event("idle_reset", utc(2026, 11, 1)))  # after close: counted, never silently lost
    assert writer.dropped == 1


def test_record_is_only_a_queue_put(path: Path) -> None:
    writer = EventWriter(path)
    writer.wait_ready(10)
    writer.record(make_event("session_started", utc(2026, 11, 1)))
    assert writer.close(timeout=10)


def test_a_write_error_keeps_the_events_and_retries(tmp_path: Path, acks: Acks) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    writer = EventWriter(blocker / STORE_FILE, batch_size=5, retry_interval=0.01, on_acknowledged=acks)
    assert writer.wait_ready(10)
    assert writer.last_error is not None and "cannot be opened" in writer.last_error
    events = [make_event("step_viewed", utc(2026, 11, 1) + timedelta(seconds=n)) for n in range(7)]
    for event in events:
        writer.record(event)
    assert not writer.flush(timeout=0.2)  # cannot commit yet: flush says so instead of pretending
    assert writer.acknowledged == 0 and acks.ids == []
    blocker.unlink()  # the operator frees the folder
    assert writer.flush(timeout=10)
    assert acks.ids == [event.event_id for event in events]
    assert writer.last_error is None and writer.dropped == 0
    writer.close()


def test_a_failing_listener_does_not_stop_the_writer(path: Path) -> None:
    def broken(ids: list[UUID]) -> None:
        raise RuntimeError("listener bug")

    writer = EventWriter(path, on_acknowledged=broken)
    writer.record(make_event("session_started", utc(2026, 11, 1)))
    assert writer.flush(timeout=10)
    assert writer.last_error is not None and "listener bug" in writer.last_error
    writer.record(make_event("idle_reset", utc(2026, 11, 1)))
    assert writer.close(timeout=10)
    assert writer.acknowledged == 2


def test_pending_events_beyond_the_limit_are_counted_as_dropped(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("no folder")
    writer = EventWriter(blocker / STORE_FILE, max_pending=4, retry_interval=60)
    writer.wait_ready(10)
    for n in range(10):
        writer.record(make_event("step_viewed", utc(2026, 11, 1) + timedelta(seconds=n)))
    assert not writer.close(timeout=0.2)
    assert writer.dropped == 10  # 6 over the limit, then 4 that could not be written at close


def test_retention_runs_on_the_worker(path: Path) -> None:
    clock = WallClock(utc(2027, 12, 1))
    store = open_store(path).store
    store.append([make_event("session_started", clock.now - timedelta(days=days)) for days in (2, 10, 11)])
    store.close()
    writer = EventWriter(path, retention_days=5, clock=clock)
    assert writer.wait_ready(10)
    assert writer.purged == 2
    clock.advance(days=2, hours=12)
    writer.record(make_event("session_started", clock.now))
    assert writer.flush(timeout=10)  # retention ran again before flush returned: the 4.5-day-old event stays
    assert writer.purged == 2
    clock.advance(hours=18)
    writer.record(make_event("idle_reset", clock.now))
    assert writer.flush(timeout=10)
    assert writer.purged == 2  # 5.25 days old now, but retention runs once a day
    clock.advance(hours=6)
    writer.record(make_event("idle_reset", clock.now))
    assert writer.flush(timeout=10)
    assert writer.purged == 3
    assert writer.close(timeout=10)
    assert len(stored_ids(path)) == 3


def test_a_damaged_store_is_reported_by_the_writer(path: Path) -> None:
    path.parent.mkdir()
    path.write_bytes(b"not a database" * 100)
    writer = EventWriter(path, clock=WallClock(utc(2026, 11, 3, 4, 5, 6)))
    assert writer.wait_ready(10)
    assert writer.problem is not None and "usage-damaged-20261103T040506Z.sqlite3" in writer.problem
    writer.record(make_event("session_started", utc(2026, 11, 3)))
    assert writer.close(timeout=10)
    assert len(stored_ids(path)) == 1
