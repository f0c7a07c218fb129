"""The two languages of the kiosk, defined once: Vietnamese first, English second."""

from __future__ import annotations

from typing import Literal

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")
