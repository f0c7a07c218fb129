"""The composition root: builds the services and the window and wires them, in one place."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication

from kiosk.config import KioskConfig
from kiosk.content.loader import Catalog
from kiosk.control.controller import KioskController
from kiosk.control.help_call import HelpCall
from kiosk.control.learning_controller import LearningController
from kiosk.control.read_aloud import ReadAloud
from kiosk.control.slip_printer import SlipPrinter
from kiosk.core.idle import IdleTracker
from kiosk.core.navigation import Visit
from kiosk.learning.rules import current_bulletin
from kiosk.processes.speech import QtSpeaker, Speaker, SpeechSettings
from kiosk.runtime.diagnostics import install_diagnostics
from kiosk.runtime.hardening import Hardening, claim_single_instance, install_hardening
from kiosk.system.clock import MonotonicClock, WallClock, utc_now
from kiosk.text.strings import both
from kiosk.text.theme import Theme
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.screens import record_screen
from kiosk.usage.store import STORE_FILE
from kiosk.usage.writer import EventWriter
from kiosk.views.fonts import load_bundled_fonts
from kiosk.views.shell import KioskShell

if TYPE_CHECKING:  # the operator area's parts are imported when it is attached, after the first screen
    from kiosk.control.fleet_link import FleetLink
    from kiosk.control.operator_controller import OperatorController, OperatorServices
    from kiosk.operator.health import Check
    from kiosk.usage.report import Report

STAFF_NOTICE = both("staff_notice")


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with the bundled fonts loaded."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    load_bundled_fonts()
    return app


@dataclass(frozen=True)
class Kiosk:
    """The resident's kiosk as built: the window, the controller, read aloud and the call for help."""

    shell: KioskShell
    controller: KioskController
    speech: ReadAloud
    help_call: HelpCall
    learning: LearningController
    printer: SlipPrinter
    recorder: UsageRecorder

    @property
    def visit(self) -> Visit:
        return self.controller.visit


def build_kiosk(
    config: KioskConfig,
    catalog: Catalog,
    size: QSize,
    clock: MonotonicClock = time.monotonic,
    recorder: UsageRecorder | None = None,
    speaker: Speaker | None = None,
    wall_clock: WallClock = utc_now,
    printer: SlipPrinter | None = None,
) -> Kiosk:
    """Every part built with what it needs passed in, then wired in one place (`wire`)."""
    visit = Visit(
        catalog, config.default_language, config.text_size_default, clock, ask_confidence=config.confidence_check
    )
    theme = Theme.for_screen(size.width(), size.height(), config.text_size_default, config.high_contrast)
    shell = KioskShell(catalog, visit.categories_with_tutorials(), config.ward_name, theme)  # fixed at `size`
    speaker = speaker if speaker is not None else QtSpeaker(SpeechSettings.from_config(config), shell)
    speech = ReadAloud(speaker, shell.show_read_aloud, config.speech_volume, config.auto_read, shell)
    help_call = HelpCall(config, shell)
    idle = IdleTracker(config.idle_timeout_s, config.idle_countdown_s, clock)
    offset = config.utc_offset
    bulletins = lambda current: current_bulletin(current, wall_clock(), offset)  # noqa: E731 - one expression
    controller = KioskController(visit, idle, speech, help_call, parent=shell, bulletins=bulletins)
    printer = printer if printer is not None else SlipPrinter(config, shell)
    learning = LearningController(controller, printer, config.ward_name, lambda: (wall_clock() + offset).date())
    recorder = recorder if recorder is not None else UsageRecorder(lambda event: None, "unrecorded")  # tour, renders
    kiosk = Kiosk(shell, controller, speech, help_call, learning, printer, recorder)
    wire(kiosk)
    controller.refresh()
    application().installEventFilter(shell.taps)  # taps that forgive a trembling finger, in this window
    return kiosk


