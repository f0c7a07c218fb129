"""Read aloud as a resident uses it: "Đọc to" on every screen, stop and repeat, volume, auto read, no dead button."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, QProcess, QTimer
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content.loader import Catalog
from kiosk.operator import health
from kiosk.processes.speech import FakeSpeaker, QtSpeaker, SpeechSettings
from kiosk.speech.watch import SpeechProblem
from tests.conftest import FakeClock, MakeKiosk
from tests.gui import miss_point, open_tutorial, tap
from tests.server_support import private_server, program

SOUTH = "Vietnamese (Southern)"
NORTH = "Vietnamese (Northern)"
ENGLISH = "English (Great Britain)"


def read(qtbot: QtBot, kiosk: Kiosk, speaker: FakeSpeaker) -> tuple[str, str, str]:
    """Tap "Đọc to" and return what the engine was asked to say."""
    before = len(speaker.calls)
    tap(qtbot, kiosk.shell.bar.read_aloud)
    assert len(speaker.calls) == before + 1
    return speaker.calls[-1]


def test_every_resident_screen_is_read_in_its_language_and_voice(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    speaker = FakeSpeaker(region="south")
    kiosk = make_kiosk(fixture_catalog, speaker=speaker, speech_voice="south")
    shell, bar = kiosk.shell, kiosk.shell.bar
    assert not bar.isVisible()  # the attract screen has no bar: touching anywhere starts
    tap(qtbot, shell.attract)
    assert bar.read_aloud.isVisible() and bar.read_aloud.text() == "Đọc to"
    assert read(qtbot, kiosk, speaker) == ("Bác muốn học điều gì hôm nay? Bài mẫu.", "vi", SOUTH)
    speaker.finish()
    tap(qtbot, shell.home.tiles[0])
    assert read(qtbot, kiosk, speaker) == ("Bài mẫu. Bài mẫu có ba bước.", "vi", SOUTH)
    speaker.finish()
    tap(qtbot, shell.tutorial_list.visible_cards()[0])
    step_1 = "Bước 1 trên 3. Đây là nút Đăng ký. Nút màu đỏ nằm ở giữa màn hình."
    assert read(qtbot, kiosk, speaker) == (step_1, "vi", SOUTH)
    speaker.finish()
    tap(qtbot, bar.next)
    tap(qtbot, shell.step.phone, miss_point(kiosk))
    assert read(qtbot, kiosk, speaker)[0] == (
        "Bước 2 trên 3. Chạm vào nút Đăng ký. Hãy thử chạm vào nút màu đỏ. Chưa đúng. Nút Đăng ký có màu đỏ."
    )
    speaker.finish()
    kiosk.controller.tap("btn_dang_ky")
    tap(qtbot, bar.next)
    assert read(qtbot, kiosk, speaker)[0] == (
        "Bước 3 trên 3. Lừa đảo hay an toàn? Đọc tin nhắn rồi chọn. Trên điện thoại: Số lạ: Con đây, mẹ đọc giúp "
        "con mã ô tê pê vừa gửi nhé. Có 2 câu trả lời: 1. Lừa đảo. 2. An toàn."
    )
    speaker.finish()
    tap(qtbot, shell.step.answers[0])
    assert read(qtbot, kiosk, speaker)[0] == (
        "Bước 3 trên 3. Lừa đảo hay an toàn? Đúng rồi! Đây là lừa đảo. Không ai có quyền hỏi mã ô tê pê của bác. "
        "Dấu hiệu lừa đảo: Hỏi mã ô tê pê. Bác nên làm gì? Không trả lời. Gọi cho người thân bằng số bác đã biết."
    )
    speaker.finish()
    tap(qtbot, bar.next)
    assert read(qtbot, kiosk, speaker)[0] == (
        "Bác đã hoàn thành! Bài mẫu có ba bước. Bác trả lời đúng 1 trên 1 câu. "
        "Điều cần nhớ: Không bao giờ đưa mã ô tê pê cho ai."
    )
    speaker.finish()
    tap(qtbot, bar.language)
    assert bar.read_aloud.text() == "Read aloud"
    assert read(qtbot, kiosk, speaker) == (
        "You have finished! A sample with three steps. You answered 1 of 1 correctly. "
        "Remember: Never give your O T P to anyone.",
        "en",
        ENGLISH,
    )


def test_the_button_stops_then_repeats(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    speaker = FakeSpeaker()
    kiosk = make_kiosk(fixture_catalog, speaker=speaker)
    button = kiosk.shell.bar.read_aloud
    open_tutorial(qtbot, kiosk, "mau")
    assert button.text() == "Đọc to" and button.icon_name == "read_aloud"
    first = read(qtbot, kiosk, speaker)
    assert speaker.speaking and button.text() == "Dừng đọc" and button.icon_name == "stop_reading"
    tap(qtbot, button)
    assert not speaker.speaking and speaker.stops == 1
    assert button.text() == "Đọc lại"
    assert read(qtbot, kiosk, speaker) == first
    speaker.finish()
    assert button.text() == "Đọc lại" and button.icon_name == "read_aloud"


def test_switching_step_stops_the_speech(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    speaker = FakeSpeaker()
    kiosk = make_kiosk(fixture_catalog, speaker=speaker)
    bar = kiosk.shell.bar
    open_tutorial(qtbot, kiosk, "mau")
    read(qtbot, kiosk, speaker)
    tap(qtbot, bar.next)
    assert not speaker.speaking and speaker.stops == 1
    assert bar.read_aloud.text() == "Đọc to"
    read(qtbot, kiosk, speaker)
    tap(qtbot, bar.home)
    assert not speaker.speaking and speaker.stops == 2


def test_a_new_text_size_keeps_reading(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    speaker = FakeSpeaker()
    kiosk = make_kiosk(fixture_catalog, speaker=speaker)
    open_tutorial(qtbot, kiosk, "mau")
    read(qtbot, kiosk, speaker)
    kiosk.controller.cycle_text_size()  # (its button gives way to the volume buttons while reading)
    assert speaker.speaking and speaker.stops == 0  # the same words are on screen, only bigger


def test_volume_buttons_take_the_bar_while_reading(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    speaker = FakeSpeaker()
    kiosk = make_kiosk(fixture_catalog, speaker=speaker, speech_volume=0.9)
    bar = kiosk.shell.bar
    open_tutorial(qtbot, kiosk, "mau")
    assert bar.text_size.isVisible() and bar.language.isVisible() and not bar.volume_up.isVisible()
    text = read(qtbot, kiosk, speaker)
    assert (bar.volume_down.text(), bar.read_aloud.text(), bar.volume_up.text()) == ("Nhỏ hơn", "Dừng đọc", "To hơn")
    assert not bar.text_size.isVisible() and not bar.language.isVisible()
    tap(qtbot, bar.volume_up)
    assert speaker.volume == 1.0
    assert speaker.calls[-1] == text  # read again from the start, so the new level is heard
    tap(qtbot, bar.volume_up)
    assert speaker.volume == 1.0
    tap(qtbot, bar.volume_down)
    tap(qtbot, bar.volume_down)
    assert speaker.volume == pytest.approx(0.8)
    speaker.finish()
    assert bar.text_size.isVisible() and bar.language.isVisible() and not bar.volume_down.isVisible()
    clock.advance(10_000)
    kiosk.controller.check_idle()  # idle reset: the next resident starts at the configured volume
    assert speaker.volume == pytest.approx(0.9)


def test_auto_read_reads_each_step_as_it_opens(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    speaker = FakeSpeaker()
    kiosk = make_kiosk(fixture_catalog, speaker=speaker, auto_read=True)
    open_tutorial(qtbot, kiosk, "mau")  # through home and the list: only steps are read by themselves
    assert [text[:14] for text, _, _ in speaker.calls] == ["Bước 1 trên 3."]
    tap(qtbot, kiosk.shell.bar.next)
    assert [text[:14] for text, _, _ in speaker.calls] == ["Bước 1 trên 3.", "Bước 2 trên 3."]
    assert speaker.stops == 1


def test_the_idle_warning_is_spoken_once_when_it_appears(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    speaker = FakeSpeaker()
    kiosk = make_kiosk(fixture_catalog, speaker=speaker, idle_timeout_s=60)
    open_tutorial(qtbot, kiosk, "mau")
    clock.advance(61)
    kiosk.controller.check_idle()
    warning = ("Bác vẫn đang xem chứ? Màn hình sẽ trở về ban đầu sau 29 giây.", "vi", NORTH)
    assert speaker.calls == [warning]
    assert not kiosk.shell.bar.volume_up.isVisible()  # volume is for reading the screen
    clock.advance(1)
    kiosk.controller.check_idle()  # the countdown ticks; the warning is not read again
    assert speaker.calls == [warning]
    tap(qtbot, kiosk.shell.idle_warning.button)
    assert not speaker.speaking


def test_no_vietnamese_voice_no_button(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    speaker = FakeSpeaker(available=False, why_unavailable="no speech engine")
    kiosk = make_kiosk(fixture_catalog, speaker=speaker)
    open_tutorial(qtbot, kiosk, "mau")
    assert kiosk.shell.bar.isVisible() and not kiosk.shell.bar.read_aloud.isVisible()
    assert kiosk.speech is not None and kiosk.speech.health_problem() == "no speech engine"
    kiosk.controller.read_aloud()  # even if it were asked: nothing is said
    assert speaker.calls == []


def test_no_english_voice_hides_the_button_in_english(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog, speaker=FakeSpeaker(languages=("vi",)))
    bar = kiosk.shell.bar
    open_tutorial(qtbot, kiosk, "mau")
    assert bar.read_aloud.isVisible()
    tap(qtbot, bar.language)
    assert not bar.read_aloud.isVisible()


# --- the Qt engine -------------------------------------------------------------------


@pytest.fixture
def qt_speakers() -> Iterator[list[QtSpeaker]]:
    made: list[QtSpeaker] = []
    yield made
    for speaker in made:
        speaker.shutdown()


def test_an_engine_without_a_vietnamese_voice_hides_the_button_and_says_why(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, qt_speakers: list[QtSpeaker]
) -> None:
    speaker = QtSpeaker(SpeechSettings(engine="mock"))  # Qt's test engine: English, Norwegian, Finnish
    qt_speakers.append(speaker)
    kiosk = make_kiosk(fixture_catalog, speaker=speaker)
    open_tutorial(qtbot, kiosk, "mau")
    with qtbot.waitSignal(speaker.changed, timeout=10_000):
        speaker.start()
    assert not speaker.available and speaker.problem is SpeechProblem.NO_VOICE
    assert speaker.why_unavailable.startswith("Bộ đọc không có giọng tiếng Việt; nút Đọc to đã được ẩn. (the 'mock'")
    assert "the 'mock' engine has no Vietnamese voice; install speech-dispatcher" in speaker.why_unavailable
    assert speaker.health_problem() == speaker.why_unavailable
    assert speaker.voices == {"en": "Bob"}
    assert not kiosk.shell.bar.read_aloud.isVisible()


def test_the_speech_process_ends_with_its_window(qtbot: QtBot) -> None:
    window = QObject()
    speaker = QtSpeaker(SpeechSettings(engine="mock"), window)
    with qtbot.waitSignal(speaker.changed, timeout=10_000):
        speaker.start()
    process = speaker._process
    assert process is not None and process.state() is QProcess.ProcessState.Running
    pid = process.processId()
    shiboken6.delete(window)  # no "QProcess: Destroyed while process is still running" (warnings fail tests)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # ended and reaped


def test_a_missing_engine_says_what_to_install(qtbot: QtBot, qt_speakers: list[QtSpeaker]) -> None:
    speaker = QtSpeaker(SpeechSettings(engine="no-such-engine"))
    qt_speakers.append(speaker)
    with qtbot.waitSignal(speaker.changed, timeout=10_000):
        speaker.start()
    assert not speaker.available and speaker.problem is SpeechProblem.NO_ENGINE
    assert speaker.why_unavailable.startswith("Chưa cài bộ đọc tiếng Việt (speech-dispatcher, espeak-ng)")
    assert "(no 'no-such-engine' speech engine (found: " in speaker.why_unavailable
    assert "speech-dispatcher" in speaker.why_unavailable


def test_the_engine_opens_only_after_the_first_screen(tmp_path: Path) -> None:
    """Start-up budget: the speech process starts after the first screen; the kiosk never imports QtTextToSpeech."""
    probe = """
