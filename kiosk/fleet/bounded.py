"""Bounded network reads: every reply is limited in time, size, nesting and number size *before* it is used.

- Time: `total_deadline(seconds)` bounds a whole request (connect, TLS, headers and body) with one deadline, not
  per read: every socket read and write gets at most the time left (an httpcore network backend), so a server
  trickling one byte every second cannot keep a worker busy past the deadline.
- Size: `read_body` reads the raw bytes (never inflated: the kiosk asks for `Accept-Encoding: identity` and
  refuses a compressed reply) and stops at the limit.
- Shape: `parse_json` refuses nesting deeper than `MAX_DEPTH`, integers longer than `MAX_DIGITS` digits,
  non-finite numbers and NaN before Python's json module builds anything.
- Redirects are never followed: `redirect_problem` says where the server points, without credentials.
No Qt here; httpx and httpcore are imported only when a client is built (the kiosk's start-up budget).
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import math
import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import ssl

    import httpx

MAX_DEPTH = 32
MAX_DIGITS = 30  # enough for any count or size; a 5,000-digit number is refused, not converted
IDENTITY = {"Accept-Encoding": "identity"}
_deadline: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("deadline", default=None)
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


class ReplyError(ValueError):
    """A reply the kiosk refuses to read further, in plain words."""


@contextlib.contextmanager
def total_deadline(seconds: float) -> Iterator[None]:
    """Every read and write of requests made inside gets at most the time left of `seconds` from now."""
    token = _deadline.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def time_left(timeout: float | None) -> float | None:
    """The per-operation timeout cut to what is left of the total deadline; raises when nothing is left."""
    current = _deadline.get()
    if current is None:
        return timeout
    left = current[0] - time.monotonic()
    if left <= 0:
        import httpcore

        raise httpcore.ReadTimeout(f"took longer than {current[1]:g} s in all")
    return left if timeout is None else min(timeout, left)


def deadline_passed() -> str | None:
    """'took longer than N s' once the current total deadline has passed; None otherwise."""
    current = _deadline.get()
    if current is None or time.monotonic() <= current[0]:
        return None
    return f"took longer than {current[1]:g} s"


def client(timeout_s: float, verify: ssl.SSLContext | bool = True) -> httpx.Client:
    """An httpx client that follows no redirect, asks for uncompressed replies and honours `total_deadline`."""
    import httpx

    from kiosk.fleet.deadline_backend import DeadlineBackend

    for library in ("httpx", "httpcore"):  # they log whole URLs, and a URL may carry a token: never in our logs
        logging.getLogger(library).setLevel(logging.WARNING)

    transport = httpx.HTTPTransport(verify=verify, retries=0)
    pool = transport._pool  # httpx builds the pool; it takes the backend that applies the total deadline
    if not hasattr(pool, "_network_backend"):
        raise RuntimeError("this httpcore version has no pluggable network backend; see kiosk/fleet/bounded.py")
    pool._network_backend = DeadlineBackend(pool._network_backend)
    return httpx.Client(transport=transport, timeout=timeout_s, follow_redirects=False, headers=IDENTITY)


def read_body(response: httpx.Response, limit: int, what: str) -> bytes:
    """The raw body, at most `limit` bytes, never inflated; ReplyError when it is compressed, too big or too slow."""
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise ReplyError(f"{what} came compressed ({encoding[:20]}); the kiosk reads only uncompressed replies")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and (len(declared) > 15 or int(declared) > limit):
        raise ReplyError(f"{what} is larger than {size_text(limit)}")
    body = bytearray()
    for chunk in response.iter_raw():
        body += chunk
        if len(body) > limit:
            raise ReplyError(f"{what} is larger than {size_text(limit)}")
        if (late := deadline_passed()) is not None:
            raise ReplyError(f"{what} {late}")
    return bytes(body)


def size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def nesting_depth(data: bytes) -> int:
    """How deep [ and { nest in JSON text (strings skipped), counted without building anything."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(_STRINGS.sub(b'""', data)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ReplyError(f"a number has more than {MAX_DIGITS} digits")
    return int(text)


def _real(text: str) -> float:
    if len(text) > MAX_DIGITS + 10:
        raise ReplyError(f"a number has more than {MAX_DIGITS} digits")
    value = float(text)
    if not math.isfinite(value):
        raise ReplyError(f"a number is out of range ({text[:20]})")
    return value


def _constant(text: str) -> Any:
    raise ReplyError(f"a number is not finite ({text})")


def parse_json(data: bytes, what: str) -> Any:
    """JSON from bounded bytes; ReplyError for anything but UTF-8 JSON within the depth and number bounds."""
    if nesting_depth(data) > MAX_DEPTH:
        raise ReplyError(f"{what} is nested deeper than {MAX_DEPTH} levels")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReplyError(f"{what} is not UTF-8 text ({error.reason})") from None
    try:
        return json.loads(text, parse_int=_integer, parse_float=_real, parse_constant=_constant)
    except ReplyError as error:
        raise ReplyError(f"{what}: {error}") from None
    except (json.JSONDecodeError, RecursionError) as error:
        raise ReplyError(f"{what} is not JSON: {error}") from None


def safe_address(url: str) -> str:
    """A URL as it may be shown or logged: scheme, host and port only (no user, password, path or query)."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "?", parts.port
    except ValueError:
        return "(an unreadable address)"
    return f"{parts.scheme}://{host}{f':{port}' if port else ''}"


_URLS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")


def error_words(error: BaseException) -> str:
    """An exception in plain words for the operator: its type and message, every URL cut to scheme://host:port."""
    message = _URLS.sub(lambda match: safe_address(match.group()), str(error))[:300]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def redirect_problem(response: httpx.Response, setting: str) -> str | None:
    """The plain-words refusal of a 3xx reply; None for any other status."""
    if not 300 <= response.status_code < 400:
        return None
    target = response.headers.get("Location", "")
    where = f" to {safe_address(target)}" if target else ""
    return (
        f"the server answered with a redirect (HTTP {response.status_code}){where}; the kiosk never follows one: "
        f"set {setting} to the new address"
    )
