"""Three faces, one optional tap: how confident the resident feels before and after a tutorial."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.screen_model import Confidence, Faces
from kiosk.learning.rules import CONFIDENCE_LEVELS
from kiosk.text.screen_shape import page_layout
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import column, label, layout_of


class FacesRow(QWidget):
    """The question and three big face buttons; `rated(level)` with 1 chưa tự tin, 2 tạm được, 3 tự tin."""

    rated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = label("", "heading")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.faces = [QPushButton() for _ in CONFIDENCE_LEVELS]
        row = QHBoxLayout()
        for level, button in zip(CONFIDENCE_LEVELS, self.faces, strict=True):
            button.setProperty("role", "big")
            button.clicked.connect(lambda _=False, chosen=level: self.rated.emit(chosen))
            row.addWidget(button)
        self.row = row
        layout = column(self)
        layout.addWidget(self.question)
        layout.addLayout(row)

    def show_state(self, theme: Theme, model: Faces) -> None:
        layout_of(self).setSpacing(theme.px(24))
        self.row.setSpacing(theme.px(28))
        stacked = page_layout(theme.shape).faces_stacked  # a portrait screen: the faces one under another
        self.row.setDirection(QHBoxLayout.Direction.TopToBottom if stacked else QHBoxLayout.Direction.LeftToRight)
        self.question.setText(model.question)
        size = theme.icon_px
        for level, words, button in zip(model.levels, model.labels, self.faces, strict=True):
            button.setText(" " + words)
            button.setIcon(icon(f"face_{level}", theme.palette.button_text))
            button.setIconSize(QSize(size, size))


class ConfidenceView(QWidget):
    """The page before a tutorial: the faces, and "Bỏ qua" (skipping costs this one tap)."""

    rated = Signal(object)  # int 1–3, or None for "Bỏ qua"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.faces = FacesRow()
        self.faces.rated.connect(lambda level: self.rated.emit(level))
        self.skip = QPushButton()
        self.skip.setProperty("role", "big")
        self.skip.clicked.connect(lambda: self.rated.emit(None))
        layout = column(self)
        layout.addStretch(1)
        layout.addWidget(self.faces)
        layout.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def show_state(self, theme: Theme, model: Confidence) -> None:
        margin = theme.margin_px
        layout_of(self).setContentsMargins(margin, theme.px(24), margin, theme.px(24))
        layout_of(self).setSpacing(theme.px(48))
        self.faces.show_state(theme, model.faces)
        self.skip.setText(model.skip)
        self.skip.setMinimumWidth(theme.px(360))
