"""The `report` and `set-pin` commands of main.py: plain one-line errors and exit code 2, never a traceback."""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NoReturn

from kiosk.config import DEFAULT_CONFIG_PATH, MAX_CONFIG_BYTES, ConfigError, KioskConfig, load_config
from kiosk.operator.pin import hash_pin, pin_problem, verify_pin
from kiosk.system.atomic import write_atomically
from kiosk.system.safe_files import BOM, UnreadableFileError, open_regular, parse_toml, read_small_file
from kiosk.usage.events import UsageEvent
from kiosk.usage.export import (
    MergedEvents,
    csv_files,
    newer_schema,
    report_json,
    report_markdown,
    report_zip,
    write_event_lines,
    write_jsonl,
)
from kiosk.usage.report import Report, build_report, local_days, report_from_store
from kiosk.usage.store import STORE_FILE, StoreError, UsageStore, open_reader
from kiosk.usage.workbook import report_workbook

FORMATS = ("md", "json", "xlsx", "csv", "zip", "jsonl")


class CommandError(Exception):
    """Bad input or an impossible request, said in one line."""


class QuietParser(argparse.ArgumentParser):
    """An argument error is one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"kiosk: {self.prog}: {message} (see --help)\n")


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-01") from None


def add_commands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[QuietParser]:
    """The `report` and `set-pin` subcommands (returned for more); the kiosk's own flags work without one."""
    commands = parser.add_subparsers(dest="command", metavar="{report,set-pin,content-pack}", parser_class=QuietParser)
    report = commands.add_parser(
        "report",
        help="usage figures for a period, or merged from several kiosks",
        description=(
            "Usage figures for a period. Days are the kiosk's local days: midnight to midnight at the config's "
            "utc_offset_hours (default 7, Vietnam), the same days the dashboard and the USB exports use."
        ),
    )
    report.add_argument("--config", type=Path, default=argparse.SUPPRESS, help="config file")
    report.add_argument(
        "--from", dest="first_day", type=day, metavar="DATE", help="first local day (utc_offset_hours), e.g. 2026-11-01"
    )
    report.add_argument(
        "--to", dest="last_day", type=day, metavar="DATE", help="last local day, included (local midnight to midnight)"
    )
    report.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        help="xlsx: Excel workbook with charts (with --merge of several kiosks: a comparison sheet); "
        "md and json print without --out",
    )
    report.add_argument("--out", type=Path, help="output file (csv: a folder, one file per table)")
    report.add_argument("--merge", nargs="+", type=Path, metavar="JSONL", help="exports of kiosks instead of the store")
    pin = commands.add_parser("set-pin", help="set the operator PIN (asked twice) in the config file")
    pin.add_argument("--config", type=Path, default=argparse.SUPPRESS, help="config file to change")
    pin.add_argument("--volunteer", action="store_true", help="set the volunteer PIN instead")
    return commands


def run_command(args: argparse.Namespace, config: KioskConfig | None) -> int:
    try:
        if args.command == "set-pin":
            return set_pin(args.config or DEFAULT_CONFIG_PATH, args.volunteer)
        if config is None:
            return 2
        return report(config, args)
    except CommandError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2


# --- report -----------------------------------------------------------------------


def _period(args: argparse.Namespace, offset: timedelta) -> tuple[datetime | None, datetime | None]:
    first, last = args.first_day, args.last_day
    if first is not None and last is not None and first > last:
        raise CommandError(f"--from {first} is after --to {last}")
    return _day_edge(first, offset, 0), _day_edge(last, offset, 1)


def _day_edge(day: date | None, offset: timedelta, edge: int) -> datetime | None:
    """The start (0) or end (1) of a local day; None (open) for no day or one at the edge of the calendar."""
    if day is None:
        return None
    try:
        return local_days(day, day, offset)[edge]
    except OverflowError:
        return None  # 0001-01-01 or 9999-12-31: as good as "from the beginning" / "to the end"


def _titles(config: KioskConfig) -> dict[str, str]:
    from kiosk.content.loader import BUNDLED_CONTENT, load_catalog

    catalog = load_catalog(config.content_dir or BUNDLED_CONTENT)
    return {tutorial.id: tutorial.title.vi for tutorial in catalog.tutorials}


def _skipped(message: str) -> None:
    print(f"kiosk: skipped {message}", file=sys.stderr)


def _within(events: Iterable[UsageEvent], start: datetime | None, end: datetime | None) -> Iterator[UsageEvent]:
    for event in events:
        if (start is None or event.time >= start) and (end is None or event.time < end):
            yield event


def report(config: KioskConfig, args: argparse.Namespace) -> int:
    offset = config.utc_offset
    start, end = _period(args, offset)
    if args.format in ("csv", "zip", "xlsx") and args.out is None:
        raise CommandError(f"--format {args.format} writes files: give --out (csv: a folder, zip and xlsx: a file)")
    if args.merge:
        for path in args.merge:
            try:
                open_regular(path).close()
            except UnreadableFileError as problem:
                raise CommandError(str(problem)) from None
        if (newer := newer_schema(args.merge)) is not None:
            raise CommandError(
                f"{newer}: the export comes from a newer kiosk version (or was edited). Update this kiosk's "
                "software before merging; nothing was reported"
            )
        merged = MergedEvents(args.merge, _skipped)
        _output(args, lambda: build_report(merged, start, end, offset), lambda: _within(merged, start, end), config)
        if merged.duplicates:
            print(f"kiosk: {merged.duplicates} events were in more than one file; counted once", file=sys.stderr)
        return 0
    store = _reader(config)
    try:
        _output(
            args, lambda: report_from_store(store, start, end, offset), lambda: store.iter_events(start, end), config
        )
    finally:
        store.close()
    return 0


