"""What each resident screen shows, as plain data computed from a `Visit`: the one source for the widgets,
read aloud and the tour, so the eye and the ear never disagree.

`screen_of(visit)` gives the screen on show; `idle_warning_of` and `help_of` give the two overlays. Every
word is already in the visit's language; views only lay it out, `kiosk.speech.spoken` only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from kiosk.content.models import Bubble, Bulletin, IncomingCall, InfoStep, Notice, PracticeStep, QuizStep, Tutorial
from kiosk.content.models import Screen as PhoneScreen
from kiosk.core.navigation import Screen, Visit
from kiosk.core.reveal import NEUTRAL, PhoneCues, phone_cues
from kiosk.core.session import Phase, TutorialSession, highlighted_element
from kiosk.core.try_it import Help
from kiosk.learning.rules import CONFIDENCE_LEVELS, warmup_kind
from kiosk.learning.slip import EMERGENCY_STEPS
from kiosk.text.language import Language
from kiosk.text.strings import ui_text

Tone = Literal["success", "hint", "info"]
AnswerKind = Literal["scam", "safe", "other"]


@dataclass(frozen=True)
class Message:
    """A banner: its tone and icon, the words, and the shorter words used when the long ones do not fit."""

    tone: Tone
    symbol: str
    text: str
    short_text: str = ""


@dataclass(frozen=True)
class Header:
    icon: str
    title: str
    pill: str = ""  # "Bước 3 / 8" on a step, else empty


@dataclass(frozen=True)
class Bar:
    navigation: bool  # back and home shown
    next_label: str = ""  # "" = no next button


@dataclass(frozen=True)
class FlagLine:
    """One red or green flag under a scam answer, numbered as on the phone."""

    number: int
    element: str
    danger: bool
    text: str


@dataclass(frozen=True)
class PhoneWords:
    """The words of one phone element a scam round is about, as the phone shows them."""

    kind: Literal["message", "notice", "call"]
    text: str  # the message, the notice's text, or the caller
    label: str = ""  # the message's sender, the notice's title, or the caller's number
    detail: str = ""  # the call's detail line


@dataclass(frozen=True)
class Phone:
    """The simulated phone: which screen, what is ringed, and whether it takes taps."""

    screen: PhoneScreen | None
    highlight: str | None = None
    interactive: bool = False
    pulse: bool = False
    flags: tuple[FlagLine, ...] = ()
    words: tuple[PhoneWords, ...] = ()  # a scam round's message, notice or call (read before the answers)
    cue: Literal["look", "tap"] = "look"  # the ring: "look" (dashed, eye) on show steps, "tap" (solid, arrow) else
    cues: PhoneCues = NEUTRAL  # what address bars, senders and notices may say: neutral until a quiz is answered


@dataclass(frozen=True)
class Attract:
    language: Language
    prompt: str
    bulletin: str = ""  # the ward's valid scam bulletin, in both languages like the invitation; "" = none
    kind: Literal["attract"] = "attract"


@dataclass(frozen=True)
class Home:
    language: Language
    header: Header
    bar: Bar
    category_titles: tuple[str, ...]
    scam_button: str = ""  # "Tôi nghĩ mình bị lừa" in the header; "" while a volunteer is beside the resident
    kind: Literal["home"] = "home"


@dataclass(frozen=True)
class Faces:
    """The confidence question and its three faces (1 chưa tự tin, 2 tạm được, 3 tự tin)."""

    question: str
    labels: tuple[str, ...]
    levels: tuple[int, ...] = CONFIDENCE_LEVELS


@dataclass(frozen=True)
class Confidence:
    """Before a tutorial (once per visit): the faces, and "Bỏ qua" for one tap past them."""

    language: Language
    tutorial_id: str
    header: Header
    bar: Bar
    faces: Faces
    skip: str
    kind: Literal["confidence"] = "confidence"


@dataclass(frozen=True)
class ScamHelp:
    """ "Tôi nghĩ mình bị lừa": what to do right now, numbered, a volunteer call and the slip to take home."""

    language: Language
    header: Header
    bar: Bar
    banner: str  # KHẨN: NGHI BỊ LỪA ĐẢO, for the volunteer across the room
    calm: str
    steps: tuple[str, ...]  # already numbered: "1. …"
    lesson: str
    call: str  # the call button's words: "Gọi tình nguyện viên", or, once called, that help is coming
    called: bool
    take_home: str
    kind: Literal["scam_help"] = "scam_help"


@dataclass(frozen=True)
class TutorialList:
    language: Language
    header: Header
    bar: Bar
    category_id: str
    tutorial_titles: tuple[str, ...]  # every published tutorial; the view pages them
    kind: Literal["list"] = "list"


@dataclass(frozen=True)
class StepScreen:
    language: Language
    tutorial_id: str
    step_id: str
    header: Header
    bar: Bar
    step_kind: Literal["info", "practice", "quiz", "try"]
    answered: bool  # practice solved, quiz answered, or Tự làm done
    position: tuple[int, int]  # (1-based step, steps)
    title: str
    body: str  # "" = no body shown
    phone: Phone
    banner: Message | None = None  # practice: the reassurance before the first tap
    feedback: Message | None = None  # practice: hint or praise; quiz: the verdict and why
    answers: tuple[str, ...] = ()  # quiz, before answering
    flags: tuple[FlagLine, ...] = ()  # quiz, after answering
    action: Message | None = None  # quiz, after answering: what to do
    note: Message | None = None  # the permanent practice-screen line above a step with a phone
    answer_kinds: tuple[AnswerKind, ...] = ()  # per answer: red "Lừa đảo", green "An toàn", blue other
    why: str = ""  # quiz, after answering: the "Vì sao?" page's words (explanation), "" without one
    why_open: bool = False  # the resident opened the "Vì sao?" page: it shows (and is read) instead of the verdict
    kind: Literal["step"] = "step"


@dataclass(frozen=True)
class Completion:
    language: Language
    tutorial_id: str
    header: Header
    bar: Bar
    title: str
    tutorial_title: str
    score: str  # "" when the tutorial has no quiz
    lesson: Message | None
    next_tutorial_id: str | None
    faces: Faces | None = None  # the confidence faces, until one is tapped (when the kiosk asks)
    take_home: str = ""  # "Mang về": the take-home slip
    kind: Literal["completion"] = "completion"


@dataclass(frozen=True)
class Overlay:
    """The idle warning or the help message: one card, one button."""

    title: str
    body: str
    button: str
    signal: str = ""  # the help message's flashing "CẦN HỖ TRỢ"
    countdown: str = ""  # the idle warning's seconds left, drawn as one huge number
    unit: str = ""  # "giây" under the number
    scam_button: str = ""  # the help message's second way out: "Tôi nghĩ mình bị lừa"


ScreenModel = Attract | Home | TutorialList | StepScreen | Completion | Confidence | ScamHelp
HOME_BAR = Bar(navigation=False)
LIST_BAR = Bar(navigation=True)


def screen_of(visit: Visit) -> ScreenModel:
    """What the screen the visit is on shows."""
    language, route, catalog = visit.language, visit.route, visit.catalog
    if route.screen is Screen.ATTRACT:
        return Attract(language, ui_text("attract_touch", language), bulletin_text(visit.bulletin))
    if route.screen is Screen.HOME:
        titles = tuple(catalog.category(cid).title.get(language) for cid in visit.categories_with_tutorials())
        scam = "" if visit.assisted else ui_text("scam_tile", language)
        return Home(language, Header("home", ui_text("home_title", language)), HOME_BAR, titles, scam)
    if route.screen is Screen.SCAM_HELP:
        return scam_help_of(language, visit.scam_call_made)
    if route.screen is Screen.LIST:
        category = catalog.category(route.category_id or "")
        titles = tuple(tutorial.title.get(language) for tutorial in catalog.published(category.id))
        return TutorialList(
            language, Header(category.icon, category.title.get(language)), LIST_BAR, category.id, titles
        )
    session = visit.player
    assert session is not None
    icon = catalog.category(session.tutorial.category).icon
    if route.screen is Screen.CONFIDENCE:
        header = Header(icon, session.tutorial.title.get(language))
        before = faces_of("confidence_before", language)
        return Confidence(language, session.tutorial.id, header, LIST_BAR, before, ui_text("confidence_skip", language))
    if route.screen is Screen.COMPLETE:
        completion = completion_of(session, next_tutorial(visit, session.tutorial.id), icon, language)
        ask = visit.ask_confidence and visit.confidence.rated_after(session.tutorial.id) is None
        after = faces_of("confidence_after", language) if ask else None
        return replace(completion, faces=after, take_home=ui_text("slip_open", language))
    return step_of(session, icon, language)


def bulletin_text(bulletin: Bulletin | None) -> str:
    """The attract screen's bulletin: Vietnamese in full with its end date, then the English title."""
    if bulletin is None:
        return ""
    until = ui_text("bulletin_until", "vi", date=bulletin.expires.strftime("%d/%m/%Y"))
    return (
        f"{ui_text('bulletin_badge', 'vi')}: {bulletin.title.vi}. {bulletin.text.vi} ({until})\n"
        f"{ui_text('bulletin_badge', 'en')}: {bulletin.title.en}."
    )


