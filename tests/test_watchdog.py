"""READY=1 and WATCHDOG=1 on a real $NOTIFY_SOCKET: from a real kiosk process, and silent while the loop is blocked."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.runtime.watchdog import Watchdog

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, Path]]:
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        yield sock, path


def drain(sock: socket.socket) -> list[bytes]:
    """Every datagram already queued, without waiting."""
    received: list[bytes] = []
    while True:
        try:
            received.append(sock.recv(64, socket.MSG_DONTWAIT))
        except BlockingIOError:
            return received


def block_event_loop(seconds: float) -> None:
    """A hung slot, as far as Qt can tell: the GUI thread computes and never returns to the event loop."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def test_pings_come_from_the_event_loop_and_stop_while_it_is_blocked(
    qtbot: QtBot, notify_socket: tuple[socket.socket, Path]
) -> None:
    sock, path = notify_socket
    owner = QObject()
    watchdog = Watchdog(owner, {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "100000"})  # a ping every 50 ms
    assert watchdog.timer.interval() == 50
    watchdog.ready()
    assert drain(sock) == [b"READY=1", b"WATCHDOG=1"]
    qtbot.waitUntil(lambda: watchdog.pings >= 3, timeout=5000)
    drain(sock)
    block_event_loop(0.5)  # ten intervals
    assert drain(sock) == [], "a hung event loop must not ping"
    received: list[bytes] = []
    qtbot.waitUntil(lambda: bool(received.extend(drain(sock)) or received), timeout=5000)
    assert set(received) == {b"WATCHDOG=1"}, "the pings resume with the loop"
    watchdog.stopping()
    assert drain(sock)[-1:] == [b"STOPPING=1"]
    assert not watchdog.timer.isActive()


def test_no_watchdog_usec_means_ready_but_no_pings(notify_socket: tuple[socket.socket, Path]) -> None:
    sock, path = notify_socket
    owner = QObject()
    watchdog = Watchdog(owner, {"NOTIFY_SOCKET": str(path)})
    watchdog.ready()
    assert drain(sock) == [b"READY=1"]
    assert not watchdog.timer.isActive()


def _start_kiosk(config: Path, notify: Path, mode: list[str]) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(notify), WATCHDOG_USEC="200000")
    return subprocess.Popen(
        [sys.executable, "main.py", *mode, "--config", str(config)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _recv(sock: socket.socket) -> bytes:
    sock.settimeout(60)  # a generous bound for a slow machine; the datagrams come within a second
    return sock.recv(64)


@pytest.mark.parametrize("mode", [["--windowed"], []], ids=["windowed", "kiosk-mode"])
def test_a_real_kiosk_process_says_ready_pings_refuses_a_second_start_and_stops_on_sigterm(
    tmp_path: Path, notify_socket: tuple[socket.socket, Path], mode: list[str]
) -> None:
    sock, path = notify_socket
    data = tmp_path / "data"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{data}"\n', encoding="utf-8")
    kiosk = _start_kiosk(config, path, mode)
    try:
        assert _recv(sock) == b"READY=1"
        assert [_recv(sock) for _ in range(3)] == [b"WATCHDOG=1"] * 3
        second = subprocess.run(
            [sys.executable, "main.py", "--windowed", "--config", str(config)],
            cwd=ROOT,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 3
        assert f"kiosk: Kiosk Số is already running (lock {data / 'kiosk.lock'} is held by process {kiosk.pid})" in (
            second.stderr
        )
        assert "Traceback" not in second.stderr
        kiosk.send_signal(signal.SIGTERM)
        while (message := _recv(sock)) == b"WATCHDOG=1":
            pass
        assert message == b"STOPPING=1"
        assert kiosk.wait(timeout=60) == 0, "a clean stop, not a crash on the way out (139 is a segfault)"
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
        kiosk.communicate()
    log = (data / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"Kiosk ready in {'windowed' if mode else 'kiosk'} mode" in log and "Stopping on SIGTERM." in log
    assert "Second start refused" in log
