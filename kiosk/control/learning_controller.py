"""The resident's intents of learning that lasts: confidence faces, the take-home slip and its printing.

Kept apart from `KioskController` (which owns navigation, idle and help) so neither grows a second job. It
changes the visit only through `Visit` methods, redraws by asking the kiosk controller to announce the screen,
and announces the slip overlay through its own signals; it touches no widget (wired in `kiosk.app.wire`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.control.controller import KioskController
from kiosk.control.slip_printer import SlipPrinter
from kiosk.core.navigation import Screen
from kiosk.learning.slip import Slip, emergency_slip, tutorial_slip
from kiosk.system.clock import LocalCalendar


class LearningController(QObject):
    slip_shown = Signal(object, bool)  # the Slip, and whether a Print button is offered (a printer is there)
    slip_printing = Signal()  # the slip went to the printer
    slip_printed = Signal(object)  # None when it printed, else the reason (the overlay says it calmly)
    slip_closed = Signal()
    confidence_rated = Signal(object, object, int)  # tutorial id, the face before (or None), the face after

    def __init__(
        self,
        controller: KioskController,
        printer: SlipPrinter | None,
        ward: str,
        today: LocalCalendar,
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.printer = printer
        self.ward = ward
        self.today = today
        self.slip: Slip | None = None  # the slip on show, if any
        if printer is not None:
            printer.finished.connect(self.printed)

    def rate_before(self, level: int | None) -> None:
        """A face (or "Bỏ qua", None) before the tutorial: the tutorial starts."""
        self.controller.visit.rate_before(level)
        self.controller.refresh()

    def rate_after(self, level: int) -> None:
        """A face on the completion screen: one `confidence_rated` event with both faces."""
        visit = self.controller.visit
        pair = visit.rate_after(level)
        if pair is not None:
            before, after = pair
            self.confidence_rated.emit(visit.route.tutorial_id, before, after)
            self.controller.refresh()

    def show_tutorial_slip(self) -> None:
        """ "Mang về" on the completion screen: the tutorial's own steps (never a warm-up step)."""
        visit = self.controller.visit
        session = visit.player
        if session is not None and visit.route.screen is Screen.COMPLETE:
            tutorial = visit.catalog.tutorial(session.tutorial.id)
            self._show(tutorial_slip(tutorial, visit.language, self.ward, self.today()))

    def show_emergency_slip(self) -> None:
        self._show(emergency_slip(self.controller.visit.language, self.ward, self.today()))

    def _show(self, slip: Slip) -> None:
        self.slip = slip
        self.slip_shown.emit(slip, self.printer is not None and self.printer.available())

    def close_slip(self) -> None:
        self.slip = None
        self.slip_closed.emit()

    def print_slip(self) -> None:
        if self.slip is None or self.printer is None:
            return
        self.slip_printing.emit()
        if not self.printer.print_slip(self.slip):
            self.slip_printed.emit(self.printer.problem or "the printer is busy")

    def printed(self, problem: str | None) -> None:
        self.slip_printed.emit(problem)
