"""Soak on a real X server: random real taps on the real kiosk window; its size, exceptions, memory.

Run: .venv/bin/python bench/soak_real.py [--taps 10000] [--seed 6] [--size 1920x1080] [--aim 0.6]

The real `python main.py` in kiosk mode (fullscreen, frameless, its own temporary data folder and config) on
its own Xvfb with no window manager, tapped with `xdotool` (XTEST: the X server's own pointer and button, the
events a touchscreen's driver produces), not QTest events: the point is the real top-level window and the
window system's view of it, which the offscreen platform cannot give. Each tap goes either to the centre of
something tappable the kiosk reports through its diagnostics file (bar buttons, tiles, cards, answers, phone
elements, the help message's button) or, the rest of the time, anywhere on the glass.

After every tap the X server is asked for the window's geometry (`xwininfo`): it must be the screen, always.
Memory is the kiosk process's resident set (/proc/PID/status VmRSS) after the warm-up taps and after the last
tap. Must report: window changes 0, exceptions 0, growth under 10 %. Exit status 1 otherwise. Not part of
`make test`: tests/test_real_display.py runs a short version.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.display_support import KioskProcess, Rect, click, kiosk_on_x, x_root_rect, x_window_rect, xvfb  # noqa: E402

BAD_WORDS = ("Traceback", " ERROR ", " CRITICAL ")


@dataclass
class SoakReport:
    taps: int = 0
    seconds: float = 0.0
    screens: Counter[str] = field(default_factory=Counter)
    aimed: Counter[str] = field(default_factory=Counter)
    window_changes: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    rss_start_kb: int = 0
    rss_end_kb: int = 0
    rss_peak_kb: int = 0
    samples_kb: list[int] = field(default_factory=list)

    @property
    def growth_pct(self) -> float:
        return 100.0 * (self.rss_end_kb - self.rss_start_kb) / self.rss_start_kb if self.rss_start_kb else 0.0

    @property
    def ok(self) -> bool:
        return not self.window_changes and not self.exceptions and self.growth_pct < 10

    def lines(self) -> list[str]:
        rate = self.taps / self.seconds if self.seconds else 0.0
        return [
            f"taps: {self.taps} in {self.seconds:.0f} s ({rate:.1f} taps/s)",
            f"screens after a tap: {dict(self.screens.most_common())}",
            f"aimed at: {dict(self.aimed.most_common())}",
            f"window size changes: {len(self.window_changes)} {self.window_changes[:3]}",
            f"exceptions and errors on stderr: {len(self.exceptions)} {self.exceptions[:3]}",
            f"memory (RSS): after warm-up {self.rss_start_kb / 1024:.1f} MB, end {self.rss_end_kb / 1024:.1f} MB, "
            f"peak {self.rss_peak_kb / 1024:.1f} MB, growth {self.growth_pct:+.1f} %",
            "RSS every 10 % of the taps (MB): " + " ".join(f"{kb / 1024:.1f}" for kb in self.samples_kb),
        ]


def choose_point(rng: random.Random, snap: dict[str, Any], screen: Rect, aim: float) -> tuple[int, int, str]:
    """The centre of a random tappable thing the kiosk shows, or a random point anywhere on the glass."""
    things = [(Rect.of(t), t["kind"]) for t in snap["targets"]]
    things += [(Rect.of(slot), "bar " + slot["name"]) for slot in snap["bar"] if slot["visible"]]
    things = [(rect, kind) for rect, kind in things if rect.w > 0 and rect.inside(screen)]
    if things and rng.random() < aim:
        rect, kind = rng.choice(things)
        x, y = rect.centre()
        return x, y, kind
    return rng.randrange(screen.w), rng.randrange(screen.h), "anywhere"


def new_problems(kiosk: KioskProcess, seen: int) -> tuple[list[str], int]:
    text = kiosk.stderr()
    lines = text[seen:].splitlines()
    return [line for line in lines if any(word in line for word in BAD_WORDS)], len(text)


def soak(taps: int, seed: int, size: tuple[int, int], aim: float, warmup: int = 300) -> SoakReport:
    report = SoakReport()
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as folder, xvfb(*size) as display:
        with kiosk_on_x(Path(folder), display) as kiosk:
            tap_loop(kiosk, display, random.Random(seed), taps, aim, warmup, report)
            code = kiosk.stop()
        if code != 0:
            report.exceptions.append(f"the kiosk exited with status {code} on SIGTERM")
    return report


def tap_loop(
    kiosk: KioskProcess, display: str, rng: random.Random, taps: int, aim: float, warmup: int, report: SoakReport
) -> None:
    screen = x_root_rect(display)
    snap = kiosk.wait_quiet()
    seen = 0
    started = time.monotonic()
    for index in range(warmup + taps):
        if index == warmup:
            report.rss_start_kb = kiosk.memory_kib()
            started = time.monotonic()
        x, y, kind = choose_point(rng, snap, screen, aim)
        click(display, x, y)
        snap = kiosk.wait_snapshot()
        window, _ = x_window_rect(display, snap["window_id"])
        if window != screen or Rect.of(snap["window"]) != screen:
            report.window_changes.append(f"tap {index} ({kind}): X {window}, Qt {snap['window']}")
        problems, seen = new_problems(kiosk, seen)
        report.exceptions += problems
        if index < warmup:
            continue
        report.taps += 1
        report.screens[snap["screen"] + (f"+{snap['overlay']}" if snap["overlay"] else "")] += 1
        report.aimed[kind.split(" ")[0]] += 1
        memory = kiosk.memory_kib()
        report.rss_peak_kb = max(report.rss_peak_kb, memory)
        if report.taps % max(1, taps // 10) == 0:
            report.samples_kb.append(memory)
    report.seconds = time.monotonic() - started
    time.sleep(1)  # let the last tap's work finish before the last reading
    report.rss_end_kb = kiosk.memory_kib()
    report.exceptions += new_problems(kiosk, seen)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--aim", type=float, default=0.6, help="share of taps aimed at something tappable")
    parser.add_argument("--warmup", type=int, default=300, help="taps before the first memory reading")
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    report = soak(args.taps, args.seed, (int(width), int(height)), args.aim, args.warmup)
    print("\n".join(report.lines()))
    print("OK" if report.ok else "FAILED")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
