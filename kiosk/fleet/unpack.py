"""Unpack a content pack (.tar.gz or .zip) safely, then validate every tutorial in it with the kiosk's loader.

Nothing in a pack is trusted before it is checked: an absolute path, a `..`, a link, a device, a file outside
the layout `categories.toml` + `<category>/<id>.toml` (+ the optional `pack.toml`), too many files or too many
bytes after decompression (counted as they are written, not as the archive claims) rejects the whole pack.
"""

from __future__ import annotations

import contextlib
import re
import stat
import tarfile
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from kiosk.content.lint import check_catalog
from kiosk.content.loader import BULLETINS_FILE, CATEGORIES_FILE

PACK_INFO = "pack.toml"  # written by `content-pack build`: the version; ignored by the loader
NAME_PART = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
CHUNK = 64 * 1024


class PackError(Exception):
    """A pack the kiosk refuses, with the reason in plain words."""


@dataclass(frozen=True)
class Limits:
    max_files: int = 2000
    max_bytes: int = 100 * 1024 * 1024  # after decompression
    max_entries: int = 4000  # every entry the archive lists: files, folders and extended headers
    max_header_bytes: int = 64 * 1024  # one PAX or GNU long-name header


def checked_name(name: str, is_dir: bool = False) -> PurePosixPath | None:
    """The entry's relative path when it fits the layout; None for an allowed folder. Raises PackError."""
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise PackError(f"absolute path entry '{name}'")
    if ".." in PurePosixPath(name).parts or "\\" in name:
        raise PackError(f"path traversal entry '{name}'")
    parts = [part for part in PurePosixPath(name).parts if part != "."]
    if is_dir and len(parts) <= 1 and all(NAME_PART.match(part) for part in parts):
        return None
    if not is_dir and len(parts) == 1 and parts[0] in (CATEGORIES_FILE, BULLETINS_FILE, PACK_INFO):
        return PurePosixPath(parts[0])
    if not is_dir and len(parts) == 2 and NAME_PART.match(parts[0]) and _tutorial_file(parts[1]):
        return PurePosixPath(*parts)
    raise PackError(
        f"unexpected entry '{name}': a pack holds only categories.toml, bulletins.toml and <category>/<id>.toml"
    )


def _tutorial_file(name: str) -> bool:
    return name.endswith(".toml") and NAME_PART.match(name.removesuffix(".toml")) is not None


DEFAULT_LIMITS = Limits()


class _Budget:
    """Counts files and decompressed bytes against the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.files = 0
        self.bytes = 0

    def add_file(self) -> None:
        self.files += 1
        if self.files > self.limits.max_files:
            raise PackError(f"too large: more than {self.limits.max_files} files")

    def add_bytes(self, count: int) -> None:
        self.bytes += count
        if self.bytes > self.limits.max_bytes:
            raise PackError(f"too large: more than {self.limits.max_bytes // (1024 * 1024)} MB once unpacked")


def _copy(source: IO[bytes], target: Path, budget: _Budget) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:  # "x": an entry named twice is refused below, never overwritten
        while chunk := source.read(CHUNK):
            budget.add_bytes(len(chunk))
            out.write(chunk)


def _gunzip(archive: Path, out: Path, limit: int) -> None:
    """Inflate a .tar.gz to a plain .tar in bounded chunks, refusing more than `limit` bytes out."""
    written, ended = 0, False
    with archive.open("rb") as source, out.open("wb") as sink:
        inflater = zlib.decompressobj(31)
        while chunk := source.read(CHUNK):
            while chunk:
                if ended:  # a second gzip member follows the first
                    inflater, ended = zlib.decompressobj(31), False
                data = inflater.decompress(chunk, CHUNK)
                written += len(data)
                if written > limit:
                    raise PackError(f"too large: more than {limit // (1024 * 1024)} MB once decompressed")
                sink.write(data)
                chunk = inflater.unconsumed_tail
                if inflater.eof:
                    chunk, ended = inflater.unused_data + chunk, True
    if not ended:
        raise PackError("the pack is damaged: the gzip stream is truncated")


def _octal(field: bytes) -> int:
    if field[:1] in (b"\x80", b"\xff"):  # base-256: a size no pack has
        raise PackError("a tar header declares an impossible size")
    text = field.split(b"\0", 1)[0].strip()
    try:
        return int(text, 8) if text else 0
    except ValueError:
        raise PackError("the pack is damaged: a tar header is unreadable") from None


def _scan_tar(path: Path, limits: Limits) -> None:
    """Walk the tar headers before tarfile does: count entries, refuse oversized extended headers."""
    entries = 0
    with path.open("rb") as tar:
        while len(block := tar.read(512)) == 512 and block.strip(b"\0"):
            entries += 1
            if entries > limits.max_entries:
                raise PackError(f"too many entries: more than {limits.max_entries} (files, folders and headers)")
            size, kind = _octal(block[124:136]), block[156:157]
            if kind in (b"x", b"g", b"L", b"K") and size > limits.max_header_bytes:
                raise PackError(
                    f"an extended tar header of {size} bytes (the limit is {limits.max_header_bytes // 1024} KB)"
                )
            tar.seek((size + 511) // 512 * 512, 1)


def _tar_entries(archive: Path, target: Path, budget: _Budget) -> None:
    limits = budget.limits
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        plain = Path(scratch) / "pack.tar"
        _gunzip(archive, plain, limits.max_bytes + limits.max_entries * 1024)
        _scan_tar(plain, limits)
        _tar_members(plain, target, budget)


def _tar_members(archive: Path, target: Path, budget: _Budget) -> None:
    with tarfile.open(archive, mode="r:") as tar:
        for member in tar:
            if member.issym():
                raise PackError(f"symlink '{member.name}'")
            if member.islnk():
                raise PackError(f"hard link '{member.name}'")
            if not (member.isfile() or member.isdir()):
                raise PackError(f"device or special file '{member.name}'")
            relative = checked_name(member.name, member.isdir())
            if relative is None:
                continue
            budget.add_file()
            source = tar.extractfile(member)
            assert source is not None  # a regular file always has data
            _write_entry(source, target, relative, budget)


def _zip_entry_count(archive: Path) -> int:
    """Entries the zip's end record declares, read before zipfile builds its list (zip64 is refused)."""
    with archive.open("rb") as file:
        file.seek(0, 2)
        size = file.tell()
        file.seek(max(0, size - 65_557))
        tail = file.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise PackError("the pack is damaged: the zip has no end record")
    count = int.from_bytes(tail[at + 10 : at + 12], "little")
    if count == 0xFFFF or b"PK\x06\x06" in tail:
        raise PackError("a zip64 archive: content packs are small, plain zips")
    return count


