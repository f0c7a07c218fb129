"""CPU used by the kiosk sitting on the attract screen (its gentle hint animating) over 60 s.

Run: .venv/bin/python bench/idle_cpu.py [--seconds 60]
Target (DESIGN.md): ≤ 1 % of one core.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    seconds = parser.parse_args().seconds
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "main.py", "--windowed"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)  # let start-up finish; only the attract screen's steady state is measured
        before, started = cpu_seconds(child.pid), time.monotonic()
        time.sleep(seconds)
        used, elapsed = cpu_seconds(child.pid) - before, time.monotonic() - started
    finally:
        child.kill()
        child.wait()
    print(f"attract screen: {used:.2f} s CPU over {elapsed:.0f} s = {100 * used / elapsed:.2f} % of one core")


if __name__ == "__main__":
    main()
