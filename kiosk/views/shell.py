"""The kiosk window: header, the current screen, the bottom bar and the overlays; it only draws."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLayout, QPushButton, QStackedWidget, QWidget

from kiosk.content.loader import Catalog
from kiosk.core.navigation import Visit
from kiosk.core.screen_model import (
    Attract,
    Completion,
    Confidence,
    Home,
    Overlay,
    ScamHelp,
    ScreenModel,
    TutorialList,
)
from kiosk.learning.slip import Slip
from kiosk.text.language import Language
from kiosk.text.screen_shape import Shape
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.attract_view import AttractView
from kiosk.views.bottom_bar import BottomBar
from kiosk.views.completion_view import CompletionView
from kiosk.views.confidence_view import ConfidenceView
from kiosk.views.home_view import HomeView
from kiosk.views.icons import icon
from kiosk.views.overlays import HelpMessage, IdleWarning
from kiosk.views.scam_help_view import ScamHelpView
from kiosk.views.slip_view import SlipOverlay
from kiosk.views.step_view import StepView
from kiosk.views.style import stylesheet
from kiosk.views.touch import ForgivingTaps
from kiosk.views.tutorial_list_view import TutorialListView
from kiosk.views.widgets import column, label


class Header(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.icon_label = QLabel()
        self.title = label("", "header")
        self.step_pill = QLabel()
        self.step_pill.setObjectName("StepPill")
        self.volunteer = QPushButton()
        self.volunteer.setProperty("role", "help")
        self.volunteer.hide()
        self.notes = QPushButton()  # opens and closes the volunteer's drawer where it is not a column
        self.notes.hide()
        self.scam = QPushButton()  # "Tôi nghĩ mình bị lừa": on Home, always in sight, in the alarm colour
        self.scam.setProperty("role", "danger")
        self.scam.hide()
        self.take_home = QPushButton()  # "Mang về" on the completion screen: the take-home slip
        self.take_home.setProperty("role", "primary")
        self.take_home.hide()
        self.grid = QGridLayout(self)
        centre = Qt.AlignmentFlag.AlignVCenter
        self.grid.addWidget(self.icon_label, 0, 0, centre)
        self.grid.addWidget(self.title, 0, 1)
        self.grid.addWidget(self.step_pill, 0, 6, centre)
        self.grid.setColumnStretch(1, 1)
        self.volunteer_row = QHBoxLayout()
        self.volunteer_row.addStretch(1)
        self._stacked: bool | None = None
        self._arrange(stacked=False)

    def _arrange(self, stacked: bool) -> None:
        """The volunteer's buttons beside the title, or on a row of their own on a narrow (portrait) screen."""
        if stacked == self._stacked:
            return
        self._stacked = stacked
        centre = Qt.AlignmentFlag.AlignVCenter
        for button in self.buttons:
            self.grid.removeWidget(button)
            self.volunteer_row.removeWidget(button)
        self.grid.removeItem(self.volunteer_row)
        if stacked:
            self.volunteer_row.setParent(None)
            for button in self.buttons:
                self.volunteer_row.addWidget(button)
            self.grid.addLayout(self.volunteer_row, 1, 1, 1, 4)
        else:
            for place, button in enumerate(self.buttons):
                self.grid.addWidget(button, 0, 2 + place, centre)

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        """The header's buttons, at most one or two on show at a time, beside the title or on a row below it."""
        return (self.scam, self.take_home, self.notes, self.volunteer)

    def _any_button_shown(self) -> bool:
        return any(not button.isHidden() for button in self.buttons)

    def show_title(self, theme: Theme, icon_name: str, title: str, pill: str = "") -> None:
        margin = theme.margin_px
        self._arrange(stacked=theme.shape is Shape.PORTRAIT)
        self.grid.setContentsMargins(margin, theme.px(16), margin, theme.px(16))
        self.grid.setSpacing(theme.px(24))
        self.volunteer_row.setSpacing(theme.px(24))
        self.setMinimumHeight(theme.header_height)
        for button in self.buttons:
            button.setFixedHeight(theme.target_px)  # exactly a tap target: the header never grows for it
        size = theme.px(56)
        self.icon_label.setPixmap(icon(icon_name, theme.palette.header_text).pixmap(size, size))
        self.title.setText(title)
        self.step_pill.setText(pill)
        self.step_pill.setVisible(bool(pill))


