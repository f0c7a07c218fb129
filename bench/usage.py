"""The usage log's costs: logging an event on the GUI thread, store throughput, and the dashboard's query.

Run: .venv/bin/python bench/usage.py [--events 1000000]
Prints medians and p99; targets (DESIGN.md): logging an event ≤ 0.2 ms on the GUI thread,
dashboard over one year of a busy kiosk (1,000,000 events) ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.usage.events import UsageEvent
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.report import build_report, last_days, report_from_store
from kiosk.usage.store import open_store
from kiosk.usage.writer import EventWriter

YEAR_START = datetime(2025, 11, 1, tzinfo=UTC)
TUTORIALS = [(f"huong-dan-{number:02d}", 6 + number % 9) for number in range(45)]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def gui_thread_cost(folder: Path, calls: int) -> list[float]:
    """Seconds per `recorder.record` call into a running writer, as the GUI thread would call it."""
    writer = EventWriter(folder / "record.sqlite3")
    recorder = UsageRecorder(writer.record, "kiosk-bench")
    recorder.start_session()
    samples = []
    for number in range(calls):
        started = time.perf_counter()
        recorder.record(
            "practice_tap", tutorial_id="huong-dan-01", step_id="buoc-2", step_index=2, correct=number % 3 > 0
        )
        samples.append(time.perf_counter() - started)
    writer.close(timeout=60)
    return samples


def throughput(folder: Path, count: int) -> float:
    """Events per second through the writer into the store, committed (batches of 200, fsync each)."""
    writer = EventWriter(folder / "throughput.sqlite3")
    writer.wait_ready(30)
    events = list(session_events(random.Random(2), YEAR_START, count))
    started = time.perf_counter()
    for event in events:
        writer.record(event)
    writer.flush(timeout=300)
    elapsed = time.perf_counter() - started
    writer.close()
    return len(events) / elapsed


def session_events(rng: random.Random, day: datetime, limit: int) -> Iterator[UsageEvent]:
    """Sessions of a busy kiosk open 7:30–17:00 local time (UTC+7), one after another."""
    produced = 0
    moment = day
    while produced < limit:
        moment += timedelta(seconds=rng.randint(20, 900))
        for event in one_session(rng, moment):
            yield event
            produced += 1
            if produced >= limit:
                return


def one_session(rng: random.Random, start: datetime) -> Iterator[UsageEvent]:
    session = uuid.uuid4().hex
    language = "en" if rng.random() < 0.08 else "vi"
    size = rng.choice((100, 100, 125, 150))
    assisted = rng.random() < 0.15
    moment = start

    def event(name: str, **fields: object) -> UsageEvent:
        nonlocal moment
        moment += timedelta(seconds=rng.randint(2, 40))
        return UsageEvent(
            event_id=uuid.uuid4(),
            kiosk_id="kiosk-01",
            session_id=session,
            time=moment,
            name=name,  # type: ignore[arg-type]
            language=language,
            text_size=size,
            assisted=assisted,
            **fields,  # type: ignore[arg-type]
        )

    yield event("session_started")
    if assisted:
        yield event("volunteer_mode_started")
    for _ in range(rng.randint(1, 3)):
        tutorial, steps = rng.choice(TUTORIALS)
        yield event("tutorial_started", tutorial_id=tutorial)
        last = steps - 1 if rng.random() < 0.7 else rng.randrange(steps)
        for index in range(last + 1):
            step = f"buoc-{index}"
            where = {"tutorial_id": tutorial, "step_id": step, "step_index": index}
            if index % 3 == 1:
                yield event("practice_tap", correct=rng.random() < 0.8, **where)
            if index % 4 == 3:
                yield event("quiz_answered", correct=rng.random() < 0.6, **where)
            if rng.random() < 0.02:
                yield event("help_requested", **where)
            yield event("step_viewed", dwell_ms=rng.randint(1500, 90_000), **where)
        final = "tutorial_completed" if last == steps - 1 else "tutorial_abandoned"
        yield event(final, tutorial_id=tutorial, step_id=f"buoc-{last}", step_index=last)
    yield event("idle_reset")


def year_of_events(rng: random.Random, total: int) -> Iterator[UsageEvent]:
    """`total` events spread evenly over 365 days, in opening hours."""
    per_day = total // 365
    for day in range(365):
        opening = YEAR_START + timedelta(days=day, hours=0, minutes=30)  # 7:30 local
        count = per_day if day < 364 else total - per_day * 364
        yield from session_events(rng, opening, count)


def generate_store(path: Path, total: int) -> float:
    """A store of `total` events over one year, written in one transaction; returns seconds taken."""
    started = time.perf_counter()
    store = open_store(path).store
    rng = random.Random(1)
    batch: list[UsageEvent] = []
    store.connection.execute("BEGIN IMMEDIATE")
    for event in year_of_events(rng, total):
        batch.append(event)
        if len(batch) == 10_000:
            store.connection.executemany(INSERT, [to_row(item) for item in batch])
            batch.clear()
    store.connection.executemany(INSERT, [to_row(item) for item in batch])
    store.connection.execute("COMMIT")
    store.close()
    return time.perf_counter() - started


def dashboard_times(path: Path, runs: int) -> dict[str, list[float]]:
    from kiosk.usage.store import open_reader

    store = open_reader(path)
    now = YEAR_START + timedelta(days=364, hours=12)
    periods = {"today": last_days(1, now), "7 days": last_days(7, now), "30 days": last_days(30, now)}
    periods["one year"] = (YEAR_START, YEAR_START + timedelta(days=366))
    times: dict[str, list[float]] = {name: [] for name in periods}
    for _ in range(runs):
        for name, (start, end) in periods.items():
            started = time.perf_counter()
            report_from_store(store, start, end)
            times[name].append(time.perf_counter() - started)
    store.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-usage-bench-") as name:
        folder = Path(name)
        samples = gui_thread_cost(folder, 10_000)
        print(
            f"recorder.record on the GUI thread: median {statistics.median(samples) * 1e3:.3f} ms, "
            f"p99 {percentile(samples, 0.99) * 1e3:.3f} ms (target ≤ 0.2 ms)"
        )
        print(f"store throughput via EventWriter: {throughput(folder, 20_000):,.0f} events/s committed")
        path = folder / "year.sqlite3"
        seconds = generate_store(path, args.events)
        print(f"generated {args.events:,} events over one year in {seconds:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        for period, times in dashboard_times(path, args.runs).items():
            print(f"report_from_store, {period}: median {statistics.median(times) * 1e3:.0f} ms (target ≤ 300 ms)")
        check_equal(path)
    return 0


def check_equal(path: Path) -> None:
    """The SQL report equals the Python one on a month of the generated store."""
    from kiosk.usage.store import open_reader

    store = open_reader(path)
    start, end = YEAR_START + timedelta(days=40, hours=5), YEAR_START + timedelta(days=75, hours=3)
    same = report_from_store(store, start, end) == build_report(store.iter_events(start, end), start, end)
    print(f"SQL report == Python report over 35 days: {same}")
    store.close()


from kiosk.usage.schema import INSERT_SQL as INSERT  # noqa: E402
from kiosk.usage.schema import to_row  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
