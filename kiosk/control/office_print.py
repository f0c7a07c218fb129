"""Office-printer slips: the slip as a rich-text document with its QR codes, printed through CUPS by Qt.

Its own module because Qt's print support is a library of its own (about 20 ms to load): it is loaded when a
slip is first printed on a system printer, never at start-up.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QByteArray, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

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


def system_printer(name: str) -> QPrinterInfo | None:
    """The named CUPS printer (empty: the default one), or None when there is none."""
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    return None if info.isNull() else info


def print_on(slip: Slip, info: QPrinterInfo) -> str | None:
    """Print on a CUPS printer; the problem, or None once the job was handed over."""
    return print_document(slip, QPrinter(info, QPrinter.PrinterMode.HighResolution))
