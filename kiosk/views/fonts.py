"""Load the bundled Noto Sans so every kiosk renders Vietnamese the same, whatever the system has."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
FONT_FAMILY = "Noto Sans"


def load_bundled_fonts() -> list[str]:
    """Register the bundled fonts; returns the families loaded (empty means a broken install)."""
    families: list[str] = []
    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))
