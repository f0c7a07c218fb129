"""sd_notify without systemd: real AF_UNIX datagram sockets stand in for $NOTIFY_SOCKET."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.system.systemd_notify import READY, maintenance_marker, notify, socket_address, watchdog_interval_s


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        sock.settimeout(5)
        yield sock, str(path)


def test_a_datagram_arrives_on_a_path_socket(listener: tuple[socket.socket, str]) -> None:
    sock, path = listener
    assert notify(READY, {"NOTIFY_SOCKET": path})
    assert sock.recv(64) == b"READY=1"


def test_abstract_socket_names_start_with_at() -> None:
    name = f"kiosk-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        assert notify("WATCHDOG=1", {"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(64) == b"WATCHDOG=1"


def test_no_socket_means_nothing_is_sent(tmp_path: Path) -> None:
    assert socket_address({}) is None
    assert socket_address({"NOTIFY_SOCKET": "vsock:2:1234"}) is None
    assert not notify(READY, {})
    assert not notify(READY, {"NOTIFY_SOCKET": str(tmp_path / "nobody-listens.sock")})


def test_watchdog_interval_is_half_of_watchdog_usec() -> None:
    assert watchdog_interval_s({"WATCHDOG_USEC": "30000000"}) == 15.0
    assert watchdog_interval_s({"WATCHDOG_USEC": "0"}) is None
    assert watchdog_interval_s({"WATCHDOG_USEC": "soon"}) is None
    assert watchdog_interval_s({}) is None
    # cage is systemd's main process, the kiosk its child: a foreign WATCHDOG_PID must not silence the pings
    assert watchdog_interval_s({"WATCHDOG_USEC": "2000000", "WATCHDOG_PID": str(os.getpid() + 1)}) == 1.0


def test_maintenance_marker_lives_in_the_runtime_directory() -> None:
    assert maintenance_marker({"RUNTIME_DIRECTORY": "/run/kiosk-so:/run/other"}) == Path("/run/kiosk-so/maintenance")
    assert maintenance_marker({}) is None
