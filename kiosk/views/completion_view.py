"""The completion screen: praise, the score of a scam round, the one lesson, and where to go next."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QWidget

from kiosk.core.screen_model import Completion
from kiosk.text.screen_shape import page_layout
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.confidence_view import FacesRow
from kiosk.views.icons import icon
from kiosk.views.widgets import Banner, column, column_overflows, fit_text, label, layout_of


class CompletionView(QWidget):
    again_requested = Signal()
    next_lesson_requested = Signal(str)
    home_requested = Signal()
    rated_after = Signal(int)  # a confidence face at the end (optional)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._next_id = ""
        self._asking = False
        self._theme: Theme | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.star = QLabel()
        self.star.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label("", "heading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tutorial_title = label("", "body")
        self.tutorial_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.score = label("", "heading")
        self.score.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lesson = Banner()
        self.faces = FacesRow()
        self.faces.rated.connect(self.rated_after)
        self.again = QPushButton()
        self.next_lesson = QPushButton()
        self.home = QPushButton()
        for button in (self.again, self.next_lesson, self.home):
            button.setProperty("role", "big")
        self.home.setProperty("role", "big")
        self.again.clicked.connect(self.again_requested)
        self.home.clicked.connect(self.home_requested)
        self.next_lesson.clicked.connect(lambda: self.next_lesson_requested.emit(self._next_id))
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for button in (self.again, self.next_lesson, self.home):
            buttons.addWidget(button)
        self.buttons = buttons
        layout = column(self)
        layout.addStretch(1)
        for widget in (self.star, self.title, self.tutorial_title, self.score, self.lesson, self.faces):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_state(self, model: Completion, theme: Theme) -> None:
        palette, language = theme.palette, model.language
        margin = theme.px(120 if theme.shape.value == "wide" else 48)
        layout_of(self).setContentsMargins(margin, theme.px(24), margin, theme.px(24))
        layout_of(self).setSpacing(theme.px(26))
        self.buttons.setSpacing(theme.px(32))
        size = theme.px(130)
        self.star.setPixmap(
            icon("check", palette.primary_bg if not theme.high_contrast else palette.ring).pixmap(size, size)
        )
        self.title.setText(model.title)
        self.tutorial_title.setText(model.tutorial_title)
        self.score.setVisible(bool(model.score))
        self.score.setText(model.score)
        if model.lesson is not None:
            lesson = model.lesson
            self.lesson.show_message(theme, lesson.tone, lesson.symbol, palette.success_text, lesson.text)
        else:
            self.lesson.hide()
        # With the faces: the words still say well done; the header above already names the tutorial.
        self._asking = model.faces is not None
        self.tutorial_title.setVisible(not self._asking)
        self.faces.setVisible(self._asking)
        if model.faces is not None:
            self.faces.show_state(theme, model.faces)
        self._next_id = model.next_tutorial_id or ""
        self.next_lesson.setVisible(model.next_tutorial_id is not None)
        icon_size = QSize(theme.icon_px, theme.icon_px)
        for button, key, symbol in (
            (self.again, "again", "restart"),
            (self.next_lesson, "next_lesson", "next"),
            (self.home, "go_home", "home"),
        ):
            button.setText(" " + ui_text(key, language))
            button.setIcon(icon(symbol, palette.button_text))
            button.setIconSize(icon_size)
        self._theme = theme
        self._fit()

    def _fit(self) -> None:
        """Buttons in a row if their words fit (shrinking text towards 100 %), else stacked; then tighter."""
        theme = self._theme
        if theme is None or self.height() <= 0:
            return
        page: list[tuple[QWidget, int]] = [(self, self.height())]
        self.star.setVisible(not self._asking)  # the faces need the room
        layout_of(self).setSpacing(theme.px(26))
        stacked = page_layout(theme.shape).completion_buttons_stacked
        self._stack_buttons(stacked)
        self._arrange_faces()
        fit_text(self, theme, page, too_wide=lambda: (not stacked and self._row_too_wide()) or self._faces_too_wide())
        self._arrange_faces()  # the text may have shrunk: the faces fit in a row now
        if not stacked and self._row_too_wide():
            self._stack_buttons(True)
            fit_text(self, theme, page)
        if column_overflows(self, self.height()):
            layout_of(self).setSpacing(theme.px(10))
        if column_overflows(self, self.height()):
            self.star.hide()  # the praise stays in words; the picture goes first

    def _room(self) -> int:
        margins = layout_of(self).contentsMargins()
        return self.width() - margins.left() - margins.right()

    def _arrange_faces(self) -> None:
        if self._asking:
            self.faces.arrange(self._room())

    def _faces_too_wide(self) -> bool:
        """The faces belong in one row here (stacked, they push the buttons off the page): shrink the text first."""
        return self._asking and self.faces.words_too_wide(self._room())

    def _stack_buttons(self, stacked: bool) -> None:
        direction = QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        self.buttons.setDirection(direction)

    def _row_too_wide(self) -> bool:
        margins = layout_of(self).contentsMargins()
        room = self.width() - margins.left() - margins.right()
        shown = [button for button in (self.again, self.next_lesson, self.home) if not button.isHidden()]
        wanted = sum(button.sizeHint().width() for button in shown) + self.buttons.spacing() * (len(shown) - 1)
        return wanted > room

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()
