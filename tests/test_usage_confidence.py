"""Confidence change per tutorial: the same figures from SQL and from a stream, only whole pairs counted."""

from __future__ import annotations

from pathlib import Path

from kiosk.usage.events import UsageEvent
from kiosk.usage.report import build_report, report_from_store
from kiosk.usage.store import open_store
from tests.usage_support import make_event, utc

SESSION = "a" * 32


def events() -> list[UsageEvent]:
    rated = [
        ("dang-ky-muc-1", 1, 3, utc(2026, 11, 3, 2)),
        ("dang-ky-muc-1", 2, 3, utc(2026, 11, 4, 2)),
        ("quet-ma-qr", 2, 2, utc(2026, 11, 5, 2)),
        ("quet-ma-qr", None, 3, utc(2026, 11, 5, 3)),  # the first face was skipped: no pair
        ("dang-ky-muc-1", 1, 1, utc(2026, 12, 5, 3)),  # outside November
    ]
    made = [
        make_event(
            "confidence_rated", at, SESSION, tutorial_id=tutorial, confidence_before=before, confidence_after=after
        )
        for tutorial, before, after, at in rated
    ]
    return [make_event("session_started", utc(2026, 11, 3, 1), SESSION), *made]


def test_confidence_change_per_tutorial(tmp_path: Path) -> None:
    store = open_store(tmp_path / "usage.sqlite3").store
    store.append(events())
    november = (utc(2026, 10, 31, 17), utc(2026, 11, 30, 17))
    from_sql = report_from_store(store, *november)
    assert from_sql == build_report(events(), *november)
    first, second = from_sql.confidence
    assert (first.tutorial_id, first.pairs, first.mean_before, first.mean_after, first.change) == (
        "dang-ky-muc-1", 2, 1.5, 3.0, 1.5,
    )  # fmt: skip
    assert (second.tutorial_id, second.pairs, second.change) == ("quet-ma-qr", 1, 0.0)
    plan = store.connection.execute(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM events WHERE name = 'confidence_rated' AND time >= 0 AND time < 9"
    ).fetchall()
    assert "events_confidence" in str(plan)
    store.close()
