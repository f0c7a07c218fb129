"""The usage log's costs: logging an event on the GUI thread, store throughput, and the dashboard's query.

Run: .venv/bin/python bench/usage.py [--events 1000000] [--runs 5]
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
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.usage.events import UsageEvent
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.report import VIETNAM_OFFSET, build_report, local_days, recent_days, report_from_store
from kiosk.usage.schema import COLUMNS, INSERT_SQL, backfill_attempts, from_us, to_us
from kiosk.usage.store import open_reader, open_store
from kiosk.usage.writer import EventWriter

YEAR_START = datetime(2025, 11, 1, tzinfo=UTC)
TUTORIALS = [(f"huong-dan-{number:02d}", 6 + number % 9) for number in range(45)]
Make = Callable[..., Any]  # UsageEvent, or a row tuple for the generated store


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def gui_thread_cost(folder: Path, calls: int) -> list[float]:
    """Seconds per `recorder.record` call into a running writer, as the GUI thread makes it."""
    writer = EventWriter(folder / "record.sqlite3")
    writer.wait_ready(30)
    recorder = UsageRecorder(writer.record, "kiosk-bench")
    recorder.start_session()
    recorder.step_shown("huong-dan-01", "buoc-2", 2)
    samples = []
    for number in range(calls):
        started = time.perf_counter()
        recorder.record("practice_tap", correct=number % 3 > 0)
        samples.append(time.perf_counter() - started)
    writer.close(timeout=60)
    return samples


def throughput(folder: Path, count: int) -> float:
    """Events per second through the writer into the store, committed (batches of 200, fsync each)."""
    events = list(session_events(random.Random(2), YEAR_START, count, UsageEvent))
    writer = EventWriter(folder / "throughput.sqlite3")
    writer.wait_ready(30)
    started = time.perf_counter()
    for event in events:
        writer.record(event)
    writer.flush(timeout=300)
    elapsed = time.perf_counter() - started
    writer.close()
    return len(events) / elapsed


def session_events(rng: random.Random, start: datetime, limit: int, make: Make) -> Iterator[Any]:
    """`limit` events of sessions one after another from `start` (a kiosk has one visit at a time)."""
    produced = 0
    moment = start
    while produced < limit:
        moment += timedelta(seconds=rng.randint(20, 900))
        for event in one_session(rng, moment, make):
            yield event
            moment = event.time if hasattr(event, "time") else from_us(event[COLUMNS.index("time")])
            produced += 1
            if produced >= limit:
                return


def one_session(rng: random.Random, start: datetime, make: Make) -> Iterator[Any]:
    """A resident: one to three tutorials, most finished, practice taps, quiz answers, now and then help."""
    moment = start
    common: dict[str, Any] = {
        "kiosk_id": "kiosk-01",
        "session_id": f"{rng.getrandbits(128):032x}",
        "language": "en" if rng.random() < 0.08 else "vi",
        "text_size": rng.choice((100, 100, 125, 150)),
        "assisted": rng.random() < 0.15,
        "clock_unset": False,
    }
    blank = {"tutorial_id": None, "step_id": None, "step_index": None, "correct": None, "dwell_ms": None}

    def event(name: str, **fields: Any) -> Any:
        nonlocal moment
        moment += timedelta(seconds=rng.randint(2, 40))
        event_id = uuid.UUID(int=rng.getrandbits(128), version=4)  # reproducible, and faster than uuid4()
        return make(event_id=event_id, time=moment, name=name, **common, **(blank | fields))

    yield event("session_started")
    if common["assisted"]:
        yield event("volunteer_mode_started")
    for _ in range(rng.randint(1, 3)):
        tutorial, steps = rng.choice(TUTORIALS)
        yield event("tutorial_started", tutorial_id=tutorial)
        last = steps - 1 if rng.random() < 0.7 else rng.randrange(steps)
        for index in range(last + 1):
            where = {"tutorial_id": tutorial, "step_id": f"buoc-{index}", "step_index": index}
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


def row(**fields: Any) -> tuple[Any, ...]:
    """A store row straight from the fields, as schema.to_row makes it from a validated event (bench speed)."""
    fields |= {"event_id": str(fields["event_id"]), "time": to_us(fields["time"]), "assisted": int(fields["assisted"])}
    fields |= {"clock_unset": 0, "correct": None if fields["correct"] is None else int(fields["correct"])}
    return tuple(fields[column] for column in COLUMNS)


def year_of_rows(total: int) -> Iterator[tuple[Any, ...]]:
    """`total` events spread evenly over 365 days, from 7:30 local time (UTC+7) each morning (or when the last
    visit of the day before ended, on a busy day: one kiosk has one visit at a time)."""
    rng = random.Random(1)
    per_day = total // 365
    last = YEAR_START
    for day in range(365):
        opening = max(YEAR_START + timedelta(days=day, minutes=30), last)
        count = per_day if day < 364 else total - per_day * 364
        for row_ in session_events(rng, opening, count, row):
            last = from_us(row_[COLUMNS.index("time")])
            yield row_


def generate_store(path: Path, total: int) -> tuple[float, float]:
    """A store of `total` events over one year, written with executemany in one transaction, then its visits
    counted as a migration from schema 3 counts them; seconds taken by each."""
    started = time.perf_counter()
    store = open_store(path).store
    connection = store.connection
    connection.execute("PRAGMA cache_size = -262144")  # 256 MB: a bulk load, not what the kiosk does
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(INSERT_SQL, year_of_rows(total))
    connection.execute("COMMIT")
    loaded = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("DELETE FROM open_visits")
    backfill_attempts(connection)  # what the upgrade of an old store does once
    connection.execute("COMMIT")
    store.close()
    return loaded - started, time.perf_counter() - loaded


def dashboard_times(path: Path, runs: int) -> dict[str, list[float]]:
    """Seconds per `report_from_store` for the dashboard's periods, the store opened as the dashboard would."""
    store = open_reader(path)
    today = (YEAR_START + timedelta(days=364, hours=5) + VIETNAM_OFFSET).date()
    periods = {
        name: local_days(*recent_days(days, today)) for name, days in (("today", 1), ("7 days", 7), ("30 days", 30))
    }
    periods["the whole year"] = (YEAR_START, YEAR_START + timedelta(days=366))
    times: dict[str, list[float]] = {name: [] for name in periods}
    for _ in range(runs):
        for name, (start, end) in periods.items():
            started = time.perf_counter()
            report_from_store(store, start, end)
            times[name].append(time.perf_counter() - started)
    store.close()
    return times


