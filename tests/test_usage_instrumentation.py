"""A resident's visit, walked with real taps, produces exactly the expected anonymous events."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from kiosk.content.loader import Catalog
from kiosk.usage.events import UsageEvent
from kiosk.usage.recorder import UsageRecorder
from tests.conftest import FakeClock, MakeKiosk
from tests.gui import miss_point, open_tutorial, tap


def _recorder(events: list[UsageEvent], clock: FakeClock) -> UsageRecorder:
    return UsageRecorder(events.append, "kiosk-test", lambda: datetime(2026, 11, 24, 3, 0, tzinfo=UTC), monotonic=clock)


def _summary(events: list[UsageEvent]) -> list[tuple[object, ...]]:
    return [(e.name, e.tutorial_id, e.step_index, e.correct, e.language) for e in events]


def test_a_walked_tutorial_records_exactly_what_happened(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    events: list[UsageEvent] = []
    kiosk = make_kiosk(fixture_catalog, recorder=_recorder(events, clock))
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    clock.advance(4)
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.phone, miss_point(kiosk))
    tap(qtbot, shell.step.phone, shell.step.phone.element_rect("btn_dang_ky").center())
    clock.advance(2)
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.bar.language)
    tap(qtbot, shell.step.answers[1])
    tap(qtbot, shell.bar.help)
    tap(qtbot, shell.help_message.button)
    tap(qtbot, shell.bar.next)
    assert _summary(events) == [
        ("session_started", None, None, None, "vi"),
        ("tutorial_started", "mau", None, None, "vi"),
        ("step_viewed", "mau", 0, None, "vi"),
        ("practice_tap", "mau", 1, False, "vi"),
        ("practice_tap", "mau", 1, True, "vi"),
        ("step_viewed", "mau", 1, None, "vi"),
        ("language_changed", None, None, None, "en"),
        ("quiz_answered", "mau", 2, False, "en"),
        ("help_requested", "mau", 2, None, "en"),
        ("step_viewed", "mau", 2, None, "en"),
        ("tutorial_completed", "mau", 2, None, "en"),
    ]
    assert [e.dwell_ms for e in events if e.name == "step_viewed"][:2] == [4000, 2000]
    assert len({e.session_id for e in events}) == 1 and events[0].session_id is not None
    assert len({e.event_id for e in events}) == len(events)
    assert all(e.kiosk_id == "kiosk-test" and not e.assisted for e in events)


def test_idle_reset_records_the_abandoned_step_and_forgets_the_session(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    events: list[UsageEvent] = []
    kiosk = make_kiosk(fixture_catalog, recorder=_recorder(events, clock))
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, kiosk.shell.bar.next)
    tap(qtbot, kiosk.shell.bar.text_size)
    first_session = events[0].session_id
    clock.advance(200)
    kiosk.controller.check_idle()
    assert _summary(events)[-4:] == [
        ("text_size_changed", None, None, None, "vi"),
        ("step_viewed", "mau", 1, None, "vi"),
        ("tutorial_abandoned", "mau", 1, None, "vi"),
        ("idle_reset", None, None, None, "vi"),
    ]
    assert kiosk.recorder.session_id is None
    tap(qtbot, kiosk.shell.attract)
    assert events[-1].name == "session_started"
    assert events[-1].session_id not in (None, first_session)


def test_going_home_mid_tutorial_records_it_abandoned_at_that_step(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    events: list[UsageEvent] = []
    kiosk = make_kiosk(fixture_catalog, recorder=_recorder(events, clock))
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, kiosk.shell.bar.home)
    assert _summary(events)[-2:] == [
        ("step_viewed", "mau", 0, None, "vi"),
        ("tutorial_abandoned", "mau", 0, None, "vi"),
    ]
