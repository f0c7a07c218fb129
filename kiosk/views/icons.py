"""qtawesome icons by meaning (names from `kiosk.icon_names`), drawn from one loaded font.

qtawesome's global instance loads every bundled icon font (about 17 MB and 50 ms at the first
icon); the kiosk uses only Font Awesome 6 Solid, so it loads just that one.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import qtawesome
from PySide6.QtGui import QIcon
from qtawesome.iconic_font import IconicFont

from kiosk.icon_names import ICONS

FONT_PREFIX = "fa6s"


@cache
def _font() -> IconicFont:
    fonts = Path(qtawesome.__file__).parent / "fonts"
    ttf = next(fonts.glob("fontawesome6-solid-webfont-*.ttf"))
    charmap = next(fonts.glob("fontawesome6-solid-webfont-charmap-*.json"))
    return IconicFont((FONT_PREFIX, ttf.name, charmap.name))


@lru_cache(maxsize=512)
def icon(name: str, colour: str) -> QIcon:
    result: QIcon = _font().icon(ICONS[name], color=colour)
    return result
