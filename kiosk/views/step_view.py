"""The tutorial player: one step, its words on the left, the simulated phone on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from kiosk.core.screen_model import FlagLine, Message, Phone, StepScreen
from kiosk.core.session import TutorialSession
from kiosk.text.language import Language
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.phone_view import FLAG_COLOURS, FlagMark, PhoneView
from kiosk.views.volunteer_panel import VolunteerPanel
from kiosk.views.widgets import Banner, column, column_overflows, fit_text, label, layout_of, restyle


class FlagRow(QWidget):
    """One flag explained: its number (as on the phone), an icon and a word, never colour alone."""

    def __init__(self) -> None:
        super().__init__()
        self.number = label("", "body", wrap=False)
        self.icon_label = QLabel()
        self.text = label("", "body")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)


class StepView(QWidget):
    answer_chosen = Signal(int)
    element_tapped = Signal(object)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.title = label("", "heading")
        self.body = label("", "body")
        self.banner = Banner()
        self.feedback = Banner()
        self.answers = [QPushButton() for _ in range(4)]
        for index, button in enumerate(self.answers):
            button.setProperty("role", "answer")
            button.clicked.connect(lambda _=False, choice=index: self.answer_chosen.emit(choice))
        self.flags = [FlagRow() for _ in range(6)]
        self.action = Banner()
        self._theme: Theme | None = None
        self._full_feedback = ""
        self._short_feedback = ""
        self.phone = PhoneView(theme)
        self.phone.element_tapped.connect(self.element_tapped)
        self.text_column = QWidget()
        text_layout = column(self.text_column)
        for widget in (self.title, self.body, self.banner, *self.answers, self.feedback, *self.flags, self.action):
            text_layout.addWidget(widget)
        text_layout.addStretch(1)
        self.row = QHBoxLayout()
        self.row.addWidget(self.text_column, 11)
        self.row.addWidget(self.phone, 8)
        self.volunteer = VolunteerPanel()
        self.volunteer.hide()
        self.row.addWidget(self.volunteer)
        layout = column(self)
        layout.addWidget(self.progress)
        layout.addLayout(self.row, 1)

    def show_state(self, model: StepScreen, session: TutorialSession, theme: Theme, assisted: bool = False) -> None:
        """Draw a step's model; the session only feeds the volunteer's panel of step titles."""
        language = model.language
        self.volunteer.setVisible(assisted)
        if assisted:
            self.volunteer.show_step(session, theme, language)
        self.phone.set_theme(theme)
        margin = theme.margin_px
        self.row.setContentsMargins(margin, theme.px(36), margin, theme.px(24))
        self.row.setSpacing(theme.px(32))
        layout_of(self.text_column).setSpacing(theme.px(24))
        self.progress.setRange(0, model.position[1])
        self.progress.setValue(model.position[0])
        self.title.setText(model.title)
        self.body.setText(model.body)
        self.body.setVisible(bool(model.body))
        for widget in (self.banner, self.feedback, self.action, *self.answers, *self.flags):
            widget.hide()
        self._full_feedback = self._short_feedback = ""
        self._show_phone(model.phone, language)
        self._show_messages(model, theme)
        for button, answer in zip(self.answers, model.answers, strict=False):
            button.setText(answer)
            button.setProperty("role", "answer")
            restyle(button)
            button.show()
        self._show_flags(model.flags, theme)
        self._theme = theme
        self._fit()

    def _fit(self) -> None:
        margins = self.row.contentsMargins()
        available = self.height() - self.progress.height() - margins.top() - margins.bottom()
        theme = self._theme
        if theme is None or self.text_column.width() <= 0 or available <= 0:
            return
        column = layout_of(self.text_column)
        column.setSpacing(theme.px(24))
        if self._short_feedback:
            self.feedback.text_label.setText(self._full_feedback)
        fit_text(self.text_column, theme, [(self.text_column, available)])
        # Still too long at 100 %: first tighten the gaps, then keep the verdict and drop the explanation.
        if column_overflows(self.text_column, available):
            column.setSpacing(theme.px(10))
        if self._short_feedback and column_overflows(self.text_column, available):
            self.feedback.text_label.setText(self._short_feedback)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _show_phone(self, phone: Phone, language: Language) -> None:
        self.phone.setVisible(phone.screen is not None)
        marks = [FlagMark(flag.element, flag.number, "danger" if flag.danger else "safe") for flag in phone.flags]
        self.phone.show_screen(
            phone.screen, language, phone.highlight, interactive=phone.interactive, pulse=phone.pulse, flags=marks
        )

    def _show_messages(self, model: StepScreen, theme: Theme) -> None:
        for banner, message in (
            (self.banner, model.banner),
            (self.feedback, model.feedback),
            (self.action, model.action),
        ):
            if message is not None:
                banner.show_message(theme, message.tone, message.symbol, self._colour(message, theme), message.text)
        if model.feedback is not None and model.feedback.short_text:
            self._full_feedback, self._short_feedback = model.feedback.text, model.feedback.short_text

    @staticmethod
    def _colour(message: Message, theme: Theme) -> str:
        palette = theme.palette
        return {"success": palette.success_text, "hint": palette.hint_text}.get(message.tone, palette.button_text)

    def _show_flags(self, flags: tuple[FlagLine, ...], theme: Theme) -> None:
        for row, flag in zip(self.flags, flags, strict=False):
            row.number.setText(f"{flag.number}.")
            size = theme.body_px
            colour = FLAG_COLOURS["danger" if flag.danger else "safe"]  # as the numbered marks on the phone
            row.icon_label.setPixmap(icon("warning" if flag.danger else "check", colour).pixmap(size, size))
            row.text.setText(flag.text)
            layout_of(row).setSpacing(theme.px(14))
            row.show()
