"""One kiosk per data folder: the lock is real flock, so a second holder is refused even in this process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.system.single_instance import LOCK_NAME, AlreadyRunningError, InstanceLock, acquire_instance_lock


def test_second_lock_is_refused_and_names_the_holder(tmp_path: Path) -> None:
    first = acquire_instance_lock(tmp_path / "data", {})
    assert first is not None and (tmp_path / "data" / LOCK_NAME).read_text(encoding="utf-8") == f"{os.getpid()}\n"
    with pytest.raises(
        AlreadyRunningError, match=rf"already running \(lock .*{LOCK_NAME} is held by process {os.getpid()}\)"
    ):
        acquire_instance_lock(tmp_path / "data", {})
    first.release()
    again = acquire_instance_lock(tmp_path / "data", {})
    assert again is not None
    again.release()


def test_a_stale_lock_file_from_a_crash_does_not_block(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_text("999999\n", encoding="utf-8")  # left behind; nobody holds the flock
    lock = InstanceLock(tmp_path / LOCK_NAME)
    lock.acquire()
    assert (tmp_path / LOCK_NAME).read_text(encoding="utf-8") == f"{os.getpid()}\n"
    lock.release()


def test_falls_back_to_the_runtime_dir_when_the_data_folder_cannot_hold_files(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    runtime = tmp_path / "run"
    runtime.mkdir()
    lock = acquire_instance_lock(blocker / "data", {"XDG_RUNTIME_DIR": str(runtime)})
    assert lock is not None and lock.path == runtime / "kiosk-so.lock"
    lock.release()
    assert acquire_instance_lock(blocker / "data", {}) is None
