"""A start-up cache of the validated catalogue, keyed by the exact bytes of every content file.

Parsing 50 TOML files and validating them costs about 90 ms of every start; the content changes
only when an operator updates it. The key covers every content file and the model code, so a
changed file (or a changed schema) always means a fresh, fully validated load.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path

from kiosk.content import loader, models
from kiosk.content.loader import MAX_TUTORIAL_BYTES, Catalog, load_catalog
from kiosk.system.atomic import write_atomically
from kiosk.system.safe_files import UnreadableFileError, read_small_file

CACHE_NAME = "catalog.pickle"
MAX_CACHE_BYTES = 32 * 1024 * 1024  # the bundled catalogue pickles to about 0.6 MB
# What a missing, truncated, oversized or outdated cache file raises: each means "load for real".
BROKEN_CACHE = (
    UnreadableFileError,
    OSError,
    EOFError,
    ValueError,
    TypeError,
    AttributeError,
    ImportError,
    pickle.UnpicklingError,
)


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for code in (Path(models.__file__), Path(loader.__file__)):
        digest.update(code.read_bytes())
    digest.update(sys.version.encode())
    for path in sorted(root.rglob("*.toml")):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        try:  # the same bounded, non-blocking read as the loader's: a FIFO or a folder named x.toml never stops us
            digest.update(read_small_file(path, MAX_TUTORIAL_BYTES) + b"\0")
        except UnreadableFileError as problem:
            digest.update(f"unreadable: {problem.why}".encode() + b"\0")
    return digest.hexdigest()


def load_catalog_cached(root: Path, cache_dir: Path) -> Catalog:
    """The catalogue from the cache when nothing changed, else loaded, validated and cached."""
    if not root.is_dir():
        return load_catalog(root)
    key = fingerprint(root)
    cache = cache_dir / CACHE_NAME
    try:
        data = read_small_file(cache, MAX_CACHE_BYTES)  # bounded and never blocking, like every file we read
        stored_key, catalog = pickle.loads(data)  # our own file, written below
        if stored_key == key and isinstance(catalog, Catalog):
            return catalog
    except BROKEN_CACHE:
        pass  # no cache yet, or an unreadable one: load for real and rewrite it
    catalog = load_catalog(root)
    _write(cache, pickle.dumps((key, catalog), protocol=pickle.HIGHEST_PROTOCOL))
    return catalog


def _write(path: Path, data: bytes) -> None:
    """Best effort: a kiosk with a read-only data folder still starts, just without the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError as error:
        print(f"kiosk: cannot write the content cache {path}: {error}", file=sys.stderr)
