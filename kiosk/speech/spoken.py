"""What read aloud says: each resident screen as text, made speakable for espeak-ng, and the voice to say it in."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from kiosk.content.models import Bubble, IncomingCall, Language, Notice, PracticeStep, QuizStep
from kiosk.core.navigation import Screen, Visit
from kiosk.core.session import Phase, TutorialSession
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


# --- text written for the eye, made speakable --------------------------------------

DIGITS: dict[Language, tuple[str, ...]] = {
    "vi": ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Letters and abbreviations espeak-ng would read as a word; Vietnamese uses Vietnamese letter names.
ACRONYMS: dict[str, tuple[str, str]] = {
    "VNeID": ("vê en i đê", "V N e I D"),
    "OTP": ("ô tê pê", "O T P"),
    "CCCD": ("xê xê xê đê", "C C C D"),
    "CMND": ("xê em en đê", "C M N D"),
    "BHYT": ("bê hát i tê", "B H Y T"),
    "UBND": ("Ủy ban nhân dân", "U B N D"),
    "QR": ("quy e rờ", "Q R"),
    "SMS": ("ét em ét", "S M S"),
    "ATM": ("a tê em", "A T M"),
    "LD": ("e lờ đê", "L D"),
    "ID": ("ai đi", "I D"),
    "TK": ("tài khoản", "account"),
    "VND": ("đồng", "dong"),
    "VNĐ": ("đồng", "dong"),
}
# A lone capital letter ("nhắn S đến 156") by its Vietnamese name; vowels read well as they are.
LETTERS_VI: dict[str, str] = {
    "B": "bê",
    "C": "xê",
    "D": "đê",
    "G": "giê",
    "H": "hát",
    "K": "ca",
    "L": "e lờ",
    "M": "em mờ",
    "N": "en nờ",
    "P": "pê",
    "Q": "quy",
    "R": "e rờ",
    "S": "ét",
    "T": "tê",
    "V": "vê",
    "X": "ích xì",
}
# Short numbers that are hotlines: read digit by digit, as people say them ("một một ba").
HOTLINES = frozenset({"111", "112", "113", "114", "115", "116", "156", "5656"})
SYMBOLS: dict[str, tuple[str, str]] = {
    "%": ("phần trăm", "percent"),
    "@": ("a còng", "at"),
    "#": ("thăng", "hash"),
    "*": ("sao", "star"),
    "&": ("và", "and"),
    "°": ("độ", "degrees"),
}
WORDS: dict[str, tuple[str, str]] = {
    "dot": ("chấm", "dot"),
    "slash": ("gạch chéo", "slash"),
    "hyphen": ("gạch ngang", "dash"),
    "over": ("trên", "of"),
    "or": ("hoặc", "or"),
    "then": ("rồi", "then"),
    "to": ("đến", "to"),
    "plus": ("cộng", "plus"),
    "minus": ("trừ", "minus"),
    "dong": ("đồng", "dong"),
}
TLDS = "vn|com|net|org|gov|edu|info|top|xyz|io|me|app|site|online|shop|cc|tk|asia|biz|club|live"
WEEKDAYS = r"(?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

DOMAIN = rf"(?i)(?:https?://)?\b((?:[a-z0-9-]+\.)+(?:{TLDS}))\b((?:/[\w.-]*)*)|(?<![\w.])\.({TLDS})\b"
QUOTES = r"[“”„«»\"]|(?<!\w)['‘’]|['‘’](?!\w)"
ELLIPSIS = r"…|\.\.\."
ARROW = r"\s*(?:->|=>|→|⇒|➜|➔|⟶|›|\s>\s)\s*"
# A number starts and ends where no digit, and no separator followed by a digit, touches it.
NUMBER_START = r"(?<![\d/:])(?<!\d[.,])"
NUMBER_END = r"(?![\d/:])(?![.,]\d)"
GROUPED_PHONE = rf"{NUMBER_START}0\d{{2,3}}(?:[ .-]\d{{3,4}}){{2}}{NUMBER_END}"
INTERNATIONAL_PHONE = rf"(?<![\w+])\+\d{{2,3}}(?:[ .-]\d{{1,4}}){{2,5}}{NUMBER_END}"
SERVICE_NUMBER = rf"{NUMBER_START}1[89]00[ .]?\d{{3,4}}(?:[ .]\d{{3,4}})?{NUMBER_END}"
LONG_NUMBER = rf"{NUMBER_START}\d{{6,}}{NUMBER_END}(?!\s*(?:đồng|đ\b|VNĐ|VND|dong))"
SHORT_NUMBER = rf"{NUMBER_START}\d{{3,4}}{NUMBER_END}"
MINUS = r"(?<![\w.,])-(?=\d)"
DONG_SIGN = r"(?<=\d)\s?(?:đ|₫)(?!\w)"
FULL_DATE = r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])"
DAY_WORD_BEFORE = rf"(?:ngày |{WEEKDAYS},? |\d:\d\d,? )$"
SHORT_DATE = r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])"
ROUND_THE_CLOCK = r"(?<![\d/])24/7(?![\d/])"
FRACTION = r"(\d)\s*/\s*(\d)"
WORD_SLASH = r"(?<=\w)\s*/\s*(?=\w)"
RANGE = r"(\d)\s*(?:[–—]|\s-\s)\s*(\d)"
TIME = r"(?<![\d:])([01]?\d|2[0-4]):([0-5]\d)(?![\d:])"
SYMBOL = "|".join(re.escape(symbol) for symbol in SYMBOLS)
ACRONYM = r"(?<![\w])(" + "|".join(sorted(ACRONYMS, key=len, reverse=True)) + r")(?![\w])"
LONE_LETTER = r"(?<![\w.])([" + "".join(LETTERS_VI) + r"])(?![\w.])"
DASH = r"\s+[–—-]\s+|\s*[–—]\s*"


def _word(key: str, language: Language) -> str:
    vi, en = WORDS[key]
    return vi if language == "vi" else en


def _digits(number: str, language: Language) -> str:
    """`0899 123 456` → "không tám chín chín, một hai ba, bốn năm sáu"; a plain run is grouped for the ear."""
    groups = re.split(r"[ .-]", number)
    if len(groups) == 1 and len(groups[0]) > 5:
        run = groups[0]
        sizes = {10: (4, 3, 3), 11: (4, 3, 4)}.get(len(run)) or tuple([3] * (len(run) // 3) + [len(run) % 3])
        groups, start = [], 0
        for size in (size for size in sizes if size):
            groups.append(run[start : start + size])
            start += size
    words = DIGITS[language]
    return ", ".join(" ".join(words[int(digit)] for digit in group) for group in groups)


def _domain(match: re.Match[str], language: Language) -> str:
    dot, slash = f" {_word('dot', language)} ", f" {_word('slash', language)} "
    if match.group(3):
        return dot.lstrip() + match.group(3)
    spoken = dot.join(match.group(1).split("."))
    path = [part for part in match.group(2).split("/") if part]
    return (spoken + "".join(slash + part for part in path)).replace("-", f" {_word('hyphen', language)} ")


def _full_date(match: re.Match[str], language: Language) -> str:
    day, month, year = (int(part) for part in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    if language == "en":
        return f"{day} {MONTHS_EN[month - 1]} {year}"
    before = match.string[: match.start()]
    return ("" if before.endswith("ngày ") else "ngày ") + f"{day} tháng {month} năm {year}"


def _short_date(match: re.Match[str], language: Language) -> str:
    """`24/11` after "ngày" or a weekday is a date; otherwise it is a fraction ("3 trên 8")."""
    day, month = int(match.group(1)), int(match.group(2))
    after_day_word = re.search(DAY_WORD_BEFORE, match.string[: match.start()]) is not None
    if after_day_word and 1 <= day <= 31 and 1 <= month <= 12:
        if language == "en":
            return f"{day} {MONTHS_EN[month - 1]}"
        return ("" if match.string[: match.start()].endswith("ngày ") else "ngày ") + f"{day} tháng {month}"
    return f"{day} {_word('over', language)} {month}"


def _time(match: re.Match[str], language: Language) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if language == "en":
        return f"{hour} o'clock" if minute == 0 else match.group(0)
    return f"{hour} giờ" if minute == 0 else f"{hour} giờ {minute}"


def _symbol(match: re.Match[str], language: Language) -> str:
    vi, en = SYMBOLS[match.group(0)]
    return f" {vi if language == 'vi' else en} "


def _acronym(match: re.Match[str], language: Language) -> str:
    vi, en = ACRONYMS[match.group(1)]
    return vi if language == "vi" else en


def _no_emoji(text: str) -> str:
    """Drop pictographs and their joiners; keep letters, digits and punctuation."""
    return "".join(
        character
        for character in text
        if unicodedata.category(character) not in ("So", "Sk", "Cs") and character not in "\u200d\ufe0f\ufe0e"
    )


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([.,?!:;])", r"\1", text)
    text = re.sub(r"([.?!:;,])(?:\s*,)+", r"\1", text)
    text = re.sub(r"([.?!])\.+", r"\1", text)
    return text.strip(" ,")


Rule = Callable[[str, Language], str]


def _sub(pattern: str, replace: Callable[[re.Match[str], Language], str]) -> Rule:
    compiled = re.compile(pattern)
    return lambda text, language: compiled.sub(lambda match: replace(match, language), text)


@functools.cache
def _rules() -> tuple[Rule, ...]:
    """Compiled on the first text spoken, not at import: the kiosk's start-up never pays for it."""
    return (
        _sub(DOMAIN, _domain),
        lambda text, language: re.sub(QUOTES, "", text),
        lambda text, language: re.sub(ELLIPSIS, "", text),
        _sub(
            INTERNATIONAL_PHONE,
            lambda match, language: f"{_word('plus', language)} {_digits(match.group(0)[1:], language)}",
        ),
        _sub(GROUPED_PHONE, lambda match, language: _digits(match.group(0), language)),
        _sub(SERVICE_NUMBER, lambda match, language: _digits(match.group(0), language)),
        _sub(LONG_NUMBER, lambda match, language: _digits(match.group(0), language)),
        _sub(
            SHORT_NUMBER,
            lambda match, language: _digits(match.group(0), language) if match.group(0) in HOTLINES else match.group(0),
        ),
        _sub(FULL_DATE, _full_date),
        _sub(ROUND_THE_CLOCK, lambda match, language: "24 trên 7" if language == "vi" else "24 7"),
        _sub(SHORT_DATE, _short_date),
        _sub(FRACTION, lambda match, language: f"{match.group(1)} {_word('over', language)} {match.group(2)}"),
        _sub(RANGE, lambda match, language: f"{match.group(1)} {_word('to', language)} {match.group(2)}"),
        _sub(TIME, _time),
        _sub(WORD_SLASH, lambda match, language: f" {_word('or', language)} "),
        _sub(SYMBOL, _symbol),
        _sub(MINUS, lambda match, language: f"{_word('minus', language)} "),
        _sub(DONG_SIGN, lambda match, language: f" {_word('dong', language)}"),
        _sub(ARROW, lambda match, language: f" {_word('then', language)} "),
        _sub(ACRONYM, _acronym),
        _sub(LONE_LETTER, lambda match, language: LETTERS_VI[match.group(1)] if language == "vi" else match.group(1)),
        lambda text, language: re.sub(DASH, ", ", text),
        lambda text, language: _no_emoji(text),
    )


