"""Style rules for tutorial text that pydantic cannot express: written for a 75-year-old."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pydantic import BaseModel

from kiosk.content.loader import Catalog, Problem
from kiosk.content.models import QuizStep, Text, Tutorial

MAX_SENTENCE_WORDS = 25
MAX_BODY_WORDS = 60
MIN_WORDS_FOR_DIACRITICS = 3
VIETNAMESE_MARKS = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


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
        if isinstance(step, QuizStep):
            if not step.flags:
                problems.append(Problem(file, f"{where}.flags", "name at least one sign the resident should notice"))
            if step.verdict == "scam" and not any(flag.tone == "danger" for flag in step.flags):
                problems.append(Problem(file, f"{where}.flags", "a scam needs at least one red flag (tone = 'danger')"))
    return problems


def lint_tutorial(file: str, tutorial: Tutorial) -> list[Problem]:
    problems = [problem for path, text in _texts(tutorial, "") for problem in _text_problems(file, path, text)]
    if tutorial.draft and not tutorial.draft_note:
        problems.append(Problem(file, "draft_note", "a draft must say what must be checked before publishing"))
    return problems + _step_problems(file, tutorial)


def lint_catalog(catalog: Catalog) -> list[Problem]:
    return [
        problem for tutorial in catalog.tutorials for problem in lint_tutorial(catalog.files[tutorial.id], tutorial)
    ]
