"""The attract screen: calm, bilingual, one huge invitation to touch; the whole screen is the button."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import Banner, fit_text, label, layout_of


class AttractView(QWidget):
    started = Signal()

    def __init__(self, ward_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setProperty("touch_target", True)  # the whole screen is the button
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hand = QLabel()
        self.hand.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(ui_text("app_name", "vi"), "heading")
        self.subtitle = label(ui_text("attract_title", "vi"), "body")
        self.touch = label(ui_text("attract_touch", "vi"), "heading")
        self.touch_en = label(ui_text("attract_touch_other", "vi"), "body")
        self.free = label(ui_text("attract_free", "vi"), "small")
        self.ward = label(ward_name, "body")
        self.ward.setVisible(bool(ward_name))
        self.notice = label("", "small")  # a start-up problem staff must see (a broken config): never silent
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.bulletin = Banner()  # the ward's scam bulletin while it is valid (bilingual, like the invitation)
        self.bulletin.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.title, self.subtitle, self.ward, self.hand, self.touch, self.touch_en, self.free):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.bulletin)
        layout.addStretch(2)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.notice)
        # A slow, gentle hint: the hand grows and shrinks every 1.5 s; cheap enough for the idle-CPU budget.
        self._big = True
        self._theme: Theme | None = None
        self._hint = QTimer(self)
        self._hint.setInterval(1500)
        self._hint.timeout.connect(self._breathe)

    def show_notice(self, text: str) -> None:
        """A small line at the bottom for staff; empty text hides it."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        margin = theme.margin_px
        layout_of(self).setContentsMargins(margin, margin, margin, margin)
        layout_of(self).setSpacing(theme.gap_px)
        self._draw_hand()

    def show_bulletin(self, text: str) -> None:
        """The ward's bulletin while valid (the screen model decides: calendar and a clock that can be trusted)."""
        theme = self._theme
        if not text or theme is None:
            self.bulletin.hide()
            return
        self.bulletin.show_message(theme, "hint", "megaphone", theme.palette.hint_text, text)
        self._fit()

    def _fit(self) -> None:
        if self._theme is not None and self.height() > 0:
            fit_text(self, self._theme, [(self, self.height())])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.bulletin.isVisible():
            self._fit()

    def _draw_hand(self) -> None:
        if self._theme is None:
            return
        size = self._theme.px(200 if self._big else 170)
        self.hand.setPixmap(icon("touch", self._theme.palette.ring).pixmap(size, size))
        self.hand.setFixedHeight(self._theme.px(220))

    def _breathe(self) -> None:
        self._big = not self._big
        self._draw_hand()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        self._hint.start()

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        self._hint.stop()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.started.emit()