import sys
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from kiosk.app import application, build_kiosk
from kiosk.config import KioskConfig
from kiosk.content.loader import load_catalog
application()
kiosk = build_kiosk(KioskConfig(), load_catalog(), QSize(1280, 800))
shell = kiosk.shell
shell.show()
QApplication.processEvents()
shell.repaint()
print("PySide6.QtTextToSpeech" in sys.modules, kiosk.speech.speaker._process is None)
"""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


@pytest.fixture
def speech_dispatcher(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private speech-dispatcher whose audio goes to libao's null driver: speech without a sound card."""
    binary = program("speech-dispatcher", "speech-dispatcher")
    conf = tmp_path / "conf"
    shutil.copytree("/etc/speech-dispatcher", conf)
    with (conf / "speechd.conf").open("a", encoding="utf-8") as config:
        config.write('\nAudioOutputMethod "libao"\n')
    home = tmp_path / "home"
    home.mkdir()
    (home / ".libao").write_text("default_driver=null\n", encoding="utf-8")
    socket = tmp_path / "speechd.sock"
    command = [binary, "-s", "-t", "0", "-C", str(conf), "-S", str(socket), "-c", "unix_socket", "-L", str(tmp_path)]
    with private_server(command, socket, {**os.environ, "HOME": str(home)}):
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket}")
        yield socket


