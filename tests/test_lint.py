"""Each style rule of kiosk.content.lint fails on a crafted tutorial and passes on the fixture."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.lint import (
    MAX_BODY_WORDS,
    MAX_SENTENCE_WORDS,
    check_catalog,
    lint_catalog,
    lint_tutorial,
    phone_problems,
)
from kiosk.content.loader import BUNDLED_CONTENT, Problem, load_catalog
from kiosk.content.models import Tutorial

FIXTURE = Path(__file__).parent / "fixtures" / "content"
BROKEN = Path(__file__).parent / "fixtures" / "content-lint"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
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
    data["steps"][0]["screen"]["elements"][0]["text"] = {"vi": "0199 345 678", "en": "0199-345-678"}
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


# --- "bác", never "bạn" -----------------------------------------------------

BAN = "calls the resident 'bạn': write 'bác' (capital 'Bác' to start a sentence)"


def test_ban_in_a_resident_text_fails() -> None:
    data = fixture_data()
    data["steps"][1]["success"]["vi"] = "Đúng rồi! Bạn đã chạm vào “Đăng ký”."
    assert lint(data) == [Problem(FILE, "steps[1].success.vi", BAN)]


def test_ban_inside_a_simulated_message_fails() -> None:
    data = fixture_data()
    data["steps"][2]["screen"]["elements"][1]["text"]["vi"] = "Mẹ ơi, bạn con nhờ mẹ đọc mã OTP nhé."
    assert lint(data) == []  # "bạn con" is "my friend", not a way to address the resident
    data["steps"][2]["screen"]["elements"][1]["text"]["vi"] = "Chúc mừng bạn trúng thưởng."
    assert lint(data) == [Problem(FILE, "steps[2].screen.elements[1].text.vi", BAN)]


@pytest.mark.parametrize(
    "text", ["Lời mời kết bạn", "Bạn bè của bác", "Một người bạn cũ gọi", "Người bạn thân", "Nhóm bạn học"]
)
def test_ban_meaning_a_friend_passes(text: str) -> None:
    data = fixture_data()
    data["steps"][0]["body"]["vi"] = text
    assert lint(data) == []


def test_ban_in_a_facilitator_note_passes() -> None:
    data = fixture_data()
    data["steps"][0]["note"]["vi"] = "Bạn tình nguyện chỉ cho người dân thấy nút đỏ."
    assert lint(data) == []


# --- phone numbers ----------------------------------------------------------


@pytest.mark.parametrize("number", ["0199 123 456", "0199123456", "+84 199 123 456", "0199.123.4567"])
def test_fictional_0199_numbers_pass(number: str) -> None:
    assert phone_problems(FILE, "x", f"Gọi {number} nhé") == []


@pytest.mark.parametrize("number", ["0912 345 678", "0899123456", "+84 798 206 153", "0345-678-910", "024 9876 5432"])
def test_real_looking_numbers_fail(number: str) -> None:
    assert phone_problems(FILE, "x", f"Gọi {number} nhé") == [
        Problem(FILE, "x", f"shows the phone number {number!r}: use a fictional 0199 number")
    ]


@pytest.mark.parametrize(
    "text",
    ["Gọi 113, 114, 115 hoặc nhắn 156, 5656", "Chuyển 15.000.000 đồng", "Số định danh 001234567890", "Mã PD0123456789"],
)
def test_official_numbers_amounts_and_ids_pass(text: str) -> None:
    assert phone_problems(FILE, "x", text) == []


def test_a_hotline_digit_string_fails() -> None:
    assert phone_problems(FILE, "x", "Tổng đài 1900 1234") == [
        Problem(FILE, "x", "shows the hotline '1900 1234': say 'số in trên hóa đơn' (the number on the bill)")
    ]


def test_a_phone_number_in_a_call_screen_fails() -> None:
    data = fixture_data()
    data["steps"][2]["screen"]["elements"][1] = {"id": "goi", "kind": "call", "caller": {"vi": "Lạ", "en": "Unknown"}}
    data["steps"][2]["screen"]["elements"][1]["number"] = "0867 552 031"
    data["steps"][2]["flags"][0]["element"] = "goi"
    assert lint(data) == [
        Problem(
            FILE,
            "steps[2].screen.elements[1].number",
            "shows the phone number '0867 552 031': use a fictional 0199 number",
        )
    ]


# --- the sender's name is never proof ----------------------------------------

SENDER = "cites the sender's name as a sign of safety (names can be faked)"


def safe_quiz(data: dict[str, Any]) -> dict[str, Any]:
    quiz: dict[str, Any] = data["steps"][2]
    quiz["verdict"] = "safe"
    quiz["answers"][0]["correct"], quiz["answers"][1]["correct"] = False, True
    quiz["flags"][0]["tone"] = "safe"
    return quiz


def test_a_safe_flag_citing_the_sender_name_fails() -> None:
    data = fixture_data()
    safe_quiz(data)["flags"][0]["text"] = {"vi": "Tên nhà mạng, không đường link", "en": "Carrier's name, no link"}
    assert lint(data) == [
        Problem(FILE, "steps[2].flags[0].text.vi", SENDER),
        Problem(FILE, "steps[2].flags[0].text.en", SENDER),
    ]


def test_a_safe_explanation_citing_the_sender_name_fails() -> None:
    data = fixture_data()
    safe_quiz(data)["explanation"] = {"vi": "Người gửi đúng là ngân hàng.", "en": "It comes from the bank's own name."}
    assert lint(data) == [
        Problem(FILE, "steps[2].explanation.vi", SENDER),
        Problem(FILE, "steps[2].explanation.en", SENDER),
    ]


def test_a_safe_verdict_resting_on_what_is_asked_passes() -> None:
    data = fixture_data()
    quiz = safe_quiz(data)
    quiz["explanation"] = {"vi": "Tin không hỏi gì: không mã, không tiền.", "en": "It asks nothing: no code, no money."}
    quiz["flags"][0]["text"] = {"vi": "Không đường link, không hỏi mã", "en": "No link, no code asked"}
    assert lint(data) == []


def test_a_scam_may_explain_that_names_are_faked() -> None:
    data = fixture_data()
    data["steps"][2]["explanation"] = {
        "vi": "Tên người gửi là ngân hàng nhưng có thể giả.",
        "en": "The sender's name can be faked.",
    }
    assert lint(data) == []


# --- the lint is part of content validation ---------------------------------


def test_check_catalog_adds_the_lint_findings() -> None:
    catalog = check_catalog(BROKEN)
    assert catalog.problems == lint_catalog(load_catalog(BROKEN))
    assert {problem.file.rsplit("/", 1)[-1] for problem in catalog.problems} == {
        "goi-ban.toml",
        "so-that.toml",
        "ten-nguoi-gui.toml",
    }


def test_check_content_reports_each_new_rule_with_file_field_and_reason() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "main.py", "--check-content", "tests/fixtures/content-lint"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    folder = "tests/fixtures/content-lint/demo"
    for line in (
        f"{folder}/goi-ban.toml: steps[1].body.vi: {BAN}",
        f"{folder}/so-that.toml: steps[2].screen.elements[1].sender.vi: shows the phone number '0912 345 678'",
        f"{folder}/so-that.toml: steps[2].screen.elements[1].sender.en: shows the phone number '+84 912 345 678'",
        f"{folder}/so-that.toml: steps[0].screen.elements[1].value: shows the hotline '1900 1234'",
        f"{folder}/ten-nguoi-gui.toml: steps[2].explanation.vi: {SENDER}",
        f"{folder}/ten-nguoi-gui.toml: steps[2].flags[0].text.en: {SENDER}",
    ):
        assert f"  {line}" in result.stdout
    assert "Problems: 8\n" in result.stdout


def test_the_shipped_catalogue_passes_every_rule() -> None:
    catalog = check_catalog(BUNDLED_CONTENT)
    assert [str(problem) for problem in catalog.problems] == []


def test_a_content_pack_with_lint_findings_is_refused(tmp_path: Path) -> None:
    from kiosk.fleet.pack import PublishError, build
    from kiosk.fleet.unpack import PackError, validate

    with pytest.raises(PublishError, match=r"8 content problems, the first: .*goi-ban\.toml: steps"):
        build(BROKEN, tmp_path / "p.tar.gz")
    with pytest.raises(PackError, match=r"8 tutorial problems, the first: demo/goi-ban\.toml: steps"):
        validate(BROKEN)


# --- practice offers a wrong choice -----------------------------------------


def test_practice_without_a_wrong_choice_fails() -> None:
    data = fixture_data()
    elements = data["steps"][1]["screen"]["elements"]
    data["steps"][1]["screen"]["elements"] = [element for element in elements if element["id"] != "btn_dang_nhap"]
    assert lint(data) == [
        Problem(FILE, "steps[1].screen", "offers no wrong choice: add a plausible button or row to tap instead")
    ]


def test_practice_with_a_wrong_row_passes() -> None:
    data = fixture_data()
    elements = data["steps"][1]["screen"]["elements"]
    elements[3] = {"id": "dong", "kind": "list_row", "text": {"vi": "Đăng nhập", "en": "Log in"}}
    assert lint(data) == []
