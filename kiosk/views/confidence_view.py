"""Three faces, one optional tap: how confident the resident feels before and after a tutorial."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
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

    def __init__(self, prefer_stacked: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefer_stacked = prefer_stacked  # the page before a tutorial has the room; the completion has not
        self._theme: Theme | None = None
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
        self.question.setText(model.question)
        for level, words, button in zip(model.levels, model.labels, self.faces, strict=True):
            button.setText(" " + words)
            button.setIcon(icon(f"face_{level}", theme.palette.button_text))
        self._theme = theme
        self.arrange(self.width())

    def arrange(self, width: int) -> None:
        """The three faces side by side when their words fit the width (a row is one glance, and short), else
        one under another; an upright screen prefers them stacked only where the page has the height for it."""
        theme = self._theme
        if theme is None:
            return
        if page_layout(theme.shape).faces_stacked and self.prefer_stacked:
            self._set_icons(theme.icon_px)
            stacked = True
        else:  # a row with the faces drawn, else a row of words only (the faces' words say it), else stacked
            self._set_icons(theme.icon_px)
            stacked = self._row_too_wide(width)
            if stacked:
                self._set_icons(0)
                stacked = self._row_too_wide(width)
                if stacked:
                    self._set_icons(theme.icon_px)
        self.row.setDirection(QHBoxLayout.Direction.TopToBottom if stacked else QHBoxLayout.Direction.LeftToRight)

    def _set_icons(self, size: int) -> None:
        for button in self.faces:
            button.setIconSize(QSize(size, size))

    def words_too_wide(self, width: int) -> bool:
        """Would the three faces' words alone (no pictures) overflow `width` in one row at the current text size?"""
        shown = self.faces[0].iconSize().width()
        self._set_icons(0)
        too_wide = self._row_too_wide(width)
        self._set_icons(shown)
        return too_wide

    def _row_too_wide(self, width: int) -> bool:
        spacing = self.row.spacing()
        wanted = sum(button.sizeHint().width() for button in self.faces) + spacing * (len(self.faces) - 1)
        return wanted > width > 0

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.arrange(event.size().width())


class ConfidenceView(QWidget):
    """The page before a tutorial: the faces, and "Bỏ qua" (skipping costs this one tap)."""

    rated = Signal(object)  # int 1–3, or None for "Bỏ qua"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.faces = FacesRow(prefer_stacked=True)
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
