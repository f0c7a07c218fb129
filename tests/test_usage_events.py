"""The event list and the allow-list: only the fields of UsageEvent can ever be stored."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from kiosk.usage.events import ALLOWED_FIELDS, EVENT_NAMES, UsageEvent, clock_is_unset
from tests.usage_support import make_event, utc


def test_the_event_list_is_fixed() -> None:
    assert EVENT_NAMES == (
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
        "read_aloud_used",
        "idle_reset",
        "session_ended",
        "volunteer_mode_started",
        "operator_login_failed",
        "operator_locked_out",
        "try_finished",
        "confidence_rated",
        "slip_printed",
        "scam_help_opened",
    )


def test_the_allow_list() -> None:
    assert ALLOWED_FIELDS == (
        "event_id",
        "kiosk_id",
        "session_id",
        "time",
        "name",
        "tutorial_id",
        "step_id",
        "step_index",
        "language",
        "assisted",
        "correct",
        "dwell_ms",
        "text_size",
        "clock_unset",
        "unaided",
        "help_level",
        "help_reason",
        "confidence_before",
        "confidence_after",
    )


def test_the_new_fields_hold_only_small_numbers_flags_and_a_fixed_reason() -> None:
    event = make_event(
        "try_finished", utc(2026, 11, 1), unaided=False, help_level=2, confidence_before=1, confidence_after=3
    )
    assert (event.unaided, event.help_level, event.confidence_after) == (False, 2, 3)
    assert make_event("help_requested", utc(2026, 11, 1), help_reason="scam_victim").help_reason == "scam_victim"
    for bad in ({"help_level": 4}, {"confidence_before": 0}, {"help_reason": "tôi bị lừa 0199 123 456"}):
        with pytest.raises(ValidationError):
            make_event("try_finished", utc(2026, 11, 1), **bad)


@pytest.mark.parametrize("field", ["visitor_id", "ip", "typed_text", "name_of_resident", "phone"])
def test_a_field_outside_the_allow_list_fails(field: str) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        make_event("session_started", utc(2026, 11, 1), **{field: "x"})


def test_an_unknown_event_name_fails() -> None:
    with pytest.raises(ValidationError, match="name"):
        make_event("page_opened", utc(2026, 11, 1))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("session_id", "Nguyen Van A"),  # a session id is 32 random hex digits, nothing else
        ("tutorial_id", "Bà Lan ơi, 0912 345 678"),  # ids come from content files: no free text
        ("step_id", "0912345678"),
        ("dwell_ms", -1),
        ("step_index", -1),
        ("language", "fr"),
        ("text_size", 2000),
    ],
)
def test_no_free_text_in_id_fields(field: str, value: object) -> None:
    fields = {"event_id": uuid.uuid4(), "kiosk_id": "k1", "time": utc(2026, 11, 1), "name": "step_viewed"}
    with pytest.raises(ValidationError, match=field):
        UsageEvent.model_validate(fields | {field: value})


def test_events_are_frozen() -> None:
    event = make_event("session_started", utc(2026, 11, 1))
    with pytest.raises(ValidationError, match="frozen"):
        event.kiosk_id = "other"  # type: ignore[misc]


def test_time_must_be_aware_and_is_kept_in_utc() -> None:
    with pytest.raises(ValidationError, match="time"):
        make_event("session_started", datetime(2026, 11, 1, 9, 0))
    local = datetime(2026, 11, 1, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    event = make_event("session_started", local)
    assert event.time == utc(2026, 11, 1, 2, 0)
    assert event.time.tzinfo is UTC


def test_time_before_1970_fails() -> None:
    with pytest.raises(ValidationError, match="1970"):
        make_event("session_started", utc(1969, 12, 31))


def test_clock_sanity() -> None:
    assert clock_is_unset(utc(1970, 1, 1))
    assert clock_is_unset(utc(2023, 12, 31, 23, 59))
    assert not clock_is_unset(utc(2024, 1, 1))


def test_json_round_trip() -> None:
    event = UsageEvent(
        event_id=uuid.uuid4(),
        kiosk_id="phuong-ben-thanh-01",
        session_id="0f" * 16,
        time=utc(2026, 11, 1, 2, 3, 4, 567891),
        name="quiz_answered",
        tutorial_id="lua-dao-hay-an-toan-1",
        step_id="sms_ngan_hang",
        step_index=3,
        language="vi",
        assisted=True,
        correct=False,
        text_size=150,
    )
    assert UsageEvent.model_validate_json(event.model_dump_json()) == event
