"""Prints take-home slips: the receipt printer through python-escpos (worker thread), or CUPS through Qt.

`available()` decides whether a Print button is shown at all, so a kiosk never shows a dead one. A failure
becomes a calm message for the resident (from the strings table) and `problem` for the operator's health page.
The CUPS path (`office_print`, Qt's print support) is loaded the first time it is needed, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.config import KioskConfig
from kiosk.learning.printing import ReceiptQueue, ReceiptTarget
from kiosk.learning.slip import Slip

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinterInfo


class SlipPrinter(QObject):
    """The configured printer, or none; `finished(problem)` after each print (None: printed)."""

    finished = Signal(object)

    def __init__(self, config: KioskConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = config.printer
        self.system_name = config.system_printer
        self.problem = ""
        self.queue = (
            ReceiptQueue(ReceiptTarget.parse(config.receipt_printer), config.receipt_width_dots)
            if config.printer == "receipt"
            else None
        )
        self._results: list[str | None] = []
        self._relay.connect(self._deliver)

    _relay = Signal()  # from the print thread to the GUI thread (queued across threads)

    def available(self) -> bool:
        """Worth a Print button: a configured printer that is there right now."""
        if self.queue is not None:
            missing = self.queue.target.missing()
            if missing:
                self.problem = missing
            return missing is None
        if self.kind == "system":
            return self._system_printer() is not None
        return False

    def _system_printer(self) -> QPrinterInfo | None:
        from kiosk.control.office_print import system_printer

        info = system_printer(self.system_name)
        if info is None:
            self.problem = f"no CUPS printer '{self.system_name or 'default'}' (see lpstat -p)"
        return info

    def print_slip(self, slip: Slip) -> bool:
        """Start printing; False if nothing could start (the view then says so calmly)."""
        if self.queue is not None:
            return self.queue.submit(slip, self._from_thread)
        info = self._system_printer() if self.kind == "system" else None
        if info is None:
            return False
        from kiosk.control.office_print import print_on

        self._record(print_on(slip, info))
        return True

    def _from_thread(self, problem: str | None) -> None:
        self._results.append(problem)
        self._relay.emit()

    def _deliver(self) -> None:
        while self._results:
            self._record(self._results.pop(0))

    def _record(self, problem: str | None) -> None:
        self.problem = problem or ""
        self.finished.emit(problem)
