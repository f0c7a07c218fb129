"""Calling a volunteer: the calm message, the flashing signal, the chime, the event and the ward webhook."""

from __future__ import annotations

import json
import os
import re
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from kiosk.config import ConfigError, load_config
from kiosk.content.loader import Catalog
from kiosk.control.help_call import Chime, HelpCall
from kiosk.core.navigation import Screen
from kiosk.processes.speech import FakeSpeaker
from tests.conftest import MakeKiosk
from tests.gui import open_tutorial, tap
from tests.server_support import private_server, program


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_help_shows_the_message_signals_and_posts_the_webhook(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, httpserver: HTTPServer
) -> None:
    httpserver.expect_oneshot_request("/help", method="POST").respond_with_data("ok")
    kiosk = make_kiosk(
        fixture_catalog,
        kiosk_id="ben-thanh-01",
        ward_name="Phường Bến Thành",
        help_webhook_url=httpserver.url_for("/help"),
    )
    message = kiosk.shell.help_message
    open_tutorial(qtbot, kiosk, "mau")
    with qtbot.waitSignal(kiosk.controller.help_requested, timeout=1000):
        tap(qtbot, kiosk.shell.bar.help)
    assert message.isVisible()
    assert message.title.text() == "Đang gọi người hỗ trợ"
    assert message.signal.text() == "CẦN HỖ TRỢ" and message.signal.isVisible()
    qtbot.waitUntil(lambda: len(httpserver.log) == 1, timeout=10_000)
    notice = json.loads(httpserver.log[0][0].data)
    assert set(notice) == {"kiosk_id", "ward", "time", "reason"}  # nothing about the resident
    assert notice["reason"] == "stuck"  # in a tutorial: from the fixed list, never asked, never free text
    assert (notice["kiosk_id"], notice["ward"]) == ("ben-thanh-01", "Phường Bến Thành")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", notice["time"])
    tap(qtbot, message.button)
    assert not message.isVisible()
    assert kiosk.visit.route.screen is Screen.PLAYER  # the resident is back where they were


def test_a_webhook_that_is_down_does_not_touch_the_kiosk(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog, help_webhook_url=f"http://127.0.0.1:{closed_port()}/h")
    assert kiosk.help_call is not None and kiosk.help_call.notifier is not None
    notifier = kiosk.help_call.notifier
    notifier.sleep = lambda seconds: None  # retry at once: this test is about the kiosk, not the backoff
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, kiosk.shell.bar.help)
    assert kiosk.shell.help_message.isVisible()
    tap(qtbot, kiosk.shell.help_message.button)
    tap(qtbot, kiosk.shell.bar.next)
    assert kiosk.shell.header.step_pill.text() == "Bước 2 / 3"
    qtbot.waitUntil(lambda: notifier.failed == 1, timeout=20_000)
    assert notifier.delivered == 0
    assert any(problem.startswith("help webhook: cannot reach") for problem in kiosk.help_call.problems())


def test_no_webhook_configured_means_no_notifier(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk = make_kiosk(fixture_catalog)
    assert kiosk.help_call is not None and kiosk.help_call.notifier is None
    open_tutorial(qtbot, kiosk, "mau")
    with qtbot.waitSignal(kiosk.controller.help_requested, timeout=1000):
        tap(qtbot, kiosk.shell.bar.help)


def colour_at_left(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 20, image.height() // 2)


def test_the_signal_flashes_once_a_second_only_while_shown(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    message = kiosk.shell.help_message
    palette = kiosk.shell.theme.palette
    open_tutorial(qtbot, kiosk, "mau")
    assert not message.flash_timer.isActive()
    tap(qtbot, kiosk.shell.bar.help)
    assert message.flash_timer.isActive() and message.flash_timer.interval() == 1000
    assert colour_at_left(message.signal).name().upper() == palette.help_bg.upper()
    with qtbot.waitSignal(message.flash_timer.timeout, timeout=3000):
        pass
    assert colour_at_left(message.signal).name().upper() == palette.help_text.upper()
    message.flash()
    assert colour_at_left(message.signal).name().upper() == palette.help_bg.upper()
    tap(qtbot, message.button)
    assert not message.flash_timer.isActive()  # nothing ticks once it is dismissed


def _ring(qtbot: QtBot, make_kiosk: MakeKiosk, catalog: Catalog) -> tuple[Chime, HelpCall]:
    kiosk = make_kiosk(catalog)
    assert kiosk.help_call is not None
    chime = kiosk.help_call.chime
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, kiosk.shell.bar.help)
    assert chime.busy  # ringing in its own process: the kiosk never loads Qt Multimedia
    assert "PySide6.QtMultimedia" not in sys.modules
    qtbot.waitUntil(lambda: not chime.busy, timeout=20_000)
    return chime, kiosk.help_call


@pytest.fixture
def null_sound_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A real PulseAudio server of our own with one null sink (a sound card that plays into nothing), which the
    chime's process reaches through $PULSE_SERVER: the kiosk's real playback path, on a machine without speakers."""
    native = tmp_path / "native"
    command = [
        program("pulseaudio", "pulseaudio"),
        "-n",  # no default configuration: only the two modules below
        "--daemonize=no",
        "--exit-idle-time=-1",
        "--disable-shm=yes",
        "--use-pid-file=no",
        "-L",
        f"module-native-protocol-unix socket={native} auth-anonymous=1",
        "-L",
        "module-null-sink",
    ]
    with private_server(command, native, {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}):
        monkeypatch.setenv("PULSE_SERVER", f"unix:{native}")
        yield native


def test_without_a_sound_device_the_chime_is_silent_and_says_why(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No sound server to reach (a machine without a sound card): silent, and the operator area can say so."""
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-such-socket'}")  # the chime process inherits it
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("PIPEWIRE_RUNTIME_DIR", str(tmp_path))
    chime, help_call = _ring(qtbot, make_kiosk, fixture_catalog)
    assert chime.why == "no audio output device: the help chime is silent"
    assert chime.played == 0 and help_call.problems() == [chime.why]


def test_with_a_sound_server_the_chime_plays(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, null_sound_server: Path
) -> None:
    chime, help_call = _ring(qtbot, make_kiosk, fixture_catalog)
    assert chime.played == 1 and chime.why == "" and help_call.problems() == []


def test_the_help_message_is_read_aloud_when_it_appears(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    speaker = FakeSpeaker()
    kiosk = make_kiosk(fixture_catalog, speaker=speaker)
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, kiosk.shell.bar.help)
    assert speaker.calls == [
        ("Đang gọi người hỗ trợ. Xin bác chờ một chút, sẽ có người đến giúp.", "vi", "Vietnamese (Northern)")
    ]
    tap(qtbot, kiosk.shell.help_message.button)
    assert not speaker.speaking


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('help_webhook_url = "ftp://example.org/help"', "help_webhook_url"),
        ('speech_voice = "west"', "speech_voice"),
        ("speech_rate = 2", "speech_rate"),
        ("speech_volume = 0", "speech_volume"),
    ],
)
def test_bad_speech_and_help_settings_name_the_field(tmp_path: Path, line: str, field: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"field '{field}'"):
        load_config(path)


def test_good_speech_and_help_settings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'speech_voice = "central"\nspeech_rate = -0.5\nspeech_volume = 0.6\nauto_read = true\n'
        'help_webhook_url = "https://example.org/help"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.speech_voice, config.speech_rate, config.speech_volume, config.auto_read) == (
        "central",
        -0.5,
        0.6,
        True,
    )
    assert config.help_webhook_url == "https://example.org/help"
