"""IdleTracker with a hand-wound clock: no sleeping, every second chosen by the test."""

from __future__ import annotations

import pytest

from kiosk.core.idle import IdlePhase, IdleStatus, IdleTracker
from tests.conftest import FakeClock

TIMEOUT = 120
COUNTDOWN = 30


@pytest.fixture
def tracker(clock: FakeClock) -> IdleTracker:
    return IdleTracker(TIMEOUT, COUNTDOWN, clock)


def status_after(clock: FakeClock, tracker: IdleTracker, quiet: float) -> IdleStatus:
    """The status `quiet` seconds after the tracker was created (clock started at 1000)."""
    clock.now = 1000.0 + quiet
    return tracker.status()


def test_active_at_start(tracker: IdleTracker) -> None:
    assert tracker.status() == IdleStatus(IdlePhase.ACTIVE, 0)


@pytest.mark.parametrize("quiet", [0, 1, 60, 119, 119.9])
def test_active_before_the_timeout(clock: FakeClock, tracker: IdleTracker, quiet: float) -> None:
    assert status_after(clock, tracker, quiet) == IdleStatus(IdlePhase.ACTIVE, 0)


@pytest.mark.parametrize(
    ("quiet", "seconds_left"),
    [(120, 30), (120.5, 30), (121, 29), (125, 25), (135.2, 15), (148, 2), (149, 1), (149.5, 1)],
)
def test_warning_counts_down(clock: FakeClock, tracker: IdleTracker, quiet: float, seconds_left: int) -> None:
    assert status_after(clock, tracker, quiet) == IdleStatus(IdlePhase.WARNING, seconds_left)


def test_warning_never_shows_zero_seconds(clock: FakeClock, tracker: IdleTracker) -> None:
    """Until the countdown is over the dialog must say at least 1 second."""
    assert status_after(clock, tracker, 149.9995) == IdleStatus(IdlePhase.WARNING, 1)


@pytest.mark.parametrize("quiet", [150, 150.001, 200, 10_000])
def test_expired_after_timeout_and_countdown(clock: FakeClock, tracker: IdleTracker, quiet: float) -> None:
    assert status_after(clock, tracker, quiet) == IdleStatus(IdlePhase.EXPIRED, 0)


def test_the_countdown_ticks_once_per_second(clock: FakeClock, tracker: IdleTracker) -> None:
    clock.advance(TIMEOUT)
    seen = []
    for _ in range(COUNTDOWN + 1):
        seen.append(tracker.status())
        clock.advance(1)
    assert seen == [IdleStatus(IdlePhase.WARNING, n) for n in range(COUNTDOWN, 0, -1)] + [
        IdleStatus(IdlePhase.EXPIRED, 0)
    ]


def test_activity_during_active_restarts_the_timeout(clock: FakeClock, tracker: IdleTracker) -> None:
    clock.advance(100)
    tracker.activity()
    clock.advance(100)
    assert tracker.status() == IdleStatus(IdlePhase.ACTIVE, 0)
    clock.advance(20)
    assert tracker.status() == IdleStatus(IdlePhase.WARNING, 30)


def test_activity_during_warning_resets(clock: FakeClock, tracker: IdleTracker) -> None:
    clock.advance(130)
    assert tracker.status() == IdleStatus(IdlePhase.WARNING, 20)
    tracker.activity()
    assert tracker.status() == IdleStatus(IdlePhase.ACTIVE, 0)
    clock.advance(119)
    assert tracker.status() == IdleStatus(IdlePhase.ACTIVE, 0)
    clock.advance(1)
    assert tracker.status() == IdleStatus(IdlePhase.WARNING, 30)
    clock.advance(30)
    assert tracker.status() == IdleStatus(IdlePhase.EXPIRED, 0)


def test_activity_after_expiry_resets(clock: FakeClock, tracker: IdleTracker) -> None:
    clock.advance(500)
    assert tracker.status() == IdleStatus(IdlePhase.EXPIRED, 0)
    tracker.activity()
    assert tracker.status() == IdleStatus(IdlePhase.ACTIVE, 0)


def test_status_does_not_count_as_activity(clock: FakeClock, tracker: IdleTracker) -> None:
    for _ in range(12):
        clock.advance(10)
        tracker.status()
    assert tracker.status() == IdleStatus(IdlePhase.WARNING, 30)


def test_other_durations(clock: FakeClock) -> None:
    tracker = IdleTracker(20, 20, clock)
    clock.advance(19)
    assert tracker.status() == IdleStatus(IdlePhase.ACTIVE, 0)
    clock.advance(1)
    assert tracker.status() == IdleStatus(IdlePhase.WARNING, 20)
    clock.advance(20)
    assert tracker.status() == IdleStatus(IdlePhase.EXPIRED, 0)
