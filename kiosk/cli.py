"""Command line: run the kiosk, check content, render the tour, report usage, set PINs, publish content packs."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from kiosk.config import DEFAULT_CONFIG_PATH, ConfigError, KioskConfig, data_dir_problem, load_config
from kiosk.content.loader import BUNDLED_CONTENT, Catalog, format_report
from kiosk.text.strings import both

SUBCOMMANDS = frozenset({"report", "set-pin", "content-pack", "-h", "--help"})


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="Kiosk Số — digital-skills kiosk for ward offices.")
    parser.add_argument("--config", type=Path, help=f"config file (default: {DEFAULT_CONFIG_PATH})")
    parser.add_argument("--windowed", action="store_true", help="run in a window (development)")
    parser.add_argument("--check-config", action="store_true", help="validate the config file and exit")
    parser.add_argument(
        "--check-content",
        nargs="?",
        const=BUNDLED_CONTENT,
        type=Path,
        metavar="DIR",
        help="validate and lint every tutorial (default: the bundled ones), print a report, exit 1 on problems",
    )
    parser.add_argument("--tour", type=Path, metavar="OUTDIR", help="render every resident screen to PNG files")
    parser.add_argument(
        "--size", help="window size WIDTHxHEIGHT: the screen for --tour (default 1920x1080), a window otherwise"
    )
    parser.add_argument("--text-size", type=int, choices=(100, 125, 150), help="text size for --tour")
    parser.add_argument("--language", choices=("vi", "en"), help="language for --tour")
    parser.add_argument("--only", help="--tour: only tutorials whose id contains this text")
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    if SUBCOMMANDS.intersection(argv):  # the commands' parsers, and what they import, only when asked for
        from kiosk.commands import QuietParser, add_commands
        from kiosk.fleet.pack import add_pack_command

        add_pack_command(add_commands(parser), QuietParser)
    else:
        parser.set_defaults(command=None)
    return parser.parse_args(argv)


def startup_notices(path: Path, explicit: bool, check_data: bool = True) -> tuple[KioskConfig, list[str]]:
    """The config to run on and what the operator must see about it (also on the attract screen).

    Raises ConfigError when the file was named explicitly: then a bad file is fatal. The default file falls back
    to the built-in defaults, but never silently.
    """
    notices: list[str] = []
    try:
        config = load_config(path)
    except ConfigError as error:
        if explicit:
            raise
        notices.append(f"{both('notice_config_defaults')} {error}")
        config = KioskConfig()
    problem = data_dir_problem(config.data_dir) if check_data else None
    if problem is not None:
        notices.append(f"{both('notice_data_dir')} {problem} ({path})")
    return config, notices


def _config(args: argparse.Namespace) -> tuple[KioskConfig | None, list[str]]:
    """Explicit or checked config: a bad file is fatal (exit 2). The default file falls back to defaults."""
    path = args.config or DEFAULT_CONFIG_PATH
    try:
        explicit = args.config is not None or args.check_config
        config, notices = startup_notices(path, explicit, check_data=args.command is None)
    except ConfigError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return None, []
    for notice in notices:
        print(f"kiosk: {notice}", file=sys.stderr)
    return config, notices


def _catalog(config: KioskConfig) -> Catalog:
    from kiosk.content.cache import load_catalog_cached
    from kiosk.fleet.pointers import active_content_dir

    root = config.content_dir or active_content_dir(config.data_dir / "content") or BUNDLED_CONTENT
    catalog = load_catalog_cached(root, config.data_dir / "cache")
    for problem in catalog.problems:
        print(f"kiosk: content problem (skipped): {problem}", file=sys.stderr)
    return catalog


def _size(text: str | None) -> tuple[int, int] | None:
    from kiosk.text.screen_shape import parse_size

    if text is None:
        return None
    try:
        return parse_size(text)
    except ValueError as error:
        raise SystemExit(f"kiosk: --size: {error}") from None


def _command(args: argparse.Namespace) -> int:
    from kiosk.commands import run_command
    from kiosk.fleet.pack import run_pack_command

    if args.command == "set-pin":
        return run_command(args, None)
    if args.command == "content-pack":
        return run_pack_command(args)
    config, _ = _config(args)
    return run_command(args, config) if config is not None else 2


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is not None or args.check_content is not None or args.check_config or args.tour is not None:
        gc.enable()  # main.py pauses collection for the kiosk's start-up only; a command runs as usual
    if args.check_content is not None:
        from kiosk.content.lint import check_catalog

        catalog = check_catalog(args.check_content)
        print(format_report(catalog))
        return 1 if catalog.problems else 0
    if args.command is not None:
        return _command(args)
    config, notices = _config(args)
    if config is None:
        return 2
    if args.check_config:
        if notices:
            return 2
        print(f"kiosk: config OK ({args.config or DEFAULT_CONFIG_PATH})")
        return 0
    catalog = _catalog(config)
    if args.tour is not None:
        from kiosk.devtools.offscreen_screen import use_offscreen_screen
        from kiosk.devtools.tour import render_tour

        tour_size = _size(args.size) or (1920, 1080)
        use_offscreen_screen(*tour_size)

        overrides = {"default_language": args.language, "text_size_default": args.text_size}
        config = config.model_copy(update={key: value for key, value in overrides.items() if value is not None})
        written = render_tour(config, catalog, args.tour, tour_size, args.only)
        print(f"kiosk: wrote {len(written)} screens to {args.tour}")
        return 0
    from kiosk.runtime.import_scan import skip_feature_scan

    skip_feature_scan()  # before the window's modules are imported: PySide6 would read each one's source
    from kiosk.app import run

    return run(config, catalog, args.windowed, args.exit_when_ready, notices, size=_size(args.size))
