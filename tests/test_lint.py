"""Each style rule of kiosk.content.lint fails on a crafted tutorial and passes on the fixture."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from kiosk.content.lint import MAX_BODY_WORDS, MAX_SENTENCE_WORDS, lint_catalog, lint_tutorial
from kiosk.content.loader import Problem, load_catalog
from kiosk.content.models import Tutorial

FIXTURE = Path(__file__).parent / "fixtures" / "content"
FILE = "demo/mau.toml"


def fixture_data() -> dict[str, Any]:
    """The fixture tutorial as plain data, a fresh copy each call."""
    return tomllib.loads((FIXTURE / "demo" / "mau.toml").read_text(encoding="utf-8"))


def lint(data: dict[str, Any]) -> list[Problem]:
    return lint_tutorial(FILE, Tutorial.model_validate(data))


def words(count: int, word: str = "word") -> str:
    return " ".join([word] * count)


def test_limits_are_the_documented_ones() -> None:
    assert (MAX_SENTENCE_WORDS, MAX_BODY_WORDS) == (25, 60)


def test_fixture_passes_every_rule() -> None:
    assert lint(fixture_data()) == []


def test_fixture_catalog_passes() -> None:
    catalog = load_catalog(FIXTURE)
    assert catalog.problems == []
    assert lint_catalog(catalog) == []


def test_lint_catalog_names_the_loaded_file() -> None:
    catalog = load_catalog(FIXTURE)
    tutorial = catalog.tutorial("mau")
    catalog.tutorials = [tutorial.model_copy(update={"draft": True})]
    assert lint_catalog(catalog) == [
        Problem(catalog.files["mau"], "draft_note", "a draft must say what must be checked before publishing")
    ]


# --- sentence and body length -----------------------------------------------


def test_sentence_of_26_words_fails() -> None:
    data = fixture_data()
    data["steps"][0]["body"]["en"] = words(26) + "."
    assert lint(data) == [Problem(FILE, "steps[0].body.en", "a sentence has 26 words (max 25)")]


def test_sentence_of_25_words_passes() -> None:
    data = fixture_data()
    data["steps"][0]["body"]["en"] = words(25) + "."
    assert lint(data) == []


def test_long_sentence_in_vietnamese_fails_on_any_text() -> None:
    data = fixture_data()
    data["steps"][2]["action"]["vi"] = "Không trả lời. " + words(30, "gọi") + "."
    assert lint(data) == [Problem(FILE, "steps[2].action.vi", "a sentence has 30 words (max 25)")]


def test_sentences_are_split_at_end_punctuation() -> None:
    data = fixture_data()
    data["steps"][0]["body"]["en"] = f"{words(20)}. {words(20)}! {words(15)}?"
    assert lint(data) == []


def test_body_of_61_words_fails() -> None:
    data = fixture_data()
    data["steps"][1]["body"]["en"] = " ".join([words(10) + "."] * 6) + " More."
    assert lint(data) == [Problem(FILE, "steps[1].body.en", "has 61 words (max 60)")]


def test_body_of_60_words_passes() -> None:
    data = fixture_data()
    data["steps"][1]["body"]["en"] = " ".join([words(10) + "."] * 6)
    assert lint(data) == []


# --- Vietnamese text --------------------------------------------------------


def test_non_nfc_vietnamese_fails() -> None:
    data = fixture_data()
    decomposed = unicodedata.normalize("NFD", data["steps"][0]["title"]["vi"])
    assert decomposed != data["steps"][0]["title"]["vi"]
    data["steps"][0]["title"]["vi"] = decomposed
    assert lint(data) == [Problem(FILE, "steps[0].title.vi", "is not NFC-normalised (save the file as NFC)")]


def test_vietnamese_without_diacritics_fails() -> None:
    data = fixture_data()
    data["steps"][0]["title"]["vi"] = "Day la nut Dang ky"
    assert lint(data) == [
        Problem(FILE, "steps[0].title.vi", "has no Vietnamese diacritics: 'Day la nut Dang ky'"),
    ]


def test_vietnamese_without_diacritics_inside_a_screen_element_fails() -> None:
    data = fixture_data()
    data["steps"][1]["screen"]["elements"][1]["text"]["vi"] = "Chao mung ban"
    assert lint(data) == [
        Problem(FILE, "steps[1].screen.elements[1].text.vi", "has no Vietnamese diacritics: 'Chao mung ban'"),
    ]


def test_text_identical_in_both_languages_passes() -> None:
    data = fixture_data()
    assert data["steps"][0]["screen"]["elements"][0]["text"] == {"vi": "VNeID", "en": "VNeID"}
    data["steps"][0]["screen"]["elements"][0]["text"] = {"vi": "Zalo", "en": "Zalo"}
    assert lint(data) == []


def test_text_without_letters_passes() -> None:
    data = fixture_data()
    data["steps"][0]["screen"]["elements"][0]["text"] = {"vi": "0912 345 678", "en": "0912-345-678"}
    assert lint(data) == []


# --- steps ------------------------------------------------------------------


def test_missing_facilitator_note_fails() -> None:
    data = fixture_data()
    del data["steps"][1]["note"]
    assert lint(data) == [Problem(FILE, "steps[1].note", "the facilitator note is missing")]


def test_safe_quiz_without_flags_fails() -> None:
    data = fixture_data()
    quiz = data["steps"][2]
    quiz["verdict"] = "safe"
    quiz["answers"] = [
        {"text": {"vi": "Lừa đảo", "en": "Scam"}},
        {"text": {"vi": "An toàn", "en": "Safe"}, "correct": True},
    ]
    quiz["flags"] = []
    assert lint(data) == [Problem(FILE, "steps[2].flags", "name at least one sign the resident should notice")]


def test_safe_quiz_with_a_safe_flag_passes() -> None:
    data = fixture_data()
    quiz = data["steps"][2]
    quiz["verdict"] = "safe"
    quiz["flags"][0]["tone"] = "safe"
    assert lint(data) == []


def test_scam_quiz_without_flags_fails_both_rules() -> None:
    data = fixture_data()
    data["steps"][2]["flags"] = []
    assert lint(data) == [
        Problem(FILE, "steps[2].flags", "name at least one sign the resident should notice"),
        Problem(FILE, "steps[2].flags", "a scam needs at least one red flag (tone = 'danger')"),
    ]


def test_scam_with_only_safe_flags_fails() -> None:
    data = fixture_data()
    data["steps"][2]["flags"][0]["tone"] = "safe"
    assert lint(data) == [Problem(FILE, "steps[2].flags", "a scam needs at least one red flag (tone = 'danger')")]


# --- drafts -----------------------------------------------------------------


def test_draft_without_note_fails() -> None:
    data = fixture_data()
    data["draft"] = True
    assert lint(data) == [Problem(FILE, "draft_note", "a draft must say what must be checked before publishing")]


def test_draft_with_note_passes() -> None:
    data = fixture_data()
    data["draft"] = True
    data["draft_note"] = "Chờ phường kiểm tra số điện thoại."
    assert lint(data) == []


def test_every_mistake_is_collected() -> None:
    data = fixture_data()
    data["draft"] = True
    del data["steps"][0]["note"]
    data["steps"][1]["title"]["vi"] = "Cham vao nut"
    assert lint(data) == [
        Problem(FILE, "steps[1].title.vi", "has no Vietnamese diacritics: 'Cham vao nut'"),
        Problem(FILE, "draft_note", "a draft must say what must be checked before publishing"),
        Problem(FILE, "steps[0].note", "the facilitator note is missing"),
    ]


def test_short_vietnamese_words_without_marks_are_not_flagged() -> None:
    """'Nghe', 'Mang theo' are real Vietnamese with no diacritics; only longer phrases must carry marks."""
    from kiosk.content.lint import _text_problems
    from kiosk.content.models import Text

    assert _text_problems(FILE, "x", Text(vi="Mang theo", en="Bring")) == []
    assert _text_problems(FILE, "x", Text(vi="Nghe", en="Answer")) == []
    assert [p.message for p in _text_problems(FILE, "x", Text(vi="Mang theo giay", en="Bring papers"))] == [
        "has no Vietnamese diacritics: 'Mang theo giay'"
    ]
