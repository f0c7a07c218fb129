"""Tap on Next → next step painted, over every step of every tutorial.

Run: .venv/bin/python bench/step_latency.py
Prints median and p95; target (DESIGN.md): median ≤ 16 ms, p95 ≤ 33 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest

from kiosk.app import application, build_kiosk
from kiosk.config import KioskConfig
from kiosk.content.loader import load_catalog
from kiosk.content.models import PracticeStep, QuizStep
from kiosk.devtools.tour import settle


def measure(size: tuple[int, int]) -> list[float]:
    application()
    catalog = load_catalog()
    kiosk = build_kiosk(KioskConfig(), catalog, QSize(*size))
    shell = kiosk.shell
    shell.setFixedSize(QSize(*size))
    shell.show()
    kiosk.controller.start_visit()
    samples: list[float] = []
    for tutorial in catalog.published():
        session = kiosk.visit.open_tutorial(tutorial.id)
        kiosk.controller.refresh()
        settle()
        for step in tutorial.steps:
            if isinstance(step, PracticeStep):
                kiosk.controller.tap(step.target)
            elif isinstance(step, QuizStep):
                kiosk.controller.answer(next(i for i, answer in enumerate(step.answers) if answer.correct))
            settle()
            if session.state.index + 1 == session.step_count:
                break
            started = time.perf_counter()
            QTest.mouseClick(shell.bar.next, Qt.MouseButton.LeftButton)
            settle()  # pending layout requests run first, as the event loop would
            shell.repaint()  # then paint synchronously: the time until the resident sees the new step
            samples.append(time.perf_counter() - started)
    shell.close()
    return samples


def main() -> None:
    for size in ((1920, 1080), (1280, 800)):
        samples = sorted(measure(size))
        p95 = samples[int(len(samples) * 0.95) - 1]
        print(
            f"{size[0]}x{size[1]}: Next → painted over {len(samples)} steps: "
            f"median {statistics.median(samples) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
            f"max {samples[-1] * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