def wire(kiosk: Kiosk) -> None:
    """All the resident side's signals, in one place: intents into the controller, announcements out of it."""
    shell, controller, speech = kiosk.shell, kiosk.controller, kiosk.speech
    intents = [
        (shell.started, controller.start_visit),
        (shell.category_chosen, controller.open_category),
        (shell.tutorial_chosen, controller.open_tutorial),
        (shell.answer_chosen, controller.answer),
        (shell.element_tapped, controller.tap),
        (shell.why_requested, controller.toggle_why),
        (shell.again_requested, controller.again),
        (shell.home_requested, controller.go_home),
        (shell.back_requested, controller.back),
        (shell.next_requested, controller.next),
        (shell.jump_requested, controller.jump),
        (shell.volunteer_end_requested, controller.end_volunteer),
        (shell.still_here, controller.still_here),
        (shell.text_size_requested, controller.cycle_text_size),
        (shell.language_requested, controller.toggle_language),
        (shell.help_requested, controller.show_help),
        (shell.read_aloud_requested, controller.read_aloud),
        (shell.volume_down_requested, speech.softer),
        (shell.volume_up_requested, speech.louder),
        (shell.scam_help_requested, controller.open_scam_help),
        (shell.scam_call_requested, controller.call_scam_help),
        (shell.rated_before, kiosk.learning.rate_before),
        (shell.rated_after, kiosk.learning.rate_after),
        (shell.take_home_requested, kiosk.learning.show_tutorial_slip),
        (shell.emergency_slip_requested, kiosk.learning.show_emergency_slip),
        (shell.print_requested, kiosk.learning.print_slip),
        (shell.slip_close_requested, kiosk.learning.close_slip),
    ]
    announcements = [
        (controller.catalog_swapped, shell.set_catalog),
        (controller.screen_changed, lambda model: shell.show_screen(model, controller.visit)),
        (controller.screen_changed, lambda model: record_screen(kiosk.recorder, model)),
        (controller.screen_changed, speech.screen_shown),  # after the shell: the list's page is known by then
        (shell.list_page_shown, speech.page_shown),
        (shell.feedback_split_shown, speech.feedback_split_shown),
        (controller.idle_warning_changed, shell.show_idle_warning),
        (controller.help_shown, shell.show_help),
        (controller.help_requested, kiosk.help_call.ring),
        (controller.idle_reset, shell.hide_overlays),
        (controller.idle_reset, speech.reset),
        (shell.overlay_shown, speech.read_overlay),
        (shell.overlay_dismissed, speech.stop),
        (kiosk.learning.slip_shown, shell.show_slip),
        (kiosk.learning.slip_printing, shell.slip_printing),
        (kiosk.learning.slip_printed, shell.slip_printed),
        (kiosk.learning.slip_closed, shell.hide_slip),
        (controller.idle_reset, kiosk.learning.close_slip),
    ]
    recorder, learning = kiosk.recorder, kiosk.learning
    usage = [  # what the resident did, each to the recorder (it keeps the session's state and makes the event)
        (controller.visit_started, recorder.start_session),
        (controller.visit_ended, recorder.visit_ended),
        (controller.quiz_answered, recorder.quiz_answered),
        (controller.practice_tapped, recorder.practice_tapped),
        (controller.try_finished, recorder.try_finished),
        (controller.assisted_changed, recorder.set_assisted),
        (controller.text_size_changed, recorder.set_text_size),
        (controller.language_changed, recorder.set_language),
        (controller.help_requested, recorder.help_called),
        (controller.scam_help_opened, recorder.scam_help_opened),
        (controller.read_aloud_used, recorder.read_aloud_used),
        (learning.confidence_rated, recorder.confidence_rated),
        (learning.slip_printed, recorder.slip_printed),
    ]
    for signal, slot in [*usage, *intents, *announcements]:
        signal.connect(slot)


WINDOWED_SIZE = QSize(1280, 800)


def follow_screen(kiosk: Kiosk) -> None:
    """Kiosk mode: the window is the screen it is on, now and when that screen changes or is swapped."""
    shell = kiosk.shell
    handle = shell.windowHandle()
    connected: list[QScreen] = []

    def take(screen: QScreen | None) -> None:
        if screen is None:
            return
        if screen not in connected:
            connected.append(screen)
            screen.geometryChanged.connect(lambda _rect, s=screen: _on_geometry(s))
        shell.move(screen.geometry().topLeft())
        if shell.fit_screen(screen.geometry().size()):
            kiosk.controller.refresh()  # the same visit, drawn with the new screen's theme

    def _on_geometry(screen: QScreen) -> None:
        if shell.screen() is screen:
            take(screen)

    take(shell.screen())
    if handle is not None:
        handle.screenChanged.connect(take)


def show_kiosk(kiosk: Kiosk, fullscreen: bool) -> None:
    """Kiosk mode: frameless, full screen, the size of the screen it is on; windowed: the size it was given."""
    shell = kiosk.shell
    if fullscreen:
        shell.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        screen = QApplication.primaryScreen()
        if screen is not None:
            shell.move(screen.geometry().topLeft())
        shell.showFullScreen()
        follow_screen(kiosk)
    else:
        shell.show()


