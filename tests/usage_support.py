"""Helpers for the usage-log tests: a wall clock moved by hand, an event factory, and a known event set."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.usage.events import UsageEvent

SESSION_A, SESSION_B, SESSION_C = "a" * 32, "b" * 32, "c" * 32


class WallClock:
    """An aware UTC clock the test moves by hand."""

    def __init__(self, now: datetime = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Ticker:
    """A monotonic clock in seconds, moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


def make_event(name: str, at: datetime, session: str | None = None, kiosk: str = "k1", **fields: Any) -> UsageEvent:
    """An event validated like a stored one: a name or field the schema lacks fails here."""
    document = {"event_id": uuid.uuid4(), "kiosk_id": kiosk, "session_id": session, "time": at, "name": name}
    return UsageEvent.model_validate(document | fields)


def known_events(kiosk: str = "k1", sessions: tuple[str, ...] = (SESSION_A, SESSION_B, SESSION_C)) -> list[UsageEvent]:
    """Three sessions and some operator events in November 2026 (local UTC+7), two events outside it.

    The figures they must give are spelled out in tests/test_usage_report.py.
    """
    a, b, c = sessions
    events: list[UsageEvent] = []
    moment = utc(2026, 11, 2, 2, 30)  # Monday 09:30 local

    def add(name: str, session: str | None, **fields: Any) -> None:
        nonlocal moment
        events.append(make_event(name, moment, session, kiosk, **fields))
        moment += timedelta(seconds=10)

    vi100 = {"language": "vi", "text_size": 100}
    add("session_started", a, **vi100)
    add("tutorial_started", a, tutorial_id="vneid", **vi100)
    add("step_viewed", a, tutorial_id="vneid", step_id="s0", step_index=0, dwell_ms=4000, **vi100)
    add("practice_tap", a, tutorial_id="vneid", step_id="s1", step_index=1, correct=False, **vi100)
    add("practice_tap", a, tutorial_id="vneid", step_id="s1", step_index=1, correct=True, **vi100)
    add("step_viewed", a, tutorial_id="vneid", step_id="s1", step_index=1, dwell_ms=6000, **vi100)
    add("quiz_answered", a, tutorial_id="vneid", step_id="q2", step_index=2, correct=False, **vi100)
    add("step_viewed", a, tutorial_id="vneid", step_id="q2", step_index=2, dwell_ms=10000, **vi100)
    add("tutorial_completed", a, tutorial_id="vneid", step_id="q2", step_index=2, **vi100)
    add("text_size_changed", a, language="vi", text_size=150)
    add("help_requested", a, language="vi", text_size=150)
    add("idle_reset", a, language="vi", text_size=150)

    moment = utc(2026, 11, 2, 3, 10)  # Monday 10:10 local
    en = {"language": "en", "text_size": 100}
    helped = {**en, "assisted": True}
    add("session_started", b, **vi100)
    add("language_changed", b, **en)
    add("volunteer_mode_started", b, **helped)
    add("tutorial_started", b, tutorial_id="vneid", **helped)
    add("step_viewed", b, tutorial_id="vneid", step_id="s0", step_index=0, dwell_ms=2000, **helped)
    add("help_requested", b, tutorial_id="vneid", step_id="s1", step_index=1, **helped)
    add("tutorial_abandoned", b, tutorial_id="vneid", step_id="s1", step_index=1, **helped)
    add("tutorial_started", b, tutorial_id="luadao", **helped)
    add("quiz_answered", b, tutorial_id="luadao", step_id="q0", step_index=0, correct=True, **helped)
    add("step_viewed", b, tutorial_id="luadao", step_id="q0", step_index=0, dwell_ms=8000, **helped)
    add("quiz_answered", b, tutorial_id="luadao", step_id="q1", step_index=1, correct=False, **helped)
    add("tutorial_abandoned", b, tutorial_id="luadao", step_id="q1", step_index=1, **helped)
    add("read_aloud_used", b, **helped)

    moment = utc(2026, 11, 7, 23, 30)  # Sunday 8 November 06:30 local
    vi125 = {"language": "vi", "text_size": 125}
    add("session_started", c, **vi125)
    add("tutorial_started", c, tutorial_id="luadao", **vi125)
    add("quiz_answered", c, tutorial_id="luadao", step_id="q0", step_index=0, correct=False, **vi125)
    add("step_viewed", c, tutorial_id="luadao", step_id="q0", step_index=0, dwell_ms=5000, **vi125)
    add("quiz_answered", c, tutorial_id="luadao", step_id="q1", step_index=1, correct=True, **vi125)
    add("step_viewed", c, tutorial_id="luadao", step_id="q1", step_index=1, **vi125)
    add("tutorial_completed", c, tutorial_id="luadao", step_id="q1", step_index=1, **vi125)

    moment = utc(2026, 11, 3, 8, 0)
    add("operator_login_failed", None)
    add("operator_login_failed", None)
    add("operator_locked_out", None)

    # Just outside November local time: 23:59 on 31 October, 00:00 on 1 December.
    outside = [utc(2026, 10, 31, 16, 59), utc(2026, 11, 30, 17, 0)]
    events += [make_event("session_started", at, f"{at.month:032x}", kiosk) for at in outside]
    return events


