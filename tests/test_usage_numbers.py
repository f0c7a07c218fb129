"""The figures a ward officer sees, walked end to end: real taps, a real event writer and store, the dashboard,
the Excel export opened by LibreOffice and the CLI, all agreeing; one time-zone setting; the dashboard flush."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, local_today, store_report_source
from kiosk.config import KioskConfig, load_config
from kiosk.content.loader import Catalog
from kiosk.content.status import content_status
from kiosk.control.operator_controller import OperatorController, OperatorServices
from kiosk.operator.pin import PinGuard, hash_pin
from kiosk.usage.events import EventName, UsageEvent
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.report import report_from_store
from kiosk.usage.store import STORE_FILE, open_reader, open_store
from kiosk.usage.writer import EventWriter
from tests.conftest import FakeClock, MakeKiosk
from tests.gui import open_tutorial, tap
from tests.spreadsheet import read_sheets
from tests.test_usage_cli import run_main

PIN = "2468"
WALKED, GAVE_UP = "vneid-la-gi", "dinh-danh-muc-2"  # 6 steps each, both in the VNeID category


def _config(tmp_path: Path, offset: float = 7) -> KioskConfig:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'kiosk_id = "phuong-01"\ndata_dir = "{tmp_path / "data"}"\nutc_offset_hours = {offset}\n', encoding="utf-8"
    )
    return load_config(path)


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[EventWriter]:
    """The kiosk's writer, holding events up to 3 s (the kiosk holds them 0.25 s): only a flush commits them sooner."""
    config = _config(tmp_path)
    events = EventWriter(config.data_dir / STORE_FILE, flush_interval=3.0)
    assert events.wait_ready(10)
    yield events
    events.close()


def _operator(
    kiosk: Kiosk,
    config: KioskConfig,
    writer: EventWriter,
    usb: Path,
    clock: FakeClock,
    catalog: Catalog,
    today: dt.date | None = None,
) -> OperatorController:
    """The operator area wired as app.operator_services wires it: the config's one time-zone setting throughout."""
    offset = config.utc_offset
    services = OperatorServices(
        operator_guard=PinGuard(hash_pin(PIN), clock),
        report_source=store_report_source(writer, config.data_dir / STORE_FILE, offset),
        content_status=lambda: content_status(catalog, local_today(offset)),
        checks=list,
        leave_kiosk=lambda: None,
        today=(lambda: today) if today is not None else (lambda: local_today(offset)),
        utc_offset=offset,
        kiosk_id=config.kiosk_id,
        store_path=config.data_dir / STORE_FILE,
        export_folders=lambda: [usb],
        tutorial_titles={t.id: t.title.vi for t in catalog.tutorials},
    )
    return OperatorController(kiosk.controller, kiosk.shell, services, clock)


def _log_in(qtbot: QtBot, operator: OperatorController) -> None:
    operator.open_pin_pad()
    for digit in PIN:
        tap(qtbot, operator.pin_pad.keys[digit])
    tap(qtbot, operator.pin_pad.keys["ok"])
    qtbot.waitUntil(lambda: operator.dashboard.report is not None, timeout=15_000)


def _export(qtbot: QtBot, operator: OperatorController, kind: str) -> Path:
    tap(qtbot, operator.view.nav["export"])
    tap(qtbot, operator.export.format_buttons[kind])
    qtbot.waitUntil(lambda: operator.export.result.text().startswith(("Đã lưu", "Chưa lưu")), timeout=15_000)
    text = operator.export.result.text()
    assert text.startswith("Đã lưu: "), text
    return Path(text.removeprefix("Đã lưu: "))


def _next(qtbot: QtBot, kiosk: Kiosk, times: int) -> None:
    for _ in range(times):
        tap(qtbot, kiosk.shell.bar.next)


def _resume(qtbot: QtBot, kiosk: Kiosk, tutorial_id: str) -> None:
    """From the home screen back into a tutorial left half-way ("Đang học: bước 3 / 6")."""
    shell = kiosk.shell
    tap(qtbot, next(tile for tile in shell.home.tiles if tile.category.id == "vneid"))
    while not any(card.tutorial.id == tutorial_id for card in shell.tutorial_list.visible_cards()):
        tap(qtbot, shell.tutorial_list.next_page)
    tap(qtbot, next(card for card in shell.tutorial_list.visible_cards() if card.tutorial.id == tutorial_id))


