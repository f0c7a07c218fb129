"""Read aloud without Qt: text made speakable, the exact words of every screen, the voice chosen, the chime."""

from __future__ import annotations

import io
import itertools
import wave
from array import array

import pytest

from kiosk.content.loader import Catalog
from kiosk.content.models import Language
from kiosk.core.navigation import Visit
from kiosk.speech.sounds import PEAK, RATE, TONE_S, TONES_HZ, chime_samples, chime_wav
from kiosk.speech.speakable import speakable
from kiosk.speech.spoken import (
    ListPage,
    VoiceChoice,
    choose_voice,
    preferred_voice,
    spoken_help,
    spoken_idle_warning,
    spoken_screen,
)

# --- speakable -------------------------------------------------------------------

SPEAKABLE: list[tuple[str, Language, str]] = [
    # quoted labels lose their quotes
    ("Chạm vào nút “Đăng ký”", "vi", "Chạm vào nút Đăng ký"),
    ('Tap "Log in", then wait', "en", "Tap Log in, then wait"),
    ("Don't tap the shop's code", "en", "Don't tap the shop's code"),
    # arrows
    ("Cài đặt → Tài khoản → Bảo mật", "vi", "Cài đặt rồi Tài khoản rồi Bảo mật"),
    ("Settings -> Account", "en", "Settings then Account"),
    # step counter, fractions, slashes between words
    ("Bước 3 / 8", "vi", "Bước 3 trên 8"),
    ("Step 3 / 8", "en", "Step 3 of 8"),
    ("Bác trả lời đúng 1 / 2 câu.", "vi", "Bác trả lời đúng 1 trên 2 câu."),
    ("Mã OTP/PIN", "vi", "Mã ô tê pê hoặc PIN"),
    ("Gọi tổng đài 24/7", "vi", "Gọi tổng đài 24 trên 7"),
    ("Call hotline 24/7", "en", "Call hotline 24 7"),
    # dates and times
    ("Từ ngày 1/7/2024, tài khoản", "vi", "Từ ngày 1 tháng 7 năm 2024, tài khoản"),
    ("Từ 1/6/2025, thẻ", "vi", "Từ ngày 1 tháng 6 năm 2025, thẻ"),
    ("Since 1/6/2025, cards", "en", "Since 1 June 2025, cards"),
    ("ví dụ “Thứ Ba, 24/11”.", "vi", "ví dụ Thứ Ba, ngày 24 tháng 11."),
    ("for example “Tuesday, 24/11”.", "en", "for example Tuesday, 24 November."),
    ("ví dụ “8:00 – 8:30”.", "vi", "ví dụ 8 giờ đến 8 giờ 30."),
    ("a slot “8:00 – 8:30”", "en", "a slot 8 o'clock to 8:30"),
    # percent and other symbols
    ("Lãi 1% mỗi ngày", "vi", "Lãi 1 phần trăm mỗi ngày"),
    ("1% a day", "en", "1 percent a day"),
    ("như @ hoặc #.", "vi", "như a còng hoặc thăng."),
    ("Ô có dấu * phải điền", "vi", "Ô có dấu sao phải điền"),
    # web addresses are spelled
    ("đăng nhập dichvucong.gov.vn.", "vi", "đăng nhập dichvucong chấm gov chấm vn."),
    ("log in to dichvucong.gov.vn.", "en", "log in to dichvucong dot gov dot vn."),
    (
        "Bấm https://vneid-capnhat.top/tai-app",
        "vi",
        "Bấm vneid gạch ngang capnhat chấm top gạch chéo tai gạch ngang app",
    ),
    ("addresses end in .top or .xyz.", "en", "addresses end in dot top or dot xyz."),
    # phone numbers digit by digit, in groups; hotlines as people say them; money as a number
    ("Gọi 0123 456 789 ngay", "vi", "Gọi không một hai ba, bốn năm sáu, bảy tám chín ngay"),
    ("Call 0123 456 789", "en", "Call zero one two three, four five six, seven eight nine"),
    ("Nhắn “LD 0899123456” đến 156", "vi", "Nhắn e lờ đê không tám chín chín, một hai ba, bốn năm sáu đến một năm sáu"),
    ("Báo cáo lừa đảo: 156, 5656, VNeID", "vi", "Báo cáo lừa đảo: một năm sáu, năm sáu năm sáu, vê en i đê"),
    ("Khẩn cấp thì gọi 113.", "vi", "Khẩn cấp thì gọi một một ba."),
    ("Gọi 1900 1234", "vi", "Gọi một chín không không, một hai ba bốn"),
    ("+84 24 9876 5432", "vi", "cộng tám bốn, hai bốn, chín tám bảy sáu, năm bốn ba hai"),
    ("Đừng dùng 123456.", "vi", "Đừng dùng một hai ba, bốn năm sáu."),
    ("được trả 50.000 đồng, năm 2024", "vi", "được trả 50.000 đồng, năm 2024"),
    ("phí 50.000đ, số dư -356.000 VND", "vi", "phí 50.000 đồng, số dư trừ 356.000 đồng"),
    # letters and abbreviations
    ("Mã OTP, VNeID, thẻ CCCD", "vi", "Mã ô tê pê, vê en i đê, thẻ xê xê xê đê"),
    ("thẻ BHYT, mã QR, tin SMS", "vi", "thẻ bê hát i tê, mã quy e rờ, tin ét em ét"),
    ("OTP, VNeID, QR code", "en", "O T P, V N e I D, Q R code"),
    ("S cho tin nhắn rác, V cho cuộc gọi rác.", "vi", "ét cho tin nhắn rác, vê cho cuộc gọi rác."),
    ("Số TK của UBND", "vi", "Số tài khoản của Ủy ban nhân dân"),
    # ellipsis, emoji and dashes used as pauses
    ("Tôi xác nhận các thông tin…”.", "vi", "Tôi xác nhận các thông tin."),
    ("Xong rồi 👍🏽 nhé ✅", "vi", "Xong rồi nhé"),
    ("▶ Đang học", "vi", "Đang học"),
    ("Lừa đảo hay an toàn? – Vòng 1", "vi", "Lừa đảo hay an toàn? Vòng 1"),
    ("Health-insurance card", "en", "Health-insurance card"),
]


