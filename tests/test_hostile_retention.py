"""Retention never loses an event the province has not got, and an implausible clock never deletes anything."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kiosk.usage.store import RetentionPolicy, UsageStore, open_store
from kiosk.usage.writer import EventWriter
from tests.usage_support import WallClock, make_event, utc


def _store(tmp_path: Path) -> UsageStore:
    return open_store(tmp_path / "usage.sqlite3").store


def test_a_long_outage_with_short_retention_deletes_no_undelivered_event(tmp_path: Path) -> None:
    store = _store(tmp_path)
    clock = WallClock(utc(2026, 11, 10, 12))
    events = [make_event("step_viewed", clock.now - timedelta(days=3, seconds=n)) for n in range(500)]
    store.append([*events, make_event("step_viewed", clock.now - timedelta(hours=1))])
    store.mark_delivered([events[0].event_id], clock.now - timedelta(days=3))
    policy = RetentionPolicy(1, clock, keep_undelivered=True)
    assert policy.run(store) == 1  # only the delivered one
    assert store.count() == 500


def test_a_clock_jumping_twenty_years_forward_deletes_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path)
    base = utc(2026, 11, 1)
    store.append([make_event("step_viewed", base + timedelta(minutes=n)) for n in range(1000)])
    clock = WallClock(base + timedelta(days=365 * 20))
    policy = RetentionPolicy(400, clock)  # no upload configured: still, a jump must not wipe the store
    assert policy.run(store) == 0
    assert store.count() == 1000
    assert policy.paused is not None and "clock" in policy.paused


def test_a_clock_before_the_first_event_deletes_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.append([make_event("step_viewed", utc(2026, 11, 1) + timedelta(days=n)) for n in range(30)])
    policy = RetentionPolicy(1, WallClock(utc(2025, 1, 1)))
    assert policy.run(store) == 0
    assert store.count() == 30
    assert policy.paused is not None


def test_the_writer_keeps_undelivered_events_when_upload_is_configured(tmp_path: Path) -> None:
    path = tmp_path / "usage.sqlite3"
    store = open_store(path).store
    clock = WallClock(utc(2026, 11, 10))
    store.append([make_event("step_viewed", clock.now - timedelta(days=3, seconds=n)) for n in range(50)])
    store.append([make_event("step_viewed", clock.now - timedelta(hours=n)) for n in range(5)])
    store.close()
    writer = EventWriter(path, retention_days=1, clock=clock, keep_undelivered=True)
    assert writer.wait_ready(10)
    assert writer.close(10)
    assert writer.purged == 0
    assert open_store(path).store.count() == 55


def test_the_backlog_age_is_known(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.append([make_event("step_viewed", utc(2026, 11, 1, 8)), make_event("step_viewed", utc(2026, 11, 2))])
    assert store.oldest_undelivered() == utc(2026, 11, 1, 8)


def test_the_uploader_reports_the_backlog_and_its_age(tmp_path: Path) -> None:
    from kiosk.fleet.uploader import Uploader

    path = tmp_path / "usage.sqlite3"
    store = open_store(path).store
    store.append([make_event("step_viewed", utc(2026, 11, 1, 8)), make_event("step_viewed", utc(2026, 11, 2))])
    store.close()
    uploader = Uploader(path, "http://127.0.0.1:9", lambda: None, batch_size=1)
    uploader._next_batch()
    uploader.close()
    status = uploader.status()
    assert status.backlog == 2
    assert status.backlog_since == utc(2026, 11, 1, 8)
