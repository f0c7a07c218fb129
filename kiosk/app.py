"""The composition root: builds the services and the window and wires them, in one place."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.config import KioskConfig
from kiosk.content.loader import Catalog
from kiosk.content.status import content_status
from kiosk.control.controller import KioskController
from kiosk.control.fleet_link import FleetLink
from kiosk.control.help_call import HelpCall
from kiosk.control.operator_controller import OperatorController, OperatorServices
from kiosk.control.read_aloud import ReadAloud
from kiosk.core.idle import IdleTracker
from kiosk.core.navigation import Visit
from kiosk.operator.health import Check
from kiosk.operator.pin import PIN_STATE_FILE, PinGuard
from kiosk.processes.speech import QtSpeaker, Speaker, SpeechSettings
from kiosk.runtime.hardening import Hardening, claim_single_instance, install_hardening
from kiosk.system.clock import MonotonicClock
from kiosk.text.theme import Theme
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.report import Report, report_from_store
from kiosk.usage.store import STORE_FILE, open_reader
from kiosk.usage.writer import EventWriter
from kiosk.views.fonts import load_bundled_fonts
from kiosk.views.shell import KioskShell

STAFF_NOTICE = (
    "⚠ Kiosk đang gặp lỗi cấu hình (tệp cấu hình hoặc thư mục dữ liệu). Cán bộ phường: chạy "
    "“python main.py --check-config” để xem chi tiết. (Configuration problem: staff, run --check-config.)"
)


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with the bundled fonts loaded."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    load_bundled_fonts()
    return app


def build_kiosk(
    config: KioskConfig,
    catalog: Catalog,
    size: QSize,
    clock: MonotonicClock = time.monotonic,
    recorder: UsageRecorder | None = None,
    speaker: Speaker | None = None,
) -> tuple[KioskShell, KioskController]:
    visit = Visit(catalog, config.default_language, config.text_size_default)
    theme = Theme(size.height(), config.text_size_default, config.high_contrast)
    shell = KioskShell(catalog, visit.categories_with_tutorials(), config.ward_name, theme)
    shell.resize(size)
    shell.setMinimumSize(0, 0)
    idle = IdleTracker(config.idle_timeout_s, config.idle_countdown_s, clock)
    controller = KioskController(visit, shell, idle, config.high_contrast, recorder)
    speaker = speaker if speaker is not None else QtSpeaker(SpeechSettings.from_config(config), shell)
    speech = ReadAloud(speaker, shell, visit, config.speech_volume, config.auto_read)
    controller.attach_assistance(speech, HelpCall(config, controller))
    controller.refresh()
    return shell, controller


def run(
    config: KioskConfig,
    catalog: Catalog,
    windowed: bool,
    exit_when_ready: bool = False,
    notices: Sequence[str] = (),
) -> int:
    claim = claim_single_instance(config)  # a second kiosk exits here, before it opens the usage store
    app = application()
    screen = app.primaryScreen()
    fullscreen = config.fullscreen and not windowed
    size = screen.size() if fullscreen and screen is not None else QSize(1280, 800)
    writer = EventWriter(
        config.data_dir / STORE_FILE,
        retention_days=config.retention_days,
        keep_undelivered=config.upload_endpoint is not None,  # an event stays until the server has it
    )
    recorder = UsageRecorder(
        writer.record, config.kiosk_id, language=config.default_language, text_size=config.text_size_default
    )
    shell, controller = build_kiosk(config, catalog, size, recorder=recorder)
    if notices:  # a broken config or data folder is shown on screen, not only in the journal
        shell.attract.show_notice(STAFF_NOTICE)
    app.installEventFilter(controller)
    hardening = install_hardening(app, shell, controller, config, windowed=not fullscreen, claim=claim)
    hardening.add_shutdown_callback(writer.close)
    hardening.store_check = lambda: writer.problem or writer.last_error
    if controller.speech is not None:
        hardening.speech_check = controller.speech.health_problem
    fleet = FleetLink(controller, config, config.data_dir / STORE_FILE)
    hardening.add_shutdown_callback(fleet.stop)
    services = operator_services(config, catalog, hardening, [*notices], writer, fleet)
    operator = OperatorController(controller, services, time.monotonic)
    app.installEventFilter(operator)
    if config.hide_cursor and fullscreen:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    if fullscreen:
        shell.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        shell.showFullScreen()
    else:
        shell.show()
    QTimer.singleShot(2000, fleet.start)  # the province link starts once the kiosk is up
    if exit_when_ready:
        QTimer.singleShot(0, lambda: _report_ready(hardening, controller))
    code = app.exec()
    for event_filter in (operator, controller):  # Python filters must not outlive the interpreter's shutdown
        app.removeEventFilter(event_filter)
    fleet.stop()
    writer.close()
    return code


def operator_services(
    config: KioskConfig,
    catalog: Catalog,
    hardening: Hardening,
    notices: list[str],
    writer: EventWriter,
    fleet: FleetLink,
) -> OperatorServices:
    """Everything the operator area reads and does, from this kiosk's own parts."""
    store_path = config.data_dir / STORE_FILE
    offset = config.utc_offset

    def all_checks() -> list[Check]:
        help_call = hardening.controller.help_call
        problems = [Check("usage_store", False, p) for p in (writer.problem, writer.last_error) if p]
        problems += [Check("retention", False, p) for p in (writer.retention_paused,) if p]
        problems += [Check("help_call", False, p) for p in (help_call.problems() if help_call else [])]
        return [*hardening.run_checks(), *problems]

    return OperatorServices(
        operator_guard=PinGuard(config.operator_pin_hash, state_file=config.data_dir / PIN_STATE_FILE),
        volunteer_pin_hash=config.volunteer_pin_hash,
        report_source=store_report_source(writer, store_path, offset),
        content_status=lambda: content_status(catalog, local_today(offset)),
        checks=all_checks,
        leave_kiosk=hardening.request_exit,
        today=lambda: local_today(offset),
        utc_offset=offset,
        kiosk_id=config.kiosk_id,
        store_path=store_path,
        notices=notices,
        fleet_lines=fleet.status_lines,
        retry_upload=fleet.retry_upload if fleet.uploader is not None else None,
        rollback_content=fleet.rollback_content if fleet.updater is not None else None,
        tutorial_titles={tutorial.id: tutorial.title.vi for tutorial in catalog.tutorials},
    )


def store_report_source(
    writer: EventWriter, store_path: Path, utc_offset: timedelta
) -> Callable[[datetime, datetime], Report]:
    """The dashboard's figures: first every event still queued (the visit the operator just ended, a tap a
    second ago) is committed, then the store is read with the kiosk's one time-zone setting."""

    def report_source(start: datetime, end: datetime) -> Report:
        writer.flush(2.0)
        store = open_reader(store_path)
        try:
            return report_from_store(store, start, end, utc_offset)
        finally:
            store.close()

    return report_source


def local_today(utc_offset: timedelta) -> date:
    """Today in the kiosk's local time (config `utc_offset_hours`)."""
    return (datetime.now(UTC) + utc_offset).date()


def _report_ready(hardening: Hardening, controller: KioskController) -> None:
    """For bench/startup.py: open the home screen, paint it, say READY, quit."""
    controller.start_visit()
    controller.shell.repaint()
    print("READY", flush=True)
    hardening.allow_exit()
    hardening.app.quit()
