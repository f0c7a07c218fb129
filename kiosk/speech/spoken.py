"""What read aloud says: each resident screen as text, made speakable for espeak-ng, and the voice to say it in."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
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
