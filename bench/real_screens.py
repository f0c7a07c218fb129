"""Screenshots of the real kiosk window on a real X server, along the walk of tests/test_real_display.py.

Run: .venv/bin/python bench/real_screens.py OUTDIR [--size 1920x1080] [--text-size 150]

Starts Xvfb (no window manager) and the real `main.py` in kiosk mode, taps with xdotool as a resident would
(home, a category, the tutorial with a practice step and a quiz, optionally text size up to --text-size,
help), and saves the whole X screen (`import -window root`) after each tap as OUTDIR/NN-what.png. What the X
server shows, not a render of a widget: for looking at, next to the tour's PNGs.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kiosk.content.loader import load_catalog  # noqa: E402
from tests.display_support import kiosk_on_x, screenshot, xvfb  # noqa: E402
from tests.test_real_display import Walk, practice_and_quiz  # noqa: E402


class ShootingWalk(Walk):
    """The test's walk, with a screenshot after every tap (and its checks still made)."""

    outdir: Path = Path()

    def check(self, after: str) -> None:
        super().check(after)
        name = re.sub(r"[^a-z0-9]+", "-", f"{len(self.trail):02d}-{self.snap['screen']}-{after}".lower())
        screenshot(self.display, self.outdir / f"{name.strip('-')}.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--text-size", type=int, default=100, choices=(100, 125, 150))
    parser.add_argument("--language", default="vi", choices=("vi", "en"))
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    args.outdir.mkdir(parents=True, exist_ok=True)
    ShootingWalk.outdir = args.outdir
    tutorial = practice_and_quiz(load_catalog())
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-shots-") as folder,
        xvfb(int(width), int(height)) as display,
        kiosk_on_x(Path(folder), display) as kiosk,
    ):
        walk = ShootingWalk(display, kiosk)
        walk.open_tutorial(tutorial)
        if args.language == "en":
            walk.tap_bar("language")
        while walk.snap["text_size"] != args.text_size:
            walk.tap_bar("text_size")
        walk.go_to_step(tutorial, "practice")
        walk.practise(tutorial, wrong_tap=True)
        walk.go_to_step(tutorial, "quiz")
        walk.answer_quiz()
        walk.call_help_then_home()
    print(f"wrote {len(list(args.outdir.glob('*.png')))} screenshots to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