def faces_of(question_key: str, language: Language) -> Faces:
    labels = tuple(ui_text(f"confidence_{level}", language) for level in CONFIDENCE_LEVELS)
    return Faces(ui_text(question_key, language), labels)


def scam_help_of(language: Language, called: bool) -> ScamHelp:
    steps = tuple(f"{number}. {ui_text(key, language)}" for number, key in enumerate(EMERGENCY_STEPS, 1))
    return ScamHelp(
        language,
        Header("warning", ui_text("scam_title", language)),
        LIST_BAR,
        ui_text("scam_banner", language),
        ui_text("scam_calm", language),
        steps,
        ui_text("scam_lesson", language),
        ui_text("scam_called" if called else "scam_call", language),
        called,
        ui_text("slip_open", language),
    )


def next_tutorial(visit: Visit, tutorial_id: str) -> Tutorial | None:
    """The next published tutorial of the same category; none after the last, or after a draft."""
    catalog = visit.catalog
    tutorials = catalog.published(catalog.tutorial(tutorial_id).category)
    ids = [tutorial.id for tutorial in tutorials]
    if tutorial_id not in ids:  # a draft opened by a reviewer's tour has no "next"
        return None
    position = ids.index(tutorial_id)
    return tutorials[position + 1] if position + 1 < len(tutorials) else None


