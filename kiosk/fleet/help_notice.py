"""Tells the ward's webhook that a kiosk needs a volunteer: one background thread, retries, never blocks the caller."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

Payload = dict[str, str]


def utc_now() -> datetime:
    return datetime.now(UTC)


class HelpNotifier:
    """`notify()` queues a notice {"kiosk_id", "ward", "time"} and returns at once; a worker thread posts it.

    Connection errors, timeouts and 5xx answers are retried with exponential backoff; a 4xx answer is final.
    Nothing about the resident is sent.
    """

    def __init__(
        self,
        url: str,
        kiosk_id: str,
        ward: str,
        timeout: float = 3.0,
        retries: int = 3,
        backoff: float = 1.0,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = url
        self.kiosk_id = kiosk_id
        self.ward = ward
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.clock = clock
        self.sleep = sleep
        self.delivered = 0
        self.failed = 0
        self.last_problem = ""
        self._queue: queue.Queue[Payload | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def notify(self) -> None:
        """Queue one notice stamped with the time of the tap; never blocks, never raises."""
        payload = {"kiosk_id": self.kiosk_id, "ward": self.ward, "time": self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")}
        with self._lock:
            self._idle.clear()
            self._queue.put(payload)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="help-webhook", daemon=True)
                self._thread.start()

    def wait_until_idle(self, timeout: float) -> bool:
        """True once every queued notice was delivered or given up on (tests and shutdown)."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        with self._lock:
            if self._thread is not None:
                self._queue.put(None)
                self._thread = None

    def _run(self) -> None:
        import httpx  # only on the worker: start-up and the tap never pay for it

        with httpx.Client(timeout=self.timeout) as client:
            while True:
                payload = self._queue.get()
                if payload is None:
                    return
                try:
                    self._deliver(client, payload)
                except Exception as error:  # the kiosk must never crash because a notice failed
                    self._give_up(f"{type(error).__name__}: {error}")
                with self._lock:
                    if self._queue.empty():
                        self._idle.set()

    def _deliver(self, client: httpx.Client, payload: Payload) -> None:
        import httpx

        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = client.post(self.url, json=payload)
            except httpx.TransportError as error:
                problem = f"cannot reach {self.url}: {type(error).__name__}"
                continue
            if response.status_code < 400:
                self.delivered += 1
                self.last_problem = ""
                return
            problem = f"{self.url} answered {response.status_code}"
            if response.status_code < 500:
                break  # the request itself is wrong: sending it again will not help
        self._give_up(problem)

    def _give_up(self, problem: str) -> None:
        self.failed += 1
        self.last_problem = problem
        log.warning("help notice not delivered: %s", problem)
