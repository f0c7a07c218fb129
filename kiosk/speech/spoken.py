"""What read aloud says: each resident screen as text (made speakable by `speakable`), and the voice to say it in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kiosk.core.navigation import Visit
from kiosk.core.screen_model import (
    Attract,
    Completion,
    Confidence,
    Home,
    Message,
    Overlay,
    PhoneWords,
    ScamHelp,
    ScreenModel,
    StepScreen,
    TutorialList,
    help_of,
    idle_warning_of,
    screen_of,
    step_of,
)
from kiosk.core.session import TutorialSession
from kiosk.text.language import Language
from kiosk.text.strings import ui_text

Region = Literal["north", "central", "south"]

# --- the voice ------------------------------------------------------------------

# speech-dispatcher's espeak-ng module names its voices like this; the espeak-ng ids are accepted too.
VIETNAMESE_VOICES: dict[Region, tuple[str, str]] = {
    "north": ("Vietnamese (Northern)", "vi"),
    "central": ("Vietnamese (Central)", "vi-vn-x-central"),
    "south": ("Vietnamese (Southern)", "vi-vn-x-south"),
}
ENGLISH_VOICES: tuple[str, ...] = ("English (Great Britain)", "en-gb", "English (America)", "en-us")


@dataclass(frozen=True)
class VoiceChoice:
    name: str | None  # None: no voice at all for the language
    note: str = ""  # why it is not the voice that was asked for


def preferred_voice(language: Language, region: Region) -> str:
    return VIETNAMESE_VOICES[region][0] if language == "vi" else ENGLISH_VOICES[0]


def _plain(name: str) -> str:
    return name.lower().replace("_", " ").strip()


def choose_voice(names: Sequence[str], language: Language, region: Region) -> VoiceChoice:
    """Pick a voice by name from the engine's voices for `language`; variants ("…+Alex") only as a last resort."""
    wanted = VIETNAMESE_VOICES[region] if language == "vi" else ENGLISH_VOICES
    by_plain = {_plain(name): name for name in reversed(names)}
    for candidate in wanted:
        if _plain(candidate) in by_plain:
            return VoiceChoice(by_plain[_plain(candidate)])
    plain_voices = [name for name in names if "+" not in name] or list(names)
    if not plain_voices:
        return VoiceChoice(None, f"no {'Vietnamese' if language == 'vi' else 'English'} voice")
    return VoiceChoice(plain_voices[0], f"voice '{wanted[0]}' is missing; using '{plain_voices[0]}'")


# --- what each screen says ----------------------------------------------------------


def sentences(*parts: str) -> str:
    """Join parts into one text, each ending like a sentence so the voice pauses between them."""
    out = []
    for part in (part.strip() for part in parts):
        if part:
            out.append(part if part[-1] in ".?!:…" else part + ".")
    return " ".join(out)


@dataclass(frozen=True)
class ListPage:
    """Which of a list's titles are on show: the view pages them by what fits the screen."""

    first: int
    count: int
    page: int = 1
    pages: int = 1


def spoken_screen(visit: Visit, page: ListPage | None = None) -> str:
    """The words read for the screen the visit is on."""
    return spoken(screen_of(visit), page)


def spoken(model: ScreenModel, page: ListPage | None = None, split: bool = False) -> str:
    """The words read for a screen: the same words it shows, in reading order, plus a few spoken cues.

    `split`: the step page shows an answered quiz's verdict without its explanation (it did not fit at
    the resident's text size; "Vì sao?" opens the rest), so only the verdict and what to do are read."""
    if isinstance(model, Attract):
        return sentences(model.prompt)
    if isinstance(model, Home):
        return sentences(model.header.title, *model.category_titles)
    if isinstance(model, TutorialList):
        return _spoken_list(model, page)
    if isinstance(model, Completion):
        lesson = model.lesson.text if model.lesson else ""
        faces = [model.faces.question, *model.faces.labels] if model.faces else []
        return sentences(model.title, model.tutorial_title, model.score, lesson, *faces)
    if isinstance(model, Confidence):
        return sentences(model.faces.question, *model.faces.labels, model.skip)
    if isinstance(model, ScamHelp):
        return sentences(model.header.title, model.calm, *model.steps, model.lesson)
    return sentences(*_spoken_step(model, split))


def _spoken_list(model: TutorialList, page: ListPage | None) -> str:
    titles = model.tutorial_titles
    if page is None:
        return sentences(model.header.title, *titles)
    label = ui_text("page_of", model.language, page=page.page, total=page.pages) if page.pages > 1 else ""
    return sentences(model.header.title, label, *titles[page.first : page.first + page.count])


def _spoken_step(model: StepScreen, split: bool) -> list[str]:
    opening = [model.header.pill, model.title]
    if model.step_kind == "quiz" and not model.answered:
        return [*opening, *_message(model.banner), model.body, *_quiz_question(model)]
    flags = [flag.text for flag in model.flags]
    if model.step_kind == "quiz" and model.why_open:  # the "Vì sao?" page: the explanation and the flags
        return [*opening, model.why, *flags]
    if model.step_kind == "quiz" and split and model.feedback is not None and model.feedback.short_text:
        return [*opening, model.feedback.short_text, *_message(model.action)]
    if model.step_kind == "quiz":
        return [*opening, *(_message(model.feedback)), *flags, *_message(model.action)]
    note = model.note if model.step_kind == "practice" and model.feedback is None else None
    banner = [*_message(model.banner), *_message(note), *_message(model.feedback)]
    return [*opening, model.body, sentences(*banner) if banner else ""]


def _message(message: Message | None) -> list[str]:
    return [message.text] if message is not None else []


def _quiz_question(model: StepScreen) -> list[str]:
    language = model.language
    shown = [_phone_words(words, language) for words in model.phone.words]
    parts = [sentences(ui_text("spoken_on_phone", language), *shown)] if shown else []
    parts.append(ui_text("spoken_answers", language, n=len(model.answers)))
    parts += [f"{number}. {answer}" for number, answer in enumerate(model.answers, 1)]
    return parts


def _phone_words(words: PhoneWords, language: Language) -> str:
    """A message with its sender, a notice with its title, a call with who, which number and why."""
    if words.kind == "message":
        return f"{words.label}: {words.text}" if words.label else words.text
    if words.kind == "notice":
        return sentences(words.label, words.text)
    return sentences(ui_text("spoken_call", language, caller=words.text), words.label, words.detail)


def spoken_step(session: TutorialSession, language: Language) -> str:
    return spoken(step_of(session, "", language))


def spoken_overlay(overlay: Overlay) -> str:
    """The idle warning or the help message: its title and its words (the button is read by its own label)."""
    return sentences(overlay.title, overlay.body)


def spoken_idle_warning(language: Language, seconds_left: int) -> str:
    return spoken_overlay(idle_warning_of(language, seconds_left))


def spoken_help(language: Language) -> str:
    return spoken_overlay(help_of(language))
