"""Operator and volunteer PINs: salted scrypt hashes, a constant-time check, and a lockout with an injected clock.

A hash reads `scrypt$16384$8$1$<salt base64>$<hash base64>`; only the hash is ever stored (in the config file).
Checking one PIN costs about 16 MB and a few tens of milliseconds, on purpose: it makes guessing slow.
The lockout survives a restart and a power cut: the count of wrong tries is written (atomically, fsync) to a small
state file *before* a PIN is checked, so pulling the plug during a check never gives a try back.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import hmac
import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.system.clock import MonotonicClock, WallClock, utc_now

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
MAX_SCRYPT_N = 2**20  # a hash asking for more memory than this is refused, not computed
PIN_STATE_FILE = "pin-lockout.json"  # in the data folder: wrong tries and the end of a lockout
PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
HASH_PATTERN = r"^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$"


@dataclass(frozen=True)
class PinHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _scrypt(pin: str, n: int, r: int, p: int, salt: bytes, length: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2**20, dklen=length)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str) -> str:
    """A new salted hash of `pin` in the stored format."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, SCRYPT_N, SCRYPT_R, SCRYPT_P, salt, HASH_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def parse_pin_hash(stored: str) -> PinHash | None:
    """The parts of a stored hash, or None if it is not one this kiosk can check."""
    if not re.match(HASH_PATTERN, stored):
        return None
    _, n, r, p, salt, digest = stored.split("$")
    try:
        parsed = PinHash(int(n), int(r), int(p), base64.b64decode(salt, validate=True), base64.b64decode(digest))
    except (binascii.Error, ValueError):
        return None
    power_of_two = parsed.n > 1 and parsed.n & (parsed.n - 1) == 0
    sane = power_of_two and parsed.n <= MAX_SCRYPT_N and 1 <= parsed.r <= 32 and 1 <= parsed.p <= 16
    return parsed if sane and parsed.salt and len(parsed.digest) >= 16 else None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash (constant-time compare); a malformed hash matches nothing."""
    parsed = parse_pin_hash(stored)
    if parsed is None:
        return False
    digest = _scrypt(pin, parsed.n, parsed.r, parsed.p, parsed.salt, len(parsed.digest))
    return hmac.compare_digest(digest, parsed.digest)


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a PIN, in plain words; None if it can."""
    if not PIN_PATTERN.match(pin):
        return "a PIN is 4 to 8 digits (0–9), nothing else"
    return None


class PinOutcome(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"  # too many wrong PINs: the pad is locked for a while
    NOT_SET = "not_set"  # no PIN in the config: run `python main.py set-pin`


@dataclass(frozen=True)
class PinResult:
    outcome: PinOutcome
    tries_left: int = 0  # after WRONG
    seconds_left: int = 0  # while LOCKED
    locked_now: bool = False  # this wrong PIN was the last try: log `operator_locked_out` once


class PinGuard:
    """`max_tries` wrong PINs in a row lock the pad for `lockout_s` seconds; a right PIN resets the count.

    With `state_file` the count and the end of the lockout (wall-clock seconds) are kept on disk; a lockout read
    back is never longer than `lockout_s` from now, so a clock set back cannot lock the pad for a year. A state
    file that cannot be read counts as one try short of the lock: damage never hands out a fresh budget.
    """

    def __init__(
        self,
        stored_hash: str | None,
        clock: MonotonicClock = time.monotonic,
        max_tries: int = 5,
        lockout_s: float = 300,
        state_file: Path | None = None,
        wall: WallClock = utc_now,
    ) -> None:
        self._stored = stored_hash
        self._clock = clock
        self._wall = wall
        self._state_file = state_file
        self.max_tries = max_tries
        self.lockout_s = lockout_s
        self._wrong = 0
        self._locked_until: float | None = None
        self._load()

    def _load(self) -> None:
        if self._state_file is None:
            return
        from kiosk.system.safe_files import UnreadableFileError, read_small_file

        if not self._state_file.exists() and not self._state_file.is_symlink():
            return
        try:
            raw = read_small_file(self._state_file, 4096)
        except UnreadableFileError:
            raw = b""  # a FIFO, a folder, no permission: damage, never a fresh budget
        try:
            state = json.loads(raw)
            wrong, until = int(state["wrong"]), float(state.get("locked_until") or 0)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            self._wrong = self.max_tries - 1
            return
        self._wrong = min(max(wrong, 0), self.max_tries)
        left = min(until - self._wall().timestamp(), self.lockout_s)
        if left > 0:
            self._locked_until = self._clock() + left
        elif self._wrong >= self.max_tries:
            self._wrong = 0  # the lockout has passed

    def _save(self) -> None:
        if self._state_file is None:
            return
        from kiosk.system.atomic import write_atomically  # here: the config module imports this one at start

        until = 0.0
        if self._locked_until is not None:
            until = self._wall().timestamp() + max(self._locked_until - self._clock(), 0.0)
        data = json.dumps({"wrong": self._wrong, "locked_until": until}).encode()
        try:
            self._state_file.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self._state_file, data)
        except OSError as error:  # a read-only data folder: the lockout still holds in memory, not across a restart
            from kiosk.system.logs import logger

            logger().warning("PIN lockout state not saved to %s: %s", self._state_file, error.strerror or error)

    def seconds_locked(self) -> int:
        """Seconds until the pad opens again (rounded up); 0 when it is open."""
        if self._locked_until is None:
            return 0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            self._wrong = 0
            self._save()
            return 0
        return int(-(-left // 1))

    def try_pin(self, pin: str) -> PinResult:
        locked = self.seconds_locked()
        if locked:
            return PinResult(PinOutcome.LOCKED, seconds_left=locked)
        if self._stored is None:
            return PinResult(PinOutcome.NOT_SET)
        self._wrong += 1  # counted (and on disk) before the check: a power cut mid-check keeps the try spent
        if self._wrong >= self.max_tries:
            self._locked_until = self._clock() + self.lockout_s
        self._save()
        if verify_pin(pin, self._stored):
            self._wrong, self._locked_until = 0, None
            self._save()
            return PinResult(PinOutcome.OK)
        if self._locked_until is not None:
            return PinResult(PinOutcome.LOCKED, seconds_left=self.seconds_locked(), locked_now=True)
        return PinResult(PinOutcome.WRONG, tries_left=self.max_tries - self._wrong)
