"""Tutorial content as frozen pydantic models, so a tutorial is data, never code."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from kiosk.text.language import LANGUAGES as LANGUAGES
from kiosk.text.language import Language as Language

MIN_HOW_TO_TAPS = 2

MAX_TEXT_CHARS = 2000  # one title, body or note; the longest bundled one has about 250
MAX_STEPS = 40  # per tutorial; the bundled ones have at most 9
# C0/C1 control characters (a tab or newline is fine) and the bidi overrides that can reverse what a resident reads.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(text: str) -> str:
    if (found := _HIDDEN.search(text)) is not None:
        raise ValueError(f"holds an invisible control or direction character (U+{ord(found.group()):04X})")
    return text


Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", min_length=1, max_length=64)]
NonEmpty = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS), AfterValidator(_visible)
]


class Frozen(BaseModel):
    """Base for content: immutable and strict about unknown fields (typos fail loudly)."""

    # defer_build: a start served from the content cache never validates, so it skips building schemas.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Text(Frozen):
    """A resident-facing string in both languages; Vietnamese first."""

    vi: NonEmpty
    en: NonEmpty

    def get(self, language: Language) -> str:
        return self.vi if language == "vi" else self.en


# --- Simulated phone screen -------------------------------------------------


class ElementBase(Frozen):
    id: Identifier


class AppBar(ElementBase):
    """The coloured title bar at the top of a simulated app."""

    kind: Literal["app_bar"]
    text: Text
    back: bool = False
    tone: Literal["blue", "red", "green", "grey", "zalo", "bank"] = "blue"


class Label(ElementBase):
    kind: Literal["text"]
    text: Text
    style: Literal["title", "body", "small"] = "body"


class Input(ElementBase):
    """A text field; `value` is what the simulation shows typed (never real data)."""

    kind: Literal["input"]
    label: Text
    value: str = ""
    secret: bool = False


class Button(ElementBase):
    kind: Literal["button"]
    text: Text
    style: Literal["primary", "secondary", "danger", "accept", "decline", "link"] = "primary"


class ListRow(ElementBase):
    kind: Literal["list_row"]
    text: Text
    detail: Text | None = None
    icon: str | None = None


class Bubble(ElementBase):
    """A chat or SMS bubble; `in` is a message received, `out` one sent."""

    kind: Literal["bubble"]
    text: Text
    side: Literal["in", "out"] = "in"
    sender: Text | None = None


class IncomingCall(ElementBase):
    """The top of an incoming-call screen: who is calling and from which number."""

    kind: Literal["call"]
    caller: Text
    number: str = ""
    detail: Text | None = None
    video: bool = False


class AddressBar(ElementBase):
    """A browser address bar; the web address is shown as typed, in any language."""

    kind: Literal["address_bar"]
    url: NonEmpty
    secure: bool = True


class Keypad(ElementBase):
    """A numeric keypad, for PIN, passcode and OTP screens."""

    kind: Literal["keypad"]


class Notice(ElementBase):
    """A highlighted card inside the simulated app: a notification, a result, a warning."""

    kind: Literal["notice"]
    text: Text
    title: Text | None = None
    tone: Literal["info", "success", "warning", "danger"] = "info"


class QrCode(ElementBase):
    """A drawn QR code with an optional caption (not a scannable code)."""

    kind: Literal["qr"]
    caption: Text | None = None


Element = Annotated[
    AppBar | Label | Input | Button | ListRow | Bubble | IncomingCall | AddressBar | Keypad | Notice | QrCode,
    Field(discriminator="kind"),
]


class Screen(Frozen):
    """A simulated phone screen drawn by one widget; elements stack from top to bottom."""

    frame: Literal["phone"] = "phone"
    elements: Annotated[list[Element], Field(min_length=1)]

    def element_ids(self) -> list[str]:
        return [element.id for element in self.elements]


# --- Steps ------------------------------------------------------------------


class StepBase(Frozen):
    id: Identifier
    title: Text
    body: Text | None = None
    note: Text | None = Field(default=None, description="Facilitator note, shown to volunteers only.")


class InfoStep(StepBase):
    """Show: explain one thing, with the element to look at ringed on the phone."""

    kind: Literal["info"]
    screen: Screen | None = None
    highlight: str | None = None


class PracticeStep(StepBase):
    """Practise: the resident must tap the named element on the simulated screen."""

    kind: Literal["practice"]
    screen: Screen
    target: str
    hint: Text = Field(description="Said kindly after a wrong tap.")
    success: Text | None = None


class Answer(Frozen):
    text: Text
    correct: bool = False


class Flag(Frozen):
    """A sign marked on the simulated screen after answering: a red flag or a sign of safety."""

    element: str
    text: Text
    tone: Literal["danger", "safe"] = "danger"


class QuizStep(StepBase):
    """Decide: scam or safe? The feedback names the flags and the right action."""

    kind: Literal["quiz"]
    screen: Screen
    verdict: Literal["scam", "safe"]
    answers: Annotated[list[Answer], Field(min_length=2, max_length=4)]
    flags: list[Flag] = Field(default_factory=list)
    explanation: Text | None = None
    action: Text = Field(description="What to do: every scenario ends with it.")


class TryStep(StepBase):
    """Tự làm: the whole task again on the phone with no highlight; its stages are the practice steps before it."""

    kind: Literal["try"]

    @property
    def screen(self) -> Screen | None:
        """No screen of its own: the session shows each practice step's screen in turn."""
        return None


