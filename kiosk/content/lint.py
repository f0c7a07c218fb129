"""Style rules for tutorial text that pydantic cannot express: written for a 75-year-old."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from kiosk.content.loader import BULLETINS_FILE, BUNDLED_CONTENT, Catalog, Problem, load_catalog
from kiosk.content.models import Button, Flag, ListRow, PracticeStep, QuizStep, Text, TryStep, Tutorial

MAX_SENTENCE_WORDS = 25
MAX_BODY_WORDS = 60
MIN_WORDS_FOR_DIACRITICS = 3
VIETNAMESE_MARKS = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")

# "bạn" as a pronoun; "bạn bè", "kết bạn", "người bạn" (a friend) are ordinary words, not a way to address the resident.
_BAN = re.compile(r"(?<!\w)bạn(?!\w)", re.IGNORECASE)
_BAN_AS_FRIEND = re.compile(
    r"(?:kết|nhóm|danh sách|một người)\s+bạn(?!\w)|bạn\s+(?:bè|cũ|thân|quen|học|con|tôi|em|anh|chị|cháu)(?!\w)",
    re.IGNORECASE,
)
# A phone-number-like digit string: 0 or +84 then 9-10 more digits, grouped by spaces, dots or dashes;
# or a 1800/1900 hotline. Amounts ("15.000.000") never start with 0 and IDs are longer, so neither matches.
_PHONE = re.compile(r"(?<![\w.,+])(?:\+84[\s.-]?|0)\d(?:[\s.-]?\d){8,9}(?![\s.-]?\d)")
_HOTLINE = re.compile(r"(?<![\w.,])1[89]00(?:[\s.-]?\d){4,6}(?![\s.-]?\d)")
FICTIONAL_PREFIX = "0199"
# Real numbers a tutorial may show as digits (CONTENT.md §5): police, fire, ambulance, scam reports, child helpline.
OFFICIAL_NUMBERS = frozenset({"113", "114", "115", "156", "5656", "111"})
# A safe verdict must rest on what the message asks (nothing), never on who it claims to be from.
_SENDER_NAME = re.compile(
    r"tên\s+(?:của\s+)?(?:người gửi|nhà mạng|ngân hàng|bưu điện|điện lực|cơ quan|bộ|sở|tổng đài)"
    r"|(?:người gửi|tên gửi)\s+(?:là|đúng|đứng tên)"
    r"|sender(?:'s)?\s+name|name of the (?:carrier|bank|sender|ministry|company)"
    r"|(?:carrier|bank|ministry|operator|company|post office|network)'s (?:own |real |official )?name"
    r"|comes? (?:from|under) the (?:\w+ )?name|under (?:its|their) own name",
    re.IGNORECASE,
)


def _texts(value: object, path: str) -> Iterator[tuple[str, Text]]:
    """Every Text inside a model, with its field path."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}" if path else name)


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a model (texts, typed values, numbers, addresses), with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), f"{path}.{name}" if path else name)


def _is_facilitator_note(path: str) -> bool:
    return path == "note" or path.endswith(".note") or path.startswith("draft_note")


def pronoun_problems(file: str, path: str, text: Text) -> list[Problem]:
    """The resident is "bác" (an elder), never "bạn"; facilitator notes speak to volunteers and are exempt."""
    if _is_facilitator_note(path):
        return []
    spoken = _BAN_AS_FRIEND.sub("", text.vi)
    if _BAN.search(spoken) is None:
        return []
    return [Problem(file, f"{path}.vi", "calls the resident 'bạn': write 'bác' (capital 'Bác' to start a sentence)")]


def phone_problems(file: str, path: str, value: str) -> list[Problem]:
    """A phone-number-like digit string must be fictional (0199…) or official: a real one may be a stranger's."""
    problems: list[Problem] = []
    for match in _PHONE.finditer(value):
        digits = re.sub(r"\D", "", match.group())
        national = "0" + digits[2:] if match.group().startswith("+84") else digits
        if not national.startswith(FICTIONAL_PREFIX) and national not in OFFICIAL_NUMBERS:
            problems.append(
                Problem(file, path, f"shows the phone number {match.group()!r}: use a fictional 0199 number")
            )
    for match in _HOTLINE.finditer(value):
        problems.append(
            Problem(
                file, path, f"shows the hotline {match.group()!r}: say 'số in trên hóa đơn' (the number on the bill)"
            )
        )
    return problems


def sender_name_problems(file: str, where: str, step: QuizStep) -> list[Problem]:
    """Fake cell towers spoof sender names: a safe verdict must never be explained by who the sender claims to be."""
    texts: list[tuple[str, Text]] = []
    if step.verdict == "safe" and step.explanation is not None:
        texts.append((f"{where}.explanation", step.explanation))
    texts += [(f"{where}.flags[{index}].text", flag.text) for index, flag in enumerate(step.flags) if _is_safe(flag)]
    return [
        Problem(file, f"{path}.{language}", "cites the sender's name as a sign of safety (names can be faked)")
        for path, text in texts
        for language in ("vi", "en")
        if _SENDER_NAME.search(text.get(language))
    ]