def step_of(session: TutorialSession, icon: str, language: Language) -> StepScreen:
    step, index, count = session.step, session.state.index, session.step_count
    pill = ui_text("step_of", language, step=index + 1, total=count)
    last = index + 1 == count
    bar = Bar(True, ui_text("finish" if last else "next", language) if session.can_go_next else "")
    frame = _Frame(session, Header(icon, session.tutorial.title.get(language), pill), bar, language)
    if isinstance(step, PracticeStep):
        return _practice(frame, step)
    if isinstance(step, QuizStep):
        return _quiz(frame, step)
    if session.try_run is not None:
        return _try(frame)
    highlight = step.highlight if isinstance(step, InfoStep) else None
    phone = Phone(step.screen, highlight=highlight, cues=phone_cues(step, step.screen, False))
    return frame.step("info", False, frame.body, phone)


@dataclass(frozen=True)
class _Frame:
    """What every step screen has: the session it shows, its header and bar, its language."""

    session: TutorialSession
    header: Header
    bar: Bar
    language: Language

    @property
    def body(self) -> str:
        body = self.session.step.body
        return body.get(self.language) if body else ""

    def step(
        self,
        kind: Literal["info", "practice", "quiz", "try"],
        answered: bool,
        body: str,
        phone: Phone,
        banner: Message | None = None,
        feedback: Message | None = None,
        answers: tuple[str, ...] = (),
        flags: tuple[FlagLine, ...] = (),
        action: Message | None = None,
        why: str = "",
        answer_kinds: tuple[AnswerKind, ...] = (),
    ) -> StepScreen:
        session, language = self.session, self.language
        position = (session.state.index + 1, session.step_count)
        title = session.step.title.get(language)
        ids = (session.tutorial.id, session.step.id)
        return StepScreen(
            language,
            *ids,
            self.header,
            self.bar,
            kind,
            answered,
            position,
            title,
            body,
            phone,
            banner=banner,
            feedback=feedback,
            answers=answers,
            flags=flags,
            action=action,
            note=_note(kind, phone, language),
            answer_kinds=answer_kinds,
            why=why,
            why_open=bool(why) and session.state.why_open,
        )


