"""The PIN lockout survives a restart and a power cut; a PIN hash never appears in a message."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.operator import pin as pin_module
from kiosk.operator.pin import PinGuard, PinOutcome, hash_pin
from tests.conftest import FakeClock
from tests.usage_support import WallClock

HASH = hash_pin("1234")


def test_five_wrong_tries_then_a_restart_still_locks(tmp_path: Path) -> None:
    state, wall = tmp_path / "pin-lockout.json", WallClock()
    guard = PinGuard(HASH, FakeClock(), state_file=state, wall=wall)
    results = [guard.try_pin("0000") for _ in range(5)]
    assert results[-1].outcome is PinOutcome.LOCKED
    wall.now += timedelta(seconds=10)
    restarted = PinGuard(HASH, FakeClock(), state_file=state, wall=wall)  # a power cycle: a fresh process
    assert restarted.seconds_locked() == guard.lockout_s - 10
    assert restarted.try_pin("1234").outcome is PinOutcome.LOCKED  # even the right PIN waits


def test_tries_are_counted_across_restarts(tmp_path: Path) -> None:
    state, wall = tmp_path / "pin-lockout.json", WallClock()
    first = PinGuard(HASH, FakeClock(), state_file=state, wall=wall)
    for _ in range(3):
        first.try_pin("0000")
    second = PinGuard(HASH, FakeClock(), state_file=state, wall=wall)
    assert second.try_pin("0000").tries_left == 1
    assert second.try_pin("0000").outcome is PinOutcome.LOCKED


def test_the_try_is_on_disk_before_the_pin_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A power cut during the (slow) check must not give the try back."""
    state = tmp_path / "pin-lockout.json"
    seen: list[int] = []

    def checking(pin: str, stored: str) -> bool:
        seen.append(json.loads(state.read_text())["wrong"])
        return False

    monkeypatch.setattr(pin_module, "verify_pin", checking)
    guard = PinGuard(HASH, FakeClock(), state_file=state, wall=WallClock())
    guard.try_pin("0000")
    guard.try_pin("0000")
    assert seen == [1, 2]


def test_a_damaged_state_file_locks_rather_than_opens(tmp_path: Path) -> None:
    state = tmp_path / "pin-lockout.json"
    state.write_text("{not json", encoding="utf-8")
    guard = PinGuard(HASH, FakeClock(), state_file=state, wall=WallClock())
    assert guard.try_pin("0000").outcome is PinOutcome.LOCKED  # one try short of the lock: never a fresh budget


def test_a_clock_set_back_never_locks_for_longer_than_the_lockout(tmp_path: Path) -> None:
    state, wall = tmp_path / "pin-lockout.json", WallClock()
    guard = PinGuard(HASH, FakeClock(), state_file=state, wall=wall)
    for _ in range(5):
        guard.try_pin("0000")
    wall.now -= timedelta(days=365)
    assert PinGuard(HASH, FakeClock(), state_file=state, wall=wall).seconds_locked() <= guard.lockout_s


def test_a_bad_pin_hash_is_not_echoed_in_the_config_error(tmp_path: Path) -> None:
    salt_and_digest = HASH.split("$", 4)[4]
    bad = HASH.replace("$8$", "$99$", 1)  # one parameter out of range
    path = tmp_path / "kiosk.toml"
    path.write_text(f'operator_pin_hash = "{bad}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "operator_pin_hash" in message
    assert salt_and_digest.split("$")[0] not in message
    assert salt_and_digest.split("$")[1] not in message
