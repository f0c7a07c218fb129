"""Web addresses on the simulated phone: never cut, because they are what the resident must read.

Pure Python. An address may wrap at its natural break points (after "/", ".", "-", "?", "=", "&");
when even that would take too many lines, its middle is shortened with "…", keeping the end of the
domain (where a fake address gives itself away: "vneid.gov.vn.xacminh-tk.com") whole.
"""

from __future__ import annotations

ZERO_WIDTH_SPACE = "\u200b"
BREAK_AFTER = "/.-?=&_"


def breakable(url: str) -> str:
    """The address with invisible break opportunities, so word wrap can split it without cutting it."""
    return "".join(char + ZERO_WIDTH_SPACE if char in BREAK_AFTER else char for char in url).rstrip(ZERO_WIDTH_SPACE)


def split_url(url: str) -> tuple[str, str, str]:
    """(scheme with "://", host, the rest from the first "/" on)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    else:
        scheme += sep
    host, slash, path = rest.partition("/")
    return scheme, host, slash + path


def shorten_url(url: str, max_chars: int) -> str:
    """At most `max_chars` characters: the path goes first, then the host's start; the host's end stays."""
    if len(url) <= max_chars:
        return url
    scheme, host, path = split_url(url)
    if len(host) + 2 <= max_chars:  # the whole host fits: shorten the path, drop the scheme if need be
        prefix = scheme + host if len(scheme) + len(host) + 2 <= max_chars else host
        if len(prefix) + len(path) <= max_chars:
            return prefix + path
        room = max_chars - len(prefix) - 1
        start, end = path[: (room + 1) // 2], path[len(path) - room // 2 :] if room // 2 else ""
        return f"{prefix}{start}…{end}"
    tail = max(1, max_chars - 1 - max_chars // 4)  # most of the room for the host's end
    head = max_chars - 1 - tail
    return f"{host[:head]}…{host[len(host) - tail :]}"


def shorten_middle(text: str, max_chars: int) -> str:
    """A long folder path for the operator: its start and its end, "…" between."""
    if len(text) <= max_chars:
        return text
    keep = max_chars - 1
    return f"{text[: keep // 3]}…{text[len(text) - (keep - keep // 3) :]}"
