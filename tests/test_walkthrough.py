"""Every shipped tutorial, walked by real taps from the attract screen to its completion screen."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.loader import load_catalog
from kiosk.content.models import PracticeStep, QuizStep, TryStep
from kiosk.core.navigation import Screen
from kiosk.text.strings import ui_text
from tests.conftest import MakeKiosk
from tests.gui import miss_point, open_tutorial, tap

CATALOG = load_catalog()
PUBLISHED = [tutorial.id for tutorial in CATALOG.published()]


def test_catalog_is_walkable() -> None:
    assert len(PUBLISHED) >= 3
    assert {CATALOG.tutorial(tutorial_id).category for tutorial_id in PUBLISHED} >= {"vneid", "dichvucong", "luadao"}


@pytest.mark.parametrize("tutorial_id", PUBLISHED)
def test_walk_tutorial_to_completion(qtbot: QtBot, make_kiosk: MakeKiosk, tutorial_id: str) -> None:
    kiosk = make_kiosk(CATALOG)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, tutorial_id)
    session = kiosk.visit.player
    assert session is not None
    tutorial = session.tutorial  # a scam-trainer round starts with a warm-up from another round
    assert tutorial.steps[-len(CATALOG.tutorial(tutorial_id).steps) :] == CATALOG.tutorial(tutorial_id).steps
    expected_right = 0
    for number, step in enumerate(tutorial.steps, 1):
        assert kiosk.visit.route.screen is Screen.PLAYER
        assert shell.header.step_pill.text() == f"Bước {number} / {len(tutorial.steps)}"
        assert shell.step.title.text() == step.title.vi
        assert shell.step.progress.value() == number
        if isinstance(step, PracticeStep):
            assert not shell.bar.next.isVisible(), "Next must wait for the right tap"
            assert shell.step.practice_note.text_label.text() == ui_text("practice_safe", "vi"), (
                "one permanent practice-screen line"
            )
            tap(qtbot, shell.step.phone, miss_point(kiosk))
            assert shell.step.feedback.text_label.text().startswith(step.hint.vi)
            assert not shell.step.phone.pulsing
            tap(qtbot, shell.step.phone, miss_point(kiosk))
            assert shell.step.phone.pulsing, "after two wrong taps the target pulses"
            tap(qtbot, shell.step.phone, shell.step.phone.element_rect(step.target).center())
            success = step.success.vi if step.success else ui_text("practice_right", "vi")
            assert shell.step.feedback.text_label.text() == success
        elif isinstance(step, QuizStep):
            choose_right = number % 2 == 0
            choice = next(i for i, answer in enumerate(step.answers) if answer.correct == choose_right)
            assert [button.text() for button in shell.step.answers if button.isVisible()] == [
                answer.text.vi for answer in step.answers
            ]
            tap(qtbot, shell.step.answers[choice])
            expected_right += int(choose_right)
            feedback = shell.step.feedback.text_label.text()
            assert feedback.startswith(ui_text("quiz_right" if choose_right else "quiz_wrong", "vi"))
            if shell.step.feedback_page == "verdict":  # too long for one page at this size: "Vì sao?" shows the rest
                assert shell.step.action.isVisible()
                tap(qtbot, shell.step.why)
                assert shell.step.feedback_page == "why"
            shown_flags = [row.text.text() for row in shell.step.flags if row.isVisible()]
            assert len(shown_flags) == len(step.flags)
            assert all(flag.text.vi in text for flag, text in zip(step.flags, shown_flags, strict=True))
            assert step.action.vi in shell.step.action.text_label.text()
        elif isinstance(step, TryStep):
            assert session.try_run is not None
            for stage in session.try_run.stages:
                assert not shell.bar.next.isVisible() and shell.step.phone._screen == stage.screen
                tap(qtbot, shell.step.phone, shell.step.phone.element_rect(stage.target).center())
            assert shell.step.feedback.text_label.text() == ui_text("try_done_unaided", "vi")
        assert shell.bar.next.isVisible()
        tap(qtbot, shell.bar.next)
    assert kiosk.visit.route.screen is Screen.COMPLETE
    assert shell.completion.title.text() == "Bác đã hoàn thành!"
    if tutorial.quiz_count:
        assert shell.completion.score.text() == f"Bác trả lời đúng {expected_right} / {tutorial.quiz_count} câu."
    tap(qtbot, shell.completion.home)
    assert kiosk.visit.route.screen is Screen.HOME