def speakable(text: str, language: Language) -> str:
    """Text written for the eye, rewritten so espeak-ng reads it well (symbols, numbers, quotes, acronyms)."""
    for rule in _rules():
        text = rule(text, language)
    return _tidy(text)


# --- what each screen says ----------------------------------------------------------


def sentences(*parts: str) -> str:
    """Join parts into one text, each ending like a sentence so the voice pauses between them."""
    out = []
    for part in (part.strip() for part in parts):
        if part:
            out.append(part if part[-1] in ".?!:…" else part + ".")
    return " ".join(out)


def spoken_screen(visit: Visit, list_titles: Sequence[str] = (), page: tuple[int, int] = (1, 1)) -> str:
    """The words read for the screen the visit is on; the list's titles are those on its current `page`."""
    language, route, catalog = visit.language, visit.route, visit.catalog
    if route.screen is Screen.ATTRACT:
        return sentences(ui_text("attract_touch", language))
    if route.screen is Screen.HOME:
        titles = [
            catalog.category(category_id).title.get(language) for category_id in visit.categories_with_tutorials()
        ]
        return sentences(ui_text("home_title", language), *titles)
    if route.screen is Screen.LIST:
        category = catalog.category(route.category_id or "")
        pages = ui_text("page_of", language, page=page[0], total=page[1]) if page[1] > 1 else ""
        return sentences(category.title.get(language), pages, *list_titles)
    session = visit.player
    assert session is not None
    if route.screen is Screen.COMPLETE:
        return spoken_completion(session, language)
    return spoken_step(session, language)


