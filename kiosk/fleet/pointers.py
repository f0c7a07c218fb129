"""Which staged content pack is live: small pointer files under the content folder, read at every start.

Their own module because start-up reads them before the first screen, and the updater's downloading and
unpacking code (httpx, archives, signatures) is nothing the first screen needs.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.loader import CATEGORIES_FILE
from kiosk.fleet.manifest import VERSION_PATTERN
from kiosk.system.atomic import write_atomically
from kiosk.system.safe_files import UnreadableFileError, read_small_file

CURRENT, PREVIOUS, SKIP = "current", "previous", "rolled-back"


def read_pointer(content_root: Path, name: str) -> str | None:
    try:
        version = read_small_file(content_root / name, 256).decode("utf-8").strip()
    except (UnreadableFileError, UnicodeDecodeError):
        return None
    return version if VERSION_PATTERN.match(version) else None


def write_pointer(content_root: Path, name: str, version: str | None) -> None:
    """Atomically: a temp file renamed over the pointer (None removes it)."""
    path = content_root / name
    if version is None:
        path.unlink(missing_ok=True)
        return
    write_atomically(path, (version + "\n").encode())


def pack_dir(content_root: Path, version: str | None) -> Path | None:
    """The folder of a staged version, if it is there and complete."""
    if version is None:
        return None
    folder = content_root / "packs" / version
    return folder if (folder / CATEGORIES_FILE).is_file() else None


def active_content_dir(content_root: Path) -> Path | None:
    """The staged content the kiosk should start with; None: use the bundled tutorials."""
    return pack_dir(content_root, read_pointer(content_root, CURRENT))