def test_walked_visits_give_the_same_figures_on_dashboard_workbook_and_cli(
    qtbot: QtBot, make_kiosk: MakeKiosk, bundled_catalog: Catalog, clock: FakeClock, writer: EventWriter, tmp_path: Path
) -> None:
    config = _config(tmp_path)
    recorder = UsageRecorder(writer.record, config.kiosk_id, monotonic=clock)
    kiosk = make_kiosk(bundled_catalog, recorder=recorder)
    usb = tmp_path / "usb"
    usb.mkdir()
    operator = _operator(kiosk, config, writer, usb, clock, bundled_catalog)

    # Visit 1: three steps, Home, resume from the list, on to the end.
    open_tutorial(qtbot, kiosk, WALKED)
    _next(qtbot, kiosk, 2)
    tap(qtbot, kiosk.shell.bar.home)
    _resume(qtbot, kiosk, WALKED)
    assert kiosk.visit.player is not None and kiosk.visit.player.state.index == 2
    _next(qtbot, kiosk, 3)
    tap(qtbot, kiosk.shell.step.answers[0])
    _next(qtbot, kiosk, 1)
    assert kiosk.visit.route.screen.value == "complete"
    kiosk.controller.reset(idle=True)  # the idle timer's reset
    # Visit 2: a new resident gets to step 5, then the operator comes: the visit ends there.
    open_tutorial(qtbot, kiosk, GAVE_UP)
    _next(qtbot, kiosk, 4)
    _log_in(qtbot, operator)

    report = operator.dashboard.report
    assert report is not None
    figures = {t.tutorial_id: (t.started, t.abandoned, t.completed) for t in report.tutorials}
    assert figures == {WALKED: (1, 0, 1), GAVE_UP: (1, 1, 0)}
    (drop,) = [(f.tutorial_id, s.step_index + 1) for f in report.funnels for s in f.steps if s.abandoned]
    assert drop == (GAVE_UP, 5)
    shown = {key: label.text() for key, label in operator.dashboard.numbers.items()}
    assert (shown["sessions"], shown["started"], shown["completed"], shown["rate"]) == ("2", "2", "1", "50 %")

    sheets = read_sheets(_export(qtbot, operator, "xlsx"), tmp_path)
    in_workbook = {row[6]: tuple(int(row[n]) for n in (1, 3, 2)) for row in sheets["Bài học"][1:]}
    assert in_workbook == figures
    drops = [(row[5], int(row[1])) for row in sheets["Các bước"][1:] if int(row[3])]
    assert drops == [drop]
    assert sheets["Tổng quan"][5][1] == "2" and "VNeID là gì" in sheets["Bài học"][1][0] + sheets["Bài học"][2][0]

    today = local_today(config.utc_offset).isoformat()
    cli = run_main("report", "--config", str(config_path(tmp_path)), "--from", today, "--to", today, "--format", "json")
    assert cli.returncode == 0, cli.stderr
    document = json.loads(cli.stdout)
    assert {t["tutorial_id"]: (t["started"], t["abandoned"], t["completed"]) for t in document["tutorials"]} == figures
    assert document["summary"]["sessions"] == report.sessions == 2


def config_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk.toml"


def test_a_tap_a_second_before_the_dashboard_opens_is_counted(
    qtbot: QtBot, make_kiosk: MakeKiosk, bundled_catalog: Catalog, clock: FakeClock, writer: EventWriter, tmp_path: Path
) -> None:
    config = _config(tmp_path)
    recorder = UsageRecorder(writer.record, config.kiosk_id, monotonic=clock)
    kiosk = make_kiosk(bundled_catalog, recorder=recorder)
    operator = _operator(kiosk, config, writer, tmp_path, clock, bundled_catalog)
    open_tutorial(qtbot, kiosk, WALKED)
    tap(qtbot, kiosk.shell.bar.help)
    time.sleep(1.0)
    store = open_reader(config.data_dir / STORE_FILE)
    try:  # proof the flush is needed: one second later the tap is not in the store yet
        assert report_from_store(store, None, None).help_requests == 0
    finally:
        store.close()
    _log_in(qtbot, operator)
    assert operator.dashboard.numbers["help"].text() == "1"
    assert operator.dashboard.numbers["started"].text() == "1"  # the visit the operator ended is counted too


def _event(name: EventName, session: str, at: dt.datetime) -> UsageEvent:
    return UsageEvent(event_id=uuid.uuid4(), kiosk_id="phuong-01", session_id=session, time=at, name=name)


def test_dashboard_export_and_cli_use_one_time_zone_setting(
    qtbot: QtBot, make_kiosk: MakeKiosk, bundled_catalog: Catalog, clock: FakeClock, tmp_path: Path
) -> None:
    """At UTC-5 a visit at 23:30 on 30 November is on the 30th for all three (at UTC+7 it would be 1 December)."""
    config = _config(tmp_path, offset=-5)
    store = open_store(config.data_dir / STORE_FILE).store
    late_evening = dt.datetime(2026, 12, 1, 4, 30, tzinfo=dt.UTC)  # 23:30 on 30 November at UTC-5
    next_morning = dt.datetime(2026, 12, 1, 13, 0, tzinfo=dt.UTC)  # 08:00 on 1 December at UTC-5
    store.append([_event("session_started", "a" * 32, late_evening), _event("session_started", "b" * 32, next_morning)])
    store.close()
    writer = EventWriter(config.data_dir / STORE_FILE)
    try:
        kiosk = make_kiosk(bundled_catalog)
        usb = tmp_path / "usb"
        usb.mkdir()
        operator = _operator(kiosk, config, writer, usb, clock, bundled_catalog, today=dt.date(2026, 11, 30))
        _log_in(qtbot, operator)
        assert operator.dashboard.numbers["sessions"].text() == "1"
        assert "UTC-5" in operator.dashboard.status.text()
        exported = _export(qtbot, operator, "json")
        assert exported.name == "kiosk-so-phuong-01-20261130-20261130.json"
        document = json.loads(exported.read_text(encoding="utf-8"))
        assert (document["summary"]["sessions"], document["utc_offset_hours"]) == (1, -5)
        assert "UTC-5" in operator.export.period.text()
    finally:
        writer.close()
    cli = run_main("report", "--config", str(config_path(tmp_path)), "--from", "2026-11-30", "--to", "2026-11-30")
    assert cli.returncode == 0, cli.stderr
    assert "| sessions | Lượt sử dụng (visits) | 1 |" in cli.stdout
    assert "giờ địa phương UTC-5" in cli.stdout