@pytest.mark.parametrize(("text", "language", "spoken"), SPEAKABLE, ids=[case[0][:40] for case in SPEAKABLE])
def test_speakable(text: str, language: Language, spoken: str) -> None:
    assert speakable(text, language) == spoken


def test_speakable_leaves_plain_text_alone() -> None:
    text = "Nút màu đỏ nằm ở giữa màn hình. Đừng lo, đây chỉ là màn hình tập."
    assert speakable(text, "vi") == text


def test_every_shipped_step_is_left_without_symbols_the_voice_would_misread(bundled_catalog: Catalog) -> None:
    from kiosk.core.session import TutorialSession
    from kiosk.speech.spoken import spoken_step

    leftovers = []
    for tutorial in bundled_catalog.tutorials:
        session = TutorialSession(tutorial)
        for index in range(session.step_count):
            session.jump(index)
            for language in ("vi", "en"):
                spoken = speakable(spoken_step(session, language), language)  # type: ignore[arg-type]
                if any(symbol in spoken for symbol in '“”"/%@#*→…'):
                    leftovers.append(f"{tutorial.id} step {index + 1} ({language}): {spoken}")
    assert leftovers == []


# --- the words of each screen ------------------------------------------------------


@pytest.fixture
def visit(fixture_catalog: Catalog) -> Visit:
    return Visit(fixture_catalog)


def test_attract_home_and_list(visit: Visit) -> None:
    assert spoken_screen(visit) == "Chạm vào màn hình để bắt đầu."
    visit.go_home()
    assert spoken_screen(visit) == "Bác muốn học điều gì hôm nay? Bài mẫu."
    visit.open_category("demo")
    assert spoken_screen(visit) == "Bài mẫu. Bài mẫu có ba bước."
    assert spoken_screen(visit, ListPage(0, 1, 2, 3)) == "Bài mẫu. Trang 2 / 3. Bài mẫu có ba bước."
    assert spoken_screen(visit, ListPage(1, 1, 3, 3)) == "Bài mẫu. Trang 3 / 3."  # only the titles on show
    visit.toggle_language()
    assert spoken_screen(visit, ListPage(0, 1)) == "Sample. A sample with three steps."


def test_info_step(visit: Visit) -> None:
    visit.open_tutorial("mau")
    assert spoken_screen(visit) == "Bước 1 / 3. Đây là nút “Đăng ký”. Nút màu đỏ nằm ở giữa màn hình."
    visit.toggle_language()
    assert spoken_screen(visit) == (
        "Step 1 / 3. This is the “Register” button. The red button is in the middle of the screen."
    )


