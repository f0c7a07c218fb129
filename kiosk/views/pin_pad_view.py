"""A big PIN pad for the operator and volunteer areas: digits shown as dots, never as numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from kiosk.content.models import Language
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.widgets import column, label, layout_of

MAX_DIGITS = 8


class PinPadView(QWidget):
    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._digits = ""
        self.title = label("", "heading")
        self.prompt = label("", "body")
        self.dots = label("", "heading", wrap=False)
        self.message = label("", "body")
        for widget in (self.title, self.prompt, self.dots, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for index, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]):
            button = QPushButton(key)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, pressed=key: self._press(pressed))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        self.keys["ok"].setProperty("role", "primary")
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self._cancel)
        self.grid = grid
        pad = QHBoxLayout()
        pad.addStretch(1)
        pad.addLayout(grid)
        pad.addStretch(1)
        layout = column(self)
        layout.addStretch(1)
        for widget in (self.title, self.prompt, self.dots, self.message):
            layout.addWidget(widget)
        layout.addLayout(pad)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def start(self, theme: Theme, language: Language, title_key: str = "pin_title") -> None:
        self._digits = ""
        self.title.setText(ui_text(title_key, language))
        self.prompt.setText(ui_text("pin_prompt", language))
        self.keys["clear"].setText(ui_text("pin_clear", language))
        self.keys["ok"].setText(ui_text("pin_ok", language))
        self.cancel.setText(ui_text("pin_cancel", language))
        self.message.setText("")
        size = theme.px(130)
        for button in self.keys.values():
            button.setFixedSize(size * 3 // 2, size)
            button.setStyleSheet(f"font-size: {theme.heading_px}px;")
        self.cancel.setFixedSize(size * 3, theme.target_px)
        self.grid.setSpacing(theme.gap_px)
        layout_of(self).setSpacing(theme.gap_px)
        self._show_dots()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def set_locked(self, locked: bool) -> None:
        for key, button in self.keys.items():
            button.setEnabled(not locked or key == "clear")

    def _press(self, key: str) -> None:
        if key == "clear":
            self._digits = ""
        elif key == "ok":
            if self._digits:
                digits, self._digits = self._digits, ""
                self._show_dots()
                self.pin_entered.emit(digits)
            return
        elif len(self._digits) < MAX_DIGITS:
            self._digits += key
        self._show_dots()

    def _cancel(self) -> None:
        self._digits = ""
        self.cancelled.emit()

    def _show_dots(self) -> None:
        self.dots.setText("● " * len(self._digits) if self._digits else "—")