def test_the_real_engine_speaks_vietnamese_in_the_chosen_regional_voice(
    qtbot: QtBot, speech_dispatcher: Path, qt_speakers: list[QtSpeaker]
) -> None:
    speaker = QtSpeaker(SpeechSettings(region="south"))
    qt_speakers.append(speaker)
    with qtbot.waitSignal(speaker.changed, timeout=30_000):
        speaker.start()
    assert speaker.why_unavailable == ""
    assert speaker.available and speaker.health_problem() is None
    assert speaker.voices == {"vi": SOUTH, "en": ENGLISH}
    speaker.say("Xin chào bác. Đây là bước một trên ba.", "vi")
    qtbot.waitUntil(lambda: speaker.finished == 1, timeout=30_000)  # the engine went Speaking, then Ready
    assert not speaker.speaking


def gone(pid: int) -> bool:
    """True once the process has ended and been reaped: nothing left behind."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def speaker_pid(speaker: QtSpeaker) -> int:
    process = speaker._process
    assert process is not None and process.waitForStarted(5000)
    return int(process.processId())


def test_a_speech_dispatcher_that_never_answers_is_stopped_after_the_open_deadline(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qt_speakers: list[QtSpeaker]
) -> None:
    """Opening the engine blocks (and holds Python's lock) until speech-dispatcher answers: not in our process,
    and not for ever: after the open deadline the child is stopped and the operator is told why."""
    program("speech-dispatcher", "speech-dispatcher")
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.bind(str(tmp_path / "silent.sock"))
    silent.listen(4)  # connections are accepted by the kernel and then never answered
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'silent.sock'}")
    speaker = QtSpeaker(SpeechSettings(open_deadline_s=2.0, retry_after_s=None))
    qt_speakers.append(speaker)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(50)
    started = time.monotonic()
    speaker.start()
    pid = speaker_pid(speaker)
    qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=4000)  # a live event loop while the child is stuck
    assert speaker.health_problem() is None  # still starting: no false alarm in the first seconds
    qtbot.waitUntil(lambda: speaker.problem is not None, timeout=5000)
    assert time.monotonic() - started < 2.0 + 1.0  # the deadline plus one watch interval, not more
    timer.stop()
    assert speaker.problem is SpeechProblem.NO_ANSWER_OPENING and not speaker.available
    assert speaker.health_problem() == speaker.why_unavailable
    assert speaker.why_unavailable.startswith("Bộ đọc (speech-dispatcher) không trả lời khi khởi động")
    qtbot.waitUntil(lambda: gone(pid), timeout=3000)  # SIGTERM, or SIGKILL a second later
    silent.close()


def test_a_stopped_speech_dispatcher_mid_call_gives_the_screen_back(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, speech_dispatcher: Path, qt_speakers: list[QtSpeaker]
) -> None:
    """The daemon freezes (SIGSTOP) after it opened: "Đọc to" blocks the child in its call; within the call
    deadline the child is killed, the bar is back to normal, the button hides and the health page says why."""
    speaker = QtSpeaker(SpeechSettings(call_deadline_s=2.0, retry_after_s=None))
    qt_speakers.append(speaker)
    kiosk = make_kiosk(fixture_catalog, speaker=speaker)
    bar = kiosk.shell.bar
    with qtbot.waitSignal(speaker.changed, timeout=30_000):
        speaker.start()
    assert speaker.available
    open_tutorial(qtbot, kiosk, "mau")
    assert bar.read_aloud.isVisible() and bar.text_size.isVisible()
    pid = speaker_pid(speaker)
    daemon = speech_dispatcher_pid(speech_dispatcher)
    os.kill(daemon, signal.SIGSTOP)
    try:
        tap(qtbot, bar.read_aloud)
        assert bar.read_aloud.text() == "Dừng đọc" and bar.volume_up.isVisible()
        started = time.monotonic()
        qtbot.waitUntil(lambda: speaker.problem is not None, timeout=6000)
        assert time.monotonic() - started < 2.0 + 1.0
        assert speaker.problem is SpeechProblem.NO_ANSWER
        assert not bar.read_aloud.isVisible() and not bar.volume_up.isVisible() and not bar.volume_down.isVisible()
        assert bar.text_size.isVisible() and bar.language.isVisible()  # the bar is back to normal
        assert kiosk.speech is not None
        check = health.check_speech(kiosk.speech.health_problem)
        assert not check.ok and check.detail.startswith("Bộ đọc (speech-dispatcher) không trả lời nên đã bị dừng")
        qtbot.waitUntil(lambda: gone(pid), timeout=3000)
    finally:
        os.kill(daemon, signal.SIGCONT)


def test_speech_stuck_mid_sentence_is_killed_even_when_it_ignores_sigterm(
    qtbot: QtBot, qt_speakers: list[QtSpeaker]
) -> None:
    """The engine stops mid-sentence (an unplugged audio device never drains): the speaking deadline stops it.
    The child is frozen (SIGSTOP), so SIGTERM does nothing and the escalation to SIGKILL must end it."""
    settings = SpeechSettings(engine="mock", speak_base_s=1.0, speak_per_char_s=0.01, retry_after_s=None)
    speaker = QtSpeaker(settings)  # Qt's test engine speaks English word by word, slowly enough to freeze
    qt_speakers.append(speaker)
    with qtbot.waitSignal(speaker.changed, timeout=10_000):
        speaker.start()
    assert speaker.can_speak("en")  # (it has no Vietnamese voice, so the bar would hide the button: no bar here)
    pid = speaker_pid(speaker)
    speaker.say("You have finished. You answered one of one correctly. Never give your code to anyone.", "en")
    qtbot.waitUntil(lambda: speaker._engine_speaking, timeout=5000)  # the engine itself said it started
    os.kill(pid, signal.SIGSTOP)
    qtbot.waitUntil(lambda: speaker.problem is SpeechProblem.STUCK_SPEAKING, timeout=5000)
    assert not speaker.speaking
    assert "kẹt giữa câu" in (speaker.health_problem() or "")
    qtbot.waitUntil(lambda: gone(pid), timeout=4000)


def speech_dispatcher_pid(address: Path) -> int:
    """The daemon serving `address`, found through the socket's owner (it forks no helper we could confuse)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if command and command[0].endswith(b"speech-dispatcher") and str(address).encode() in command:
                return int(entry.name)
    raise AssertionError(f"no speech-dispatcher serving {address}")


SENTENCE = "Xin chào bác. Đây là bước một trên ba."  # ten syllables


@pytest.fixture
def recording_speech_dispatcher(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private speech-dispatcher playing through its ALSA output into a null sink that records to a WAV file
    (ALSA's `file` plugin on the `null` device): real speech, no sound card. Yields the recording's path."""
    binary = program("speech-dispatcher", "speech-dispatcher")
    program("sox", "sox")
    conf = tmp_path / "conf"
    shutil.copytree("/etc/speech-dispatcher", conf)
    with (conf / "speechd.conf").open("a", encoding="utf-8") as config:
        config.write('\nAudioOutputMethod "alsa"\nAudioALSADevice "kiosk_record"\n')
    recording = tmp_path / "speech.wav"
    home = tmp_path / "home"
    home.mkdir()
    sink = f'pcm.kiosk_record {{\n type file\n slave.pcm "null"\n file "{recording}"\n format "wav"\n}}\n'
    (home / ".asoundrc").write_text(sink, encoding="utf-8")
    address = tmp_path / "speechd.sock"
    command = [binary, "-s", "-t", "0", "-C", str(conf), "-S", str(address), "-c", "unix_socket", "-L", str(tmp_path)]
    server = subprocess.Popen(command, env={**os.environ, "HOME": str(home)}, stderr=subprocess.DEVNULL)
    try:
        qtbot.waitUntil(address.exists, timeout=10_000)
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{address}")
        yield recording
    finally:
        server.terminate()
        server.wait(10)


def sox_stats(path: Path) -> dict[str, float]:
    """sox's `stats` of a recording (its WAV header may still say 0 samples: the device was never closed)."""
    result = subprocess.run(
        ["sox", "--ignore-length", str(path), "-n", "stats"], capture_output=True, text=True, timeout=60
    )
    stats: dict[str, float] = {}
    for line in result.stderr.splitlines():
        name, _, value = line.rpartition(" ")
        with contextlib.suppress(ValueError):
            stats[name.strip()] = float(value)
    return stats


def test_read_aloud_through_speech_dispatcher_records_a_vietnamese_sentence_of_plausible_length(
    qtbot: QtBot, recording_speech_dispatcher: Path, qt_speakers: list[QtSpeaker]
) -> None:
    speaker = QtSpeaker(SpeechSettings(region="north"))
    qt_speakers.append(speaker)
    with qtbot.waitSignal(speaker.changed, timeout=30_000):
        speaker.start()
    assert speaker.available
    speaker.say(SENTENCE, "vi")
    qtbot.waitUntil(lambda: speaker.finished == 1, timeout=30_000)
    assert speaker.problem is None and not speaker.speaking
    stats = sox_stats(recording_speech_dispatcher)
    syllables = len(SENTENCE.split())
    assert 0.15 * syllables < stats["Length s"] < 0.8 * syllables, stats  # speech, not a click or a stuck stream
    assert stats["Pk lev dB"] > -12 and stats["RMS lev dB"] > -35, stats  # loud enough to be a voice, not silence
