"""One screen size in its own process: every tour screen through the real kiosk window, checked.

Run by tests/test_accessibility.py as `python tests/a11y_walk.py WIDTHxHEIGHT`, once per screen size,
because Qt's offscreen platform takes its screen description when the QApplication starts. Prints one
JSON object: the screens walked and every problem found (text sizes, targets, clipping, overlaps, the
simulated phone, the window's size and the bar's slots).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.devtools.offscreen_screen import use_offscreen_screen
from kiosk.text.screen_shape import parse_size


def main(argv: list[str]) -> int:
    width, height = parse_size(argv[0])
    only = argv[1] if len(argv) > 1 else None  # while developing: only tutorials whose id contains this
    use_offscreen_screen(width, height)
    from PySide6.QtCore import QSize

    from kiosk.app import application, build_kiosk, show_kiosk
    from kiosk.config import KioskConfig
    from kiosk.content.loader import load_catalog
    from kiosk.devtools.tour import settle, walk
    from kiosk.processes.speech import FakeSpeaker
    from tests.a11y_checks import SlotBook, screen_problems

    app = application()
    screen = app.primaryScreen()
    assert screen is not None and screen.size() == QSize(width, height), "the offscreen screen was not applied"
    catalog = load_catalog()
    problems: list[str] = []
    slots = SlotBook()
    screens = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as data:
        for text_size in (100, 150):
            for language in ("vi", "en"):
                config = KioskConfig(data_dir=Path(data), text_size_default=text_size, default_language=language)
                kiosk = build_kiosk(config, catalog, QSize(width, height), speaker=FakeSpeaker())
                shell = kiosk.shell
                show_kiosk(kiosk, fullscreen=True)
                shell.setUpdatesEnabled(False)  # layout is what is checked; painting would only cost time
                for stem in walk(kiosk, only):
                    settle()
                    screens += 1
                    name = f"{text_size}% {language} {stem}"
                    problems += screen_problems(kiosk, name, QSize(width, height))
                    slots.record(shell.bar, shell, name)
                shell.close()
                shell.deleteLater()
                settle()
    problems += slots.problems()
    print(json.dumps({"screens": screens, "problems": problems, "seconds": round(time.monotonic() - started, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
