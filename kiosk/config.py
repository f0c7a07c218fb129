"""The one typed kiosk configuration, read from `config/kiosk.toml`; every field has a default."""

from __future__ import annotations

import base64
import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kiosk.content.loader import Problem, validation_problems
from kiosk.learning.printing import ReceiptTarget
from kiosk.operator.pin import parse_pin_hash
from kiosk.system.safe_files import UnreadableFileError, read_toml
from kiosk.text.language import Language


def is_public_key(text: str) -> bool:
    """True for base64 of exactly 32 bytes (a raw Ed25519 public key)."""
    try:
        return len(base64.b64decode(text, validate=True)) == 32
    except ValueError:
        return False


PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_PATH = PROJECT_ROOT / "config" / "kiosk.toml"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kiosk-so"


class KioskConfig(BaseModel):
    """Everything an operator may set; unknown keys are an error so typos never pass silently."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @property
    def utc_offset(self) -> timedelta:
        """Local time minus UTC: the one time-zone setting of the dashboard, every export and the CLI."""
        return timedelta(hours=self.utc_offset_hours)

    kiosk_id: str = Field(default="kiosk-01", min_length=1, max_length=64, description="Name of this kiosk in reports.")
    ward_name: str = Field(
        default="", max_length=120, description="Ward shown on the attract screen, e.g. 'Phường Bến Thành'."
    )
    default_language: Language = Field(default="vi", description="Language every session starts in.")
    text_size_default: Literal[100, 125, 150] = Field(default=100, description="Text size (%) every session starts at.")
    idle_timeout_s: int = Field(
        default=120, ge=20, le=3600, description="Seconds without a touch before the 'still there?' warning."
    )
    idle_countdown_s: int = Field(
        default=30, ge=20, le=600, description="Seconds the warning counts down before the session is cleared."
    )
    high_contrast: bool = Field(default=False, description="Use the high-contrast theme (white on black).")
    fullscreen: bool = Field(default=True, description="Start fullscreen and frameless; --windowed overrides it.")
    hide_cursor: bool = Field(default=False, description="Hide the mouse cursor (for touch screens).")
    data_dir: Path = Field(default_factory=_default_data_dir, description="Folder for the usage store and logs.")
    content_dir: Path | None = Field(default=None, description="Tutorial folder to use instead of the bundled one.")
    retention_days: int = Field(
        default=400, ge=1, le=3650, description="Days the anonymous usage log keeps an event before deleting it."
    )
    utc_offset_hours: float = Field(
        default=7,
        ge=-12,
        le=14,
        description="Hours local time is ahead of UTC: the one time zone of the dashboard, every export and "
        "`report` (days, hours).",
    )
    operator_pin_hash: str | None = Field(
        default=None, description="Operator PIN as a salted scrypt hash; written by `python main.py set-pin`."
    )
    volunteer_pin_hash: str | None = Field(
        default=None, description="Volunteer PIN hash; written by `python main.py set-pin --volunteer`."
    )

    keep_screen_on: bool = Field(
        default=True, description="Stop the screen blanking while the kiosk runs (X11: xset; cage never blanks)."
    )
    crash_limit_per_minute: int = Field(
        default=5, ge=1, le=100, description="Unhandled errors in one minute after which the kiosk exits to restart."
    )
    min_free_disk_mb: int = Field(
        default=200, ge=1, le=100_000, description="Health check: warn when the data folder has less free space (MB)."
    )
    speech_voice: Literal["north", "central", "south"] = Field(
        default="north", description="Vietnamese read-aloud voice: espeak-ng Northern, Central or Southern."
    )
    speech_rate: float = Field(
        default=-0.3, ge=-1, le=1, description="Read-aloud speed from -1 (slowest) to 1; 0 is the engine's default."
    )
    speech_volume: float = Field(
        default=0.9, ge=0.1, le=1, description="Read-aloud volume each session starts at (0.1 to 1)."
    )
    auto_read: bool = Field(default=False, description="Read every tutorial step aloud as it opens.")
    confidence_check: bool = Field(
        default=True, description="Ask the optional three faces (how confident?) before and after each tutorial."
    )
    help_webhook_url: str | None = Field(
        default=None,
        max_length=2000,
        description="Optional http(s) URL that gets a JSON notice (kiosk id, ward, time) when help is called.",
    )
    printer: Literal["none", "receipt", "system"] = Field(
        default="none", description="Where take-home slips print: none (QR on screen), receipt (ESC/POS) or system."
    )
    receipt_printer: str = Field(
        default="file:/dev/usb/lp0", description="Receipt printer: file:/dev/usb/lp0, usb:VVVV:PPPP or tcp:HOST:PORT."
    )
    receipt_width_dots: int = Field(
        default=576, ge=256, le=576, description="Printable width in dots: 576 for 80 mm paper, 384 for 58 mm."
    )
    system_printer: str = Field(
        default="", max_length=200, description="CUPS printer for printer = system; empty: the default printer."
    )

    upload_endpoint: str | None = Field(
        default=None,
        max_length=2000,
        description="OTLP/HTTP base URL usage is uploaded to (POST {url}/v1/logs); absent: no upload.",
    )
    upload_token_file: Path | None = Field(default=None, description="File holding the upload bearer token.")
    upload_token_env: str | None = Field(
        default=None, max_length=200, description="Environment variable holding the upload bearer token."
    )
    upload_ca_file: Path | None = Field(default=None, description="CA bundle to verify the upload server with.")
    upload_interval_s: int = Field(default=60, ge=5, le=86_400, description="Seconds between upload rounds.")
    upload_batch_size: int = Field(default=500, ge=1, le=10_000, description="Events sent in one upload request.")
    upload_max_backoff_s: int = Field(
        default=300, ge=1, le=86_400, description="Longest wait (s) between retries of a failed upload."
    )
    upload_timeout_s: float = Field(default=10, gt=0, le=300, description="Seconds one upload request may take.")
    content_url: str | None = Field(
        default=None,
        max_length=2000,
        description="Base URL of signed content packs ({url}/manifest.json); absent: no content updates.",
    )
    content_public_key: str | list[str] | None = Field(
        default=None,
        description="Base64 raw Ed25519 public key content packs must be signed with; a list of keys while one is "
        "being rotated (any of them is trusted).",
    )
    content_poll_interval_s: int = Field(
        default=3600, ge=60, le=604_800, description="Seconds between checks for a new content pack."
    )
    content_max_pack_mb: int = Field(
        default=50, ge=1, le=1000, description="Largest content pack (MB) the kiosk downloads."
    )

    @field_validator("help_webhook_url", "upload_endpoint", "content_url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value

    @field_validator("kiosk_id", "ward_name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if any(ord(character) < 32 or 127 <= ord(character) < 160 for character in value):
            raise ValueError("must be one line of text without control characters")
        return value

    @field_validator("data_dir")
    @classmethod
    def _data_dir(cls, value: Path) -> Path:
        if "\0" in str(value):
            raise ValueError("holds a NUL character; write the folder's path")
        if not str(value).strip():
            raise ValueError("is empty; write the folder's path")
        return value

    @field_validator("receipt_printer")
    @classmethod
    def _receipt_target(cls, value: str) -> str:
        ReceiptTarget.parse(value)  # raises ValueError with the accepted forms
        return value

    @field_validator("content_public_key")
    @classmethod
    def _public_key(cls, value: str | list[str] | None) -> str | list[str] | None:
        keys = [value] if isinstance(value, str) else value or []
        if value is not None and (not keys or len(keys) > 8 or not all(is_public_key(key) for key in keys)):
            raise ValueError("must be the base64 public key printed by `python main.py content-pack keygen` (or 1-8)")
        return value

    @model_validator(mode="after")
    def _content_needs_key(self) -> KioskConfig:
        if self.content_url is not None and self.content_public_key is None:
            raise ValueError("content_url needs content_public_key, or no pack could be trusted")
        return self

    @field_validator("operator_pin_hash", "volunteer_pin_hash")
    @classmethod
    def _pin_hash(cls, value: str | None) -> str | None:
        if value is not None and parse_pin_hash(value) is None:
            raise ValueError("this is not a PIN hash written by `python main.py set-pin`; run it again")
        return value


SECRET_FIELDS = frozenset({"operator_pin_hash", "volunteer_pin_hash", "help_webhook_url", "upload_endpoint"})


def config_problems(file: str, error: ValidationError) -> list[Problem]:
    """The problems in plain words; the value of a secret field (a PIN hash, a URL with a token) is never shown."""
    problems = validation_problems(file, error)
    for index, item in enumerate(error.errors()):
        if item["loc"] and item["loc"][0] in SECRET_FIELDS:
            reason = item["msg"]
            problems[index] = Problem(file, problems[index].field, f"{reason} (the value is not shown: it is secret)")
    return problems


def data_dir_problem(folder: Path) -> str | None:
    """Why the kiosk could not record anything in `folder` (a file, read-only, not creatable); None when it can."""
    if folder.exists() and not folder.is_dir():
        return f"data_dir {folder} is a file, not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, probe = tempfile.mkstemp(dir=folder, prefix=".write-test-")
        os.close(descriptor)
        os.unlink(probe)
    except OSError as error:
        return f"data_dir {folder} cannot be written: {error.strerror or error}"
    return None


class ConfigError(Exception):
    """A config file that cannot be used, explained in one paragraph."""


MAX_CONFIG_BYTES = 64 * 1024  # a full config with comments is about 3 KB


def load_config(path: Path) -> KioskConfig:
    """Read and validate `path` (bounded, never blocking, a UTF-8 BOM allowed); a missing default file: defaults."""
    if not path.exists() and not path.is_symlink():
        if path == DEFAULT_CONFIG_PATH:
            return KioskConfig()
        raise ConfigError(f"Config file {path} does not exist.")
    try:
        data = read_toml(path, MAX_CONFIG_BYTES)
    except UnreadableFileError as problem:
        raise ConfigError(f"Config file {problem}.") from None
    try:
        return KioskConfig.model_validate(data)
    except ValidationError as error:
        details = "; ".join(f"field '{p.field}': {p.message}" for p in config_problems(str(path), error))
        raise ConfigError(
            f"Config file {path} has a bad value: {details}. Fix it or remove the line to use the default."
        ) from error
