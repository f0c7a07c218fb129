"""Prints take-home slips: the receipt printer through python-escpos (worker thread), or CUPS through Qt.

`available()` decides whether a Print button is shown at all, so a kiosk never shows a dead one. A failure
becomes a calm message for the resident (from the strings table) and `problem` for the operator's health page.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QObject, QSizeF, QUrl, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.config import KioskConfig
from kiosk.learning.printing import ReceiptQueue, ReceiptTarget
from kiosk.learning.qr import qr_png
from kiosk.learning.slip import Slip
from kiosk.text.strings import ui_text

QR_RESOURCE = "slip-qr-{}.png"


def slip_document(slip: Slip) -> QTextDocument:
    """The slip as a rich-text document for an office printer: real text (searchable, diacritics) and the QRs."""
    document = QTextDocument()
    codes = [slip.checklist_text, *([slip.guide_url] if slip.guide_url else [])]
    for number, text in enumerate(codes):
        image = QImage.fromData(QByteArray(qr_png(text, scale=6)))
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_RESOURCE.format(number)), image)
    document.setHtml(slip_html(slip))
    return document


def slip_html(slip: Slip) -> str:
    e = html.escape
    steps = "".join(f"<li>{e(step)}</li>" for step in slip.steps)
    lesson = f"<p><b>{e(ui_text('slip_remember', slip.language))}: {e(slip.lesson)}</b></p>" if slip.lesson else ""
    hotlines = "".join(f"<p>{e(line)}</p>" for line in slip.hotlines)
    guide = (
        f"<p>{e(ui_text('slip_qr_guide', slip.language))}: {e(slip.guide_url)}</p>"
        f'<p><img src="{QR_RESOURCE.format(1)}" width="160"></p>'
        if slip.guide_url
        else ""
    )
    return (
        f'<div style="font-family: Noto Sans; font-size: 14pt">'
        f"<p>{e(slip.heading)}</p><h1>{e(slip.title)}</h1><ol>{steps}</ol>{lesson}<hr>{hotlines}"
        f"<p>{e(ui_text('slip_qr_checklist', slip.language))}</p>"
        f'<p><img src="{QR_RESOURCE.format(0)}" width="260"></p>{guide}<p>{e(slip.footer)}</p></div>'
    )


def print_document(slip: Slip, printer: QPrinter) -> str | None:
    """Print on a QPrinter (CUPS or PDF); returns the problem, or None once the job was handed over."""
    printer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(12, 12, 12, 12))
    )
    if not printer.isValid():
        return f"printer '{printer.printerName() or 'default'}' is not available"
    document = slip_document(slip)
    document.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.Point).size()))
    document.print_(printer)
    if printer.printerState() is QPrinter.PrinterState.Error:
        return f"printer '{printer.printerName()}' reported an error"
    return None


def print_pdf(slip: Slip, path: Path) -> str | None:
    """The office-printer path into a PDF file (tests, and an operator's sample)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return print_document(slip, printer)


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
        info = QPrinterInfo.printerInfo(self.system_name) if self.system_name else QPrinterInfo.defaultPrinter()
        if info.isNull():
            self.problem = f"no CUPS printer '{self.system_name or 'default'}' (see lpstat -p)"
            return None
        return info

    def print_slip(self, slip: Slip) -> bool:
        """Start printing; False if nothing could start (the view then says so calmly)."""
        if self.queue is not None:
            return self.queue.submit(slip, self._from_thread)
        info = self._system_printer() if self.kind == "system" else None
        if info is None:
            return False
        self._record(print_document(slip, QPrinter(info, QPrinter.PrinterMode.HighResolution)))
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