def _note(kind: str, phone: Phone, language: Language) -> Message | None:
    """One line saying the phone is a practice screen; on a quiz, also that the answer is chosen below."""
    if phone.screen is None:
        return None
    if kind == "quiz":
        return Message("info", "look", ui_text("quiz_look_only", language))
    return Message("info", "safe", ui_text("practice_safe", language))


def answer_kind(vietnamese: str) -> AnswerKind:
    """ "Lừa đảo" is a red button with a warning sign, "An toàn" a green one with a tick, others blue."""
    if vietnamese == ui_text("answer_scam", "vi"):
        return "scam"
    if vietnamese == ui_text("answer_safe", "vi"):
        return "safe"
    return "other"


def _practice(frame: _Frame, step: PracticeStep) -> StepScreen:
    session, language = frame.session, frame.language
    state = session.state
    solved = state.phase is Phase.SOLVED
    phone = Phone(
        step.screen,
        highlighted_element(session),
        interactive=not solved,
        pulse=session.target_pulses,
        cue="tap",
        cues=phone_cues(step, step.screen, False),
    )
    if solved:
        praise = step.success.get(language) if step.success else ui_text("practice_right", language)
        return frame.step("practice", True, frame.body, phone, feedback=Message("success", "check", praise))
    if state.wrong_taps:
        hint = step.hint.get(language)
        if session.target_pulses:
            hint += " " + ui_text("practice_pulse", language)
        return frame.step("practice", False, frame.body, phone, feedback=Message("hint", "lightbulb", hint))
    return frame.step("practice", False, frame.body, phone)  # the practice line above says it is safe


def _try(frame: _Frame) -> StepScreen:
    """Tự làm: the practice screens again with no highlight; help only as the run's help ladder says."""
    session, language = frame.session, frame.language
    run = session.try_run
    assert run is not None
    phone = Phone(
        session.screen,
        highlighted_element(session),
        interactive=not run.done,
        pulse=run.blinking,
        cue="tap",  # the help ladder's ring says "tap here", as on a practice step
        cues=phone_cues(session.step, session.screen, False),
    )
    stage = ui_text("try_stage", language, n=min(run.stage + 1, len(run.stages)), total=len(run.stages))
    if run.done:
        done = Message("success", "check", ui_text("try_done_unaided" if run.unaided else "try_done_helped", language))
        return frame.step("try", True, frame.body, phone, feedback=done)
    if run.help is Help.NONE:
        banner = Message("success", "safe", f"{stage}. {ui_text('try_intro', language)}")
        return frame.step("try", False, frame.body, phone, banner=banner)
    words = [f"{stage}: {run.current.title.get(language)}."]
    if run.help >= Help.RING:
        words.append(ui_text("try_ring", language))
    if run.help is Help.BLINK:
        words.append(ui_text("practice_pulse", language))
    return frame.step("try", False, frame.body, phone, feedback=Message("hint", "lightbulb", " ".join(words)))


def _badge(step: QuizStep, language: Language) -> Message | None:
    """ "Cảnh báo của phường" or "Ôn lại bài trước" over a trainer round's first question."""
    kind = warmup_kind(step.id)
    if kind == "bulletin":
        return Message("hint", "megaphone", ui_text("bulletin_badge", language))
    if kind == "warmup":
        return Message("info", "restart", ui_text("warmup_badge", language))
    return None


