"""The take-home slip ("Mang về"): what a resident carries home, as plain data (no Qt, no printer).

A slip holds the tutorial's title, its steps in a few words with the exact on-screen labels in quotes, the one
lesson, the hotlines, the ward and the date. Nothing about the resident is on it: it is built only from the
tutorial, the kiosk's config and today's date. `checklist_text` is what the offline QR code carries.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from kiosk.content.models import MIN_HOW_TO_TAPS, Element, Language, PracticeStep, Step, TryStep, Tutorial
from kiosk.text.strings import ui_text

MAX_STEPS = 8
MAX_QR_BYTES = 480  # UTF-8 bytes: at most version 17 (85 modules) at level M; 6 dots a module on 80 mm paper
QUOTES = ("“", '"')


@dataclass(frozen=True)
class Slip:
    """Everything printed or shown on one slip, in one language."""

    language: Language
    title: str
    steps: tuple[str, ...]
    lesson: str | None
    hotlines: tuple[str, ...]
    ward: str
    date: dt.date
    guide_url: str | None = None
    heading: str = ""

    @property
    def date_text(self) -> str:
        return self.date.strftime("%d/%m/%Y")

    @property
    def footer(self) -> str:
        return f"{self.ward} · {self.date_text}" if self.ward else self.date_text

    def lines(self) -> list[str]:
        """The slip as plain lines, top to bottom (printers, PDF and tests read the same words)."""
        lines = [self.heading, self.title, ""] if self.heading else [self.title, ""]
        lines += [f"{number}. {step}" for number, step in enumerate(self.steps, start=1)]
        if self.lesson:
            lines += ["", f"{ui_text('slip_remember', self.language)}: {self.lesson}"]
        return [*lines, "", *self.hotlines, "", self.footer]

    @property
    def checklist_text(self) -> str:
        """The offline QR's text: the checklist itself, cut (never split mid-step) to stay easy to scan."""
        head = [self.title]
        tail = [ui_text("slip_qr_hotlines", self.language), self.footer]
        steps = [f"{number}. {step}" for number, step in enumerate(self.steps, start=1)]
        lesson = [f"{ui_text('slip_remember', self.language)}: {self.lesson}"] if self.lesson else []
        if _utf8_len([*head, *steps, *lesson, *tail]) > MAX_QR_BYTES:
            lesson = []  # the steps matter more than the lesson, which is printed on the slip anyway
        while steps and _utf8_len([*head, *steps, *tail]) > MAX_QR_BYTES:
            steps.pop()
        text = "\n".join([*head, *steps, *lesson, *tail])
        return text if len(text.encode("utf-8")) <= MAX_QR_BYTES else _cut(text)


def _utf8_len(lines: list[str]) -> int:
    return len("\n".join(lines).encode("utf-8"))


def _cut(text: str) -> str:
    while len(text.encode("utf-8")) > MAX_QR_BYTES - 3:
        text = text[:-1]
    return text + "…"


def _nfc(text: str) -> str:
    """Precomposed Vietnamese: one code point per letter, so every font and printer path draws it the same."""
    return unicodedata.normalize("NFC", text)


def element_label(element: Element, language: Language) -> str | None:
    """The words a resident sees on an element: a button's text, an input's label, a row's title."""
    for name in ("text", "label", "caption", "caller"):
        value = getattr(element, name, None)
        if value is not None:
            return str(value.get(language))
    return None


def step_line(step: PracticeStep, language: Language) -> str:
    """A practice step in a few words, with the exact label of what to tap in quotes."""
    title = step.title.get(language)
    target = next(element for element in step.screen.elements if element.id == step.target)
    label = element_label(target, language)
    if label is None or any(quote in title for quote in QUOTES):
        return title
    return f"{title} → “{label}”"


def _step_lines(steps: list[Step], language: Language) -> list[str]:
    practice = [step for step in steps if isinstance(step, PracticeStep)]
    if len(practice) >= MIN_HOW_TO_TAPS:  # a how-to: the taps, each with its exact label
        return [step_line(step, language) for step in practice]
    return [step.title.get(language) for step in steps if step.kind != "quiz" and not isinstance(step, TryStep)]


def hotlines(language: Language) -> tuple[str, ...]:
    return ui_text("slip_hotline_113", language), ui_text("slip_hotline_156", language)


def tutorial_slip(tutorial: Tutorial, language: Language, ward: str, today: dt.date) -> Slip:
    """The slip of one tutorial: built from the tutorial, the ward and the date, never from the visit."""
    steps = tuple(_nfc(line) for line in _step_lines(list(tutorial.steps), language)[:MAX_STEPS])
    return Slip(
        language=language,
        title=_nfc(tutorial.title.get(language)),
        steps=steps,
        lesson=_nfc(tutorial.lesson.get(language)) if tutorial.lesson else None,
        hotlines=hotlines(language),
        ward=_nfc(ward),
        date=today,
        guide_url=tutorial.guide_url,
        heading=ui_text("slip_heading", language),
    )


EMERGENCY_STEPS = ("scam_do_1", "scam_do_2", "scam_do_3", "scam_do_4", "scam_do_5")


def emergency_slip(language: Language, ward: str, today: dt.date) -> Slip:
    """The slip of "Tôi nghĩ mình bị lừa": what to do right now if money was already sent."""
    return Slip(
        language=language,
        title=ui_text("scam_title", language),
        steps=tuple(ui_text(key, language) for key in EMERGENCY_STEPS),
        lesson=ui_text("scam_lesson", language),
        hotlines=hotlines(language),
        ward=_nfc(ward),
        date=today,
        guide_url=EMERGENCY_GUIDE_URL,
        heading=ui_text("slip_heading", language),
    )


EMERGENCY_GUIDE_URL = "https://canhbao.khonggianmang.vn"
