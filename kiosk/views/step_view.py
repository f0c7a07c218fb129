"""The tutorial player: one step, its words on the left, the simulated phone on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from kiosk.content.models import InfoStep, Language, PracticeStep, QuizStep
from kiosk.core.session import Phase, TutorialSession, highlighted_element
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.phone_view import FlagMark, PhoneView
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

    def show_state(self, session: TutorialSession, theme: Theme, language: Language, assisted: bool = False) -> None:
        step = session.step
        self.volunteer.setVisible(assisted)
        if assisted:
            self.volunteer.show_step(session, theme, language)
        self.phone.set_theme(theme)
        margin = theme.margin_px
        self.row.setContentsMargins(margin, theme.px(36), margin, theme.px(24))
        self.row.setSpacing(theme.px(32))
        layout_of(self.text_column).setSpacing(theme.px(24))
        self.progress.setRange(0, session.step_count)
        self.progress.setValue(session.state.index + 1)
        self.title.setText(step.title.get(language))
        self.body.setText(step.body.get(language) if step.body else "")
        self.body.setVisible(step.body is not None)
        for widget in (self.banner, self.feedback, self.action, *self.answers, *self.flags):
            widget.hide()
        self._full_feedback = self._short_feedback = ""
        if isinstance(step, PracticeStep):
            self._render_practice(session, step, theme, language)
        elif isinstance(step, QuizStep):
            self._render_quiz(session, step, theme, language)
        else:
            self._render_info(step, theme, language)
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

    def _render_info(self, step: InfoStep, theme: Theme, language: Language) -> None:
        self.phone.setVisible(step.screen is not None)
        self.phone.show_screen(step.screen, language, highlight=step.highlight)

    def _render_practice(self, session: TutorialSession, step: PracticeStep, theme: Theme, language: Language) -> None:
        palette = theme.palette
        state = session.state
        self.phone.show()
        solved = state.phase is Phase.SOLVED
        self.phone.show_screen(
            step.screen, language, highlighted_element(session), interactive=not solved, pulse=session.target_pulses
        )
        if solved:
            message = step.success.get(language) if step.success else ui_text("practice_right", language)
            self.feedback.show_message(theme, "success", "check", palette.success_text, message)
        elif state.wrong_taps:
            message = step.hint.get(language)
            if session.target_pulses:
                message += " " + ui_text("practice_pulse", language)
            self.feedback.show_message(theme, "hint", "lightbulb", palette.hint_text, message)
        else:
            self.banner.show_message(theme, "success", "safe", palette.success_text, ui_text("practice_safe", language))

    def _render_quiz(self, session: TutorialSession, step: QuizStep, theme: Theme, language: Language) -> None:
        self.phone.show()
        answered = session.state.phase is Phase.ANSWERED
        marks = (
            [FlagMark(flag.element, number, flag.tone) for number, flag in enumerate(step.flags, 1)] if answered else []
        )
        self.phone.show_screen(step.screen, language, flags=marks)
        if not answered:
            for button, answer in zip(self.answers, step.answers, strict=False):
                button.setText(answer.text.get(language))
                button.setProperty("role", "answer")
                restyle(button)
                button.show()
            return
        self.body.hide()
        self._render_feedback(session, step, theme, language)

    def _render_feedback(self, session: TutorialSession, step: QuizStep, theme: Theme, language: Language) -> None:
        palette = theme.palette
        chosen = session.state.chosen_answer
        right = chosen is not None and step.answers[chosen].correct
        verdict = ui_text("verdict_scam" if step.verdict == "scam" else "verdict_safe", language)
        opening = ui_text("quiz_right" if right else "quiz_wrong", language)
        text = f"{opening} {verdict}"
        if step.explanation:
            self._short_feedback = text
            text += " " + step.explanation.get(language)
            self._full_feedback = text
        tone, symbol, colour = (
            ("success", "check", palette.success_text) if right else ("hint", "info", palette.hint_text)
        )
        self.feedback.show_message(theme, tone, symbol, colour, text)
        for row, (number, flag) in zip(self.flags, enumerate(step.flags, 1), strict=False):
            danger = flag.tone == "danger"
            word = ui_text("flag_danger" if danger else "flag_safe", language)
            row.number.setText(f"{number}.")
            size = theme.body_px
            row.icon_label.setPixmap(
                icon("warning" if danger else "check", "#B3161B" if danger else "#0B6B32").pixmap(size, size)
            )
            row.text.setText(f"{word}: {flag.text.get(language)}")
            layout_of(row).setSpacing(theme.px(14))
            row.show()
        action = f"{ui_text('what_to_do', language)} {step.action.get(language)}"
        self.action.show_message(theme, "info", "lightbulb", palette.button_text, action)
