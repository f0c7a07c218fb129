"""qtawesome icons by meaning (names from `kiosk.icon_names`), cached because drawing them is hot."""

from __future__ import annotations

from functools import lru_cache

import qtawesome
from PySide6.QtGui import QIcon

from kiosk.icon_names import ICONS


@lru_cache(maxsize=512)
def icon(name: str, colour: str) -> QIcon:
    result: QIcon = qtawesome.icon(ICONS[name], color=colour)
    return result