def spoken_step(session: TutorialSession, language: Language) -> str:
    step = session.step
    pill = ui_text("step_of", language, step=session.state.index + 1, total=session.step_count)
    body = step.body.get(language) if step.body else ""
    if isinstance(step, PracticeStep):
        return sentences(pill, step.title.get(language), body, _practice_banner(session, step, language))
    if isinstance(step, QuizStep):
        if session.state.phase is Phase.ANSWERED:
            return sentences(pill, step.title.get(language), *_quiz_feedback(session, step, language))
        return sentences(pill, step.title.get(language), body, *_quiz_question(step, language))
    return sentences(pill, step.title.get(language), body)


def _practice_banner(session: TutorialSession, step: PracticeStep, language: Language) -> str:
    """The one message shown under a practice step: reassurance, then the hint, then the praise."""
    if session.state.phase is Phase.SOLVED:
        return step.success.get(language) if step.success else ui_text("practice_right", language)
    if session.state.wrong_taps:
        pulse = ui_text("practice_pulse", language) if session.target_pulses else ""
        return sentences(step.hint.get(language), pulse)
    return ui_text("practice_safe", language)


def _quiz_question(step: QuizStep, language: Language) -> list[str]:
    on_phone = [_phone_text(element, language) for element in step.screen.elements]
    shown = [text for text in on_phone if text]
    parts = [sentences(ui_text("spoken_on_phone", language), *shown)] if shown else []
    parts.append(ui_text("spoken_answers", language, n=len(step.answers)))
    parts += [f"{number}. {answer.text.get(language)}" for number, answer in enumerate(step.answers, 1)]
    return parts


