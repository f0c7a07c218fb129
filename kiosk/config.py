"""The one typed kiosk configuration, read from `config/kiosk.toml`; every field has a default."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kiosk.content.loader import validation_problems

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_PATH = PROJECT_ROOT / "config" / "kiosk.toml"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kiosk-so"


class KioskConfig(BaseModel):
    """Everything an operator may set; unknown keys are an error so typos never pass silently."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kiosk_id: str = Field(default="kiosk-01", min_length=1, max_length=64, description="Name of this kiosk in reports.")
    ward_name: str = Field(
        default="", max_length=120, description="Ward shown on the attract screen, e.g. 'Phường Bến Thành'."
    )
    default_language: Literal["vi", "en"] = Field(default="vi", description="Language every session starts in.")
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


class ConfigError(Exception):
    """A config file that cannot be used, explained in one paragraph."""


def load_config(path: Path) -> KioskConfig:
    """Read and validate `path`; a missing default file means all defaults."""
    if not path.exists():
        if path == DEFAULT_CONFIG_PATH:
            return KioskConfig()
        raise ConfigError(f"Config file {path} does not exist.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"Config file {path} is not valid TOML: {error}.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"Config file {path} cannot be read: {error}.") from error
    try:
        return KioskConfig.model_validate(data)
    except ValidationError as error:
        details = "; ".join(f"field '{p.field}': {p.message}" for p in validation_problems(str(path), error))
        raise ConfigError(
            f"Config file {path} has a bad value: {details}. Fix it or remove the line to use the default."
        ) from error
