"""The scam quiz does not give the answer away, marks what mattered afterwards, and the idle countdown shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from kiosk.content.loader import load_catalog
from kiosk.content.models import AddressBar, Bubble, IncomingCall, Notice, QuizStep, Tutorial
from kiosk.core.navigation import Visit
from kiosk.core.reveal import PhoneCues, phone_cues
from kiosk.core.screen_model import StepScreen, answer_kind, screen_of
from kiosk.devtools.tour import settle, walk
from kiosk.speech.spoken import spoken
from kiosk.text.strings import ui_text
from tests.conftest import MakeKiosk
from tests.gui import open_tutorial, tap

CATALOG = load_catalog()
QUIZZES = [(tutorial, step) for tutorial in CATALOG.tutorials for step in tutorial.steps if isinstance(step, QuizStep)]


def verdict_shown(cues: PhoneCues) -> bool:
    """True when anything on the phone already says scam or safe."""
    return any(cue != "neutral" for cue in cues.cues.values()) or any(
        tone != "info" for tone in cues.notice_tones.values()
    )


def _judgeable(element: object) -> bool:
    return isinstance(element, AddressBar | IncomingCall) or (isinstance(element, Bubble) and element.sender)


def test_the_catalog_has_quizzes_with_web_addresses_and_senders() -> None:
    """The checks below are about something: real quizzes with address bars and sender lines."""
    elements = [element for _, step in QUIZZES for element in step.screen.elements]
    assert len(QUIZZES) >= 20
    assert any(isinstance(element, AddressBar) and not element.secure for element in elements)
    assert any(isinstance(element, AddressBar) and element.secure for element in elements)
    assert any(isinstance(element, Bubble) and element.sender for element in elements)


@pytest.mark.parametrize(("tutorial", "step"), QUIZZES, ids=[f"{t.id}/{s.id}" for t, s in QUIZZES])
def test_before_answering_no_address_bar_sender_or_notice_carries_a_verdict(tutorial: Tutorial, step: QuizStep) -> None:
    cues = phone_cues(step, step.screen, answered=False)
    judged = [element for element in step.screen.elements if _judgeable(element)]
    assert {element.id: cues.cue(element.id) for element in judged} == {element.id: "neutral" for element in judged}
    notices = [element for element in step.screen.elements if isinstance(element, Notice)]
    assert {notice.id: cues.notice_tone(notice) for notice in notices} == {notice.id: "info" for notice in notices}
    assert not verdict_shown(cues)


@pytest.mark.parametrize(("tutorial", "step"), QUIZZES, ids=[f"{t.id}/{s.id}" for t, s in QUIZZES])
def test_after_answering_the_web_address_is_marked_by_its_domain(tutorial: Tutorial, step: QuizStep) -> None:
    cues = phone_cues(step, step.screen, answered=True)
    for element in step.screen.elements:
        if isinstance(element, AddressBar):
            assert cues.cue(element.id) == ("safe" if element.secure else "danger")
    flagged = {flag.element: flag.tone for flag in step.flags}
    for element in step.screen.elements:
        if _judgeable(element) and not isinstance(element, AddressBar):
            assert cues.cue(element.id) == flagged.get(element.id, "neutral")


def test_the_verdict_rule_can_fail() -> None:
    """An answered quiz with a scam address does show a verdict: the neutral check is not vacuous."""
    step = next(step for _, step in QUIZZES if any(isinstance(e, AddressBar) for e in step.screen.elements))
    assert verdict_shown(phone_cues(step, step.screen, answered=True))


def test_no_step_outside_a_quiz_judges_a_web_address() -> None:
    """Show and practice steps never put a padlock or a warning on an address: the resident reads the domain."""
    for tutorial in CATALOG.tutorials:
        for step in tutorial.steps:
            if isinstance(step, QuizStep) or step.screen is None:
                continue
            cues = phone_cues(step, step.screen, answered=False)
            assert all(cues.cue(e.id) == "neutral" for e in step.screen.elements if isinstance(e, AddressBar))


def test_no_tutorial_teaches_the_padlock_as_a_sign_of_safety() -> None:
    """Scam sites have padlocks too: the lessons say to type the address and check how it ends."""
    words = ("ổ khóa", "ổ khoá", "padlock", "biểu tượng khóa")
    said = [
        tutorial.id
        for tutorial in CATALOG.tutorials
        if any(word in tutorial.model_dump_json().lower() for word in words)
    ]
    assert said == []


def test_answers_are_coloured_by_meaning() -> None:
    assert answer_kind("Lừa đảo") == "scam"
    assert answer_kind("An toàn") == "safe"
    assert answer_kind("Gọi số điện thoại đã lưu") == "other"


# --- on screen ----------------------------------------------------------------

SIZES = [((1920, 1080), 100), ((1080, 1920), 100), ((1280, 800), 150)]


@pytest.mark.parametrize(("size", "text_size"), SIZES, ids=["1920x1080", "1080x1920", "1280x800-150"])
def test_after_answering_every_flag_badge_sits_beside_its_element_inside_the_phone(
    make_kiosk: MakeKiosk, size: tuple[int, int], text_size: int
) -> None:
    """Every quiz of the catalogue, answered in the real kiosk window at that screen size: the phone is as large
    as the step page makes it there, not a size the test picked."""
    kiosk = make_kiosk(CATALOG, size, text_size_default=text_size)
    controller = kiosk.controller
    problems: list[str] = []
    checked = 0
    for tutorial, step in QUIZZES:
        controller.go_home()
        controller.open_tutorial(tutorial.id)
        session = kiosk.visit.player
        assert session is not None
        session.jump(next(i for i, shown in enumerate(session.tutorial.steps) if shown.id == step.id))
        controller.answer(0)
        settle()
        phone = kiosk.shell.step.phone
        assert phone.isVisible(), f"{tutorial.id}/{step.id}: no phone on the answered quiz"
        status = phone.status_rect()
        body = phone.phone_rect()
        for flag, badge in phone.badge_rects():
            checked += 1
            element = QRectF(phone.element_rect(flag.element))
            name = f"{tutorial.id}/{step.id} badge {flag.number}"
            if badge.intersects(element):
                problems.append(f"{name} covers its element")
            if not body.contains(badge):
                problems.append(f"{name} lies outside the phone")
            if badge.intersects(status):
                problems.append(f"{name} covers the status bar")
            others = [b for f, b in phone.badge_rects() if f is not flag and b.intersects(badge)]
            if others:
                problems.append(f"{name} overlaps another badge")
    assert checked >= 30
    assert problems == []


def _quiz_model(visit: Visit) -> StepScreen:
    model = screen_of(visit)
    assert isinstance(model, StepScreen)
    return model


def test_the_screen_model_carries_the_neutral_phone_then_the_marked_one_and_the_why_page() -> None:
    """The rule lives in the model: the widgets, read aloud and the tour all see the same phone."""
    visit = Visit(CATALOG)
    session = visit.open_tutorial("lua-dao-hay-an-toan-1")
    session.jump(next(i for i, s in enumerate(session.tutorial.steps) if s.id == "web-nang-cap-vneid"))
    before = _quiz_model(visit)
    assert not verdict_shown(before.phone.cues)
    assert before.answer_kinds == ("scam", "safe")
    assert before.note is not None and before.note.text == ui_text("quiz_look_only", "vi")
    assert not before.phone.interactive
    session.answer(0)
    after = _quiz_model(visit)
    assert after.phone.cues.cue("dia_chi") == "danger"
    assert after.why.startswith(ui_text("why", "vi")) and not after.why_open
    said = spoken(after, None)
    assert ui_text("what_to_do", "vi") in said
    assert session.toggle_why()
    why = _quiz_model(visit)
    assert why.why_open, "the why page is a field of the model, so read aloud follows it"
    said = spoken(why, None)
    assert after.why in said and ui_text("what_to_do", "vi") not in said
    assert all(flag.text in said for flag in why.flags)
    session.next()
    assert not _quiz_model(visit).why_open


def test_a_quiz_on_screen_is_neutral_then_marked_and_the_phone_is_only_to_look_at(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    kiosk = make_kiosk(CATALOG)
    controller = kiosk.controller
    open_tutorial(qtbot, kiosk, "lua-dao-hay-an-toan-1")
    session = controller.visit.player
    assert session is not None
    index = next(i for i, s in enumerate(session.tutorial.steps) if s.id == "web-nang-cap-vneid")
    session.jump(index)
    controller.refresh()
    step_view = kiosk.shell.step
    assert not verdict_shown(step_view.phone.cues)
    assert step_view.phone.cues.cue("dia_chi") == "neutral"
    assert not step_view.phone.interactive
    assert step_view.practice_note.text_label.text() == ui_text("quiz_look_only", "vi")
    roles = [button.property("role") for button in step_view.answers if button.isVisible()]
    assert roles == ["answer-scam", "answer-safe"]
    tap(qtbot, step_view.answers[0])
    assert step_view.phone.cues.cue("dia_chi") == "danger"
    assert len(step_view.phone.badge_rects()) == 2


def test_show_steps_say_look_and_practice_hints_say_tap(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(CATALOG)
    open_tutorial(qtbot, kiosk, "lua-dao-hay-an-toan-1")
    round_session = kiosk.controller.visit.player
    assert round_session is not None
    round_session.jump(1)  # past the warm-up (or the ward's bulletin) that opens every round: the intro step
    kiosk.controller.refresh()
    assert round_session.step.kind == "info"
    assert kiosk.shell.step.phone.cue_kind == "look", "the round's intro step points at its notice"
    assert kiosk.shell.step.practice_note.text_label.text() == ui_text("practice_safe", "vi")
    session = kiosk.controller.visit.open_tutorial("dang-ky-muc-1")
    session.jump(next(i for i, s in enumerate(session.tutorial.steps) if s.kind == "practice"))
    kiosk.controller.refresh()
    assert kiosk.shell.step.phone.cue_kind == "tap"


def test_the_tour_shows_the_idle_warning_with_its_countdown(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(CATALOG, size=(1280, 800))
    warning = kiosk.shell.idle_warning
    for stem in walk(kiosk, only="no-such-tutorial"):
        if stem != "90-idle-warning":
            continue
        settle()
        qtbot.wait(1200)  # the idle timer ticks at least once: it must not hide the warning
        assert warning.isVisible()
        assert warning.countdown.text() == "30"
        assert warning.countdown.isVisible()
        theme = kiosk.shell.theme
        assert warning.countdown.minimumHeight() >= 4 * theme.body_px
        break
    else:
        pytest.fail("the tour has no idle warning")


def test_quiz_feedback_keeps_the_residents_text_size_and_moves_to_a_why_page(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """At 1280×800 and 150 % the feedback is as large as the question; what does not fit goes to "Vì sao?"."""
    from kiosk.views.widgets import column_overflows

    kiosk = make_kiosk(CATALOG, size=(1280, 800), text_size_default=150)
    controller, shell = kiosk.controller, kiosk.shell
    step_view = shell.step
    pages: set[str] = set()
    problems: list[str] = []
    for tutorial in CATALOG.tutorials:
        quiz_indices = [i for i, step in enumerate(tutorial.steps) if isinstance(step, QuizStep)]
        if not quiz_indices:
            continue
        session = controller.visit.open_tutorial(tutorial.id)
        for index in quiz_indices:
            session.jump(index)
            controller.refresh()
            controller.answer(0)
            settle()
            for _ in range(2 if step_view.feedback_page == "verdict" else 1):
                pages.add(step_view.feedback_page)
                size = step_view.feedback.text_label.font().pixelSize()
                name = f"{tutorial.id}/{tutorial.steps[index].id} ({step_view.feedback_page})"
                if size != shell.theme.body_px:
                    problems.append(f"{name}: feedback at {size}px, not {shell.theme.body_px}px")
                if column_overflows(step_view.text_column, step_view.text_column.height() + 1):
                    problems.append(f"{name}: the text column overflows")
                said = kiosk.speech.screen_text()
                explanation = tutorial.steps[index].explanation
                if step_view.feedback_page == "verdict" and explanation and explanation.vi in said:
                    problems.append(f"{name}: read aloud reads the explanation the page does not show")
                if step_view.feedback_page == "why" and ui_text("what_to_do", "vi") in said:
                    problems.append(f"{name}: read aloud reads what to do on the why page")
                if step_view.feedback_page == "verdict":
                    tap(qtbot, step_view.why)
                    settle()
    assert problems == [], "\n".join(problems)
    assert {"verdict", "why"} <= pages, "long feedback at 150 % is split over two pages"
