"""Loaded at start by every Python a test starts (tests/conftest.py puts this folder on PYTHONPATH): the audit
hook of the test process, so a kiosk a test starts cannot open the real data folder either.

The folders come from $KIOSK_TEST_REAL_DATA (os.pathsep-separated), set by conftest.py.
"""

from __future__ import annotations

import os
import sys

_REAL = tuple(folder for folder in os.environ.get("KIOSK_TEST_REAL_DATA", "").split(os.pathsep) if folder)
_EVENTS = {"open", "os.mkdir", "os.rename", "os.remove", "shutil.rmtree", "sqlite3.connect"}


def _is_real_data(path: object) -> bool:
    if not isinstance(path, str | bytes | os.PathLike):
        return False
    text = os.fsdecode(path)
    return any(text == real or text.startswith(real + os.sep) for real in _REAL)


def _refuse_real_data(event: str, args: tuple[object, ...]) -> None:
    """Opening anything in the real data folder raises, so the test (or the kiosk it started) fails."""
    if event in _EVENTS and args and _is_real_data(args[0]):
        raise PermissionError(f"a test tried to use the real data folder: {os.fsdecode(args[0])!r} ({event})")


if _REAL:
    sys.addaudithook(_refuse_real_data)