def _zip_entries(archive: Path, target: Path, budget: _Budget) -> None:
    if (count := _zip_entry_count(archive)) > budget.limits.max_entries:
        raise PackError(f"too many entries: {count}, more than {budget.limits.max_entries}")
    with zipfile.ZipFile(archive) as pack:
        for info in pack.infolist():
            mode = info.external_attr >> 16
            kind = stat.S_IFMT(mode)  # 0 when the writer recorded no type (zipfile.writestr): a plain file
            if stat.S_ISLNK(mode):
                raise PackError(f"symlink '{info.filename}'")
            if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
                raise PackError(f"device or special file '{info.filename}'")
            relative = checked_name(info.filename, info.is_dir())
            if relative is None:
                continue
            budget.add_file()
            with pack.open(info) as source:
                _write_entry(source, target, relative, budget)


def _write_entry(source: IO[bytes], target: Path, relative: PurePosixPath, budget: _Budget) -> None:
    try:
        _copy(source, target / relative, budget)
    except FileExistsError:
        raise PackError(f"entry '{relative}' appears twice") from None


def unpack(archive: Path, target: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Unpack `archive` into the empty folder `target`, refusing anything unsafe (PackError)."""
    with archive.open("rb") as file:
        magic = file.read(4)
    budget = _Budget(limits)
    try:
        if magic.startswith(b"\x1f\x8b"):
            _tar_entries(archive, target, budget)
        elif magic == b"PK\x03\x04":
            _zip_entries(archive, target, budget)
        else:
            raise PackError("the pack is neither a .tar.gz nor a .zip file")
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
        raise PackError(f"the pack is damaged: {error}") from None
    if budget.files == 0:
        raise PackError("the pack is empty")


def validate(folder: Path) -> int:
    """Load every tutorial with the kiosk's loader; ANY problem rejects the pack. Returns the tutorial count."""
    catalog = check_catalog(folder)
    if catalog.problems:
        count = len(catalog.problems)
        first = str(catalog.problems[0])
        for prefix in _shown_prefixes(folder):
            first = first.removeprefix(prefix)
        raise PackError(f"{count} tutorial problem{'s' if count > 1 else ''}, the first: {first}")
    if not catalog.tutorials:
        raise PackError("the pack holds no tutorials")
    return len(catalog.tutorials)


def _shown_prefixes(folder: Path) -> list[str]:
    """How the loader may have named the folder in a message, so the message names the file in the pack."""
    prefixes = [f"{folder.resolve()}/", f"{folder}/"]
    with contextlib.suppress(ValueError):
        prefixes.insert(0, f"{folder.resolve().relative_to(Path.cwd())}/")
    return prefixes


def unpack_and_validate(archive: Path, target: Path, limits: Limits = DEFAULT_LIMITS) -> int:
    """Unpack into `target` (created; must not exist) and validate it; returns the tutorial count."""
    target.mkdir(parents=True)
    unpack(archive, target, limits)
    return validate(target)
