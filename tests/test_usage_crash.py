"""SIGKILL at random moments, over and over: the store stays sound and keeps every acknowledged event once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from uuid import UUID

from kiosk.config import PROJECT_ROOT
from kiosk.usage.report import build_report, report_from_store
from kiosk.usage.store import STORE_FILE, open_reader

KILLS = 100


def run_and_kill(path: Path, seed: int, delay: float) -> list[str]:
    """Start a child writing events, kill it after `delay` s of writing; the ids it printed as acknowledged."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.usage_crash_child", str(path), str(seed)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    # Raw reads, not readline(): communicate() reads the pipe's fd itself, so anything a buffered readline() had
    # already taken past "ready" (the first ids, when the child is quick) would be lost and a line cut in two.
    head = b""
    while b"\n" not in head and (chunk := os.read(child.stdout.fileno(), 4096)):
        head += chunk
    ready, _, early = head.partition(b"\n")
    assert ready == b"ready", child.communicate(timeout=30)[1].decode()
    time.sleep(delay)  # the random moment of the kill is the point of this test
    child.send_signal(signal.SIGKILL)
    output, errors = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, errors.decode()
    lines = (early + output).decode().split("\n")[:-1]  # the last piece may be a line cut by the kill
    return [str(UUID(line)) for line in lines]


def check(path: Path, acknowledged: list[str]) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        connection.execute("CREATE TEMP TABLE acknowledged (event_id TEXT)")
        connection.executemany("INSERT INTO acknowledged VALUES (?)", [(event_id,) for event_id in acknowledged])
        found = connection.execute("SELECT COUNT(*) FROM acknowledged JOIN events USING (event_id)").fetchone()
        assert found == (len(acknowledged),)
        total, distinct = connection.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events").fetchone()
        assert total == distinct
    finally:
        connection.close()


def kill_repeatedly(path: Path, seeds: range) -> int:
    """One lane of the test: children on one store, each killed at a random moment; returns ids acknowledged."""
    rng = random.Random(seeds.start)
    every: list[str] = []
    for seed in seeds:
        acknowledged = run_and_kill(path, seed, rng.uniform(0.02, 0.2))
        check(path, acknowledged)
        every += acknowledged
    check(path, every)  # nothing acknowledged by an earlier child went missing later
    reader = open_reader(path)  # the dashboard's rollup survived every kill too
    try:
        assert report_from_store(reader, None, None) == build_report(reader.iter_events(), None, None)
    finally:
        reader.close()
    return len(every)


def test_sigkill_never_loses_an_acknowledged_event(tmp_path: Path) -> None:
    """KILLS kills in two lanes on two stores at once, so the test takes half the time."""
    half = KILLS // 2
    lanes = [(tmp_path / "a" / STORE_FILE, range(0, half)), (tmp_path / "b" / STORE_FILE, range(half, KILLS))]
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(lambda lane: kill_repeatedly(*lane), lanes))
    assert min(counts) > half * 10, "the children hardly wrote anything: the test would prove nothing"
