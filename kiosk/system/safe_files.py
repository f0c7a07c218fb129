"""One way to read a file the kiosk does not control (config, tutorials, packs' files, tokens, exports to merge).

Every read is bounded and never blocks: the file is opened with O_NONBLOCK and checked with fstat to be a regular
file (a FIFO, a device or a folder named `x.toml` is refused, never waited on), its size is checked before a byte
is read, and TOML is parsed with its nesting bounded. Every refusal is a `UnreadableFileError` whose message names the
file and the reason in plain words; callers add it to their own report and carry on with what is valid.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any, BinaryIO

MAX_TOML_DEPTH = 16  # tables and arrays inside each other; real config and tutorials use at most 6
BOM = b"\xef\xbb\xbf"  # Windows Notepad starts UTF-8 files with it


class UnreadableFileError(Exception):
    """A file the kiosk will not use; str() names the file and says why."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(f"{path} {why}")
        self.path, self.why = str(path), why


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def size_words(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def open_regular(path: Path) -> BinaryIO:
    """A regular file opened for reading (checked without blocking); UnreadableFileError for anything else."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFileError(path, "does not exist") from None
    except (OSError, ValueError) as error:
        raise UnreadableFileError(path, f"cannot be opened: {getattr(error, 'strerror', None) or error}") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise UnreadableFileError(path, f"is {_kind(mode)}, not a file")
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def read_small_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; UnreadableFileError otherwise. Never blocks on a FIFO."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFileError(path, "does not exist") from None
    except PermissionError:
        raise UnreadableFileError(path, "cannot be read: permission denied (check its owner and mode)") from None
    except (OSError, ValueError) as error:
        raise UnreadableFileError(path, f"cannot be opened: {getattr(error, 'strerror', None) or error}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(path, f"is {_kind(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise UnreadableFileError(path, f"is larger than {size_words(limit)} (it has {info.st_size:,} bytes)")
        os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(descriptor, 64 * 1024):
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise UnreadableFileError(path, f"is larger than {size_words(limit)}")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFileError(path, f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)


def depth(value: object) -> int:
    """How deeply tables and arrays nest in parsed TOML (iterative: a deep value cannot exhaust the stack)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


def parse_toml(data: bytes, path: Path | str, max_depth: int = MAX_TOML_DEPTH) -> dict[str, Any]:
    """TOML from bytes: a UTF-8 BOM is accepted; bad UTF-8, bad TOML and deep nesting are UnreadableFileErrors."""
    try:
        text = data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(path, f"is not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UnreadableFileError(path, f"is not valid TOML: {error}") from None
    except RecursionError:
        raise UnreadableFileError(path, f"nests tables or arrays deeper than {max_depth} levels") from None
    if depth(document) > max_depth:
        raise UnreadableFileError(path, f"nests tables or arrays deeper than {max_depth} levels")
    return document


def read_toml(path: Path, limit: int, max_depth: int = MAX_TOML_DEPTH) -> dict[str, Any]:
    """A bounded TOML file: regular, at most `limit` bytes, UTF-8 (BOM allowed), nesting bounded."""
    return parse_toml(read_small_file(path, limit), path, max_depth)