def test_practice_step_says_the_message_on_show(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    visit.next()
    opening = "Bước 2 / 3. Chạm vào nút “Đăng ký”. Hãy thử chạm vào nút màu đỏ."
    assert spoken_screen(visit) == f"{opening} Màn hình tập — không có gì là thật."
    session.tap(None)
    assert spoken_screen(visit) == f"{opening} Chưa đúng. Nút “Đăng ký” có màu đỏ."
    session.tap(None)
    assert spoken_screen(visit) == f"{opening} Chưa đúng. Nút “Đăng ký” có màu đỏ. Chỗ cần chạm đang nhấp nháy."
    session.tap("btn_dang_ky")
    assert spoken_screen(visit) == f"{opening} Đúng rồi! Bác đã chạm vào “Đăng ký”."


def test_quiz_step_question_then_feedback(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    session.jump(2)
    assert spoken_screen(visit) == (
        "Bước 3 / 3. Lừa đảo hay an toàn? Đọc tin nhắn rồi chọn. "
        "Trên điện thoại: Số lạ: Con đây, mẹ đọc giúp con mã OTP vừa gửi nhé. "
        "Có 2 câu trả lời: 1. Lừa đảo. 2. An toàn."
    )
    session.answer(1)
    assert spoken_screen(visit) == (
        "Bước 3 / 3. Lừa đảo hay an toàn? Chưa đúng. Đây là lừa đảo. Không ai có quyền hỏi mã OTP của bác. "
        "Dấu hiệu lừa đảo: Hỏi mã OTP. Bác nên làm gì? Không trả lời. Gọi cho người thân bằng số bác đã biết."
    )
    visit.toggle_language()
    assert spoken_screen(visit).startswith("Step 3 / 3. Scam or safe? Not quite. This is a scam.")


def test_completion(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    session.jump(2)
    session.answer(0)
    visit.next()
    assert spoken_screen(visit) == (
        "Bác đã hoàn thành! Bài mẫu có ba bước. Bác trả lời đúng 1 / 1 câu. "
        "Điều cần nhớ: Không bao giờ đưa mã OTP cho ai."
    )


def test_overlays() -> None:
    assert spoken_idle_warning("vi", 30) == "Bác vẫn đang xem chứ? Màn hình sẽ trở về ban đầu sau 30 giây."
    assert spoken_idle_warning("en", 12) == "Are you still there? The screen will start over in 12 seconds."
    assert spoken_help("vi") == "Đang gọi người hỗ trợ. Xin bác chờ một chút, sẽ có người đến giúp."


# --- the voice -----------------------------------------------------------------------

ESPEAK_VI = ["Vietnamese (Northern)", "Vietnamese (Northern)+Alex", "Vietnamese (Central)", "Vietnamese (Southern)"]


@pytest.mark.parametrize(
    ("region", "name"),
    [("north", "Vietnamese (Northern)"), ("central", "Vietnamese (Central)"), ("south", "Vietnamese (Southern)")],
)
def test_the_regional_voice_is_chosen_by_name(region: str, name: str) -> None:
    assert choose_voice(ESPEAK_VI, "vi", region) == VoiceChoice(name)  # type: ignore[arg-type]
    assert preferred_voice("vi", region) == name  # type: ignore[arg-type]


def test_espeak_ids_and_underscored_names_count() -> None:
    assert choose_voice(["vi", "vi-vn-x-south"], "vi", "south") == VoiceChoice("vi-vn-x-south")
    assert choose_voice(["Vietnamese_(Central)"], "vi", "central") == VoiceChoice("Vietnamese_(Central)")


def test_a_missing_regional_voice_falls_back_and_says_so() -> None:
    choice = choose_voice(["Vietnamese (Northern)+Alex", "Vietnamese (Northern)"], "vi", "south")
    assert choice == VoiceChoice(
        "Vietnamese (Northern)", "voice 'Vietnamese (Southern)' is missing; using 'Vietnamese (Northern)'"
    )
    assert choose_voice([], "vi", "north") == VoiceChoice(None, "no Vietnamese voice")


def test_english_prefers_british_english() -> None:
    names = ["English (America)", "English (Great Britain)+Alex", "English (Great Britain)"]
    assert choose_voice(names, "en", "south") == VoiceChoice("English (Great Britain)")
    assert preferred_voice("en", "south") == "English (Great Britain)"


# --- the help chime ------------------------------------------------------------------


def test_the_chime_is_a_short_soft_two_tone_wav() -> None:
    with wave.open(io.BytesIO(chime_wav()), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        frames = wav.readframes(wav.getnframes())
        assert wav.getnframes() / RATE == pytest.approx(2 * TONE_S, abs=0.01)
    samples = array("h", frames)
    assert max(abs(sample) for sample in samples) <= 32767 * PEAK
    assert samples[0] == 0  # starts silently: no click


def test_the_two_tones_have_their_pitches() -> None:
    samples = chime_samples()
    half = len(samples) // 2
    for part, frequency in zip((samples[:half], samples[half:]), TONES_HZ, strict=True):
        rises = sum(1 for a, b in itertools.pairwise(part) if a < 0 <= b)
        assert rises == pytest.approx(frequency * TONE_S, rel=0.05)