NAMES_FOR_RANDOM = (
    "session_started",
    "tutorial_started",
    "step_viewed",
    "practice_tap",
    "quiz_answered",
    "tutorial_completed",
    "tutorial_abandoned",
    "help_requested",
    "text_size_changed",
    "language_changed",
    "volunteer_mode_started",
    "idle_reset",
)


def random_events(rng: random.Random, count: int, start: datetime, days: int) -> list[UsageEvent]:
    """Events of every shape at random times, for checking the SQL report against the Python one.

    Oldest first, as a kiosk records them: on each of two kiosks, visits one after another (a visit's events
    together, started by `session_started`, most ended by `idle_reset` or `session_ended`, some by a power cut),
    and a few events outside any visit; inside a visit any event in any order.
    """
    times = sorted(start + timedelta(microseconds=rng.randrange(days * 86_400_000_000)) for _ in range(count))
    middle = [name for name in NAMES_FOR_RANDOM if name not in ("session_started", "idle_reset")]
    runs: dict[str, tuple[str | None, int]] = {}
    events = []
    for at in times:
        kiosk = rng.choice(("k1", "k2"))
        session, left = runs.get(kiosk, (None, 0))
        if left == 0:
            session = None if rng.random() < 0.1 else f"{rng.getrandbits(128):032x}"
            left = rng.randint(1, 16)
            name = "session_started" if session is not None else rng.choice(middle)
        else:
            name = rng.choice(middle)
        left -= 1
        if left == 0 and session is not None and rng.random() < 0.8:
            name = rng.choice(("idle_reset", "session_ended"))
        runs[kiosk] = (session, left)
        events.append(_random_event(rng, name, at, session, kiosk))
    return events


def _random_event(rng: random.Random, name: str, at: datetime, session: str | None, kiosk: str) -> UsageEvent:
    has_step = name in ("step_viewed", "practice_tap", "quiz_answered", "tutorial_abandoned", "help_requested")
    fields: dict[str, Any] = {
        "tutorial_id": rng.choice(("t-a", "t-b", "t-c")) if has_step or name.startswith("tutorial") else None,
        "step_id": rng.choice(("s0", "s1", "s2", None)) if has_step else None,
        "step_index": rng.choice((0, 1, 2, None)) if has_step else None,
        "correct": rng.choice((True, False, None)) if name in ("practice_tap", "quiz_answered") else None,
        "dwell_ms": rng.choice((None, rng.randint(0, 90_000))) if name == "step_viewed" else None,
        "language": rng.choice(("vi", "en", None)),
        "text_size": rng.choice((100, 125, 150, None)),
        "assisted": rng.random() < 0.2,
    }
    return make_event(name, at, session, kiosk, **fields)
