"""The recorder fills session, time, language, text size, assisted and dwell; a session ends at idle reset."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.usage.events import UsageEvent
from kiosk.usage.recorder import UsageRecorder
from tests.usage_support import Ticker, WallClock, utc


class Sink(list[UsageEvent]):
    def names(self) -> list[str]:
        return [event.name for event in self]


@pytest.fixture
def sink() -> Sink:
    return Sink()


@pytest.fixture
def clock() -> WallClock:
    return WallClock(utc(2026, 11, 3, 2, 0))


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def recorder(sink: Sink, clock: WallClock, ticker: Ticker) -> UsageRecorder:
    return UsageRecorder(sink.append, "phuong-01", clock, language="vi", text_size=100, monotonic=ticker)


def test_a_session_stamps_every_event(recorder: UsageRecorder, sink: Sink, clock: WallClock) -> None:
    session = recorder.start_session()
    clock.advance(seconds=5)
    recorder.record("help_requested")
    assert sink.names() == ["session_started", "help_requested"]
    assert {event.session_id for event in sink} == {session}
    assert len(session) == 32 and int(session, 16) >= 0
    first, second = sink
    assert first.kiosk_id == "phuong-01" and first.language == "vi" and first.text_size == 100
    assert not first.assisted and not first.clock_unset
    assert second.time - first.time == timedelta(seconds=5)
    assert first.event_id != second.event_id


def test_a_new_session_id_after_end_session(recorder: UsageRecorder, sink: Sink) -> None:
    first = recorder.start_session()
    recorder.end_session(idle=True)
    assert recorder.session_id is None
    recorder.record("operator_login_failed")
    second = recorder.start_session()
    assert first != second
    assert [(event.name, event.session_id) for event in sink] == [
        ("session_started", first),
        ("idle_reset", first),
        ("operator_login_failed", None),
        ("session_started", second),
    ]


def test_language_text_size_and_assisted(recorder: UsageRecorder, sink: Sink) -> None:
    recorder.set_language("en")  # before a session: state only, no event
    assert sink == []
    recorder.start_session()
    recorder.set_text_size(150)
    recorder.set_text_size(150)  # unchanged: nothing
    recorder.set_language("vi")
    recorder.set_assisted(True)
    recorder.set_assisted(True)
    recorder.record("read_aloud_used")
    assert [(e.name, e.language, e.text_size, e.assisted) for e in sink] == [
        ("session_started", "en", 100, False),
        ("text_size_changed", "en", 150, False),
        ("language_changed", "vi", 150, False),
        ("volunteer_mode_started", "vi", 150, True),
        ("read_aloud_used", "vi", 150, True),
    ]
    recorder.end_session(idle=True)
    recorder.start_session()  # the next resident starts on the defaults, alone
    assert (sink[-1].language, sink[-1].text_size, sink[-1].assisted) == ("vi", 100, False)


def test_dwell_is_recorded_for_the_step_before(recorder: UsageRecorder, sink: Sink, ticker: Ticker) -> None:
    recorder.start_session()
    recorder.tutorial_opened("vneid")
    recorder.step_shown("vneid", "gioi-thieu", 0)
    ticker.now += 4.25
    recorder.step_shown("vneid", "gioi-thieu", 0)  # a reflow of the same step: ignored
    ticker.now += 1.0
    recorder.step_shown("vneid", "bam-nut", 1)
    ticker.now += 2.0
    recorder.record("practice_tap", correct=False)
    recorder.record("practice_tap", correct=True)
    ticker.now += 1.5
    recorder.step_shown("vneid", "gioi-thieu", 0)  # Back
    ticker.now += 0.5
    recorder.tutorial_left(completed=False)
    assert [(e.name, e.step_id, e.step_index, e.dwell_ms, e.correct) for e in sink[1:]] == [
        ("tutorial_started", None, None, None, None),
        ("step_viewed", "gioi-thieu", 0, 5250, None),
        ("practice_tap", "bam-nut", 1, None, False),
        ("practice_tap", "bam-nut", 1, None, True),
        ("step_viewed", "bam-nut", 1, 3500, None),
        ("step_viewed", "gioi-thieu", 0, 500, None),
        ("tutorial_abandoned", "gioi-thieu", 0, None, None),
    ]
    assert {event.tutorial_id for event in sink[1:]} == {"vneid"}
    assert recorder.in_tutorial is None


def test_completion_records_the_last_step(recorder: UsageRecorder, sink: Sink, ticker: Ticker) -> None:
    recorder.start_session()
    recorder.tutorial_opened("quet-ma-qr")
    recorder.step_shown("quet-ma-qr", "cuoi", 4)
    ticker.now += 3
    recorder.tutorial_left(completed=True)
    recorder.record("help_requested")  # on the completion screen: no step any more
    assert [(e.name, e.step_index, e.dwell_ms, e.tutorial_id) for e in sink[1:]] == [
        ("tutorial_started", None, None, "quet-ma-qr"),
        ("step_viewed", 4, 3000, "quet-ma-qr"),
        ("tutorial_completed", 4, None, "quet-ma-qr"),
        ("help_requested", None, None, None),
    ]


def test_idle_reset_abandons_the_open_tutorial(recorder: UsageRecorder, sink: Sink, ticker: Ticker) -> None:
    session = recorder.start_session()
    recorder.tutorial_opened("vneid")
    recorder.step_shown("vneid", "b2", 2)
    ticker.now += 130
    recorder.end_session(idle=True)
    assert [(e.name, e.step_index, e.dwell_ms) for e in sink[2:]] == [
        ("step_viewed", 2, 130_000),
        ("tutorial_abandoned", 2, None),
        ("idle_reset", None, None),
    ]
    assert {event.session_id for event in sink} == {session}


def test_opening_another_tutorial_closes_the_first(recorder: UsageRecorder, sink: Sink) -> None:
    recorder.start_session()
    recorder.tutorial_opened("a-1")
    recorder.step_shown("a-1", "s", 0)
    recorder.tutorial_opened("b-2")
    assert [(e.name, e.tutorial_id) for e in sink[1:]] == [
        ("tutorial_started", "a-1"),
        ("step_viewed", "a-1"),
        ("tutorial_abandoned", "a-1"),
        ("tutorial_started", "b-2"),
    ]


def test_a_clock_in_1970_is_flagged(sink: Sink, ticker: Ticker) -> None:
    recorder = UsageRecorder(sink.append, "k1", WallClock(utc(1970, 1, 1, 0, 3)), monotonic=ticker)
    recorder.start_session()
    assert sink[0].clock_unset and sink[0].time == utc(1970, 1, 1, 0, 3)


def test_a_monotonic_clock_never_gives_negative_dwell(recorder: UsageRecorder, sink: Sink, ticker: Ticker) -> None:
    recorder.step_shown("a-1", "s", 0)
    ticker.now -= 5
    recorder.tutorial_left(completed=False)
    assert sink[0].name == "step_viewed" and sink[0].dwell_ms == 0