def run(
    config: KioskConfig,
    catalog: Catalog,
    windowed: bool,
    exit_when_ready: bool = False,
    notices: Sequence[str] = (),
    size: tuple[int, int] | None = None,
) -> int:
    claim = claim_single_instance(config)  # a second kiosk exits here, before it opens the usage store
    app = application()
    screen = app.primaryScreen()
    fullscreen = config.fullscreen and not windowed and size is None
    if fullscreen and screen is not None:
        window_size = screen.geometry().size()
    else:
        window_size = QSize(*size) if size is not None else WINDOWED_SIZE
    writer = EventWriter(
        config.data_dir / STORE_FILE,
        retention_days=config.retention_days,
        keep_undelivered=config.upload_endpoint is not None,  # an event stays until the server has it
    )
    recorder = UsageRecorder(
        writer.record, config.kiosk_id, language=config.default_language, text_size=config.text_size_default
    )
    kiosk = build_kiosk(config, catalog, window_size, recorder=recorder)
    shell, controller = kiosk.shell, kiosk.controller
    if notices:  # a broken config or data folder is shown on screen, not only in the journal
        shell.attract.show_notice(STAFF_NOTICE)
    app.installEventFilter(controller)
    probes = (lambda: writer.problem or writer.last_error, kiosk.speech.health_problem)
    hardening = install_hardening(app, shell, controller, config, not fullscreen, claim, probes)
    hardening.add_shutdown_callback(writer.close)
    install_diagnostics(shell, controller)  # off unless $KIOSK_DIAGNOSTICS_FILE is set (tests on real display servers)
    if config.hide_cursor and fullscreen:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    show_kiosk(kiosk, fullscreen)
    if exit_when_ready:
        QTimer.singleShot(0, lambda: _report_ready(hardening, kiosk))
    office = BackOffice(config, catalog, kiosk, hardening, [*notices], writer)
    QTimer.singleShot(0, office.attach)  # right after the first screen: residents never wait for it
    QTimer.singleShot(0, resume_collection)
    code = app.exec()
    office.detach()
    for event_filter in (controller, shell.taps):  # Python filters must not outlive the interpreter's shutdown
        app.removeEventFilter(event_filter)
    writer.close()
    return code


def resume_collection() -> None:
    """main.py pauses the cyclic garbage collector for start-up; from the first screen on it runs again, and
    what start-up built (modules, classes, the catalogue) is frozen out of its scans for good."""
    gc.freeze()
    gc.enable()


class BackOffice:
    """The operator area and the province link, attached just after the first screen is painted (their
    imports, reports, exports and HTTP, are nothing the first screen needs)."""

    def __init__(
        self,
        config: KioskConfig,
        catalog: Catalog,
        kiosk: Kiosk,
        hardening: Hardening,
        notices: list[str],
        writer: EventWriter,
    ) -> None:
        self.config, self.catalog, self.kiosk, self.hardening = config, catalog, kiosk, hardening
        self.notices, self.writer = notices, writer
        self.fleet: FleetLink | None = None
        self.operator: OperatorController | None = None

    def attach(self) -> None:
        from kiosk.control.fleet_link import FleetLink

        config, kiosk, hardening = self.config, self.kiosk, self.hardening
        self.fleet = fleet = FleetLink(kiosk.controller, config, config.data_dir / STORE_FILE)
        hardening.add_shutdown_callback(fleet.stop)
        services = operator_services(config, self.catalog, kiosk, hardening, self.notices, self.writer, fleet)
        self.operator = attach_operator_area(kiosk, services, time.monotonic)
        hardening.app.installEventFilter(self.operator)
        QTimer.singleShot(2000, fleet.start)  # the province link starts once the kiosk is up

    def detach(self) -> None:
        if self.operator is not None:
            self.hardening.app.removeEventFilter(self.operator)
        if self.fleet is not None:
            self.fleet.stop()


def attach_operator_area(kiosk: Kiosk, services: OperatorServices, clock: MonotonicClock) -> OperatorController:
    """The operator area over this kiosk's window, its refused PINs going to the usage log."""
    from kiosk.control.operator_controller import OperatorController

    operator = OperatorController(kiosk.controller, kiosk.shell, services, clock)
    operator.pin_refused.connect(kiosk.recorder.pin_refused)
    return operator


def operator_services(
    config: KioskConfig,
    catalog: Catalog,
    kiosk: Kiosk,
    hardening: Hardening,
    notices: list[str],
    writer: EventWriter,
    fleet: FleetLink,
) -> OperatorServices:
    """Everything the operator area reads and does, from this kiosk's own parts."""
    from kiosk.content.status import content_status
    from kiosk.control.operator_controller import OperatorServices
    from kiosk.operator.health import Check
    from kiosk.operator.pin import PIN_STATE_FILE, PinGuard

    store_path = config.data_dir / STORE_FILE
    offset = config.utc_offset

    def all_checks() -> list[Check]:
        problems = [Check("usage_store", False, p) for p in (writer.problem, writer.last_error) if p]
        problems += [Check("retention", False, p) for p in (writer.retention_paused,) if p]
        problems += [Check("help_call", False, p) for p in kiosk.help_call.problems()]
        return [*hardening.run_checks(), *problems, printer_check(kiosk.printer)]

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

    from kiosk.usage.report import report_from_store
    from kiosk.usage.store import open_reader

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


def printer_check(printer: SlipPrinter) -> Check:
    """The slip printer on the health page: off, ready, or why not (paper out, unplugged, no CUPS queue)."""
    from kiosk.operator.health import check_printer

    ready = printer.kind != "none" and printer.available() and not printer.problem
    return check_printer(printer.kind, ready, printer.problem)


def _report_ready(hardening: Hardening, kiosk: Kiosk) -> None:
    """For bench/startup.py: open the home screen, paint it, say READY, quit."""
    kiosk.controller.start_visit()
    kiosk.shell.repaint()
    print("READY", flush=True)
    hardening.allow_exit()
    hardening.app.quit()
