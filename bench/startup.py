"""Cold start to an interactive home screen, and peak memory after walking every tutorial.

Run: .venv/bin/python bench/startup.py [--runs 7]
Prints medians; targets (DESIGN.md): start ≤ 0.5 s (goal 0.35 s), peak memory ≤ 140 MB.

Run: .venv/bin/python bench/startup.py --vs-bare [--runs 7]
Starts the kiosk, a bare PySide6 window showing one step (bench/bare_step.py) and the same bare window with
pydantic imported in turn, so all see the same machine load, and prints the medians and the ratios to the bare
window (issue 11's budget: ≤ 2.2×; the pydantic line is the part of it the validation library alone takes).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WALK = """
import os, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSize
from kiosk.devtools.offscreen_screen import use_offscreen_screen
use_offscreen_screen(1920, 1080)
from kiosk.app import application, build_kiosk, show_kiosk
from kiosk.config import KioskConfig
from kiosk.content.loader import load_catalog
from kiosk.devtools.tour import settle, walk
application()
kiosk = build_kiosk(KioskConfig(), load_catalog(), QSize(1920, 1080))
shell = kiosk.shell
show_kiosk(kiosk, fullscreen=True)
screens = 0
for _ in walk(kiosk):
    settle()
    shell.repaint()
    screens += 1
print(screens)
"""


def _environment() -> dict[str, str]:
    """Offscreen, and with byte-code caching on as on a kiosk (some shells set PYTHONDONTWRITEBYTECODE)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "QT_QPA_PLATFORM": "offscreen"}


KIOSK = ["main.py", "--windowed", "--exit-when-ready"]
BARE = ["bench/bare_step.py"]
# The same bare window after `from pydantic import BaseModel`: what the validation library the project's owner
# fixed costs by itself, before a single kiosk model or widget exists (the floor under the kiosk's ratio).
BARE_PYDANTIC = ["bench/bare_step.py", "--with-pydantic"]


def cold_start(data_home: str | None = None, program: list[str] = KIOSK) -> tuple[float, int, float]:
    """Seconds from spawning the process to READY, the child's peak RSS in kB, and its CPU seconds."""
    env = _environment() if data_home is None else {**_environment(), "XDG_DATA_HOME": data_home}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *program],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "READY":
            elapsed = time.perf_counter() - started
            break
    else:
        raise SystemExit("the kiosk exited without reaching the home screen")
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"the kiosk exited with status {status}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def walk_peak_memory() -> tuple[int, int]:
    """Peak RSS (kB) of a process that shows every resident screen of every tutorial."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        [sys.executable, "-c", WALK.format(root=str(ROOT))],
        env=_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(peak, before), int(result.stdout.strip().splitlines()[-1])


def versus_bare(runs: int) -> None:
    """Kiosk, bare window and bare window with pydantic started in turn, `runs` times each, in one data folder."""
    import tempfile

    data_home = tempfile.mkdtemp()
    programs = {
        "kiosk to home screen": KIOSK,
        "bare PySide6 window, one step": BARE,
        "the same bare window with pydantic imported": BARE_PYDANTIC,
    }
    for program in programs.values():
        cold_start(data_home, program)  # warm the disk and the content cache once
    samples: dict[str, list[tuple[float, int, float]]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, program in programs.items():
            samples[name].append(cold_start(data_home, program))
    for name, runs_of in samples.items():
        times = sorted(sample[0] for sample in runs_of)
        cpu = statistics.median(sample[2] for sample in runs_of)
        spread = f"min {times[0]:.3f}, max {times[-1]:.3f}"
        print(f"{name}: median {statistics.median(times):.3f} s ({spread}), CPU {cpu:.3f} s")
    kiosk, bare, floor = samples.values()
    ratio = statistics.median(k[0] for k in kiosk) / statistics.median(b[0] for b in bare)
    # CPU seconds (user + system, all threads) move less with the machine's load than wall time does.
    cpu_ratio = statistics.median(k[2] for k in kiosk) / statistics.median(b[2] for b in bare)
    print(f"ratio kiosk / bare: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU, over {runs} runs each")
    floor_ratio = statistics.median(f[0] for f in floor) / statistics.median(b[0] for b in bare)
    print(f"ratio bare with pydantic / bare: {floor_ratio:.2f}x wall")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--vs-bare", action="store_true", help="compare with a bare PySide6 window, alternately")
    args = parser.parse_args()
    runs = args.runs
    if args.vs_bare:
        versus_bare(runs)
        return
    cold_start()  # warm the disk cache once, as on a kiosk that has booted before
    samples = [cold_start() for _ in range(runs)]
    times = sorted(sample[0] for sample in samples)
    memory = sorted(sample[1] for sample in samples)
    print(
        f"cold start to home screen: median {statistics.median(times):.3f} s "
        f"(min {times[0]:.3f}, max {times[-1]:.3f}) over {runs} runs"
    )
    print(f"peak memory at start: median {statistics.median(memory) / 1024:.0f} MB")
    import tempfile

    fresh = sorted(cold_start(tempfile.mkdtemp())[0] for _ in range(3))
    print(f"first start after a content change (no content cache): median {statistics.median(fresh):.3f} s")
    peak, screens = walk_peak_memory()
    print(f"peak memory after walking every tutorial ({screens} screens): {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
