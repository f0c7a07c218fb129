"""The guard in conftest.py: no test can use the real data folder (~/.local/share/kiosk-so) or the real home."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from tests.conftest import REAL_DATA_DIRS, REAL_HOME, SANDBOX_HOME


def test_the_default_data_folder_is_a_throw_away_one() -> None:
    assert os.environ["HOME"] == str(SANDBOX_HOME) and SANDBOX_HOME != REAL_HOME
    assert KioskConfig().data_dir == SANDBOX_HOME / ".local" / "share" / "kiosk-so"
    assert REAL_HOME / ".local" / "share" / "kiosk-so" in REAL_DATA_DIRS


def test_a_kiosk_process_started_by_a_test_gets_the_throw_away_folder_too() -> None:
    probe = "from kiosk.config import KioskConfig; print(KioskConfig().data_dir)"
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=root, timeout=60)
    assert result.stdout.strip() == str(SANDBOX_HOME / ".local" / "share" / "kiosk-so")


@pytest.mark.parametrize("real", REAL_DATA_DIRS)
def test_a_process_started_by_a_test_cannot_open_the_real_data_folder_either(real: Path) -> None:
    """A kiosk given the real folder explicitly (say, by a config file that names it) fails instead."""
    probe = f"import sqlite3; sqlite3.connect({str(real / 'usage.sqlite3')!r})"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "PermissionError: a test tried to use the real data folder" in result.stderr


@pytest.mark.parametrize("real", REAL_DATA_DIRS)
def test_opening_the_real_data_folder_fails_the_test(real: Path) -> None:
    with pytest.raises(PermissionError, match="real data folder"):
        open(real / "usage.sqlite3", "rb")  # noqa: SIM115
    with pytest.raises(PermissionError, match="real data folder"):
        sqlite3.connect(real / "usage.sqlite3")
    with pytest.raises(PermissionError, match="real data folder"):
        os.mkdir(real)
