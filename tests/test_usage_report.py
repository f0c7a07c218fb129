"""Report figures: exact numbers on a known event set, and the SQL report equal to the Python one."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.usage.report import (
    VIETNAM_OFFSET,
    Funnel,
    FunnelStep,
    KioskStats,
    Report,
    ScenarioStats,
    TutorialStats,
    build_report,
    local_days,
    recent_days,
    report_from_store,
)
from kiosk.usage.store import UsageStore, open_store
from kiosk.usage.tally import split_range
from tests.usage_support import known_events, random_events, utc

NOVEMBER = local_days(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def store(tmp_path: Path) -> UsageStore:
    opened = open_store(tmp_path / "usage.sqlite3")
    return opened.store


def expected_november() -> Report:
    """Worked out by hand from tests/usage_support.py:known_events."""
    return Report(
        start=utc(2026, 10, 31, 17, 0),
        end=utc(2026, 11, 30, 17, 0),
        utc_offset=timedelta(hours=7),
        kiosks=("k1",),
        events=35,
        sessions=3,
        assisted_sessions=1,
        help_requests=2,
        practice_taps=2,
        practice_wrong=1,
        quiz_answers=5,
        quiz_wrong=3,
        read_aloud=1,
        idle_resets=1,
        operator_login_failures=2,
        operator_lockouts=1,
        tutorials=(
            TutorialStats("luadao", started=2, completed=1, abandoned=1, help_requests=0),
            TutorialStats("vneid", started=2, completed=1, abandoned=1, help_requests=1),
        ),
        funnels=(
            Funnel(
                "luadao",
                (
                    FunnelStep(0, "q0", reached=2, abandoned=0, dwell_ms_total=13000, dwell_samples=2),
                    FunnelStep(1, "q1", reached=2, abandoned=1, dwell_ms_total=0, dwell_samples=0),
                ),
            ),
            Funnel(
                "vneid",
                (
                    FunnelStep(0, "s0", reached=2, abandoned=0, dwell_ms_total=6000, dwell_samples=2),
                    FunnelStep(1, "s1", reached=2, abandoned=1, dwell_ms_total=6000, dwell_samples=1),
                    FunnelStep(2, "q2", reached=1, abandoned=0, dwell_ms_total=10000, dwell_samples=1),
                ),
            ),
        ),
        scenarios=(
            ScenarioStats("vneid", "q2", answers=1, wrong=1),
            ScenarioStats("luadao", "q0", answers=2, wrong=1),
            ScenarioStats("luadao", "q1", answers=2, wrong=1),
        ),
        hours=tuple(1 if hour in (6, 9, 10) else 0 for hour in range(24)),
        weekdays=(2, 0, 0, 0, 0, 0, 1),
        languages=(("vi", 3), ("en", 1)),
        text_sizes=((100, 2), (125, 1), (150, 1)),
        days=((date(2026, 11, 2), 2), (date(2026, 11, 8), 1)),
        by_kiosk=(
            KioskStats(
                "k1",
                sessions=3,
                started=4,
                completed=2,
                abandoned=2,
                top_drop_off=("luadao", 1, "q1", 1),
                top_scam=ScenarioStats("vneid", "q2", answers=1, wrong=1),
            ),
        ),
    )


def test_local_days_are_vietnamese_midnights() -> None:
    assert local_days(date(2026, 11, 1), date(2026, 11, 30)) == (utc(2026, 10, 31, 17), utc(2026, 11, 30, 17))


def test_known_events_give_exact_numbers() -> None:
    report = build_report(known_events(), *NOVEMBER)
    assert report == expected_november()


def test_derived_figures() -> None:
    report = expected_november()
    assert report.alone_sessions == 2
    assert report.tutorials_started == 4
    assert report.tutorials_completed == 2
    assert report.completion_rate == 0.5
    assert report.tutorials[0].completion_rate == 0.5
    assert report.funnels[0].steps[0].mean_dwell_ms == 6500
    assert report.funnels[0].steps[1].mean_dwell_ms is None
    assert [s.fooled_rate for s in report.scenarios] == [1.0, 0.5, 0.5]


def test_the_store_gives_the_same_exact_numbers(store: UsageStore) -> None:
    store.append(known_events())
    assert report_from_store(store, *NOVEMBER) == expected_november()
    assert build_report(store.iter_events(), *NOVEMBER) == expected_november()


def test_open_period_counts_everything() -> None:
    report = build_report(known_events(), None, None)
    assert report.sessions == 5
    assert report.events == 37
    assert [hour for hour, count in enumerate(report.hours) if count] == [0, 6, 9, 10, 23]  # 00:00 and 23:59 too


def test_an_empty_period_is_all_zero(store: UsageStore) -> None:
    store.append(known_events())
    start, end = local_days(date(2027, 1, 1), date(2027, 1, 31))
    report = report_from_store(store, start, end)
    assert report == build_report([], start, end)
    assert report.sessions == 0 and report.tutorials == () and report.hours == (0,) * 24
    assert report.completion_rate is None


def test_offset_moves_hours_and_weekdays() -> None:
    report = build_report(known_events(), *NOVEMBER, utc_offset=timedelta(0))
    assert [hour for hour, count in enumerate(report.hours) if count] == [2, 3, 23]
    assert report.weekdays == (2, 0, 0, 0, 0, 1, 0)  # C started on Saturday in UTC


def test_recent_days() -> None:
    today = date(2026, 12, 1)  # the dashboard's "today" is the local day (UTC 30 November 18:00 is 1 December)
    assert recent_days(1, today) == (today, today)
    assert local_days(*recent_days(7, today))[0] == utc(2026, 11, 24, 17, 0)
    assert recent_days(30, today)[0] == date(2026, 11, 2)


def test_split_range_uses_whole_buckets_inside() -> None:
    day = 86_400_000_000
    raw, buckets = split_range(5, 40 * day + 7)
    assert raw == [(5, day), (40 * day, 40 * day + 7)]
    assert buckets == [(1, 1, 16), (16, 1, 2), (1, 32, 40)]
    assert split_range(3, 9) == ([(3, 9)], [])


@pytest.mark.parametrize("seed", range(6))
def test_sql_report_equals_python_report(store: UsageStore, seed: int) -> None:
    rng = random.Random(seed)
    first = utc(2026, 3, 1)
    events = random_events(rng, 3000, first, days=70)
    store.append(events)
    periods = [(None, None), NOVEMBER, (first, None), (None, first + timedelta(days=33))]
    for _ in range(6):
        start = first + timedelta(microseconds=rng.randrange(70 * 86_400_000_000))
        periods.append((start, start + timedelta(microseconds=rng.randrange(1, 40 * 86_400_000_000))))
    for start, end in periods:
        offset = rng.choice((VIETNAM_OFFSET, timedelta(0), timedelta(hours=-5, minutes=-30)))
        assert report_from_store(store, start, end, offset) == build_report(events, start, end, offset)


def test_sql_report_equals_python_report_after_retention(store: UsageStore) -> None:
    rng = random.Random(9)
    first = utc(2026, 1, 1)
    events = random_events(rng, 2000, first, days=60)
    store.append(events)
    cutoff = first + timedelta(days=23, hours=5)
    kept = [event for event in events if event.time >= cutoff]
    assert store.purge_older_than(cutoff) == len(events) - len(kept)
    for start, end in [(None, None), (first, first + timedelta(days=40)), (cutoff, None)]:
        assert report_from_store(store, start, end) == build_report(kept, start, end)
