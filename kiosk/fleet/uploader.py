"""The upload outbox: one background thread sends undelivered events to `{endpoint}/v1/logs` as OTLP/HTTP JSON.

Events stay in the kiosk's SQLite store until the server has them (`delivered_at IS NULL` is the outbox); the
worker reads one batch at a time, oldest first, on its own connection (the EventWriter keeps writing; WAL).
What each reply means, following the OTLP/HTTP spec:
- 2xx: the batch is marked delivered in one transaction. A partial success (`rejectedLogRecords` > 0) is a 2xx
  too: the spec says the server accepted the request and the rejected records must not be sent again, so the
  batch is marked delivered and the rejected count and message are shown to the operator.
- connection errors, timeouts, 429, 502, 503, 504: retried forever with full-jitter exponential back-off capped
  at `max_backoff_s`; a `Retry-After` (seconds or HTTP date) is waited instead, up to one hour.
- 413: the batch size is halved (down to 1) and the smaller batch sent at once.
- 400, 401, 403 and every other status (500 included: the spec forbids retrying it): the uploader stops and
  says why in plain words; nothing is sent until `retry_now()` (the operator's button) or a new Uploader
  (changed config, restart). The events stay in the outbox.
The bearer token is read from its file or variable before every batch and never appears in a message.
"""

from __future__ import annotations

import email.utils
import os
import random as random_module
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict, Unpack
from urllib.parse import urlsplit

from kiosk.fleet.bounded import ReplyError, error_words, parse_json, read_body, redirect_problem, total_deadline
from kiosk.fleet.bounded import client as bounded_client
from kiosk.fleet.otlp import export_body, kiosk_version
from kiosk.system.clock import WallClock
from kiosk.usage.events import UsageEvent, utc_now
from kiosk.usage.schema import LATEST_VERSION
from kiosk.usage.store import UsageStore

if TYPE_CHECKING:
    import ssl

    import httpx

    from kiosk.config import KioskConfig

RETRY_STATUSES = frozenset({429, 502, 503, 504})
BASE_BACKOFF_S = 1.0
MAX_RETRY_AFTER_S = 3600.0
MAX_REPLY_BYTES = 64 * 1024  # an OTLP reply is a few hundred bytes
TokenSource = Callable[[], str | None]


class TokenError(Exception):
    """The bearer token cannot be read; the message names where it should be, never its value."""


def token_source(token_file: Path | None, token_env: str | None) -> TokenSource:
    """Read the token afresh for every batch (so a rotated token works): the file first, else the variable."""

    def read() -> str | None:
        if token_file is not None:
            return _checked(_read_token_file(token_file), f"the upload token file {token_file}")
        if token_env is not None:
            token = os.environ.get(token_env, "").strip()
            if not token:
                raise TokenError(f"the environment variable {token_env} holding the upload token is not set")
            return _checked(token, f"the environment variable {token_env}")
        return None

    return read


TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9\-._~+/]+=*$")  # RFC 6750 b64token: what a bearer token may hold
MAX_TOKEN_FILE = 16 * 1024


def _read_token_file(path: Path) -> str:
    from kiosk.system.safe_files import UnreadableFileError, read_small_file

    try:
        data = read_small_file(path, MAX_TOKEN_FILE)
        return data.decode("utf-8").strip()
    except UnreadableFileError as problem:
        raise TokenError(f"the upload token file {problem}") from None
    except UnicodeDecodeError:
        raise TokenError(f"the upload token file {path} is not UTF-8 text") from None


def _checked(token: str, where: str) -> str:
    """The token, if it is one line of the characters a bearer token may hold; the message never shows it."""
    if not token:
        raise TokenError(f"{where} is empty")
    if "\n" in token or "\r" in token:
        raise TokenError(f"{where} holds more than one line; it must hold the token alone, on one line")
    if not TOKEN_PATTERN.match(token):
        raise TokenError(f"{where} holds characters a bearer token cannot have (spaces, quotes, control characters)")
    return token


@dataclass(frozen=True)
class UploadStatus:
    """What the operator area shows; a snapshot, safe to read from any thread."""

    enabled: bool
    last_success: datetime | None = None
    backlog: int | None = None  # events not yet delivered; None until the store was first read
    backlog_since: datetime | None = None  # time of the oldest undelivered event: how long the link has lagged
    last_error: str | None = None  # plain words; cleared by the next fully accepted batch
    batch_size: int = 500
    halted: bool = False  # stopped on a reply that must not be retried: waits for retry_now()
    delivered: int = 0  # events delivered since start
    rejected: int = 0  # events the server accepted but rejected (partial success), since start


class _StatusChange(TypedDict, total=False):
    """The fields of `UploadStatus` the worker changes, typed, for `Uploader._update`."""

    last_success: datetime | None
    backlog: int | None
    backlog_since: datetime | None
    last_error: str | None
    batch_size: int
    halted: bool
    delivered: int
    rejected: int


@dataclass(frozen=True)
class _Reply:
    kind: Literal["delivered", "retry", "shrink", "halt"]
    message: str | None = None
    wait_s: float | None = None  # from Retry-After
    rejected: int = 0


