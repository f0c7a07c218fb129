"""TutorialSession on the fixture tutorial: step 0 info, step 1 practice, step 2 quiz (answer 0 is right)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import load_catalog
from kiosk.content.models import Tutorial
from kiosk.core.session import PULSE_AFTER_WRONG_TAPS, Phase, StepState, TapResult, TutorialSession, highlighted_element

FIXTURE = Path(__file__).parent / "fixtures" / "content"
TARGET = "btn_dang_ky"


@pytest.fixture(scope="module")
def tutorial() -> Tutorial:
    catalog = load_catalog(FIXTURE)
    assert catalog.problems == []
    return catalog.tutorial("mau")


@pytest.fixture
def session(tutorial: Tutorial) -> TutorialSession:
    return TutorialSession(tutorial)


def at_practice(session: TutorialSession) -> TutorialSession:
    assert session.next() is True
    assert session.state == StepState(1)
    return session


def at_quiz(session: TutorialSession) -> TutorialSession:
    at_practice(session)
    assert session.tap(TARGET) is TapResult.CORRECT
    assert session.next() is True
    assert session.state == StepState(2)
    return session


def test_fixture_shape(tutorial: Tutorial) -> None:
    assert [step.kind for step in tutorial.steps] == ["info", "practice", "quiz"]
    assert tutorial.quiz_count == 1
    assert PULSE_AFTER_WRONG_TAPS == 2


# --- info step --------------------------------------------------------------


def test_starts_on_the_first_step(session: TutorialSession) -> None:
    assert session.state == StepState(0, Phase.SHOWING, 0, None)
    assert session.finished is False
    assert session.step_count == 3
    assert session.step.id == "xem"
    assert session.can_go_next is True
    assert session.target_pulses is False
    assert session.quiz_score == (0, 1)


def test_info_step_highlights_its_element(session: TutorialSession) -> None:
    assert highlighted_element(session) == TARGET


def test_taps_and_answers_are_ignored_on_an_info_step(session: TutorialSession) -> None:
    assert session.tap(TARGET) is TapResult.IGNORED
    assert session.tap("o_so") is TapResult.IGNORED
    assert session.tap(None) is TapResult.IGNORED
    assert session.answer(0) is None
    assert session.state == StepState(0)
    assert session.can_go_next is True


# --- practice step ----------------------------------------------------------


def test_next_is_blocked_on_practice_until_the_right_tap(session: TutorialSession) -> None:
    at_practice(session)
    assert session.can_go_next is False
    assert session.next() is False
    assert session.state == StepState(1)
    assert session.tap(TARGET) is TapResult.CORRECT
    assert session.state == StepState(1, Phase.SOLVED, 0)
    assert session.can_go_next is True
    assert session.next() is True
    assert session.state == StepState(2)


def test_wrong_taps_are_counted(session: TutorialSession) -> None:
    at_practice(session)
    assert session.tap("btn_dang_nhap") is TapResult.WRONG
    assert session.state == StepState(1, Phase.SHOWING, 1)
    assert session.tap(None) is TapResult.WRONG
    assert session.tap("app_bar") is TapResult.WRONG
    assert session.state == StepState(1, Phase.SHOWING, 3)
    assert session.can_go_next is False
    assert session.next() is False


def test_target_pulses_after_two_wrong_taps(session: TutorialSession) -> None:
    at_practice(session)
    assert session.target_pulses is False
    assert highlighted_element(session) is None
    session.tap("huong_dan")
    assert session.target_pulses is False
    assert highlighted_element(session) is None
    session.tap(None)
    assert session.target_pulses is True
    assert highlighted_element(session) == TARGET


def test_solved_practice_highlights_the_target(session: TutorialSession) -> None:
    at_practice(session)
    session.tap(TARGET)
    assert session.target_pulses is False
    assert highlighted_element(session) == TARGET


def test_taps_are_ignored_after_solving(session: TutorialSession) -> None:
    at_practice(session)
    session.tap("btn_dang_nhap")
    assert session.tap(TARGET) is TapResult.CORRECT
    assert session.tap("btn_dang_nhap") is TapResult.IGNORED
    assert session.tap(TARGET) is TapResult.IGNORED
    assert session.tap(None) is TapResult.IGNORED
    assert session.state == StepState(1, Phase.SOLVED, 1)


def test_answers_are_ignored_on_a_practice_step(session: TutorialSession) -> None:
    at_practice(session)
    assert session.answer(0) is None
    assert session.state == StepState(1)


# --- quiz step --------------------------------------------------------------


def test_taps_are_ignored_on_a_quiz_step(session: TutorialSession) -> None:
    at_quiz(session)
    assert session.tap("tin_nhan") is TapResult.IGNORED
    assert session.tap(None) is TapResult.IGNORED
    assert session.state == StepState(2)
    assert session.target_pulses is False
    assert highlighted_element(session) is None


def test_next_is_blocked_on_quiz_until_answered(session: TutorialSession) -> None:
    at_quiz(session)
    assert session.can_go_next is False
    assert session.next() is False
    assert session.state == StepState(2)


def test_right_answer(session: TutorialSession) -> None:
    at_quiz(session)
    assert session.answer(0) is True
    assert session.state == StepState(2, Phase.ANSWERED, 0, 0)
    assert session.can_go_next is True
    assert session.quiz_score == (1, 1)


def test_wrong_answer(session: TutorialSession) -> None:
    at_quiz(session)
    assert session.answer(1) is False
    assert session.state == StepState(2, Phase.ANSWERED, 0, 1)
    assert session.can_go_next is True
    assert session.quiz_score == (0, 1)


def test_a_quiz_is_answered_once(session: TutorialSession) -> None:
    at_quiz(session)
    assert session.answer(1) is False
    assert session.answer(0) is None
    assert session.state == StepState(2, Phase.ANSWERED, 0, 1)
    assert session.quiz_score == (0, 1)
    assert highlighted_element(session) is None


def test_answer_outside_the_choices_raises(session: TutorialSession) -> None:
    at_quiz(session)
    with pytest.raises(IndexError, match=r"answer 2 is outside 0\.\.1"):
        session.answer(2)
    with pytest.raises(IndexError, match=r"answer -1 is outside 0\.\.1"):
        session.answer(-1)
    assert session.state == StepState(2)


def test_score_counts_first_answers_only(session: TutorialSession) -> None:
    at_quiz(session)
    assert session.answer(1) is False
    assert session.back() is True
    assert session.state == StepState(1)
    session.tap(TARGET)
    session.next()
    assert session.state == StepState(2)
    assert session.answer(0) is True
    assert session.quiz_score == (0, 1)


def test_score_keeps_a_right_first_answer(session: TutorialSession) -> None:
    at_quiz(session)
    session.answer(0)
    session.jump(2)
    assert session.answer(1) is False
    assert session.quiz_score == (1, 1)


# --- finishing --------------------------------------------------------------


def test_next_from_the_last_step_finishes(session: TutorialSession) -> None:
    at_quiz(session)
    session.answer(0)
    assert session.next() is True
    assert session.finished is True
    assert session.state == StepState(2, Phase.ANSWERED, 0, 0)
    assert session.can_go_next is False
    assert session.next() is False
    assert session.finished is True


def test_back_from_finished_returns_to_the_last_step(session: TutorialSession) -> None:
    at_quiz(session)
    session.answer(1)
    session.next()
    assert session.back() is True
    assert session.finished is False
    assert session.state == StepState(2)
    assert session.quiz_score == (0, 1)
    assert session.answer(0) is True
    assert session.quiz_score == (0, 1)


# --- back, restart, jump ----------------------------------------------------


def test_back_on_the_first_step_returns_false(session: TutorialSession) -> None:
    assert session.back() is False
    assert session.state == StepState(0)
    assert session.finished is False


def test_back_goes_one_step_and_forgets_that_step(session: TutorialSession) -> None:
    at_quiz(session)
    session.answer(0)
    assert session.back() is True
    assert session.state == StepState(1)
    assert session.can_go_next is False
    assert session.back() is True
    assert session.state == StepState(0)
    assert session.back() is False


def test_restart_clears_everything(session: TutorialSession) -> None:
    at_quiz(session)
    session.answer(0)
    session.next()
    session.restart()
    assert session.state == StepState(0)
    assert session.finished is False
    assert session.first_answers == {}
    assert session.quiz_score == (0, 1)


def test_jump_goes_to_a_fresh_step(session: TutorialSession) -> None:
    at_practice(session)
    session.tap(None)
    session.jump(1)
    assert session.state == StepState(1)
    session.jump(2)
    assert session.state == StepState(2)
    session.jump(0)
    assert session.state == StepState(0)


def test_jump_from_finished_unfinishes(session: TutorialSession) -> None:
    at_quiz(session)
    session.answer(0)
    session.next()
    session.jump(0)
    assert session.finished is False
    assert session.state == StepState(0)
    assert session.quiz_score == (1, 1)


@pytest.mark.parametrize("index", [-1, 3])
def test_jump_outside_the_tutorial_raises(session: TutorialSession, index: int) -> None:
    with pytest.raises(IndexError, match=rf"step {index} is outside 0\.\.2"):
        session.jump(index)
    assert session.state == StepState(0)


def test_walk_through_in_order(session: TutorialSession) -> None:
    visited = []
    while not session.finished:
        visited.append(session.step.id)
        if session.step.kind == "practice":
            session.tap(TARGET)
        elif session.step.kind == "quiz":
            session.answer(0)
        assert session.next() is True
    assert visited == ["xem", "tap", "otp"]
    assert session.quiz_score == (1, 1)