Step = Annotated[InfoStep | PracticeStep | QuizStep | TryStep, Field(discriminator="kind")]


def union_kinds(union: object) -> frozenset[str]:
    """The `kind` tags of a discriminated union such as `Step` or `Element`, read from its models."""
    members = get_args(get_args(union)[0])
    return frozenset(tag for member in members for tag in get_args(member.model_fields["kind"].annotation))


STEP_KINDS = union_kinds(Step)
ELEMENT_KINDS = union_kinds(Element)
GuideUrl = Annotated[str, StringConstraints(pattern=r"^https://[A-Za-z0-9.-]+(/[!-~]*)?$", max_length=120)]


class Tutorial(Frozen):
    id: Identifier
    category: Identifier
    title: Text
    summary: Text
    reviewed: dt.date
    source: NonEmpty
    order: int = Field(default=100, description="Place in its category's list; lower comes first, ties by id.")
    draft: bool = False
    draft_note: str | None = Field(default=None, description="What must be checked before publishing.")
    lesson: Text | None = Field(default=None, description="The one thing to remember, on the completion screen.")
    guide_url: GuideUrl | None = Field(
        default=None, description="The official guide's https address, put on the take-home slip as a second QR."
    )
    steps: Annotated[list[Step], Field(min_length=1, max_length=MAX_STEPS)]

    @property
    def practice_steps(self) -> list[PracticeStep]:
        return [step for step in self.steps if isinstance(step, PracticeStep)]

    @property
    def is_how_to(self) -> bool:
        """A how-to teaches a task of several taps on the phone (two practice steps or more).

        Quiz rounds, explainers and scam stories (at most one practice tap) are not: replaying one tap is no task.
        """
        return len(self.practice_steps) >= MIN_HOW_TO_TAPS

    @property
    def quiz_count(self) -> int:
        return sum(1 for step in self.steps if step.kind == "quiz")


class Category(Frozen):
    id: Identifier
    title: Text
    subtitle: Text
    icon: str
    tone: Literal["blue", "green", "red", "purple", "teal", "brown"]


class CategoryFile(Frozen):
    categories: Annotated[list[Category], Field(min_length=1)]


# --- The ward's scam bulletin ------------------------------------------------

MAX_BULLETIN_DAYS = 120  # a warning about a scam "circulating now" must be renewed, never left up for good


class Bulletin(Frozen):
    """A short warning about a scam circulating now, valid from `issued` to `expires` (both included)."""

    id: Identifier
    title: Text
    text: Text = Field(description="Two or three short sentences: the scam and what to do.")
    issued: dt.date
    expires: dt.date
    quiz: QuizStep | None = Field(default=None, description="Asked as the scam trainer's warm-up while valid.")

    def valid_on(self, today: dt.date) -> bool:
        return self.issued <= today <= self.expires


class BulletinFile(Frozen):
    bulletins: Annotated[list[Bulletin], Field(max_length=20)] = Field(default_factory=list)