class Uploader:
    """Drain the outbox of the store at `store_path` to an OTLP/HTTP endpoint on one background thread."""

    def __init__(
        self,
        store_path: Path,
        endpoint: str,
        token_source: TokenSource,
        *,
        kiosk_id: str = "kiosk-01",
        ward: str = "",
        batch_size: int = 500,
        max_backoff_s: float = 300.0,
        timeout_s: float = 10.0,
        interval_s: float = 60.0,
        ca_file: Path | None = None,
        clock: WallClock = utc_now,
        sleep: Callable[[float], object] | None = None,
        random: Callable[[], float] = random_module.random,
    ) -> None:
        self.store_path = store_path
        self.url = endpoint.rstrip("/") + "/v1/logs"
        self._host = urlsplit(self.url).hostname or self.url
        self._token = token_source
        self._kiosk_id, self._ward, self._version = kiosk_id, ward, kiosk_version()
        self.max_backoff_s, self.timeout_s, self.interval_s = max_backoff_s, timeout_s, interval_s
        self._ca_file = ca_file
        self._clock = clock
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._sleep = sleep or self._stopping.wait
        self._random = random
        self._lock = threading.Lock()
        self._configured_batch = max(1, batch_size)
        self._status = UploadStatus(enabled=True, batch_size=self._configured_batch)
        self._thread: threading.Thread | None = None
        self._store: UsageStore | None = None
        self._client: httpx.Client | None = None

    # --- any thread ---------------------------------------------------------

    def status(self) -> UploadStatus:
        with self._lock:
            return self._status

    def retry_now(self) -> None:
        """The operator's "retry": lift a stop and send at once."""
        self._update(halted=False, batch_size=self._configured_batch)
        self._wake.set()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="usage-upload", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the worker to finish (an HTTP request under way runs to its timeout) and wait for it."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _update(self, **changes: Unpack[_StatusChange]) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)

    # --- worker thread ------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    self.drain()
                except Exception as error:  # the worker outlives any reply or bug; the operator sees it
                    self._update(last_error=f"Uploading failed unexpectedly ({type(error).__name__}); trying again")
                    self.close()
                self._wake.wait(self.interval_s)
                self._wake.clear()
        finally:
            self.close()

    def drain(self) -> None:
        """Send batches until the outbox is empty, the uploader is halted or stopping (worker thread or tests)."""
        while not self._stopping.is_set() and not self.status().halted:
            batch = self._next_batch()
            if not batch or not self._send(batch):
                return

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def _open_store(self) -> UsageStore | None:
        """Our own connection to the kiosk's store; None while the kiosk has not created it yet."""
        if self._store is None and self.store_path.is_file():
            store = UsageStore(sqlite3.connect(self.store_path, isolation_level=None, timeout=10.0))
            if store.schema_version() != LATEST_VERSION:
                store.close()
                return None
            self._store = store
        return self._store

    def _next_batch(self) -> list[UsageEvent]:
        try:
            store = self._open_store()
            if store is None:
                return []
            batch = store.undelivered(self.status().batch_size)
            self._update(backlog=store.undelivered_count(), backlog_since=store.oldest_undelivered())
        except sqlite3.Error as error:
            self._update(last_error=f"the usage store cannot be read: {error}")
            self.close()
            return []
        return batch

    def _send(self, batch: Sequence[UsageEvent]) -> bool:
        """Post one batch until it is delivered, must shrink or must stop; False: stop draining for now."""
        body = export_body(batch, self._kiosk_id, self._ward, self._version)
        attempt = 0
        while not self._stopping.is_set():
            reply = self._post(body)
            if reply.kind == "delivered":
                return self._delivered(batch, reply)
            if reply.kind == "shrink":
                return self._shrink(reply)
            if reply.kind == "halt":
                self._update(halted=True, last_error=reply.message)
                return False
            delay = reply.wait_s if reply.wait_s is not None else self._backoff(attempt)
            self._update(last_error=f"{reply.message}; trying again in {delay:.0f} s")
            attempt += 1
            self._sleep(delay)
        return False

    def _backoff(self, attempt: int) -> float:
        """Full jitter: a random wait up to min(cap, base · 2^attempt)."""
        return self._random() * min(self.max_backoff_s, BASE_BACKOFF_S * 2.0 ** min(attempt, 30))

    def _shrink(self, reply: _Reply) -> bool:
        size = self.status().batch_size
        if size <= 1:
            self._update(halted=True, last_error=f"Uploading stopped: {reply.message}, even for a single event.")
            return False
        self._update(batch_size=size // 2, last_error=f"{reply.message}; sending {size // 2} at a time")
        return True

    def _delivered(self, batch: Sequence[UsageEvent], reply: _Reply) -> bool:
        now = self._clock()
        try:
            assert self._store is not None
            self._store.mark_delivered([event.event_id for event in batch], now)
            backlog, since = self._store.undelivered_count(), self._store.oldest_undelivered()
        except sqlite3.Error as error:
            # The server has the batch; sending it again later is harmless (log.record.uid de-duplicates).
            self._update(last_error=f"the usage store cannot be written: {error}")
            self.close()
            return False
        with self._lock:
            status = self._status
            self._status = replace(
                status,
                last_success=now,
                backlog=backlog,
                backlog_since=since,
                last_error=reply.message,
                delivered=status.delivered + len(batch),
                rejected=status.rejected + reply.rejected,
            )
        return True

    def _http(self) -> httpx.Client:
        import ssl  # here, not at import time: ssl costs start-up time the kiosk does not have

        if self._client is None:
            verify: ssl.SSLContext | bool = True
            if self._ca_file is not None:
                verify = ssl.create_default_context(cafile=str(self._ca_file))
            self._client = bounded_client(self.timeout_s, verify)
        return self._client

    def _post(self, body: bytes) -> _Reply:
        import httpx

        try:
            token = self._token()
        except TokenError as error:
            return _Reply("halt", str(error))
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        try:
            client = self._http()
        except OSError as error:  # ssl.SSLError is an OSError
            return _Reply("halt", f"Uploading stopped: the CA file {self._ca_file} cannot be used ({error}).")
        try:
            with (
                total_deadline(self.timeout_s),
                client.stream("POST", self.url, content=body, headers=headers) as reply,
            ):
                return self._judge(reply)
        except httpx.TimeoutException:
            return _Reply("retry", f"the upload server {self._host} did not answer within {self.timeout_s:g} s")
        except httpx.TransportError as error:
            return _Reply("retry", f"cannot reach the upload server {self._host}: {error_words(error)}")

    def _judge(self, response: httpx.Response) -> _Reply:
        code = response.status_code
        if 200 <= code < 300:
            try:
                content = read_body(response, MAX_REPLY_BYTES, "the upload server's reply")
            except ReplyError as error:
                return _Reply("delivered", f"the upload server accepted the batch; its reply was not read: {error}")
            return _partial_success(content)
        if (redirect := redirect_problem(response, "upload_endpoint")) is not None:
            return _Reply("halt", f"Uploading stopped: {redirect}. Press retry after fixing it.")
        if code in RETRY_STATUSES:
            return _Reply("retry", f"the upload server is busy (HTTP {code})", _retry_after(response, self._clock()))
        if code == 413:
            return _Reply("shrink", "the upload server refused the batch as too large (HTTP 413)")
        return _Reply("halt", _stop_message(code, self._host))


def _stop_message(code: int, host: str) -> str:
    reasons = {
        400: "refused the data as malformed (HTTP 400); the kiosk software may need an update",
        401: "did not accept the upload token (HTTP 401); check upload_token_file or upload_token_env",
        403: "does not allow this kiosk to upload (HTTP 403); check the token's permissions",
    }
    reason = reasons.get(code, f"answered HTTP {code}, which must not be retried automatically")
    return f"Uploading stopped: the server {host} {reason}. Press retry after fixing it."


def _partial_success(content: bytes) -> _Reply:
    """A 2xx; `partialSuccess.rejectedLogRecords` > 0 means some records were dropped for good."""
    try:
        document = parse_json(content, "the upload server's reply") if content.strip() else {}
        partial = (document.get("partialSuccess") if isinstance(document, dict) else None) or {}
        count = partial.get("rejectedLogRecords") if isinstance(partial, dict) else None
        rejected = _count(count)
    except ReplyError as error:
        return _Reply("delivered", f"the upload server accepted the batch; its reply was not read: {error}")
    if rejected <= 0:
        return _Reply("delivered")
    reason = partial.get("errorMessage") if isinstance(partial, dict) else None
    why = reason[:300] if isinstance(reason, str) and reason else "no reason given"
    return _Reply(
        "delivered", f"the upload server accepted the batch but rejected {rejected} events: {why}", None, rejected
    )


def _count(value: object) -> int:
    """A count from JSON: an int, or the decimal string OTLP's JSON mapping uses for 64-bit numbers."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 20:
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None:
        return 0
    raise ReplyError(f"rejectedLogRecords is not a count ({str(value)[:20]})")


def _retry_after(response: httpx.Response, now: datetime) -> float | None:
    """Retry-After in seconds, from a number of seconds or an HTTP date; None when absent or unreadable."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return MAX_RETRY_AFTER_S if len(value) > 6 else min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return min(max((when - now).total_seconds(), 0.0), MAX_RETRY_AFTER_S)


def uploader_from_config(config: KioskConfig, store_path: Path) -> Uploader | None:
    """The uploader the config asks for, or None when uploading is off (no upload_endpoint)."""
    if config.upload_endpoint is None:
        return None
    return Uploader(
        store_path,
        config.upload_endpoint,
        token_source(config.upload_token_file, config.upload_token_env),
        kiosk_id=config.kiosk_id,
        ward=config.ward_name,
        batch_size=config.upload_batch_size,
        max_backoff_s=config.upload_max_backoff_s,
        timeout_s=config.upload_timeout_s,
        interval_s=config.upload_interval_s,
        ca_file=config.upload_ca_file,
    )
