"""The fixed list of anonymous usage events and the one record type the kiosk may store.

`UsageEvent` IS the allow-list: it forbids extra fields, and every field is either an id chosen by the kiosk
(tutorial and step ids from the content files, a random session id), a small number, or a flag. There is no
field for names, typed numbers, free text, IP addresses or a persistent visitor id, so none can be stored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal, get_args
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from kiosk.system.clock import CLOCK_SANE_FROM as CLOCK_SANE_FROM
from kiosk.system.clock import utc_now as utc_now
from kiosk.text.language import Language as Language

EventName = Literal[
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
]
EVENT_NAMES: tuple[EventName, ...] = get_args(EventName)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# A kiosk without a battery-backed clock boots in 1970; its events keep that time but are flagged.

KioskId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
SessionId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
HelpReason = Literal["scam_victim", "stuck", "other"]
HELP_REASONS: tuple[HelpReason, ...] = get_args(HelpReason)
Confidence = Annotated[int, Field(ge=1, le=3)]  # 1 chưa tự tin, 2 tạm được, 3 tự tin
ContentId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]


def clock_is_unset(time: datetime) -> bool:
    """True when `time` is too early to be real: the kiosk's clock was never set."""
    return time < CLOCK_SANE_FROM


class UsageEvent(BaseModel):
    """One anonymous event; unknown fields are rejected, so nothing outside this list can be stored."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: UUID
    kiosk_id: KioskId
    session_id: SessionId | None = None
    time: AwareDatetime = Field(description="UTC; on or after 1970-01-01.")
    name: EventName
    tutorial_id: ContentId | None = None
    step_id: ContentId | None = None
    step_index: Annotated[int, Field(ge=0, le=10_000)] | None = None
    language: Language | None = None
    assisted: bool = False
    correct: bool | None = None
    dwell_ms: Annotated[int, Field(ge=0)] | None = None
    text_size: Annotated[int, Field(ge=50, le=400)] | None = None
    clock_unset: bool = False
    unaided: bool | None = Field(default=None, description="try_finished: the 'try' step was done with no help.")
    help_level: Annotated[int, Field(ge=0, le=3)] | None = Field(
        default=None, description="try_finished: most help shown (0 none, 1 a word, 2 a ring, 3 a blink)."
    )
    help_reason: HelpReason | None = Field(default=None, description="help_requested: the reason tapped.")
    confidence_before: Confidence | None = Field(default=None, description="confidence_rated: face tapped first.")
    confidence_after: Confidence | None = Field(default=None, description="confidence_rated: face tapped at the end.")

    @field_validator("time")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        value = value.astimezone(UTC)
        if value < EPOCH:
            raise ValueError("must not be before 1970-01-01")
        return value


ALLOWED_FIELDS: tuple[str, ...] = tuple(UsageEvent.model_fields)