class KioskShell(QWidget):
    """Draws the screen model it is handed; every resident intent leaves through one of its own signals,
    so nothing outside reaches into its children."""

    # intents (present tense: the resident asked; the controller decides)
    started = Signal()
    category_chosen = Signal(str)
    tutorial_chosen = Signal(str)
    answer_chosen = Signal(int)
    element_tapped = Signal(object)
    why_requested = Signal()  # "Vì sao?" on an answered quiz, or back to the answer
    feedback_split_shown = Signal(bool)  # the step page shows a quiz's verdict without its explanation
    again_requested = Signal()
    home_requested = Signal()
    back_requested = Signal()
    next_requested = Signal()
    jump_requested = Signal(int)
    volunteer_end_requested = Signal()
    still_here = Signal()
    text_size_requested = Signal()
    language_requested = Signal()
    help_requested = Signal()
    scam_help_requested = Signal()  # "Tôi nghĩ mình bị lừa" in Home's header
    scam_call_requested = Signal()  # the emergency page's volunteer call, or the help message's scam choice
    rated_before = Signal(object)  # a face before a tutorial (1–3), or None for "Bỏ qua"
    rated_after = Signal(int)  # a face on the completion screen
    take_home_requested = Signal()  # "Mang về" on the completion screen
    emergency_slip_requested = Signal()  # "Mang về" on the emergency page
    print_requested = Signal()  # the slip's "In" button
    slip_close_requested = Signal()
    read_aloud_requested = Signal()
    volume_down_requested = Signal()
    volume_up_requested = Signal()
    # what was drawn (past tense)
    list_page_shown = Signal(int, int, int, int)  # first title, titles on show, page (1-based), pages
    overlay_shown = Signal(object)  # the idle warning's or help message's Overlay model, as it comes up
    overlay_dismissed = Signal()

    def __init__(self, catalog: Catalog, categories: list[str], ward_name: str, theme: Theme) -> None:
        super().__init__()
        self.setObjectName("KioskShell")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(ui_text("app_name", "vi"))
        self.catalog = catalog
        self.theme = theme
        self.header = Header()
        self.attract = AttractView(ward_name)
        self.home = HomeView([catalog.category(category_id) for category_id in categories])
        self.stack = QStackedWidget()
        for page in (self.attract, self.home):
            self.stack.addWidget(page)
        # The other pages and the overlays are built the first time they are shown: a start-up draws two.
        self._tutorial_list: TutorialListView | None = None
        self._step: StepView | None = None
        self._completion: CompletionView | None = None
        self._confidence: ConfidenceView | None = None
        self._scam_help: ScamHelpView | None = None
        self._idle_warning: IdleWarning | None = None
        self._help_message: HelpMessage | None = None
        self._slip: SlipOverlay | None = None
        self.bar = BottomBar()
        layout = column(self)
        # The window is the screen: its size is set from outside (fit_screen) and no page can push it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bar)
        self.screen_size = QSize(theme.width, theme.screen_height)
        self.setFixedSize(self.screen_size)
        self.header.notes.clicked.connect(self._toggle_notes)
        self.taps = ForgivingTaps(self, theme.gap_px, theme.palette.ring, theme.px(8))
        self._shown_list: str | None = None
        self._forward_intents()
        self.apply_theme(theme)

    def _forward(self, pairs: list[tuple[SignalInstance, Callable[..., object] | SignalInstance]]) -> None:
        for source, target in pairs:
            source.connect(target)

    def _forward_intents(self) -> None:
        """The children's signals, re-emitted as the shell's own (the home view's again after new content)."""
        bar = self.bar
        self._forward(
            [
                (self.attract.started, self.started),
                (self.header.volunteer.clicked, self.volunteer_end_requested),
                (self.header.scam.clicked, self.scam_help_requested),
                (self.header.take_home.clicked, self.take_home_requested),
                (bar.back_requested, self.back_requested),
                (bar.home_requested, self.home_requested),
                (bar.next_requested, self.next_requested),
                (bar.text_size_requested, self.text_size_requested),
                (bar.language_requested, self.language_requested),
                (bar.help_requested, self.help_requested),
                (bar.read_aloud_requested, self.read_aloud_requested),
                (bar.volume_down_requested, self.volume_down_requested),
                (bar.volume_up_requested, self.volume_up_requested),
            ]
        )
        self.home.category_chosen.connect(self.category_chosen)

    def _add_page(self, page: QWidget) -> None:
        self.stack.addWidget(page)
        page.ensurePolished()  # the shell's style sheet (fonts, paddings) before the page measures its words

    @property
    def tutorial_list(self) -> TutorialListView:
        if self._tutorial_list is None:
            self._tutorial_list = page = TutorialListView()
            self._forward([(page.tutorial_chosen, self.tutorial_chosen), (page.page_shown, self.list_page_shown)])
            self._add_page(page)
        return self._tutorial_list

    @property
    def step(self) -> StepView:
        if self._step is None:
            self._step = step = StepView(self.theme)
            self._forward(
                [
                    (step.answer_chosen, self.answer_chosen),
                    (step.element_tapped, self.element_tapped),
                    (step.why_requested, self.why_requested),
                    (step.feedback_split, self.feedback_split_shown),
                    (step.volunteer.jump_requested, self.jump_requested),
                ]
            )
            self._add_page(step)
        return self._step

    @property
    def completion(self) -> CompletionView:
        if self._completion is None:
            self._completion = page = CompletionView()
            self._forward(
                [
                    (page.again_requested, self.again_requested),
                    (page.next_lesson_requested, self.tutorial_chosen),
                    (page.home_requested, self.home_requested),
                    (page.rated_after, self.rated_after),
                ]
            )
            self._add_page(page)
        return self._completion

    @property
    def confidence(self) -> ConfidenceView:
        if self._confidence is None:
            self._confidence = page = ConfidenceView()
            self._forward([(page.rated, self.rated_before)])
            self._add_page(page)
        return self._confidence

    @property
    def scam_help(self) -> ScamHelpView:
        if self._scam_help is None:
            self._scam_help = page = ScamHelpView()
            self._forward(
                [(page.call_requested, self.scam_call_requested), (page.slip_requested, self.emergency_slip_requested)]
            )
            self._add_page(page)
        return self._scam_help

    @property
    def idle_warning(self) -> IdleWarning:
        if self._idle_warning is None:
            self._idle_warning = overlay = IdleWarning(self)
            overlay.setGeometry(self.rect())
            overlay.ensurePolished()  # the style sheet's fonts before it measures its words
            self._forward(
                [
                    (overlay.dismissed, self.still_here),
                    (overlay.appeared, lambda: self.overlay_shown.emit(overlay.model)),
                    (overlay.dismissed, self.overlay_dismissed),
                ]
            )
        return self._idle_warning

    @property
    def help_message(self) -> HelpMessage:
        if self._help_message is None:
            self._help_message = overlay = HelpMessage(self)
            overlay.setGeometry(self.rect())
            overlay.ensurePolished()  # the style sheet's fonts before it measures its words
            self._forward(
                [
                    (overlay.dismissed, overlay.hide),
                    (overlay.appeared, lambda: self.overlay_shown.emit(overlay.model)),
                    (overlay.dismissed, self.overlay_dismissed),
                    (overlay.scam_chosen, self.scam_call_requested),  # help was asked: the call goes as a scam
                ]
            )
        return self._help_message

    @property
    def slip(self) -> SlipOverlay:
        if self._slip is None:
            self._slip = overlay = SlipOverlay(self)
            overlay.setGeometry(self.rect())
            overlay.ensurePolished()  # the style sheet's fonts before it measures its words
            self._forward(
                [(overlay.print_requested, self.print_requested), (overlay.closed, self.slip_close_requested)]
            )
        return self._slip

    def _overlays(self) -> list[QWidget]:
        """The overlays built so far (one never shown needs no hiding or resizing)."""
        return [overlay for overlay in (self._idle_warning, self._help_message, self._slip) if overlay is not None]

    def fit_screen(self, size: QSize) -> bool:
        """Take a screen's size (kiosk mode: the whole screen); True when it changed."""
        if size == self.screen_size or size.isEmpty():
            return False
        self.screen_size = QSize(size)
        self.setFixedSize(size)
        return True

    def set_catalog(self, catalog: Catalog, categories: list[str]) -> None:
        """New content (an update between visits): new home tiles, fresh lists."""
        self.catalog = catalog
        old_home = self.home
        self.home = HomeView([catalog.category(category_id) for category_id in categories])
        self.home.category_chosen.connect(self.category_chosen)
        self.stack.insertWidget(self.stack.indexOf(old_home), self.home)
        self.stack.removeWidget(old_home)
        old_home.deleteLater()
        self._shown_list = None

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setStyleSheet(stylesheet(theme))
        self.taps.set_theme(theme.gap_px, theme.palette.ring, theme.px(8))
        self.bar.apply_theme(theme)
        self.attract.apply_theme(theme)

    def show_screen(self, model: ScreenModel, visit: Visit) -> None:
        """Show a screen model, in the visit's text size (the theme follows it)."""
        size = self.screen_size  # from the screen the kiosk is on, never from what the current page would like
        theme = Theme.for_screen(size.width(), size.height(), visit.text_size, self.theme.high_contrast)
        if theme != self.theme:
            self.apply_theme(theme)
        on_attract = isinstance(model, Attract)
        self.bar.set_language(model.language)
        self.header.setVisible(not on_attract)
        self.bar.setVisible(not on_attract)
        # On every screen of an assisted visit the header says so, and one tap ends it.
        self.header.volunteer.setVisible(visit.assisted and not on_attract)
        self.header.volunteer.setText(ui_text("volunteer_end", model.language))
        self.header.notes.hide()
        self.header.scam.setVisible(isinstance(model, Home) and bool(model.scam_button))
        self.header.take_home.setVisible(isinstance(model, Completion) and bool(model.take_home))
        if isinstance(model, Attract):
            self.attract.show_bulletin(model.bulletin)
            self.stack.setCurrentWidget(self.attract)
            return
        self._label_header_buttons(model)
        self.header.show_title(self.theme, model.header.icon, model.header.title, model.header.pill)
        self.bar.configure(model.bar.navigation, bool(model.bar.next_label), model.bar.next_label)
        if isinstance(model, Home):
            self.home.show_state(self.theme, model.language)
            self.stack.setCurrentWidget(self.home)
        elif isinstance(model, TutorialList):
            self._render_list(model, visit)
        elif isinstance(model, Completion):
            self.completion.show_state(model, self.theme)
            self.stack.setCurrentWidget(self.completion)
        elif isinstance(model, Confidence):
            self.stack.setCurrentWidget(self.confidence)
            self.confidence.show_state(self.theme, model)
        elif isinstance(model, ScamHelp):
            if self._help_message is not None:  # the emergency page answers the help message's second choice
                self._help_message.hide()
            self.stack.setCurrentWidget(self.scam_help)
            self.scam_help.show_state(self.theme, model)
        else:
            session = visit.player
            assert session is not None
            self.stack.setCurrentWidget(self.step)
            self.step.show_state(model, session, self.theme, visit.assisted)
            self._show_notes_button(model.language)

    def _label_header_buttons(self, model: ScreenModel) -> None:
        size = QSize(self.theme.icon_px, self.theme.icon_px)
        palette = self.theme.palette
        if isinstance(model, Home) and model.scam_button:
            self.header.scam.setText(" " + model.scam_button)
            self.header.scam.setIcon(icon("warning", palette.danger_bg))
            self.header.scam.setIconSize(size)
        if isinstance(model, Completion) and model.take_home:
            self.header.take_home.setText(" " + model.take_home)
            self.header.take_home.setIcon(icon("take_home", palette.primary_text))
            self.header.take_home.setIconSize(size)

    def _toggle_notes(self) -> None:
        self.step.toggle_drawer()
        self._show_notes_button(self.bar.language_shown)

    def _show_notes_button(self, language: Language) -> None:
        self.header.notes.setVisible(self.step.assisted and self.step.drawer)
        key = "volunteer_notes_hide" if self.step.drawer_open else "volunteer_notes"
        self.header.notes.setText(ui_text(key, language))

    def _render_list(self, model: TutorialList, visit: Visit) -> None:
        tutorials = self.catalog.published(model.category_id)
        if self._shown_list != model.category_id:
            self.tutorial_list.show_tutorials(tutorials)
            self._shown_list = model.category_id
        progress = {tutorial.id: visit.progress_of(tutorial.id) for tutorial in tutorials}
        self.stack.setCurrentWidget(self.tutorial_list)
        self.tutorial_list.show_state(self.theme, model.language, progress)

    # --- overlays -------------------------------------------------------------------

    def show_idle_warning(self, model: Overlay | None) -> None:
        """The countdown, or (None) no warning."""
        if model is None:
            if self._idle_warning is not None:
                self._idle_warning.hide()
        else:
            self.idle_warning.show_overlay(self.theme, model)

    def show_help(self, model: Overlay) -> None:
        self.help_message.show_help(self.theme, model)

    def hide_overlays(self) -> None:
        for overlay in self._overlays():
            overlay.hide()

    def show_slip(self, slip: Slip, can_print: bool) -> None:
        """The take-home slip over the screen: its QR codes, and a Print button only when a printer is there."""
        self.slip.setGeometry(self.rect())
        self.slip.present(slip, self.theme, can_print)

    def slip_printing(self) -> None:
        self.slip.printing()

    def slip_printed(self, problem: str | None) -> None:
        self.slip.printed(problem)

    def hide_slip(self) -> None:
        if self._slip is not None:
            self._slip.hide()

    # --- list pages (the tour turns them) --------------------------------------------

    def list_page_count(self) -> int:
        return len(self.tutorial_list.pages)

    def show_list_page(self, page: int) -> None:
        self.tutorial_list.show_page(page)

    # --- pages other controllers own (the operator area) -------------------------------

    def add_page(self, page: QWidget) -> None:
        self.stack.addWidget(page)

    def show_page(self, page: QWidget) -> None:
        """A full-window page without the resident's header and bar."""
        self.header.hide()
        self.bar.hide()
        self.stack.setCurrentWidget(page)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_read_aloud(self, visible: bool, key: str, language: Language) -> None:
        self.bar.show_read_aloud(visible, key, language)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        for overlay in self._overlays():
            overlay.setGeometry(self.rect())
