"""The hidden operator entry: five corner taps within three seconds, nothing else."""

from __future__ import annotations

from kiosk.operator.entry import CornerTaps
from tests.conftest import FakeClock


def test_five_taps_within_three_seconds_open_the_entry() -> None:
    clock = FakeClock()
    taps = CornerTaps(clock=clock)
    results = []
    for _ in range(5):
        results.append(taps.tap())
        clock.advance(0.5)
    assert results == [False, False, False, False, True]


def test_slow_taps_never_open_it_but_a_fast_run_later_does() -> None:
    clock = FakeClock()
    taps = CornerTaps(clock=clock)
    slow = []
    for _ in range(8):
        slow.append(taps.tap())
        clock.advance(0.8)  # five taps span 3.2 s
    assert not any(slow)
    clock.advance(10)
    assert [taps.tap() for _ in range(5)] == [False, False, False, False, True]


def test_a_tap_elsewhere_breaks_the_sequence() -> None:
    clock = FakeClock()
    taps = CornerTaps(clock=clock)
    for _ in range(4):
        taps.tap()
    taps.miss()
    assert taps.tap() is False


def test_the_corner_scales_with_the_screen() -> None:
    assert CornerTaps.in_corner(80, 80, 1080)
    assert not CornerTaps.in_corner(90, 10, 1080)
    assert CornerTaps.in_corner(60, 60, 800)
    assert not CornerTaps.in_corner(70, 10, 800)
