"""One background thread that owns the store: the GUI only puts events on a queue (a few microseconds).

The worker opens the store itself (`open_store`: integrity check, damaged file moved aside), then writes events
in batches of up to `batch_size`, each batch one transaction, at the latest `flush_interval` s after the first
event of the batch arrived. Only after COMMIT (WAL, synchronous=FULL: the batch survives a crash or power cut)
are the events acknowledged: `on_acknowledged(ids)` is called on the worker thread and `acknowledged` grows.
A failed write keeps the batch and retries with back-off; `last_error` says why. Retention runs here daily.
No Qt: the GUI wires `on_acknowledged` to a signal if it wants one.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

from kiosk.system.clock import WallClock
from kiosk.usage.events import UsageEvent, utc_now
from kiosk.usage.store import RetentionPolicy, StoreError, UsageStore, open_store

Acknowledge = Callable[[list[UUID]], None]
IDLE_WAKE_S = 60.0  # how often an idle worker checks whether retention is due
MAX_RETRY_S = 30.0


@dataclass
class _Flush:
    done: threading.Event = field(default_factory=threading.Event)
    committed: bool = False


class _Stop:
    pass


_Item = UsageEvent | _Flush | _Stop


class EventWriter:
    """Queue events from any thread; one worker thread commits them to the store at `path`."""

    def __init__(
        self,
        path: Path,
        batch_size: int = 200,
        flush_interval: float = 0.25,
        *,
        on_acknowledged: Acknowledge | None = None,
        retention_days: int | None = None,
        clock: WallClock = utc_now,
        retry_interval: float = 1.0,
        max_pending: int = 100_000,
        keep_undelivered: bool = False,
    ) -> None:
        self.path = path
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.retry_interval = retry_interval
        self.max_pending = max_pending
        self._on_acknowledged = on_acknowledged
        self._clock = clock
        self._retention = (
            RetentionPolicy(retention_days, clock, keep_undelivered) if retention_days is not None else None
        )
        self._queue: queue.SimpleQueue[_Item] = queue.SimpleQueue()
        self._report = _Report()
        self._lock = self._report.lock
        self._ready = threading.Event()
        self._closed = False
        self._closed_cleanly = False
        self._thread = threading.Thread(target=self._run, name="usage-writer", daemon=True)
        self._thread.start()

    # --- any thread ---------------------------------------------------------

    def record(self, event: UsageEvent) -> None:
        """Queue one event; never blocks and never touches the disk."""
        if self._closed:
            self._report.count(dropped=1)
            return
        self._queue.put(event)

    def flush(self, timeout: float | None = 5.0) -> bool:
        """Wait until every event queued before this call is committed; False on timeout (e.g. disk full)."""
        if not self._thread.is_alive():
            return False
        marker = _Flush()
        self._queue.put(marker)
        return marker.done.wait(timeout) and marker.committed

    def close(self, timeout: float | None = 5.0) -> bool:
        """Flush, stop the worker and close the store; True if everything queued was committed."""
        if self._closed:
            return self._closed_cleanly
        flushed = self.flush(timeout)
        self._closed = True
        self._queue.put(_Stop())
        self._thread.join(timeout)
        self._closed_cleanly = flushed and not self._thread.is_alive()
        return self._closed_cleanly

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the worker has opened the store (or given up once: see `last_error`)."""
        return self._ready.wait(timeout)

    @property
    def acknowledged(self) -> int:
        with self._lock:
            return self._report.acknowledged

    @property
    def dropped(self) -> int:
        """Events lost on purpose: recorded after close, or beyond `max_pending` while the store was unusable."""
        with self._lock:
            return self._report.dropped

    @property
    def purged(self) -> int:
        """Events deleted by retention since the writer started."""
        with self._lock:
            return self._report.purged

    @property
    def retention_paused(self) -> str | None:
        """Why the last retention run deleted nothing although it was due (an implausible clock); None: it ran."""
        with self._lock:
            return self._retention.paused if self._retention is not None else None

    @property
    def last_error(self) -> str | None:
        """Why the latest open or write failed; None once a write succeeds again."""
        with self._lock:
            return self._report.last_error

    @property
    def problem(self) -> str | None:
        """What opening the store found (a damaged file moved aside), in plain words; None if nothing."""
        with self._lock:
            return self._report.problem

    # --- the worker thread ----------------------------------------------------

    def _run(self) -> None:
        worker = _Worker(self, _Channel(self._queue, self._ready, self._report))
        try:
            worker.loop()
        except Exception as error:  # a bug here must be visible, not a silently dead thread
            self._report.error(f"the usage writer stopped: {error!r}")
        finally:
            worker.shutdown()

    @property
    def retention(self) -> RetentionPolicy | None:
        return self._retention

    @property
    def clock(self) -> WallClock:
        return self._clock

    @property
    def on_acknowledged(self) -> Acknowledge | None:
        return self._on_acknowledged