def _reader(config: KioskConfig) -> UsageStore:
    try:
        return open_reader(config.data_dir / STORE_FILE)
    except StoreError as error:
        raise CommandError(str(error)) from error


def _output(
    args: argparse.Namespace,
    make_report: Callable[[], Report],
    events: Callable[[], Iterable[UsageEvent]],
    config: KioskConfig,
) -> None:
    out: Path | None = args.out
    try:
        if args.format == "jsonl":
            _write_jsonl(out, events())
        elif args.format == "csv":
            assert out is not None
            _write_csv(out, make_report(), _titles(config))
        else:
            _write_document(args.format, out, make_report(), _titles(config))
    except OSError as error:
        raise CommandError(f"cannot write {out or 'the output'}: {error.strerror or error}") from error


def _write_document(kind: str, out: Path | None, report: Report, titles: dict[str, str]) -> None:
    if kind in ("zip", "xlsx"):
        assert out is not None
        write_atomically(out, report_zip(report, titles) if kind == "zip" else report_workbook(report, titles))
        print(f"kiosk: wrote {out}")
        return
    text = report_markdown(report, titles) if kind == "md" else report_json(report, titles)
    if out is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        write_atomically(out, text.encode("utf-8"))
        print(f"kiosk: wrote {out}")


def _write_csv(folder: Path, report: Report, titles: dict[str, str]) -> None:
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"--format csv writes one file per table into a folder, and {folder} is a file")
    folder.mkdir(parents=True, exist_ok=True)
    files = csv_files(report, titles)
    for name, data in files.items():
        write_atomically(folder / name, data)
    print(f"kiosk: wrote {len(files)} tables to {folder}")


def _write_jsonl(out: Path | None, events: Iterable[UsageEvent]) -> None:
    if out is None:
        write_event_lines(sys.stdout.buffer, events)
        sys.stdout.flush()
        return
    count = write_jsonl(out, events)
    print(f"kiosk: wrote {count} events to {out}")


# --- set-pin ------------------------------------------------------------------------


def read_pin_twice(who: str) -> tuple[str, str]:
    """From the terminal without echo; from stdin (two lines) when it is not a terminal (scripts, tests)."""
    if sys.stdin.isatty():
        return getpass.getpass(f"New {who} PIN (4–8 digits): "), getpass.getpass("The same PIN again: ")
    return sys.stdin.readline().rstrip("\r\n"), sys.stdin.readline().rstrip("\r\n")


def set_config_line(text: str, key: str, value: str) -> str:
    """`key = "value"` replacing the key's line, else its commented-out example, else appended; all else kept."""
    line = f'{key} = "{value}"'
    for pattern in (rf"^[ \t]*{key}[ \t]*=.*$", rf"^[ \t]*#[ \t]*{key}[ \t]*=.*$"):
        changed, count = re.subn(pattern, lambda _: line, text, count=1, flags=re.MULTILINE)
        if count:
            return changed
    separator = "" if not text or text.endswith("\n") else "\n"
    return f"{text}{separator}{line}\n"


def _read_config_text(path: Path) -> tuple[str, dict[str, object]]:
    if not path.exists():
        return "", {}
    try:
        data = read_small_file(path, MAX_CONFIG_BYTES)
        return data.removeprefix(BOM).decode("utf-8"), parse_toml(data, path)
    except UnreadableFileError as problem:
        raise CommandError(f"config file {problem}; fix it first") from None
    except UnicodeDecodeError:
        raise CommandError(f"config file {path} is not UTF-8 text; fix it first") from None


def set_pin(path: Path, volunteer: bool) -> int:
    who, key, other = ("volunteer", "volunteer_pin_hash", "operator_pin_hash")
    if not volunteer:
        who, key, other = ("operator", "operator_pin_hash", "volunteer_pin_hash")
    text, values = _read_config_text(path)
    pin, again = read_pin_twice(who)
    problem = pin_problem(pin)
    if problem is not None:
        raise CommandError(f"{problem}; nothing was changed")
    if pin != again:
        raise CommandError("the two PINs differ; nothing was changed")
    other_hash = values.get(other)
    if isinstance(other_hash, str) and verify_pin(pin, other_hash):
        raise CommandError("the operator and volunteer PINs must differ; nothing was changed")
    try:
        write_atomically(path, set_config_line(text, key, hash_pin(pin)).encode("utf-8"))
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from error
    print(f"kiosk: {who} PIN set in {path}")
    try:
        load_config(path)
    except ConfigError as error:
        print(f"kiosk: note: {error}", file=sys.stderr)
    return 0
