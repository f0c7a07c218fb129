"""What the simulated phone may say about safety, and when: nothing before a quiz is answered.

A red ⚠ or a green padlock in the address bar before the resident decides answers the quiz for them,
and "a padlock means safe" is false (scam sites have padlocks too). So address bars, sender lines and
coloured notices are neutral until the answer; the reveal then marks the web address by its ending
(the lesson: type the address yourself and check how the domain ends), never with a padlock.
Pure Python: tests check every quiz of the catalog without drawing a pixel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.content.models import AddressBar, Bubble, IncomingCall, Notice, QuizStep, Screen, Step

Cue = Literal["neutral", "danger", "safe"]
NoticeTone = Literal["info", "success", "warning", "danger"]


@dataclass(frozen=True)
class PhoneCues:
    """Per element id: the cue drawn on address bars, sender lines and calls, and each notice's tone."""

    cues: dict[str, Cue]
    notice_tones: dict[str, NoticeTone]

    def cue(self, element_id: str) -> Cue:
        return self.cues.get(element_id, "neutral")

    def notice_tone(self, notice: Notice) -> NoticeTone:
        return self.notice_tones.get(notice.id, notice.tone)


NEUTRAL = PhoneCues({}, {})


def phone_cues(step: Step | None, screen: Screen | None, answered: bool) -> PhoneCues:
    """The cues for one step's phone: a quiz is neutral until answered, other steps never judge a site."""
    if screen is None:
        return NEUTRAL
    if not isinstance(step, QuizStep):
        return PhoneCues({element.id: "neutral" for element in screen.elements if _judgeable(element)}, {})
    if not answered:
        return PhoneCues(
            {element.id: "neutral" for element in screen.elements if _judgeable(element)},
            {element.id: "info" for element in screen.elements if isinstance(element, Notice)},
        )
    flagged = {flag.element: flag.tone for flag in step.flags}
    cues: dict[str, Cue] = {}
    for element in screen.elements:
        if isinstance(element, AddressBar):
            cues[element.id] = "safe" if element.secure else "danger"
        elif _judgeable(element):
            tone = flagged.get(element.id)
            cues[element.id] = "neutral" if tone is None else tone
    return PhoneCues(cues, {})


def _judgeable(element: object) -> bool:
    """Elements whose look could pass a verdict: web addresses, who sent a message, who is calling."""
    if isinstance(element, Bubble):
        return element.sender is not None
    return isinstance(element, AddressBar | IncomingCall)
