"""The child of the crash test: records events through EventWriter and prints each id once it is acknowledged.

Run: python -m tests.usage_crash_child STORE SEED. Prints "ready", then one event id per line, flushed, only after
the writer committed it; it records until it is killed.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

from kiosk.usage.events import UsageEvent
from kiosk.usage.writer import EventWriter


def acknowledged(ids: list[UUID]) -> None:
    sys.stdout.write("".join(f"{event_id}\n" for event_id in ids))
    sys.stdout.flush()


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    writer = EventWriter(path, batch_size=rng.randint(1, 60), flush_interval=0.002, on_acknowledged=acknowledged)
    writer.wait_ready(30)
    print("ready", flush=True)
    moment = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=seed)
    session = uuid.uuid4().hex
    while True:
        for _ in range(rng.randint(1, 40)):
            moment += timedelta(seconds=rng.randint(1, 30))
            index = rng.randrange(8)
            writer.record(
                UsageEvent(
                    event_id=uuid.uuid4(),
                    kiosk_id="crash",
                    session_id=session,
                    time=moment,
                    name=rng.choice(("step_viewed", "practice_tap", "quiz_answered")),
                    tutorial_id=f"t-{index % 3}",
                    step_id=f"s{index}",
                    step_index=index,
                    correct=rng.random() < 0.5,
                    dwell_ms=rng.randint(0, 60_000),
                )
            )
        time.sleep(0.001)  # a busy GUI, not a tight loop


if __name__ == "__main__":
    main()
