"""Soak: random taps anywhere on the kiosk, across every screen, with idle resets; crashes, Qt warnings, memory.

Run: .venv/bin/python bench/soak.py [--taps 10000] [--seed 6] [--size 1920x1080] [--aim 0.5]
Must report 0 crashes, 0 Qt warnings and memory growth under 10 % (issue 6). Not part of `make test`;
tests/test_soak.py runs a 300-tap version of it.

Memory is the resident set size (/proc/self/statm) after one warm-up walk through every screen (fonts, icons
and style sheets cached) and again after the last tap; growth is end over start.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QMessageLogContext, QPoint, QSize, Qt, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication  # noqa: E402

from kiosk.app import Kiosk, application, build_kiosk  # noqa: E402
from kiosk.config import KioskConfig  # noqa: E402
from kiosk.content.loader import Catalog, load_catalog  # noqa: E402
from kiosk.content.models import PracticeStep  # noqa: E402
from kiosk.devtools.tour import settle, walk  # noqa: E402
from kiosk.runtime.crash_guard import CrashGuard  # noqa: E402
from kiosk.system.crash_policy import CrashBudget  # noqa: E402

# The Qt messages pytest ignores too (pyproject's qt_log_ignore): the offscreen plugin and absent audio libraries.
IGNORED_WARNINGS = [
    re.compile(pattern)
    for pattern in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"][
        "ini_options"
    ].get("qt_log_ignore", [])
]
WARNING_TYPES = {QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg}
SAMPLE_EVERY = 1000  # taps between memory samples, to tell a plateau from a leak
IDLE_EVERY = 500  # taps between idle resets, give or take a fifth
AIM = 0.5  # share of taps aimed at something tappable; the rest land anywhere


class SoakClock:
    """Idle time moves only when the soak says so, so the idle resets come exactly where they are planned."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class SoakReport:
    taps: int = 0
    idle_resets: int = 0
    crashes: int = 0
    fatal: int = 0
    warnings: list[str] = field(default_factory=list)
    screens: Counter[str] = field(default_factory=Counter)
    rss_built_kb: int = 0
    rss_start_kb: int = 0
    rss_end_kb: int = 0
    samples_kb: list[int] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def growth_pct(self) -> float:
        return 100.0 * (self.rss_end_kb - self.rss_start_kb) / self.rss_start_kb

    def lines(self) -> list[str]:
        screens = ", ".join(f"{name} {count}" for name, count in sorted(self.screens.items()))
        return [
            f"taps: {self.taps} in {self.seconds:.1f} s ({1000 * self.seconds / max(self.taps, 1):.1f} ms each)",
            f"idle resets: {self.idle_resets}",
            f"taps per screen: {screens}",
            f"crashes: {self.crashes} (fatal: {self.fatal})",
            f"Qt warnings: {len(self.warnings)}" + "".join(f"\n  {text}" for text in sorted(set(self.warnings))),
            f"memory (RSS): built {self.rss_built_kb / 1024:.1f} MB, after warm-up {self.rss_start_kb / 1024:.1f} MB, "
            f"end {self.rss_end_kb / 1024:.1f} MB, growth {self.growth_pct:+.1f} %",
            f"RSS every {SAMPLE_EVERY} taps (MB): " + " ".join(f"{kb / 1024:.0f}" for kb in self.samples_kb),
        ]


def rss_kb() -> int:
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") // 1024


def aimed_points(kiosk: Kiosk) -> list[QPoint]:
    """The centres of what leads on: visible buttons (but Back, Home, Help) and a practice step's target.

    Back, Home and Help still get their share of the taps that land anywhere; aiming at them as well would keep
    every visit near the home screen.
    """
    shell = kiosk.shell
    backwards = {shell.bar.back, shell.bar.home, shell.bar.help}
    points = [
        button.mapTo(shell, button.rect().center())
        for button in shell.findChildren(QAbstractButton)
        if button.isVisible() and button.isEnabled() and button not in backwards
    ]
    session = kiosk.visit.player
    step = session.step if session is not None else None
    phone = shell.step.phone
    if isinstance(step, PracticeStep) and phone.isVisible():
        points.append(phone.mapTo(shell, phone.hit_rect(step.target).center()))
    return points


