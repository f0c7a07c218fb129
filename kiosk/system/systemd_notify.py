"""Tell systemd how the kiosk is doing (sd_notify): READY=1, WATCHDOG=1 and STOPPING=1 datagrams to $NOTIFY_SOCKET."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from pathlib import Path

READY = "READY=1"
WATCHDOG = "WATCHDOG=1"
STOPPING = "STOPPING=1"
MAINTENANCE_MARKER = "maintenance"


def _environment(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def socket_address(env: Mapping[str, str] | None = None) -> str | None:
    """The address in $NOTIFY_SOCKET: a path, or an abstract name written with a leading '@'; None when unset."""
    address = _environment(env).get("NOTIFY_SOCKET", "")
    if address.startswith("@"):
        return "\0" + address[1:]
    if address.startswith("/"):
        return address
    return None  # unset, or a transport we do not speak (vsock)


def notify(message: str, env: Mapping[str, str] | None = None) -> bool:
    """Send one datagram; False when there is no socket or it cannot take the message. Never blocks."""
    address = socket_address(env)
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.setblocking(False)  # a full queue must not stall the GUI thread; the next ping will do
            sock.sendto(message.encode("utf-8"), address)
    except OSError:
        return False
    return True


def watchdog_interval_s(env: Mapping[str, str] | None = None) -> float | None:
    """Half of $WATCHDOG_USEC, as sd_watchdog_enabled(3) advises; None when systemd expects no pings.

    $WATCHDOG_PID is deliberately not compared with our pid: under cage, systemd's main process is cage and
    the kiosk is its child, so the unit sets NotifyAccess=all and any pid of the service may ping.
    """
    try:
        usec = int(_environment(env).get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return usec / 2_000_000 if usec > 0 else None


def maintenance_marker(env: Mapping[str, str] | None = None) -> Path | None:
    """Where 'leave kiosk mode' leaves its note for the unit's ExecCondition; None outside systemd.

    $RUNTIME_DIRECTORY is set by systemd from RuntimeDirectory= (a colon-separated list; the first is ours).
    """
    runtime = _environment(env).get("RUNTIME_DIRECTORY", "")
    first = runtime.split(":")[0]
    return Path(first) / MAINTENANCE_MARKER if first else None
