"""Servers a test starts for itself on a Unix socket (a speech-dispatcher, a PulseAudio): never the machine's own."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def program(name: str, package: str) -> str:
    """The program's path; a missing one fails the test with the Debian package that has it (never a skip)."""
    path = shutil.which(name)
    assert path is not None, f"{name} is missing: install the Debian package {package} (make setup does)"
    return path


@contextmanager
def private_server(command: list[str], socket: Path, env: dict[str, str]) -> Iterator[None]:
    """Started, waited for until its socket appears (10 s at most), and stopped when the test is done."""
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            assert server.poll() is None, f"{command[0]} exited with {server.returncode} before it was ready"
            assert time.monotonic() < deadline, f"{command[0]} did not open {socket} within 10 s"
            time.sleep(0.05)
        yield
    finally:
        server.terminate()
        server.wait(10)
