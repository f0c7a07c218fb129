"""Exports from the operator area: where a USB stick is, and writing one report file there atomically."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from kiosk.system.atomic import write_atomically
from kiosk.text.strings import ui_text
from kiosk.usage.export import report_json, report_markdown, report_zip, write_jsonl
from kiosk.usage.report import Report
from kiosk.usage.store import open_reader
from kiosk.usage.workbook import report_workbook

MOUNT_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))
FORMATS: dict[str, tuple[str, str]] = {  # key: (button words, file suffix)
    "xlsx": (ui_text("export_xlsx", "vi"), "xlsx"),
    "csv": (ui_text("export_csv", "vi"), "zip"),
    "md": (ui_text("export_md", "vi"), "md"),
    "json": (ui_text("export_json", "vi"), "json"),
    "jsonl": (ui_text("export_jsonl", "vi"), "jsonl"),
}


def usb_folders(roots: tuple[Path, ...] = MOUNT_ROOTS) -> list[Path]:
    """Mounted removable drives: /media/<user>/<label>, /run/media/<user>/<label>, /mnt/<label>."""
    found: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for entry in sorted(root.iterdir()):
            children = (
                sorted(p for p in entry.iterdir() if p.is_dir()) if root != Path("/mnt") and entry.is_dir() else []
            )
            found += children if children else ([entry] if entry.is_dir() and entry.is_mount() else [])
    return found


def export_file_name(kiosk_id: str, first: dt.date, last: dt.date, kind: str) -> str:
    return f"kiosk-so-{kiosk_id}-{first:%Y%m%d}-{last:%Y%m%d}.{FORMATS[kind][1]}"


def export_report(
    kind: str,
    report: Report,
    store_path: Path,
    folder: Path,
    name: str,
    titles: Mapping[str, str] | None = None,
) -> Path:
    """Write one export to `folder` (temp file, fsync, rename); returns the file written."""
    target = folder / name
    if kind == "xlsx":
        write_atomically(target, report_workbook(report, titles))
    elif kind == "csv":
        write_atomically(target, report_zip(report, titles))
    elif kind == "md":
        write_atomically(target, report_markdown(report, titles).encode("utf-8"))
    elif kind == "json":
        write_atomically(target, report_json(report, titles).encode("utf-8"))
    elif kind == "jsonl":
        store = open_reader(store_path)
        try:
            write_jsonl(target, store.iter_events(report.start, report.end))
        finally:
            store.close()
    else:
        raise ValueError(f"unknown export format {kind!r}")
    return target
