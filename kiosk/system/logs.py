"""The kiosk's log: a rotating file in the data folder (1 MB × 5) plus stderr; it describes code, never residents."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOGGER_NAME = "kiosk"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
MESSAGE_LIMIT = 300  # an exception message is ours, but cap it so no stray value can fill the log
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / "kiosk.log"


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def setup_logging(data_dir: Path, stream: bool = True) -> Path | None:
    """Send the `kiosk` logger to the rotating file (and stderr, i.e. the journal); returns the file, or None.

    Calling it again replaces the handlers, so tests and restarts never log twice.
    """
    log = logger()
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
    log.setLevel(logging.INFO)
    log.propagate = False
    formatter = logging.Formatter(FORMAT)
    if stream:
        to_stderr = logging.StreamHandler(sys.stderr)
        to_stderr.setLevel(logging.WARNING)
        to_stderr.setFormatter(formatter)
        log.addHandler(to_stderr)
    path = log_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        to_file = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError as error:
        log.warning("Cannot write the log file %s (%s); logging to stderr only.", path, error.strerror)
        return None
    to_file.setFormatter(formatter)
    log.addHandler(to_file)
    return path


def flush() -> None:
    for handler in logger().handlers:
        handler.flush()


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def describe_exception(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> str:
    """Type, (shortened) message and the stack of code lines; no local variables, no event data."""
    lines = [f"{exc_type.__module__}.{exc_type.__qualname__}: {_shorten(str(exc) if exc is not None else '')}"]
    if tb is not None:
        lines.append("Traceback (most recent call last):")
        lines.extend(frame.rstrip("\n") for frame in traceback.format_list(traceback.extract_tb(tb)))
    return "\n".join(lines)
