"""A screen for Qt's offscreen platform, so tours and tests render what a kiosk of that size sees.

The offscreen platform reads a JSON list of screens (`QT_QPA_PLATFORM=offscreen:configfile=FILE`,
qtbase/src/plugins/platforms/offscreen/qoffscreenintegration.cpp); without one it has a single
800×600 screen. Pure Python: it only writes the file and names the platform.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def screen_description(width: int, height: int) -> dict[str, object]:
    screen = {
        "name": f"kiosk-{width}x{height}",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    return {"screens": [screen]}


def offscreen_platform(width: int, height: int, folder: Path | None = None) -> str:
    """Write the screen description and return the QT_QPA_PLATFORM value that uses it."""
    folder = folder or Path(tempfile.gettempdir())
    path = folder / f"kiosk-so-offscreen-{width}x{height}-{os.getpid()}.json"
    path.write_text(json.dumps(screen_description(width, height)), encoding="utf-8")
    return f"offscreen:configfile={path}"


def use_offscreen_screen(width: int, height: int) -> None:
    """Before the QApplication exists: an offscreen screen of this size, unless another platform was chosen."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = offscreen_platform(width, height)
