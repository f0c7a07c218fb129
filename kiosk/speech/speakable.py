"""How written text is said: numbers, dates, symbols, letters and abbreviations rewritten so espeak-ng reads them well.

This module is pronunciation data and rules for the voice, not words the kiosk shows: the Vietnamese here (digit
and letter names, "ngày … tháng … năm", the patterns that find a price in đồng) has no English twin to put in the
strings table, so the test of the table allows it by name (tests/test_strings_table.py).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from kiosk.text.language import Language

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
