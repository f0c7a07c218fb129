"""The store's upload outbox: undelivered events oldest first, marked delivered in one transaction."""

from __future__ import annotations

from pathlib import Path

from kiosk.usage.store import open_store
from tests.fleet_support import delivered_ids, filled_store
from tests.usage_support import utc


def test_outbox_reads_oldest_first_and_marks_delivered(tmp_path: Path) -> None:
    path, events = filled_store(tmp_path, 5)
    store = open_store(path).store
    try:
        assert store.undelivered_count() == 5
        first = store.undelivered(2)
        assert [event.event_id for event in first] == [event.event_id for event in events[:2]]
        assert store.mark_delivered([event.event_id for event in first], utc(2026, 11, 4)) == 2
        assert store.mark_delivered([first[0].event_id], utc(2026, 11, 5)) == 0  # already delivered
        assert store.undelivered_count() == 3
        assert [event.event_id for event in store.undelivered(10)] == [event.event_id for event in events[2:]]
        assert store.count() == 5
    finally:
        store.close()
    assert delivered_ids(path) == {str(event.event_id) for event in events[:2]}


def test_an_empty_outbox(tmp_path: Path) -> None:
    path, _ = filled_store(tmp_path, 0)
    store = open_store(path).store
    try:
        assert store.undelivered(10) == [] and store.undelivered_count() == 0
        assert store.mark_delivered([], utc(2026, 11, 4)) == 0
    finally:
        store.close()