@dataclass
class _Report:
    """What the worker thread tells the writer's readers; every field is read and changed under `lock`."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: int = 0
    dropped: int = 0
    purged: int = 0
    last_error: str | None = None
    problem: str | None = None

    def error(self, message: str | None) -> None:
        with self.lock:
            self.last_error = message

    def found(self, problem: str) -> None:
        with self.lock:
            self.problem = problem

    def count(self, acknowledged: int = 0, dropped: int = 0, purged: int = 0) -> None:
        with self.lock:
            self.acknowledged += acknowledged
            self.dropped += dropped
            self.purged += purged


@dataclass(frozen=True)
class _Channel:
    """What joins the writer and its worker thread: the queue in, the ready signal and the report out."""

    inbox: queue.SimpleQueue[_Item]
    ready: threading.Event
    report: _Report


class _Worker:
    """The state of the worker thread: the store, the events not yet committed, who waits for a flush."""

    def __init__(self, writer: EventWriter, channel: _Channel) -> None:
        self.writer = writer
        self.channel = channel
        self.report = channel.report
        self.store: UsageStore | None = None
        self.pending: list[UsageEvent] = []
        self.waiting: list[_Flush] = []
        self.deadline: float | None = None  # monotonic time by which pending events must be written
        self.retry_at = 0.0
        self.retry_delay = writer.retry_interval
        self.stopping = False
        self.gave_up = False  # the last write on stopping failed: what is pending is lost

    def loop(self) -> None:
        self.open()
        self.retain()
        self.channel.ready.set()
        while not (self.stopping and (not self.pending or self.gave_up)):
            self.take(self.timeout())
            if self.should_write():
                self.write()
            self.retain()
            if not self.pending:
                self.release(committed=True)

    def timeout(self) -> float:
        now = time.monotonic()
        if self.pending and self.deadline is not None:
            wake = max(self.deadline, self.retry_at)
            return max(wake - now, 0.0)
        return IDLE_WAKE_S

    def take(self, timeout: float) -> None:
        """Wait for one item, then take whatever else is already queued (up to a batch)."""
        try:
            item = self.channel.inbox.get(timeout=timeout)
        except queue.Empty:
            return
        # A flush or stop marker ends the drain: events queued after a flush must not delay it.
        while self.accept(item) and len(self.pending) < self.writer.batch_size:
            try:
                item = self.channel.inbox.get_nowait()
            except queue.Empty:
                break

    def accept(self, item: _Item) -> bool:
        """Take one item; False for a marker (flush or stop)."""
        if isinstance(item, UsageEvent):
            if not self.pending:
                self.deadline = time.monotonic() + self.writer.flush_interval
            self.pending.append(item)
            self.cap()
            return True
        if isinstance(item, _Flush):
            self.waiting.append(item)
        else:
            self.stopping = True
        return False

    def cap(self) -> None:
        excess = len(self.pending) - self.writer.max_pending
        if excess > 0:
            del self.pending[:excess]
            self.report.count(dropped=excess)

    def should_write(self) -> bool:
        if not self.pending:
            return False
        if self.stopping:
            return True  # one last try, even during a back-off
        if time.monotonic() < self.retry_at:
            return False
        full = len(self.pending) >= self.writer.batch_size
        due = self.deadline is not None and time.monotonic() >= self.deadline
        return full or due or bool(self.waiting)

    def write(self) -> None:
        """Commit pending events batch by batch; on failure keep them all and retry later."""
        while self.pending:
            if self.store is None and not self.open():
                return
            assert self.store is not None
            batch = self.pending[: self.writer.batch_size]
            try:
                self.store.append(batch)
            except Exception as error:  # sqlite3.Error, OSError, MemoryError …: keep the events, try again
                self.failed(f"writing {len(batch)} events failed: {error}")
                return
            del self.pending[: len(batch)]
            self.succeeded(batch)
        self.deadline = None

    def succeeded(self, batch: list[UsageEvent]) -> None:
        self.retry_delay = self.writer.retry_interval
        self.report.count(acknowledged=len(batch))
        self.report.error(None)
        callback = self.writer.on_acknowledged
        if callback is None:
            return
        try:
            callback([event.event_id for event in batch])
        except Exception as error:  # a faulty listener must not stop the recording
            self.report.error(f"on_acknowledged failed: {error!r}")

    def failed(self, message: str) -> None:
        """Remember why, close the store (reopening checks it again), and wait longer each time."""
        self.report.error(message)
        if self.store is not None:
            self.store.close()
            self.store = None
        self.retry_at = time.monotonic() + self.retry_delay
        self.retry_delay = min(self.retry_delay * 2, MAX_RETRY_S)
        self.gave_up = self.stopping

    def open(self) -> bool:
        try:
            opened = open_store(self.writer.path, self.writer.clock)
        except StoreError as error:
            self.failed(str(error))
            return False
        self.store = opened.store
        if opened.problem is not None:
            self.report.found(opened.problem)
        return True

    def release(self, committed: bool) -> None:
        for marker in self.waiting:
            marker.committed = committed
            marker.done.set()
        self.waiting.clear()

    def retain(self) -> None:
        policy = self.writer.retention
        if policy is None or self.store is None or not policy.due():
            return
        try:
            self.report.count(purged=policy.run(self.store))
        except Exception as error:  # retention is housekeeping: report it, keep recording
            self.report.error(f"deleting old events failed: {error}")

    def shutdown(self) -> None:
        lost = len(self.pending)
        self.report.count(dropped=lost)
        self.pending.clear()
        self.release(committed=not lost)
        if self.store is not None:
            self.store.close()
            self.store = None