def _quiz(frame: _Frame, step: QuizStep) -> StepScreen:
    session, language = frame.session, frame.language
    words = tuple(words for words in (_phone_words(element, language) for element in step.screen.elements) if words)
    if session.state.phase is not Phase.ANSWERED:
        answers = tuple(answer.text.get(language) for answer in step.answers)
        phone = Phone(step.screen, words=words, cues=phone_cues(step, step.screen, False))
        kinds = tuple(answer_kind(answer.text.get("vi")) for answer in step.answers)
        return frame.step(
            "quiz", False, frame.body, phone, banner=_badge(step, language), answers=answers, answer_kinds=kinds
        )
    flags = tuple(
        FlagLine(number, flag.element, flag.tone == "danger", _flag_text(flag.tone, flag.text.get(language), language))
        for number, flag in enumerate(step.flags, 1)
    )
    action = Message("info", "lightbulb", f"{ui_text('what_to_do', language)} {step.action.get(language)}")
    phone = Phone(step.screen, flags=flags, words=words, cues=phone_cues(step, step.screen, True))
    feedback = _verdict(session, step, language)
    why = f"{ui_text('why', language)} {step.explanation.get(language)}" if step.explanation else ""
    return frame.step("quiz", True, "", phone, feedback=feedback, flags=flags, action=action, why=why)


def _flag_text(tone: str, text: str, language: Language) -> str:
    return f"{ui_text('flag_danger' if tone == 'danger' else 'flag_safe', language)}: {text}"


def _verdict(session: TutorialSession, step: QuizStep, language: Language) -> Message:
    chosen = session.state.chosen_answer
    right = chosen is not None and step.answers[chosen].correct
    verdict = ui_text("verdict_scam" if step.verdict == "scam" else "verdict_safe", language)
    short = f"{ui_text('quiz_right' if right else 'quiz_wrong', language)} {verdict}"
    text = f"{short} {step.explanation.get(language)}" if step.explanation else short
    tone: Tone = "success" if right else "hint"
    return Message(tone, "check" if right else "info", text, short if step.explanation else "")


def _phone_words(element: object, language: Language) -> PhoneWords | None:
    """What a scam round is about: the message, the notice, who is calling (as the phone shows them)."""
    if isinstance(element, Bubble):
        return PhoneWords("message", element.text.get(language), element.sender.get(language) if element.sender else "")
    if isinstance(element, Notice):
        return PhoneWords("notice", element.text.get(language), element.title.get(language) if element.title else "")
    if isinstance(element, IncomingCall):
        detail = element.detail.get(language) if element.detail else ""
        return PhoneWords("call", element.caller.get(language), element.number, detail)
    return None


def completion_of(session: TutorialSession, following: Tutorial | None, icon: str, language: Language) -> Completion:
    tutorial = session.tutorial
    right, total = session.quiz_score
    score = ui_text("complete_score", language, right=right, total=total) if total else ""
    lesson = None
    if tutorial.lesson:
        lesson = Message("success", "lightbulb", f"{ui_text('remember', language)}: {tutorial.lesson.get(language)}")
    title = tutorial.title.get(language)
    return Completion(
        language,
        tutorial.id,
        Header(icon, title),
        LIST_BAR,
        ui_text("complete_title", language),
        title,
        score,
        lesson,
        following.id if following is not None else None,
    )


def idle_warning_of(language: Language, seconds_left: int) -> Overlay:
    return Overlay(
        ui_text("idle_title", language),
        ui_text("idle_body", language, n=seconds_left),
        ui_text("idle_stay", language),
        countdown=str(seconds_left),
        unit=ui_text("idle_seconds", language),
    )


def help_of(language: Language) -> Overlay:
    return Overlay(
        ui_text("help_title", language),
        ui_text("help_body", language),
        ui_text("help_close", language),
        ui_text("help_signal", language),
        scam_button=ui_text("scam_tile", language),
    )
