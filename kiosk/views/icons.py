"""Icons by meaning (names from `kiosk.text.icon_names`), drawn from qtawesome's Font Awesome 6 Solid font.

qtawesome's Python layer imports qtpy, whose star-imports of QtCore, QtGui and QtWidgets cost about
130 ms of every start (a quarter of the start-up budget). The kiosk only needs one of qtawesome's
fonts and its charmap, so it reads those two files from the installed qtawesome package and paints
the glyph the way qtawesome's CharIconPainter does (centred, 7/8 of the icon's height). A test
compares every icon with qtawesome's own rendering.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache, lru_cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

from kiosk.text.icon_names import ICONS

FONT_PREFIX = "fa6s"
GLYPH_SCALE = 0.875  # qtawesome: a 16-px icon uses a 14-px glyph, to leave room for the font's bearing


def qtawesome_fonts() -> Path:
    """qtawesome's bundled font folder, found without importing qtawesome."""
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("qtawesome is not installed: run make run or make test to set up the kiosk")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _font_family_and_charmap() -> tuple[str, dict[str, int]]:
    fonts = qtawesome_fonts()
    ttf = next(fonts.glob("fontawesome6-solid-webfont-*.ttf"))
    charmap = next(fonts.glob("fontawesome6-solid-webfont-charmap-*.json"))
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise RuntimeError(f"the icon font {ttf} could not be loaded")
    codes = {name: int(code, 16) for name, code in json.loads(charmap.read_text(encoding="utf-8")).items()}
    return families[0], codes


class _GlyphEngine(QIconEngine):
    def __init__(self, family: str, char: str, colour: str) -> None:
        super().__init__()
        self.family, self.char, self.colour = family, char, colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        font = QFont(self.family)
        font.setPixelSize(max(1, round(GLYPH_SCALE * rect.height())))
        font.setStyleName("Solid")
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor(self.colour))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        finally:
            painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self.family, self.char, self.colour)


@lru_cache(maxsize=512)
def icon(name: str, colour: str) -> QIcon:
    family, codes = _font_family_and_charmap()
    glyph = ICONS[name].removeprefix(f"{FONT_PREFIX}.")
    return QIcon(_GlyphEngine(family, chr(codes[glyph]), colour))
