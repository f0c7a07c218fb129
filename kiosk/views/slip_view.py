"""The take-home slip on screen: the steps, the lesson, the hotlines and the QR codes to photograph or scan.

The Print button exists only when a printer is there right now; otherwise the slip is the QR on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.learning.qr import modules_across, qr_png
from kiosk.learning.slip import Slip
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import Banner, fit_text, label, layout_of


def qr_pixmap(text: str, width: int) -> QPixmap:
    """The code at a whole number of pixels per module (sharp for any camera), at most `width` wide."""
    scale = max(2, width // modules_across(text))
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(qr_png(text, scale)), "PNG")
    return pixmap


class SlipOverlay(QWidget):
    """Dims the screen and shows the slip; `print_requested` and `closed` are the resident's two choices."""

    print_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = parent
        self.slip: Slip | None = None
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QFrame()
        self.card.setObjectName("OverlayCard")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = label("", "heading")
        self.lines = label("", "body")
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.lesson = label("", "body")
        self.lesson.setTextFormat(Qt.TextFormat.PlainText)
        self.hotlines = label("", "small")
        self.hotlines.setTextFormat(Qt.TextFormat.PlainText)
        self.status = Banner()
        self.qr = QLabel()
        self.qr_caption = label("", "body")
        self.guide_qr = QLabel()
        self.guide_caption = label("", "small")
        self.guide_caption.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setProperty("role", "primary")
        self.print_button.clicked.connect(self.print_requested)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.closed)
        self._build()
        self.hide()

    def _build(self) -> None:
        self.words = QWidget()
        words = QVBoxLayout(self.words)
        words.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.lines, self.lesson, self.hotlines):
            words.addWidget(widget)
        words.addStretch(1)
        codes = QVBoxLayout()
        for part in (self.qr, self.qr_caption, self.status):
            codes.addWidget(part, 0, Qt.AlignmentFlag.AlignHCenter)
        codes.addStretch(1)
        self.guide_box = QWidget()  # the official guide's address, beside the checklist code (below it, upright)
        guide = QVBoxLayout(self.guide_box)
        guide.setContentsMargins(0, 0, 0, 0)
        for part in (self.guide_qr, self.guide_caption):
            guide.addWidget(part, 0, Qt.AlignmentFlag.AlignHCenter)
        guide.addStretch(1)
        codes_row = QHBoxLayout()  # the two codes side by side, whatever the screen's shape
        codes_row.addLayout(codes, 2)
        codes_row.addWidget(self.guide_box, 1)
        self.body_row = QHBoxLayout()
        self.body_row.addWidget(self.words, 2)  # the words get the room: the codes keep their own fixed size
        self.body_row.addLayout(codes_row, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        card = QVBoxLayout(self.card)
        card.addLayout(self.body_row, 1)
        card.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addWidget(self.card)

    def present(self, slip: Slip, theme: Theme, can_print: bool) -> None:
        self.slip = slip
        language = slip.language
        pad = theme.px(40)
        layout_of(self).setContentsMargins(theme.margin_px, theme.px(30), theme.margin_px, theme.px(30))
        layout_of(self.card).setContentsMargins(pad, pad, pad, pad)
        layout_of(self.card).setSpacing(theme.px(24))
        portrait = self.host.height() > self.host.width()
        self.body_row.setDirection(QHBoxLayout.Direction.TopToBottom if portrait else QHBoxLayout.Direction.LeftToRight)
        self.body_row.setStretch(0, 2)  # the words get the room; the codes keep their own size
        self.body_row.setStretch(1, 0 if portrait else 1)
        self.title.setText(slip.title)
        self.lines.setText("\n".join(f"{number}. {step}" for number, step in enumerate(slip.steps, start=1)))
        self.lesson.setVisible(slip.lesson is not None)
        self.lesson.setText(f"{ui_text('slip_remember', language)}: {slip.lesson}")
        self.lesson.setStyleSheet("font-weight: bold;")
        self.hotlines.setText("\n".join([*slip.hotlines, slip.footer]))
        # A 480-byte code (version 17, 93 modules with its margin) at 3 px a module or more; upright, the
        # words are above the codes and need the height, so the code is a little smaller, its caption wider.
        side = theme.px(300 if portrait else 340)
        self.qr.setPixmap(qr_pixmap(slip.checklist_text, side))
        self.qr.setMinimumSize(self.qr.pixmap().size())  # a code is never squeezed: a cut code does not scan
        self.qr_caption.setText(ui_text("slip_qr_checklist" if can_print else "slip_no_printer", language))
        for caption in (self.qr_caption, self.guide_caption):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for part in (self.qr_caption, self.status):
            part.setFixedWidth(theme.px(460) if portrait else side)
        self.guide_box.setVisible(slip.guide_url is not None)
        if slip.guide_url:
            self.guide_qr.setPixmap(qr_pixmap(slip.guide_url, theme.px(180)))
            self.guide_qr.setMinimumSize(self.guide_qr.pixmap().size())
            self.guide_caption.setFixedWidth(theme.px(260))
            # A break opportunity after each dot: a long address wraps between its parts, never is cut.
            address = slip.guide_url.removeprefix("https://").replace(".", ".\u200b").replace("/", "/\u200b")
            self.guide_caption.setText(f"{ui_text('slip_qr_guide', language)}:\n{address}")
        self.print_button.setVisible(can_print)
        self.print_button.setEnabled(True)
        self.print_button.setText(" " + ui_text("slip_print", language))
        self.print_button.setIcon(icon("print", theme.palette.primary_text))
        self.close_button.setText(ui_text("slip_close", language))
        self._theme = theme
        self.show_status("", "info")
        self.setGeometry(self.host.rect())
        self.show()
        self.raise_()
        for caption in (self.qr_caption, self.guide_caption):
            caption.setMinimumHeight(max(0, caption.heightForWidth(caption.width() if caption.width() > 0 else side)))
        layout_of(self).activate()
        layout_of(self.card).activate()
        self._fit()
        QTimer.singleShot(0, self._fit)  # again once the codes' captions have taken their height

    def _fit(self) -> None:
        if self._theme is not None and self.isVisible():
            fit_text(self.card, self._theme, [(self.words, self.words.height())])

    def show_status(self, text: str, tone: str) -> None:
        """Printing, printed, or the calm message when the printer cannot print."""
        theme = self._theme
        if not text:
            self.status.hide()
            return
        colours = {"info": theme.palette.button_text, "success": theme.palette.success_text}
        symbol = {"info": "info", "success": "check", "hint": "lightbulb"}[tone]
        self.status.show_message(theme, tone, symbol, colours.get(tone, theme.palette.hint_text), text)

    def printing(self) -> None:
        if self.slip is not None:
            self.print_button.setEnabled(False)
            self.show_status(ui_text("slip_printing", self.slip.language), "info")

    def printed(self, problem: str | None) -> None:
        """The print job's end: the resident never sees the technical reason, only what to do instead."""
        if self.slip is None:
            return
        language = self.slip.language
        self.print_button.setEnabled(problem is None)
        if problem is None:
            self.show_status(ui_text("slip_printed", language), "success")
        else:
            self.print_button.hide()
            self.show_status(ui_text("slip_print_failed", language), "hint")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        event.accept()  # a tap beside the card must not reach the screen below
