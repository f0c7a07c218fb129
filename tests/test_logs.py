"""The rotating log and the crash budget: what is written, where, and when an error becomes fatal."""

from __future__ import annotations

from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from kiosk.system import logs
from kiosk.system.crash_policy import CrashBudget
from tests.conftest import FakeClock


@pytest.fixture
def kiosk_log(tmp_path: Path) -> Iterator[Path]:
    path = logs.setup_logging(tmp_path, stream=False)
    assert path is not None
    yield path
    for handler in list(logs.logger().handlers):
        logs.logger().removeHandler(handler)
        handler.close()


def test_log_file_rotates_at_1_mb_keeping_5(kiosk_log: Path, tmp_path: Path) -> None:
    assert kiosk_log == tmp_path / "logs" / "kiosk.log"
    (handler,) = [handler for handler in logs.logger().handlers if isinstance(handler, RotatingFileHandler)]
    assert (handler.maxBytes, handler.backupCount) == (logs.MAX_BYTES, logs.BACKUP_COUNT) == (1_000_000, 5)
    logs.logger().info("x" * 600_000)
    logs.logger().info("y" * 600_000)
    assert (tmp_path / "logs" / "kiosk.log.1").exists()


def test_setting_up_twice_does_not_log_twice(kiosk_log: Path, tmp_path: Path) -> None:
    logs.setup_logging(tmp_path, stream=False)
    logs.logger().warning("once")
    logs.flush()
    assert kiosk_log.read_text(encoding="utf-8").count("once") == 1


def test_an_unwritable_log_folder_falls_back_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert logs.setup_logging(blocker) is None
    assert "Cannot write the log file" in capsys.readouterr().err
    for handler in list(logs.logger().handlers):
        logs.logger().removeHandler(handler)


def test_exception_description_has_type_message_and_code_lines_but_no_locals() -> None:
    def practise(typed_number: str) -> None:
        raise ValueError("bad step " + "z" * 1000)

    typed = "".join(["0912", "345678"])  # built at run time, so it is nowhere in the source lines
    try:
        practise(typed)
    except ValueError as error:
        text = logs.describe_exception(type(error), error, error.__traceback__)
    first, *rest = text.splitlines()
    assert first.startswith("builtins.ValueError: bad step zzz") and first.endswith("…")
    assert len(first) < 340
    assert "Traceback (most recent call last):" in rest
    assert any("in practise" in line for line in rest)
    assert typed not in text  # arguments and locals never reach the log


def test_crash_budget(clock: FakeClock) -> None:
    budget = CrashBudget(limit=3, window_s=60, clock=clock)
    assert budget.record(), "an error before the first screen is fatal"
    budget = CrashBudget(limit=3, window_s=60, clock=clock)
    budget.mark_started()
    assert [budget.record() for _ in range(3)] == [False, False, False]
    assert budget.record(), "the fourth in a minute is fatal"
    clock.advance(61)
    assert budget.recent() == 0
    assert not budget.record()
