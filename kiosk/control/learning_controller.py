"""The resident's intents of learning that lasts: confidence faces, the take-home slip and its printing.

Kept apart from `KioskController` (which owns navigation, idle and help) so neither grows a second job; it
changes the visit only through `Visit` methods and redraws through the kiosk controller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.control.controller import KioskController
from kiosk.control.slip_printer import SlipPrinter
from kiosk.core.navigation import Screen
from kiosk.learning.slip import Slip, emergency_slip, tutorial_slip


class LearningController(QObject):
    def __init__(
        self,
        controller: KioskController,
        printer: SlipPrinter | None,
        ward: str,
        today: Callable[[], dt.date],
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.printer = printer
        self.ward = ward
        self.today = today
        shell = controller.shell
        shell.confidence.rated.connect(self.rate_before)
        shell.completion.rated_after.connect(self.rate_after)
        shell.header.take_home.clicked.connect(self.show_tutorial_slip)
        shell.scam_help.slip_requested.connect(self.show_emergency_slip)
        shell.slip.print_requested.connect(self.print_slip)
        shell.slip.closed.connect(shell.slip.hide)
        if printer is not None:
            printer.finished.connect(self.printed)

    def rate_before(self, level: int | None) -> None:
        self.controller.visit.rate_before(level)
        self.controller.refresh()

    def rate_after(self, level: int) -> None:
        visit = self.controller.visit
        pair = visit.rate_after(level)
        if pair is not None:
            before, after = pair
            self.controller.recorder.record(
                "confidence_rated",
                tutorial_id=visit.route.tutorial_id,
                confidence_before=before,
                confidence_after=after,
            )
            self.controller.refresh()

    def show_tutorial_slip(self) -> None:
        session = self.controller.visit.player
        if session is not None and self.controller.visit.route.screen is Screen.COMPLETE:
            catalog = self.controller.visit.catalog
            tutorial = catalog.tutorial(session.tutorial.id)  # the content's own, without a warm-up step
            self._show(tutorial_slip(tutorial, self.controller.visit.language, self.ward, self.today()))

    def show_emergency_slip(self) -> None:
        self._show(emergency_slip(self.controller.visit.language, self.ward, self.today()))

    def _show(self, slip: Slip) -> None:
        can_print = self.printer is not None and self.printer.available()
        self.controller.shell.slip.present(slip, self.controller.shell.theme, can_print)

    def print_slip(self) -> None:
        slip = self.controller.shell.slip.slip
        if slip is None or self.printer is None:
            return
        self.controller.shell.slip.printing()
        if not self.printer.print_slip(slip):
            self.controller.shell.slip.printed(self.printer.problem or "the printer is busy")

    def printed(self, problem: str | None) -> None:
        self.controller.shell.slip.printed(problem)
        if problem is None:
            self.controller.recorder.record("slip_printed")
