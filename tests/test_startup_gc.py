"""The cyclic collector is paused for the kiosk's start-up only (issue 11: about 40 ms of every start)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import PROJECT_ROOT


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_main_py_pauses_the_collector_before_anything_is_imported() -> None:
    probe = "import gc, runpy; runpy.run_path('main.py', run_name='probe'); print(gc.isenabled())"
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_a_command_that_is_not_the_kiosk_runs_with_the_collector_on(tmp_path: Path, collector_restored: None) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    gc.disable()
    assert main(["--check-config", "--config", str(config)]) == 0
    assert gc.isenabled()


def test_after_the_first_screen_the_collector_runs_and_skips_what_start_up_built(collector_restored: None) -> None:
    from kiosk.app import resume_collection

    gc.disable()
    built = [object() for _ in range(1000)]
    resume_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(built)