def _phone_text(element: object, language: Language) -> str:
    """What the simulated phone says in a scam quiz: the message, the notice, who is calling."""
    if isinstance(element, Bubble):
        sender = f"{element.sender.get(language)}: " if element.sender else ""
        return sender + element.text.get(language)
    if isinstance(element, Notice):
        return sentences(element.title.get(language) if element.title else "", element.text.get(language))
    if isinstance(element, IncomingCall):
        caller = ui_text("spoken_call", language, caller=element.caller.get(language))
        return sentences(caller, element.number, element.detail.get(language) if element.detail else "")
    return ""


def _quiz_feedback(session: TutorialSession, step: QuizStep, language: Language) -> list[str]:
    chosen = session.state.chosen_answer
    right = chosen is not None and step.answers[chosen].correct
    verdict = ui_text("verdict_scam" if step.verdict == "scam" else "verdict_safe", language)
    parts = [ui_text("quiz_right" if right else "quiz_wrong", language), verdict]
    if step.explanation:
        parts.append(step.explanation.get(language))
    for flag in step.flags:
        word = ui_text("flag_danger" if flag.tone == "danger" else "flag_safe", language)
        parts.append(f"{word}: {flag.text.get(language)}")
    parts.append(f"{ui_text('what_to_do', language)} {step.action.get(language)}")
    return parts


def spoken_completion(session: TutorialSession, language: Language) -> str:
    tutorial = session.tutorial
    right, total = session.quiz_score
    score = ui_text("complete_score", language, right=right, total=total) if total else ""
    lesson = f"{ui_text('remember', language)}: {tutorial.lesson.get(language)}" if tutorial.lesson else ""
    return sentences(ui_text("complete_title", language), tutorial.title.get(language), score, lesson)


def spoken_idle_warning(language: Language, seconds_left: int) -> str:
    return sentences(ui_text("idle_title", language), ui_text("idle_body", language, n=seconds_left))


def spoken_help(language: Language) -> str:
    return sentences(ui_text("help_title", language), ui_text("help_body", language))
