"""The tutorial player: one step's words and the simulated phone, arranged for the screen's shape.

Wide and square screens put the phone right of the text (narrower on square ones); a portrait totem,
or any page where the phone would fall below its readable width, puts it under the text. The volunteer
panel is a third column only on wide screens, elsewhere a drawer over the text.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from kiosk.core.screen_model import FlagLine, Message, Phone, StepScreen
from kiosk.core.session import TutorialSession
from kiosk.text.language import Language
from kiosk.text.screen_shape import page_layout
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.phone_view import FlagMark, PhoneView
from kiosk.views.volunteer_panel import VolunteerPanel
from kiosk.views.widgets import Banner, column, column_height, column_overflows, fit_text, label, layout_of, restyle

QWIDGETSIZE_MAX = 16777215
# A phone under the text: this share of the page; less when the text needs it, more when the phone does.
PHONE_SHARES_STACKED = (0.46, 0.40, 0.34, 0.54, 0.62)
ANSWER_ICONS = {"scam": "scam", "safe": "check", "other": "touch"}


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


class PracticeNote(QWidget):
    """The one permanent line saying this is a practice screen (and, on quizzes, only to look at)."""

    def __init__(self) -> None:
        super().__init__()
        self.icon_label = QLabel()
        self.text_label = label("", "small")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text_label, 1)

    def show_note(self, theme: Theme, icon_name: str, text: str) -> None:
        size = theme.small_px
        self.icon_label.setPixmap(icon(icon_name, theme.palette.muted_text).pixmap(size, size))
        self.icon_label.setFixedHeight(round(size * 1.4))
        layout_of(self).setSpacing(theme.px(12))
        self.text_label.setText(text)
        self.show()


class StepView(QWidget):
    answer_chosen = Signal(int)
    element_tapped = Signal(object)
    feedback_split = Signal(bool)  # True while an answered quiz shows its verdict without the explanation
    why_requested = Signal()  # "Vì sao?" or "Xem lại câu trả lời": the controller flips the model's page

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
        self.practice_note = PracticeNote()
        self.answers = [QPushButton() for _ in range(4)]
        for index, button in enumerate(self.answers):
            button.setProperty("role", "answer-other")
            button.clicked.connect(lambda _=False, choice=index: self.answer_chosen.emit(choice))
        self.flags = [FlagRow() for _ in range(6)]
        self.action = Banner()
        self.why = QPushButton()  # "Vì sao?": the explanation on its own page when it does not fit beside the verdict
        self.why.setProperty("role", "big")
        self.why.clicked.connect(self.why_requested)
        self._why_open = False
        self._answered_quiz = False
        self._split_sent = False
        self._feedback_page = "all"
        self._why_text = ""
        self._flag_count = 0
        self._language: Language = "vi"
        self._theme: Theme | None = None
        self._full_feedback = ""
        self._short_feedback = ""
        self.phone = PhoneView(theme)
        self.phone.element_tapped.connect(self.element_tapped)
        self.text_column = QWidget()
        text_layout = column(self.text_column)
        text_layout.addStretch(1)  # the column is centred in the height, as in the mockup
        for widget in (
            self.practice_note,
            self.title,
            self.body,
            self.banner,
            *self.answers,
            self.feedback,
            *self.flags,
            self.action,
            self.why,
        ):
            text_layout.addWidget(widget)
        text_layout.addStretch(1)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.addWidget(self.text_column, 11)
        self.row.addWidget(self.phone, 8)
        self.volunteer = VolunteerPanel()
        self.volunteer.hide()
        self.row.addWidget(self.volunteer)
        self.stacked = False
        self.drawer = False  # the volunteer panel floats over the text (square and portrait screens)
        self.drawer_open = True
        layout = column(self)
        layout.addWidget(self.progress)
        layout.addLayout(self.row, 1)
        self.assisted = False

    def show_state(self, model: StepScreen, session: TutorialSession, theme: Theme, assisted: bool = False) -> None:
        """Draw a step's model; the session only feeds the volunteer's panel of step titles."""
        language = model.language
        self.assisted = assisted
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
        self.title.show()  # a "why" page may have let it go
        self.why.setStyleSheet("")
        self.body.setText(model.body)
        self.body.setVisible(bool(model.body))
        for widget in (
            self.practice_note,
            self.banner,
            self.feedback,
            self.action,
            self.why,
            *self.answers,
            *self.flags,
        ):
            widget.hide()
        self._answered_quiz = model.step_kind == "quiz" and model.answered
        self._feedback_page = "all"
        self._why_open, self._why_text = model.why_open, model.why
        self._language = language
        self._flag_count = 0
        if model.note is not None:
            self.practice_note.show_note(theme, model.note.symbol, model.note.text)
        self._full_feedback = self._short_feedback = ""
        self._show_phone(model.phone, language)
        self._show_messages(model, theme)
        self._show_answers(model, theme)
        self._show_flags(model.flags, theme)
        self._theme = theme
        self._fit()
        if model.why_open:
            QTimer.singleShot(0, self._fit)  # once more after the why page's styles are polished

    def _arrange(self, theme: Theme, force_stacked: bool = False) -> None:
        """Phone beside or under the text, and the volunteer panel as a column or a drawer."""
        shape = page_layout(theme.shape)
        margins = self.row.contentsMargins()
        row_width = self.width() - margins.left() - margins.right()
        panel = theme.px(560) + self.row.spacing() if self.assisted and not shape.volunteer_drawer else 0
        phone_share = (row_width - panel - self.row.spacing()) * shape.phone_stretch
        phone_share //= shape.text_stretch + shape.phone_stretch
        self.stacked = force_stacked or not shape.phone_beside or phone_share < self.phone.minimum_width()
        self.row.setDirection(QBoxLayout.Direction.TopToBottom if self.stacked else QBoxLayout.Direction.LeftToRight)
        self.row.setStretchFactor(self.text_column, 0 if self.stacked else shape.text_stretch)
        self.row.setStretchFactor(self.phone, 1 if self.stacked else shape.phone_stretch)
        self._place_volunteer(theme, shape.volunteer_drawer or self.stacked)  # never a third row

    def _place_volunteer(self, theme: Theme, drawer: bool) -> None:
        if drawer != self.drawer:
            self.drawer = drawer
            if drawer:
                self.row.removeWidget(self.volunteer)
                self.volunteer.setParent(self)
            else:
                self.row.addWidget(self.volunteer)
        self.volunteer.setVisible(self.assisted and (not drawer or self.drawer_open))
        if drawer:
            self.volunteer.setMinimumWidth(0)
            self.volunteer.setMaximumWidth(QWIDGETSIZE_MAX)
        else:
            self.volunteer.setFixedWidth(theme.px(560))

    def toggle_drawer(self) -> None:
        """The volunteer opens and closes the drawer (from the header's "Gợi ý" button)."""
        self.drawer_open = not self.drawer_open
        self._fit()

    def _fit(self) -> None:
        self._fit_page()
        split = self._answered_quiz and self._feedback_page == "verdict"
        if split != self._split_sent:
            self._split_sent = split
            self.feedback_split.emit(split)  # read aloud reads what is on show

    def _fit_page(self) -> None:
        theme = self._theme
        if theme is None or self.width() <= 0 or self.height() <= 0:
            return
        self._arrange(theme)
        margins = self.row.contentsMargins()
        page = self.height() - self.progress.height() - margins.top() - margins.bottom()
        if not self.stacked:
            self._fit_text(theme, page)
            layout_of(self).activate()
            if not (self.phone.isVisibleTo(self) and self.phone.overflows):
                self._float_drawer()
                return
            self._arrange(theme, force_stacked=True)  # a phone too narrow to read goes under the text
            if not self._fit_stacked(theme, page):
                self._arrange(theme)  # no better under the text (a short page): back beside it
                self._fit_text(theme, page)
        elif self.phone.isVisibleTo(self):
            self._fit_stacked(theme, page)
        else:
            self._fit_text(theme, page)
        self._float_drawer()

    def _fit_stacked(self, theme: Theme, page: int) -> bool:
        """Share the page between text above and phone below so that both fit; False if no share does."""
        for share in PHONE_SHARES_STACKED:
            phone_height = max(self.phone.minimumSizeHint().height(), round(page * share))
            available = page - phone_height - self.row.spacing()
            text_fits = self._fit_text(theme, available)
            layout_of(self).activate()
            if text_fits and not self.phone.overflows:
                return True
        self._fit_text(theme, page - round(page * PHONE_SHARES_STACKED[0]) - self.row.spacing())
        layout_of(self).activate()
        return False

    def _fit_text(self, theme: Theme, available: int) -> bool:
        """Fit the words into `available` height; False when they still do not fit."""
        self.text_column.setMaximumHeight(QWIDGETSIZE_MAX)
        layout_of(self).activate()  # the text column's width for this arrangement, before measuring
        if self.text_column.width() <= 0 or available <= 0:
            return False
        column = layout_of(self.text_column)
        column.setSpacing(theme.px(24))
        if self._answered_quiz and self._full_feedback:
            self._fit_feedback(theme, available)
        else:
            self._fit_question(theme, available)
        needed = column_height(self.text_column)
        if self.stacked:  # the text takes what it needs, the phone everything else
            self.text_column.setMaximumHeight(min(available, needed))
        return needed <= available

    def _fit_question(self, theme: Theme, available: int) -> None:
        column = layout_of(self.text_column)
        fit_text(self.text_column, theme, [(self.text_column, available)])
        # Still too long at 100 %: tighten the gaps, then let the practice line go.
        if column_overflows(self.text_column, available):
            column.setSpacing(theme.px(10))
        if column_overflows(self.text_column, available):
            self.practice_note.hide()

    def _fit_feedback(self, theme: Theme, available: int) -> None:
        """Quiz feedback keeps the resident's text size: what does not fit moves to a "Vì sao?" page."""
        if self.text_column.styleSheet():
            self.text_column.setStyleSheet("")  # never the shrunken size of an earlier page
        self.why.setStyleSheet("")
        pad = theme.px(20)
        for banner in (self.feedback, self.action):
            layout_of(banner).setContentsMargins(pad, pad, pad, pad)
        self._show_feedback_page("all")
        if not column_overflows(self.text_column, available):
            return
        self._show_feedback_page("why" if self._why_open else "verdict")
        # Room before size: the practice note goes (the resident has answered), then the gaps tighten,
        # then the step title goes (the phone still shows the situation); only then does the text get smaller.
        for squeeze in ("note", "gaps", "title", "padding", "smaller"):
            if not column_overflows(self.text_column, available):
                return
            self._squeeze(squeeze, theme, available)

    def _squeeze(self, how: str, theme: Theme, available: int) -> None:
        if how == "note":
            self.practice_note.hide()
        elif how == "gaps":
            layout_of(self.text_column).setSpacing(theme.px(10))
        elif how == "title":
            self.title.hide()
        elif how == "padding":
            pad = theme.px(10)
            for banner in (self.feedback, self.action):
                layout_of(banner).setContentsMargins(pad, pad, pad, pad)
            layout_of(self.text_column).setSpacing(theme.px(4))
            self.why.setStyleSheet(f"padding: {theme.px(2)}px {theme.px(20)}px;")  # still one full tap target
        else:
            fit_text(self.text_column, theme, [(self.text_column, available)])

    def _show_feedback_page(self, page: str) -> None:
        """ "all": verdict, explanation, flags, action. "verdict": verdict and action. "why": explanation and flags."""
        self._feedback_page = page
        language = self._language
        text = {"verdict": self._short_feedback, "why": self._why_text}.get(page, self._full_feedback)
        self.feedback.text_label.setText(text)
        self.title.show()
        for index, row in enumerate(self.flags):
            row.setVisible(page != "verdict" and index < self._flag_count)
        self.action.setVisible(page != "why")
        self.why.setVisible(page != "all")
        if page != "all" and self._theme is not None:
            size = self._theme.body_px
            self.why.setText(ui_text("why" if page == "verdict" else "why_back", language))
            self.why.setIcon(icon("info" if page == "verdict" else "back", self._theme.palette.button_text))
            self.why.setIconSize(QSize(size, size))

    @property
    def feedback_page(self) -> str:
        return self._feedback_page

    def _float_drawer(self) -> None:
        if not (self.drawer and self.volunteer.isVisibleTo(self)):
            return
        layout_of(self).activate()
        text = self.text_column.geometry()
        assert self._theme is not None
        width = min(text.width(), self._theme.px(620))
        bottom = self.height() - self.row.contentsMargins().bottom()
        self.volunteer.setGeometry(QRect(text.left(), text.top(), width, bottom - text.top()))
        self.volunteer.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _show_phone(self, phone: Phone, language: Language) -> None:
        self.phone.setVisible(phone.screen is not None)
        marks = [FlagMark(flag.element, flag.number, "danger" if flag.danger else "safe") for flag in phone.flags]
        self.phone.show_screen(
            phone.screen,
            language,
            phone.highlight,
            interactive=phone.interactive,
            pulse=phone.pulse,
            flags=marks,
            cue=phone.cue,
            cues=phone.cues,
        )

    def _show_answers(self, model: StepScreen, theme: Theme) -> None:
        """Centred buttons one tap target tall, coloured by meaning with an icon, never colour alone."""
        size = round(theme.body_px * 1.1)
        for button, answer, kind in zip(self.answers, model.answers, model.answer_kinds, strict=False):
            button.setText(answer)
            button.setProperty("role", f"answer-{kind}")
            button.setIcon(icon(ANSWER_ICONS[kind], theme.palette.answer_text))
            button.setIconSize(QSize(size, size))
            restyle(button)
            button.show()

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
            colour = theme.palette.danger_text if flag.danger else theme.palette.success_text
            row.icon_label.setPixmap(icon("warning" if flag.danger else "check", colour).pixmap(size, size))
            row.text.setText(flag.text)
            layout_of(row).setSpacing(theme.px(14))
            row.show()
            self._flag_count = flag.number
