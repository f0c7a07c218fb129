"""One kiosk per data folder: an exclusive flock on a lock file, so a second start can say who holds it."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Mapping
from pathlib import Path

LOCK_NAME = "kiosk.lock"


class AlreadyRunningError(Exception):
    """Another kiosk holds the lock; the message names the file and, when known, its process id."""


class InstanceLock:
    """Held from `acquire()` until `release()` or process exit; the kernel drops it even after a crash."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise `AlreadyRunningError`; OSError when the file cannot be created at all."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" by process {holder}" if holder.isdigit() else ""
            raise AlreadyRunningError(f"Kiosk Số is already running (lock {self.path} is held{who}).") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def acquire_instance_lock(data_dir: Path, env: Mapping[str, str] | None = None) -> InstanceLock | None:
    """Lock in the data folder, else in $XDG_RUNTIME_DIR; None when neither can hold a file (the kiosk runs on).

    Raises `AlreadyRunningError` when another kiosk holds the lock.
    """
    runtime = (os.environ if env is None else env).get("XDG_RUNTIME_DIR", "")
    candidates = [data_dir / LOCK_NAME] + ([Path(runtime) / "kiosk-so.lock"] if runtime else [])
    for path in candidates:
        lock = InstanceLock(path)
        try:
            lock.acquire()
        except AlreadyRunningError:
            raise
        except OSError:
            continue
        return lock
    return None
