"""PINs: salted scrypt hashes, constant-time checks, the lockout (fake clock), and the config fields."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.operator.pin import PinGuard, PinOutcome, PinResult, hash_pin, parse_pin_hash, pin_problem, verify_pin
from tests.conftest import FakeClock

HASH_1234 = hash_pin("1234")


def test_hash_format() -> None:
    kind, n, r, p, salt, digest = HASH_1234.split("$")
    assert (kind, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 32
    assert "1234" not in HASH_1234


def test_hashes_are_salted() -> None:
    assert hash_pin("1234") != HASH_1234


def test_verify() -> None:
    assert verify_pin("1234", HASH_1234)
    assert not verify_pin("1235", HASH_1234)
    assert not verify_pin("", HASH_1234)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "1234",
        "sha256$abc",
        "scrypt$16384$8$1$bm90IGJhc2U2NA$",
        "scrypt$1000$8$1$c2FsdA==$" + "A" * 44,  # n is not a power of two
        "scrypt$4194304$8$1$c2FsdA==$" + "A" * 44,  # asks for 4 GB: refused, not computed
        "scrypt$16384$8$1$!!!!$" + "A" * 44,
    ],
)
def test_a_malformed_hash_matches_nothing(stored: str) -> None:
    assert parse_pin_hash(stored) is None
    assert not verify_pin("1234", stored)


@pytest.mark.parametrize(("pin", "ok"), [("1234", True), ("12345678", True), ("123", False), ("123456789", False)])
def test_pin_rules(pin: str, ok: bool) -> None:
    assert (pin_problem(pin) is None) == ok


@pytest.mark.parametrize("pin", ["12a4", "١٢٣٤", " 1234", "12 34"])
def test_a_pin_is_ascii_digits_only(pin: str) -> None:
    assert pin_problem(pin) is not None


def test_lockout_after_five_wrong_pins(clock: FakeClock) -> None:
    guard = PinGuard(HASH_1234, clock)
    results = [guard.try_pin("0000") for _ in range(4)]
    assert [result.tries_left for result in results] == [4, 3, 2, 1]
    assert all(result.outcome is PinOutcome.WRONG for result in results)
    lockout = int(guard.lockout_s)
    assert guard.try_pin("9999") == PinResult(PinOutcome.LOCKED, seconds_left=lockout, locked_now=True)
    clock.advance(100.5)
    assert guard.try_pin("1234") == PinResult(PinOutcome.LOCKED, seconds_left=lockout - 100)  # the right PIN waits
    assert guard.seconds_locked() == 200
    clock.advance(199.5)
    assert guard.seconds_locked() == 0
    assert guard.try_pin("0000") == PinResult(PinOutcome.WRONG, tries_left=4)  # a fresh set of tries
    assert guard.try_pin("1234") == PinResult(PinOutcome.OK)


def test_a_right_pin_resets_the_count(clock: FakeClock) -> None:
    guard = PinGuard(HASH_1234, clock, max_tries=3, lockout_s=60)
    guard.try_pin("0000")
    guard.try_pin("0000")
    assert guard.try_pin("1234").outcome is PinOutcome.OK
    assert guard.try_pin("0000") == PinResult(PinOutcome.WRONG, tries_left=2)


def test_no_pin_configured(clock: FakeClock) -> None:
    assert PinGuard(None, clock).try_pin("1234") == PinResult(PinOutcome.NOT_SET)


def test_config_accepts_a_real_hash_and_rejects_anything_else(tmp_path: Path) -> None:
    assert KioskConfig(operator_pin_hash=HASH_1234).operator_pin_hash == HASH_1234
    path = tmp_path / "kiosk.toml"
    path.write_text('volunteer_pin_hash = "1234"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"field 'volunteer_pin_hash'.*set-pin"):
        load_config(path)


def test_retention_days_must_be_at_least_one(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("retention_days = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="field 'retention_days'"):
        load_config(path)
