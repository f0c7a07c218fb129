"""The completion screen: praise, the score of a scam round, the one lesson, and where to go next."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.content.models import Language, Tutorial
from kiosk.core.session import TutorialSession
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import Banner, column, fit_text, label, layout_of


class CompletionView(QWidget):
    again_requested = Signal()
    next_lesson_requested = Signal(str)
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._next_id = ""
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
        self.again = QPushButton()
        self.next_lesson = QPushButton()
        self.home = QPushButton()
        for button in (self.again, self.next_lesson, self.home):
            button.setProperty("role", "big")
        self.home.setProperty("role", "big")
        self.again.clicked.connect(self.again_requested)
        self.home.clicked.connect(self.home_requested)
        self.next_lesson.clicked.connect(lambda: self.next_lesson_requested.emit(self._next_id))
        buttons = QHBoxLayout()
        for button in (self.again, self.next_lesson, self.home):
            buttons.addWidget(button)
        self.buttons = buttons
        layout = column(self)
        layout.addStretch(1)
        for widget in (self.star, self.title, self.tutorial_title, self.score, self.lesson):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_state(
        self, session: TutorialSession, next_tutorial: Tutorial | None, theme: Theme, language: Language
    ) -> None:
        palette = theme.palette
        margin = theme.px(120)
        layout_of(self).setContentsMargins(margin, theme.px(24), margin, theme.px(24))
        layout_of(self).setSpacing(theme.px(26))
        self.buttons.setSpacing(theme.px(32))
        size = theme.px(130)
        self.star.setPixmap(
            icon("check", palette.primary_bg if not theme.high_contrast else palette.ring).pixmap(size, size)
        )
        tutorial = session.tutorial
        self.title.setText(ui_text("complete_title", language))
        self.tutorial_title.setText(tutorial.title.get(language))
        right, total = session.quiz_score
        self.score.setVisible(total > 0)
        self.score.setText(ui_text("complete_score", language, right=right, total=total))
        if tutorial.lesson:
            text = f"{ui_text('remember', language)}: {tutorial.lesson.get(language)}"
            self.lesson.show_message(theme, "success", "lightbulb", palette.success_text, text)
        else:
            self.lesson.hide()
        self._next_id = next_tutorial.id if next_tutorial else ""
        self.next_lesson.setVisible(next_tutorial is not None)
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
        if self._theme is not None and self.height() > 0:
            fit_text(self, self._theme, [(self, self.height())])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()
