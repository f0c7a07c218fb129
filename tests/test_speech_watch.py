"""The speech engine's deadlines as plain logic: opening, every call, and speech that never ends."""

from __future__ import annotations

from kiosk.speech.watch import PROBLEM_WORDS, SpeechProblem, SpeechWatch, describe, speaking_deadline_s


def test_opening_is_quiet_within_its_deadline_and_a_problem_after() -> None:
    watch = SpeechWatch(open_deadline_s=20)
    watch.opening(100.0)
    assert watch.starting() and watch.overdue(119.9) is None
    assert watch.overdue(120.1) is SpeechProblem.NO_ANSWER_OPENING
    watch.opened()
    assert not watch.starting() and watch.overdue(500.0) is None


def test_every_call_must_be_answered_in_time() -> None:
    watch = SpeechWatch(call_deadline_s=3)
    first = watch.call(10.0)
    second = watch.call(11.0)
    watch.answered(first)
    assert watch.overdue(13.5) is None
    assert watch.overdue(14.1) is SpeechProblem.NO_ANSWER
    watch.answered(second)
    assert watch.overdue(99.0) is None


def test_speech_must_end_in_a_time_plausible_for_its_length() -> None:
    sentence = "Bước 1 trên 3. Đây là nút Đăng ký. Nút màu đỏ nằm ở giữa màn hình."
    assert speaking_deadline_s(sentence) == 6.0 + 0.25 * len(sentence)
    assert speaking_deadline_s("x" * 100_000) == 180.0
    watch = SpeechWatch()
    watch.speaking(0.0, sentence)
    assert watch.overdue(speaking_deadline_s(sentence) - 0.1) is None
    assert watch.overdue(speaking_deadline_s(sentence) + 0.1) is SpeechProblem.STUCK_SPEAKING
    watch.silent()
    assert watch.overdue(1000.0) is None


def test_every_problem_has_vietnamese_words_for_the_operator() -> None:
    assert set(PROBLEM_WORDS) == set(SpeechProblem)
    for problem in SpeechProblem:
        words = describe(problem)
        assert "Đọc to" in words and words.endswith(f"({PROBLEM_WORDS[problem][1]})")
    assert describe(SpeechProblem.NO_VOICE, "no vi voice").endswith("(no vi voice)")
