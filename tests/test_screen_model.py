"""The screen model: what each screen shows, Qt-free; and on every tour screen, every sentence the kiosk
would speak is a sentence on the glass (the eye and the ear come from the same model)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content.loader import Catalog, load_catalog
from kiosk.core.navigation import Visit
from kiosk.core.screen_model import (
    Attract,
    Bar,
    Completion,
    Header,
    Home,
    Overlay,
    StepScreen,
    TutorialList,
    help_of,
    idle_warning_of,
    screen_of,
)
from kiosk.devtools.tour import settle, walk
from kiosk.speech.spoken import ListPage, spoken, spoken_overlay
from kiosk.text.language import Language
from kiosk.text.strings import ui_text
from tests.conftest import MakeKiosk

# --- the model, without Qt -------------------------------------------------------------


@pytest.fixture
def visit(fixture_catalog: Catalog) -> Visit:
    return Visit(fixture_catalog)


def test_attract_home_and_list(visit: Visit) -> None:
    assert screen_of(visit) == Attract("vi", "Chạm vào màn hình để bắt đầu")
    visit.go_home()
    home = screen_of(visit)
    assert isinstance(home, Home) and home.category_titles == ("Bài mẫu",) and not home.bar.navigation
    visit.open_category("demo")
    listing = screen_of(visit)
    assert isinstance(listing, TutorialList) and listing.tutorial_titles == ("Bài mẫu có ba bước",)
    assert listing.header.title == "Bài mẫu" and listing.bar.navigation


def test_a_practice_step_before_and_after_the_right_tap(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    session.next()
    before = screen_of(visit)
    assert isinstance(before, StepScreen) and before.step_kind == "practice" and not before.answered
    assert before.banner is None and before.feedback is None and before.phone.interactive
    assert before.note is not None and before.note.text == ui_text("practice_safe", "vi"), "one practice line"
    assert before.phone.cue == "tap"
    assert before.bar.next_label == "", "no Next until the right tap"
    session.tap(None)
    hint = screen_of(visit)
    assert isinstance(hint, StepScreen) and hint.feedback is not None and hint.feedback.tone == "hint"
    session.tap("btn_dang_ky")
    after = screen_of(visit)
    assert isinstance(after, StepScreen) and after.answered and not after.phone.interactive
    assert (
        after.feedback is not None
        and after.feedback.tone == "success"
        and after.bar.next_label == ui_text("next", "vi")
    )


def test_a_quiz_step_before_and_after_answering(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    session.jump(2)
    before = screen_of(visit)
    assert isinstance(before, StepScreen) and before.step_kind == "quiz"
    assert before.answers and not before.flags and before.action is None and before.body
    session.answer(0)
    after = screen_of(visit)
    assert isinstance(after, StepScreen) and after.answered and not after.answers and after.body == ""
    assert after.feedback is not None and after.action is not None and after.flags
    assert [flag.number for flag in after.flags] == list(range(1, len(after.flags) + 1))
    assert after.phone.flags == after.flags, "the numbers on the phone are the numbers in the words"


def test_completion_and_the_next_tutorial(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    session.jump(session.step_count - 1)
    session.answer(1)
    visit.next()
    done = screen_of(visit)
    assert isinstance(done, Completion) and done.tutorial_id == "mau"
    assert done.title == ui_text("complete_title", "vi") and done.next_tutorial_id is None


def test_overlays() -> None:
    assert idle_warning_of("en", 12).body == "The screen will start over in 12 seconds."
    assert help_of("vi").signal == ui_text("help_signal", "vi")


# --- the eye and the ear, on every screen of the tour -------------------------------------

CATALOG = load_catalog()
SENTENCE_END = re.compile(r"(?<=[.?!:…])\s+")


def shown_texts(root: QWidget) -> list[str]:
    """Every word on the glass: visible labels and buttons."""
    texts = [label.text() for label in root.findChildren(QLabel) if label.isVisibleTo(root)]
    texts += [button.text() for button in root.findChildren(QAbstractButton) if button.isVisibleTo(root)]
    return [text.strip() for text in texts if text.strip()]


def phone_texts(kiosk: Kiosk) -> list[str]:
    """The simulated phone paints its words; they are the model's (drawn by `PhoneView` from the same data)."""
    model = kiosk.controller.screen
    if not isinstance(model, StepScreen):
        return []
    return [text for words in model.phone.words for text in (words.text, words.label, words.detail) if text]


def cues(language: Language, answers: int) -> list[str]:
    """Words only the ear needs, from the strings table: where the message is, how many answers follow."""
    return [
        ui_text("spoken_on_phone", language),
        ui_text("spoken_answers", language, n=answers),
        ui_text("spoken_call", language, caller="").strip(),
    ]


def unshown_sentences(spoken_text: str, shown: list[str], cue_words: list[str]) -> list[str]:
    glass = "\n".join(shown)
    missing = []
    for sentence in SENTENCE_END.split(spoken_text):
        for cue in cue_words:
            sentence = sentence.replace(cue, "")
        sentence = sentence.strip().rstrip(".:").strip()
        if sentence and not sentence.isdigit() and sentence not in glass:
            missing.append(sentence)
    return missing


def overlay_on_show(kiosk: Kiosk) -> Overlay | None:
    for overlay in (kiosk.shell.help_message, kiosk.shell.idle_warning):
        if overlay.isVisible():
            return overlay.model
    return None


@pytest.mark.slow
@pytest.mark.parametrize(("language", "only"), [("vi", None), ("en", "lua-dao-hay-an-toan")])
def test_every_sentence_spoken_on_every_tour_screen_is_shown(
    qtbot: QtBot, make_kiosk: MakeKiosk, language: Language, only: str | None
) -> None:
    """Vietnamese on every screen of every tutorial; English on the scam rounds (calls, messages, notices)."""
    kiosk = make_kiosk(CATALOG, (1920, 1080), default_language=language)
    problems: list[str] = []
    screens = 0
    for screen in walk(kiosk, only):
        settle()
        screens += 1
        overlay = overlay_on_show(kiosk)
        model = kiosk.controller.screen
        said = spoken_overlay(overlay) if overlay is not None else kiosk.speech.screen_text()
        answers = len(model.answers) if isinstance(model, StepScreen) else 0
        missing = unshown_sentences(said, shown_texts(kiosk.shell) + phone_texts(kiosk), cues(language, answers))
        problems += [f"{screen}: {sentence!r}" for sentence in missing]
    assert screens > (50 if only is None else 20)
    assert problems == [], f"{len(problems)} sentences spoken but not shown:\n" + "\n".join(problems[:40])


def test_the_check_catches_a_sentence_that_is_not_shown() -> None:
    """The check can fail: a spoken sentence missing from the glass is reported."""
    model = Attract("vi", "Chạm vào màn hình để bắt đầu")
    assert unshown_sentences(spoken(model), ["Chạm vào màn hình để bắt đầu"], []) == []
    assert unshown_sentences(spoken(model) + " Một câu khác.", ["Chạm vào màn hình để bắt đầu"], []) == ["Một câu khác"]
    listing = TutorialList("vi", Header("list", "Mục"), Bar(True), "muc", ("A", "B"))
    assert spoken(listing, ListPage(1, 1, 2, 2)) == "Mục. Trang 2 / 2. B.", "only the titles on the page on show"