def same_report(path: Path) -> bool:
    """The SQL report equals the Python one over 35 days of the generated store (with partial days at both ends)."""
    store = open_reader(path)
    start, end = YEAR_START + timedelta(days=40, hours=5), YEAR_START + timedelta(days=75, hours=3)
    # visits are counted whole: the stream runs a day beyond both ends so the visits running there are seen whole
    events = store.iter_events(start - timedelta(days=1), end + timedelta(days=1))
    same = report_from_store(store, start, end) == build_report(events, start, end)
    store.close()
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the generated store")
    parser.add_argument("--runs", type=int, default=5, help="dashboard queries per period")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-usage-bench-") as name:
        folder = Path(name)
        samples = gui_thread_cost(folder, 10_000)
        median, p99 = statistics.median(samples) * 1e3, percentile(samples, 0.99) * 1e3
        print(f"recorder.record on the GUI thread (10,000 calls): median {median:.3f} ms, p99 {p99:.3f} ms (≤ 0.2 ms)")
        print(f"store throughput through EventWriter: {throughput(folder, 20_000):,.0f} events/s committed")
        path = folder / "year.sqlite3"
        seconds, recount = generate_store(path, args.events)
        size = path.stat().st_size / 1e6
        print(
            f"generated {args.events:,} events over one year in {seconds:.1f} s ({size:.0f} MB, not part of a target)"
        )
        print(f"visits of that year counted into attempts (the one-off upgrade to schema 4): {recount:.1f} s")
        for period, times in dashboard_times(path, args.runs).items():
            print(f"report_from_store, {period}: median {statistics.median(times) * 1e3:.0f} ms (≤ 300 ms)")
        print(f"SQL report == Python report over 35 days of it: {same_report(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
