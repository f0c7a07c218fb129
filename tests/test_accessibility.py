"""Every tour screen on six real kiosk screens, 100 % and 150 % text, Vietnamese and English.

Each screen size runs in its own process (tests/a11y_walk.py) on Qt's offscreen platform with a screen
of that size, the kiosk shown full screen through its real window: what a kiosk sees. Checked on every
screen: text sizes, ≥ 96-px targets (scaled to the screen), no clipped or elided text, no overlapping
targets, the simulated phone readable and whole, the window the size of the screen, and the bar's slots
in the same places on every screen of one size. Two sizes run at a time (the machine has two cores).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from kiosk.text.theme import HIGH_CONTRAST, MIN_CONTRAST, NORMAL, Palette, contrast, text_pairs

ROOT = Path(__file__).resolve().parent.parent
SIZES = ["1920x1080", "1366x768", "1280x800", "1024x768", "1080x1920", "3840x2160"]
SCREENS_PER_SIZE = 2000  # every tour screen, twice (text sizes) twice (languages): well above this


def _walk(size: str) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # a11y_walk.py describes the screen itself
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "a11y_walk.py"), size],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        return {"screens": 0, "problems": [f"{size}: the walk failed:\n{result.stderr[-3000:]}"]}
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture(scope="module")
def walks() -> dict[str, Future[dict[str, object]]]:
    """Start every size at once, two at a time; each test waits for its own."""
    pool = ThreadPoolExecutor(max_workers=2)
    futures = {size: pool.submit(_walk, size) for size in SIZES}
    pool.shutdown(wait=False)
    return futures


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
def test_theme_text_contrast_is_aaa(palette: Palette) -> None:
    low = [(name, round(contrast(fg, bg), 2)) for name, fg, bg in text_pairs(palette)]
    assert [pair for pair in low if pair[1] < MIN_CONTRAST] == []


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_every_tour_screen_is_readable_and_tappable(walks: dict[str, Future[dict[str, object]]], size: str) -> None:
    report = walks[size].result()
    problems = report["problems"]
    assert isinstance(problems, list)
    assert problems == [], f"{size}: {len(problems)} problems:\n" + "\n".join(problems[:60])
    screens = report["screens"]
    assert isinstance(screens, int) and screens > SCREENS_PER_SIZE
