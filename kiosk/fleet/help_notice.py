"""Tells the ward's webhook that a kiosk needs a volunteer: one background thread, retries, never blocks the caller."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.system.clock import WallClock, utc_now
from kiosk.usage.events import HELP_REASONS, HelpReason

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

Payload = dict[str, str]


class HelpNotifier:
    """`notify()` queues a notice {"kiosk_id", "ward", "time"[, "reason"]} and returns at once; a worker posts it.

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
        clock: WallClock = utc_now,
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

    def notify(self, reason: HelpReason | None = None) -> None:
        """Queue one notice stamped with the time of the tap; never blocks, never raises.

        `reason` comes from the fixed list the resident taps (scam_victim, stuck, other); it is never free text.
        """
        payload = {"kiosk_id": self.kiosk_id, "ward": self.ward, "time": self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")}
        if reason is not None:
            payload["reason"] = HELP_REASONS[HELP_REASONS.index(reason)]
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
        from kiosk.fleet.bounded import client as bounded_client  # only on the worker: the tap never pays for it

        with bounded_client(self.timeout) as client:
            while True:
                payload = self._queue.get()
                if payload is None:
                    return
                try:
                    self._deliver(client, payload)
                except Exception as error:  # the kiosk must never crash because a notice failed
                    self._give_up(f"unexpected {type(error).__name__}")
                with self._lock:
                    if self._queue.empty():
                        self._idle.set()

    def _deliver(self, client: httpx.Client, payload: Payload) -> None:
        import httpx

        from kiosk.fleet.bounded import redirect_problem, safe_address, total_deadline

        where = safe_address(self.url)  # the URL may carry a bot token: only scheme, host and port are ever shown
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                # The body is never read: only the status matters, so nothing the server sends is inflated or kept.
                with total_deadline(self.timeout), client.stream("POST", self.url, json=payload) as response:
                    code, redirect = response.status_code, redirect_problem(response, "help_webhook_url")
            except httpx.TransportError as error:
                problem = f"cannot reach {where}: {type(error).__name__}"
                continue
            if 200 <= code < 300:
                self.delivered += 1
                self.last_problem = ""
                return
            problem = f"{where}: {redirect}" if redirect else f"{where} answered {code}"
            if code < 500:
                break  # the request itself is wrong (or sent elsewhere): sending it again will not help
        self._give_up(problem)

    def _give_up(self, problem: str) -> None:
        self.failed += 1
        self.last_problem = problem
        log.warning("help notice not delivered: %s", problem)
