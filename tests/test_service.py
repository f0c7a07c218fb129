"""The systemd unit's own ExecStart, run as the service runs it: cage (headless backend) and the kiosk inside it,
as an unprivileged user, with the unit's environment and a real NOTIFY_SOCKET; stopped by the unit's ExecStop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

from tests.cage_support import ServiceSandbox, as_user, service_sandbox, unit_settings
from tests.server_support import program

START_TIMEOUT_S = 90.0  # two shared cores, several helpers: the first start imports Qt from a cold cache


def receive_until(
    sock: socket.socket, wanted: str, seen: list[str], deadline: float, cage: subprocess.Popen[bytes]
) -> None:
    while wanted not in seen:
        assert time.monotonic() < deadline and cage.poll() in (None, 0), f"no {wanted}; cage exited {cage.poll()}"
        sock.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            seen += sock.recv(4096).decode().split("\n")
        except TimeoutError:
            raise AssertionError(f"no {wanted} on NOTIFY_SOCKET; got {seen}") from None


def output_of(box: ServiceSandbox) -> str:
    return (box.base / "service.log").read_text(encoding="utf-8", errors="replace")[-4000:]


def test_the_unit_starts_cage_and_the_kiosk_which_notify_ready_watchdog_and_stopping() -> None:
    program("cage", "cage")
    program("Xwayland", "xwayland")
    with service_sandbox() as box:
        notify = box.base / "notify"
        notify.mkdir()
        notify.chmod(0o777)
        address = notify / "socket"
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.bind(str(address))
            address.chmod(0o777)  # the service's user may send, as to systemd's own socket
            watchdog_usec = int(unit_settings()["WatchdogSec"][0]) * 1_000_000
            env = box.environment(NOTIFY_SOCKET=str(address), WATCHDOG_USEC=str(watchdog_usec))
            (working_directory,) = unit_settings()["WorkingDirectory"]
            log = (box.base / "service.log").open("wb")
            cage = subprocess.Popen(
                as_user(box.command(), box.user),
                env=env,
                cwd=working_directory.replace("/opt/kiosk-so/current", str(box.app)),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            seen: list[str] = []
            try:
                deadline = time.monotonic() + START_TIMEOUT_S
                receive_until(sock, "READY=1", seen, deadline, cage)
                receive_until(sock, "WATCHDOG=1", seen, deadline, cage)
                assert cage.poll() is None, output_of(box)
                stop = subprocess.run(
                    as_user(box.stop_command(), box.user), env=env, capture_output=True, text=True, timeout=30
                )
                assert stop.returncode == 0, stop.stderr
                receive_until(sock, "STOPPING=1", seen, time.monotonic() + 30, cage)
                assert cage.wait(timeout=30) == 0, output_of(box)  # cage ends with its only client
            finally:
                if cage.poll() is None:
                    os.killpg(cage.pid, signal.SIGKILL)
                    cage.wait(10)
                log.close()
            output = output_of(box)
            assert "Xwayland" not in output or "Cannot" not in output, output
            log_text = (box.data / "logs" / "kiosk.log").read_text(encoding="utf-8")
            assert "Kiosk ready in kiosk mode" in log_text and "Stopping on SIGTERM" in log_text
            assert "Health check 'speech' failed" not in log_text  # no false alarm while the engine starts
