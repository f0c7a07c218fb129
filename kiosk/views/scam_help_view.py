""" "Tôi nghĩ mình bị lừa": a calm checklist of what to do right now, a volunteer call, and the slip to take."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from kiosk.core.screen_model import ScamHelp
from kiosk.learning.slip import EMERGENCY_STEPS
from kiosk.text.screen_shape import page_layout
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import column, fit_text, label, layout_of, restyle


class ScamBanner(QWidget):
    """The volunteer's cue across the room: red, its own words, slowly blinking (1 Hz) — distinct from "CẦN HỖ TRỢ"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = label("", "heading")  # wraps on a narrow upright screen in large text
        self.text.setObjectName("ScamBanner")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column(self).addWidget(self.text)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.flash)

    def start(self, words: str) -> None:
        self.text.setText(words)
        self._set_phase("on")
        self.timer.start()

    def flash(self) -> None:
        self._set_phase("off" if self.text.property("phase") == "on" else "on")

    def _set_phase(self, phase: str) -> None:
        self.text.setProperty("phase", phase)
        restyle(self.text)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        self.timer.stop()
        super().hideEvent(event)


class ScamHelpView(QWidget):
    call_requested = Signal()
    slip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._theme: Theme | None = None
        self.banner = ScamBanner()
        self.calm = label("", "body")
        self.items = [label("", "body") for _ in EMERGENCY_STEPS]
        self.lesson = label("", "body")
        self.lesson.setStyleSheet("font-weight: bold;")
        self.call = QPushButton()
        self.call.setProperty("role", "help")
        self.call.clicked.connect(self.call_requested)
        self.take = QPushButton()
        self.take.setProperty("role", "primary")
        self.take.clicked.connect(self.slip_requested)
        self.buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.buttons.addWidget(self.call)
        self.buttons.addWidget(self.take)
        self.words = QWidget()
        words = column(self.words)
        for widget in (self.calm, *self.items, self.lesson):
            words.addWidget(widget)
        layout = column(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.words, 1)
        layout.addLayout(self.buttons)

    def show_state(self, theme: Theme, model: ScamHelp) -> None:
        palette = theme.palette
        margin = theme.margin_px
        layout_of(self).setContentsMargins(margin, theme.px(12), margin, theme.px(12))
        layout_of(self).setSpacing(theme.px(12))
        layout_of(self.words).setSpacing(theme.px(6))
        self.buttons.setSpacing(theme.px(32))
        stacked = page_layout(theme.shape).scam_buttons_stacked
        self.buttons.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
        self.banner.start(model.banner)
        self.calm.setText(model.calm)
        for item, words in zip(self.items, model.steps, strict=True):
            item.setText(words)
        self.lesson.setText(model.lesson)
        size = QSize(theme.icon_px, theme.icon_px)
        # Once called, the button itself says so (and cannot call twice): the volunteer is on the way.
        self.call.setText(" " + model.call)
        self.call.setIcon(icon("check" if model.called else "help", palette.help_text))
        self.call.setEnabled(not model.called)
        self.take.setText(" " + model.take_home)
        self.take.setIcon(icon("take_home", palette.primary_text))
        for button in (self.call, self.take):
            button.setIconSize(size)
        self._theme = theme
        self._fit()

    def _fit(self) -> None:
        if self._theme is not None and self.words.height() > 0:
            fit_text(self, self._theme, [(self.words, self.words.height())])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()