def tap_anywhere(rng: random.Random, kiosk: Kiosk, guard: CrashGuard, aim: float) -> None:
    """Press and release at a point, delivered to whatever widget is there (overlays included).

    With probability `aim` the point is the centre of something tappable, so visits get past the first screens
    and reach the completion screens; otherwise it is anywhere at all.
    """
    shell = kiosk.shell
    aimed = aimed_points(kiosk) if rng.random() < aim else []
    point = rng.choice(aimed) if aimed else QPoint(rng.randrange(shell.width()), rng.randrange(shell.height()))
    target = shell.childAt(point) or shell
    try:
        QTest.mouseClick(
            target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target.mapFrom(shell, point)
        )
    except Exception:  # an error in an event handler reaches the caller of QTest; route it like the kiosk would
        guard.handle(*sys.exc_info())  # type: ignore[arg-type]
    run_event_loop_once()


def run_event_loop_once() -> None:
    """What one turn of exec() does after a tap: posted events, then the widgets deleteLater() let go of.

    processEvents() outside exec() leaves DeferredDelete events queued for ever; without the second call the
    soak would measure its own pile of undeleted widgets, not the kiosk.
    """
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def idle_reset(kiosk: Kiosk, clock: SoakClock) -> None:
    clock.now += kiosk.controller.idle.timeout + kiosk.controller.idle.countdown + 1
    kiosk.controller.check_idle()
    run_event_loop_once()


def soak(
    catalog: Catalog,
    taps: int,
    seed: int = 6,
    size: tuple[int, int] = (1920, 1080),
    aim: float = AIM,
    idle_every: int = IDLE_EVERY,
) -> SoakReport:
    report = SoakReport()

    def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in WARNING_TYPES and not any(pattern.search(message) for pattern in IGNORED_WARNINGS):
            report.warnings.append(message)

    application()
    clock = SoakClock()
    kiosk = build_kiosk(KioskConfig(), catalog, QSize(*size), clock)
    shell = kiosk.shell
    shell.setFixedSize(QSize(*size))
    previous = qInstallMessageHandler(on_message)
    guard = CrashGuard(shell, kiosk.controller.reset, CrashBudget(limit=taps + 1, clock=clock), lambda code: None)
    guard.budget.mark_started()
    guard.install()
    try:
        shell.show()
        report.rss_built_kb = rss_kb()
        for _ in walk(kiosk):
            settle()
        kiosk.controller.reset()
        settle()
        report.rss_start_kb = rss_kb()
        started = time.perf_counter()
        rng = random.Random(seed)
        spread = (idle_every * 4 // 5, idle_every * 6 // 5)
        next_idle = rng.randint(*spread)
        for number in range(1, taps + 1):
            report.screens[kiosk.visit.route.screen.value] += 1  # the screen the tap lands on
            tap_anywhere(rng, kiosk, guard, aim)
            if number % SAMPLE_EVERY == 0:
                report.samples_kb.append(rss_kb())
            if number == next_idle:
                idle_reset(kiosk, clock)
                report.idle_resets += 1
                next_idle += rng.randint(*spread)
        settle()
        report.seconds = time.perf_counter() - started
        report.taps = taps
        report.rss_end_kb = rss_kb()
    finally:
        report.crashes, report.fatal = guard.crashes, int(guard.fatal)
        guard.uninstall()
        qInstallMessageHandler(previous)
        shell.hide()
        shell.deleteLater()
        run_event_loop_once()
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--aim", type=float, default=AIM, help="share of taps aimed at buttons and targets")
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    report = soak(load_catalog(), args.taps, args.seed, (int(width), int(height)), args.aim)
    print("\n".join(report.lines()))
    ok = report.crashes == 0 and not report.warnings and report.growth_pct < 10
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
