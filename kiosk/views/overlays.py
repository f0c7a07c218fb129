"""Full-window overlays: the idle warning with its countdown, and the help message with its flashing signal."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.screen_model import Overlay as OverlayModel
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import label, layout_of, restyle

COUNTDOWN_REF_PX = 200  # the idle countdown's digits on the reference panel: five times body text


class Overlay(QWidget):
    """Dims the screen and shows one card with one message and one huge button."""

    dismissed = Signal()
    appeared = Signal()  # once when it comes up, not on every countdown tick: read aloud speaks it then

    def __init__(self, icon_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = parent
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.icon_name = icon_name
        self.model = OverlayModel("", "", "")
        self.card = QFrame()
        self.card.setObjectName("OverlayCard")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.symbol = QLabel()
        self.symbol.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label("", "heading")
        self.body = label("", "body")
        self.button = QPushButton()
        self.button.setProperty("role", "primary")
        self.button.clicked.connect(self.dismissed)
        card_layout = QVBoxLayout(self.card)
        for widget in (self.symbol, self.title, self.body, self.button):
            card_layout.addWidget(widget)
        for widget in (self.title, self.body):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def present(self, theme: Theme, model: OverlayModel) -> None:
        appearing = self.isHidden()
        self.model = model
        title, body, button = model.title, model.body, model.button
        pad = theme.px(56)
        layout_of(self.card).setContentsMargins(pad, pad, pad, pad)
        layout_of(self.card).setSpacing(theme.px(30))
        self.card.setFixedWidth(min(theme.px(1300), self.host.width() - 2 * theme.margin_px))
        size = theme.px(110)
        self.symbol.setPixmap(icon(self.icon_name, theme.palette.ring).pixmap(size, size))
        self.title.setText(title)
        self.body.setText(body)
        self.button.setText(button)
        self.button.setStyleSheet(f"font-size: {theme.heading_px}px; min-height: {theme.px(140)}px;")
        inner_width = self.card.width() - 2 * pad
        for text in (self.title, self.body):
            text.setMinimumHeight(text.heightForWidth(inner_width))
        self.setGeometry(self.host.rect())
        self.show()
        self.raise_()
        if appearing:
            self.appeared.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        event.accept()  # a tap beside the card must not reach the screen below


class IdleWarning(Overlay):
    """ "Are you still there?" with the seconds left as one huge number, readable from a step back."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("clock", parent)
        self.countdown = QLabel()
        self.countdown.setObjectName("Countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unit = label("", "body", wrap=False)
        self.unit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_layout = self.card.layout()
        assert isinstance(card_layout, QVBoxLayout)
        card_layout.insertWidget(2, self.countdown)
        card_layout.insertWidget(3, self.unit)

    def show_overlay(self, theme: Theme, model: OverlayModel) -> None:
        self.countdown.setText(model.countdown)
        self.countdown.setStyleSheet(
            f"font-size: {theme.text_px(COUNTDOWN_REF_PX)}px; font-weight: bold; color: {theme.palette.text};"
        )
        self.countdown.setMinimumHeight(round(theme.text_px(COUNTDOWN_REF_PX) * 1.25))
        self.unit.setText(model.unit)
        self.present(theme, model)


class HelpMessage(Overlay):
    """A calm message for the resident, and a banner flashing "CẦN HỖ TRỢ" for a volunteer across the room.

    One more choice under it: "Tôi nghĩ mình bị lừa" (`scam_chosen`) opens the emergency path.
    """

    scam_chosen = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__("help", parent)
        self.scam = QPushButton()
        self.scam.setProperty("role", "danger")
        self.scam.clicked.connect(self.scam_chosen)
        self.signal = label("", "heading", wrap=False)
        self.signal.setObjectName("HelpSignal")
        self.signal.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_layout = self.card.layout()
        assert isinstance(card_layout, QVBoxLayout)
        card_layout.insertWidget(0, self.signal)
        card_layout.insertWidget(card_layout.indexOf(self.button), self.scam)
        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(1000)  # 1 Hz: seen across the room, far below any flash-risk rate
        self.flash_timer.timeout.connect(self.flash)

    def show_help(self, theme: Theme, model: OverlayModel) -> None:
        self.signal.setText(model.signal)
        self._set_phase("on")
        self.scam.setText(model.scam_button)
        self.scam.setVisible(bool(model.scam_button))
        self.scam.setMinimumHeight(theme.target_px)
        self.scam.setStyleSheet(f"font-size: {theme.body_px}px;")  # as large as the message it stands under
        self.present(theme, model)
        self.flash_timer.start()

    def flash(self) -> None:
        self._set_phase("off" if self.signal.property("phase") == "on" else "on")

    def _set_phase(self, phase: str) -> None:
        self.signal.setProperty("phase", phase)
        restyle(self.signal)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        if hasattr(self, "flash_timer"):  # Overlay.__init__ hides the widget before the timer exists
            self.flash_timer.stop()  # the timer runs only while the message shows: idle CPU stays low
        super().hideEvent(event)