def _is_safe(flag: Flag) -> bool:
    return flag.tone == "safe"


def _has_wrong_choice(step: PracticeStep) -> bool:
    """Practice teaches where to tap only if something else could be tapped: "Đăng ký" beside "Đăng nhập"."""
    return any(isinstance(element, Button | ListRow) and element.id != step.target for element in step.screen.elements)


def _words(text: str) -> int:
    return len(text.split())


def _text_problems(file: str, path: str, text: Text) -> list[Problem]:
    problems: list[Problem] = []
    if unicodedata.normalize("NFC", text.vi) != text.vi:
        problems.append(Problem(file, f"{path}.vi", "is not NFC-normalised (save the file as NFC)"))
    has_letters = any(char.isalpha() for char in text.en)
    long_enough = len(text.vi.split()) >= MIN_WORDS_FOR_DIACRITICS  # "Nghe", "Mang theo" are real Vietnamese
    if has_letters and long_enough and text.vi != text.en and not (set(text.vi.lower()) & VIETNAMESE_MARKS):
        problems.append(Problem(file, f"{path}.vi", f"has no Vietnamese diacritics: {text.vi!r}"))
    for language in ("vi", "en"):
        for sentence in _SENTENCE_END.split(text.get(language)):
            if _words(sentence) > MAX_SENTENCE_WORDS:
                problems.append(
                    Problem(
                        file,
                        f"{path}.{language}",
                        f"a sentence has {_words(sentence)} words (max {MAX_SENTENCE_WORDS})",
                    )
                )
    return problems


def _step_problems(file: str, tutorial: Tutorial) -> list[Problem]:
    problems: list[Problem] = []
    for index, step in enumerate(tutorial.steps):
        where = f"steps[{index}]"
        if step.note is None:
            problems.append(Problem(file, f"{where}.note", "the facilitator note is missing"))
        if step.body is not None:
            for language in ("vi", "en"):
                words = _words(step.body.get(language))
                if words > MAX_BODY_WORDS:
                    problems.append(
                        Problem(file, f"{where}.body.{language}", f"has {words} words (max {MAX_BODY_WORDS})")
                    )
        if isinstance(step, PracticeStep) and not _has_wrong_choice(step):
            problems.append(
                Problem(file, f"{where}.screen", "offers no wrong choice: add a plausible button or row to tap instead")
            )
        if isinstance(step, QuizStep):
            if not step.flags:
                problems.append(Problem(file, f"{where}.flags", "name at least one sign the resident should notice"))
            if step.verdict == "scam" and not any(flag.tone == "danger" for flag in step.flags):
                problems.append(Problem(file, f"{where}.flags", "a scam needs at least one red flag (tone = 'danger')"))
            problems += sender_name_problems(file, where, step)
    return problems


def finale_problems(file: str, tutorial: Tutorial) -> list[Problem]:
    """Every published how-to (two practice taps or more) ends with a Tự làm step: the task done alone."""
    if tutorial.draft or not tutorial.is_how_to or isinstance(tutorial.steps[-1], TryStep):
        return []
    return [Problem(file, "steps", "a how-to tutorial must end with a 'try' step (Tự làm): add kind = \"try\"")]


def lint_tutorial(file: str, tutorial: Tutorial) -> list[Problem]:
    texts = list(_texts(tutorial, ""))
    problems = [problem for path, text in texts for problem in _text_problems(file, path, text)]
    problems += [problem for path, text in texts for problem in pronoun_problems(file, path, text)]
    problems += [problem for path, value in _strings(tutorial, "") for problem in phone_problems(file, path, value)]
    if tutorial.draft and not tutorial.draft_note:
        problems.append(Problem(file, "draft_note", "a draft must say what must be checked before publishing"))
    return problems + _step_problems(file, tutorial) + finale_problems(file, tutorial)


def lint_catalog(catalog: Catalog) -> list[Problem]:
    problems = [
        problem for tutorial in catalog.tutorials for problem in lint_tutorial(catalog.files[tutorial.id], tutorial)
    ]
    for index, bulletin in enumerate(catalog.bulletins):  # the ward's warnings follow the same writing rules
        where = f"bulletins[{index}]"
        problems += [p for path, text in _texts(bulletin, where) for p in _text_problems(BULLETINS_FILE, path, text)]
    return problems


def check_catalog(root: Path = BUNDLED_CONTENT) -> Catalog:
    """Load `root` and add every style finding to its problems: what `--check-content` and content packs enforce."""
    catalog = load_catalog(root)
    catalog.problems += lint_catalog(catalog)
    return catalog
