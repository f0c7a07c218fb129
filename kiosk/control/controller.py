"""Turns resident intents from the shell into `Visit` changes and redraws; owns the idle timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.content.loader import Catalog
from kiosk.core.idle import IdlePhase, IdleTracker
from kiosk.core.navigation import Screen, Visit
from kiosk.core.session import TapResult
from kiosk.text.theme import Theme
from kiosk.usage.recorder import UsageRecorder
from kiosk.views.shell import KioskShell

if TYPE_CHECKING:
    from kiosk.control.help_call import HelpCall
    from kiosk.control.read_aloud import ReadAloud

ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
}


class KioskController(QObject):
    """The only place that mutates the visit; views never do."""

    screen_changed = Signal(str)
    idle_reset = Signal()
    catalog_swapped = Signal()
    help_requested = Signal()  # "Gọi hỗ trợ" tapped: chime, ward webhook, usage event

    def __init__(
        self,
        visit: Visit,
        shell: KioskShell,
        idle: IdleTracker,
        high_contrast: bool = False,
        recorder: UsageRecorder | None = None,
    ) -> None:
        super().__init__(shell)
        self.visit = visit
        self._pending_catalog: Catalog | None = None
        self.recorder = recorder or UsageRecorder(lambda event: None, "unrecorded")  # tour and renders keep nothing
        self.shell = shell
        self.idle = idle
        self.high_contrast = high_contrast
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self.check_idle)
        self._connect()

    def _connect(self) -> None:
        shell, bar = self.shell, self.shell.bar
        shell.attract.started.connect(self.start_visit)
        shell.home.category_chosen.connect(self.open_category)
        shell.tutorial_list.tutorial_chosen.connect(self.open_tutorial)
        shell.step.answer_chosen.connect(self.answer)
        shell.step.element_tapped.connect(self.tap)
        shell.completion.again_requested.connect(self.again)
        shell.completion.next_lesson_requested.connect(self.open_tutorial)
        shell.completion.home_requested.connect(self.go_home)
        shell.step.volunteer.jump_requested.connect(self.jump)
        shell.header.volunteer.clicked.connect(self.end_volunteer)
        shell.idle_warning.dismissed.connect(self.still_here)
        shell.help_message.dismissed.connect(shell.help_message.hide)
        bar.back_requested.connect(self.back)
        bar.home_requested.connect(self.go_home)
        bar.next_requested.connect(self.next)
        bar.text_size_requested.connect(self.cycle_text_size)
        bar.language_requested.connect(self.toggle_language)
        bar.help_requested.connect(self.show_help)

    # --- drawing ------------------------------------------------------------

    def theme(self) -> Theme:
        return Theme(self.shell.height() or 1080, self.visit.text_size, self.high_contrast)

    def offer_catalog(self, catalog: Catalog) -> None:
        """Content updates wait for the attract screen: never swapped in the middle of a visit."""
        self._pending_catalog = catalog
        if self.visit.route.screen is Screen.ATTRACT:
            self.refresh()

    def _swap_pending_catalog(self) -> None:
        catalog, self._pending_catalog = self._pending_catalog, None
        if catalog is None:
            return
        self.visit.catalog = catalog
        self.shell.set_catalog(catalog, self.visit.categories_with_tutorials())
        self.shell.home.category_chosen.connect(self.open_category)
        self.catalog_swapped.emit()

    def refresh(self) -> None:
        if self._pending_catalog is not None and self.visit.route.screen is Screen.ATTRACT:
            self._swap_pending_catalog()
        theme = self.theme()
        if theme != self.shell.theme:
            self.shell.apply_theme(theme)
        self.shell.show_state(self.visit)
        self._record_route()
        self.screen_changed.emit(self.visit.route.screen.value)
        if self.visit.route.screen is Screen.ATTRACT:
            self.idle_timer.stop()  # nothing ticks on the attract screen: idle CPU stays near zero
        elif not self.idle_timer.isActive():
            self.idle_timer.start()

    def _record_route(self) -> None:
        """Usage: which tutorial and step is on screen, and when a tutorial is finished or left."""
        recorder, route, session = self.recorder, self.visit.route, self.visit.player
        if route.screen is Screen.PLAYER and session is not None and route.tutorial_id is not None:
            if recorder.in_tutorial != route.tutorial_id:
                recorder.tutorial_opened(route.tutorial_id)
            recorder.step_shown(route.tutorial_id, session.step.id, session.state.index)
        elif recorder.in_tutorial is not None:
            recorder.tutorial_left(completed=route.screen is Screen.COMPLETE)

    # --- intents -------------------------------------------------------------

    def start_visit(self) -> None:
        self.idle.activity()
        self.recorder.start_session()
        self.visit.go_home()
        self.refresh()

    def open_category(self, category_id: str) -> None:
        self.visit.open_category(category_id)
        self.refresh()

    def open_tutorial(self, tutorial_id: str) -> None:
        self.visit.open_tutorial(tutorial_id)
        self.refresh()

    def answer(self, choice: int) -> None:
        session = self.visit.player
        correct = session.answer(choice) if session is not None else None
        if correct is not None:
            self.recorder.record("quiz_answered", correct=correct)
            self.refresh()

    def tap(self, element_id: str | None) -> None:
        session = self.visit.player
        result = session.tap(element_id) if session is not None else TapResult.IGNORED
        if result is not TapResult.IGNORED:
            self.recorder.record("practice_tap", correct=result is TapResult.CORRECT)
            self.refresh()

    def next(self) -> None:
        if self.visit.next():
            self.refresh()

    def back(self) -> None:
        self.visit.back()
        self.refresh()

    def go_home(self) -> None:
        self.visit.go_home()
        self.refresh()

    def again(self) -> None:
        self.visit.restart()
        self.refresh()

    def start_volunteer(self) -> None:
        """Volunteer mode: notes and jumps on screen, and every event of this session marked assisted."""
        self.visit.assisted = True
        self.recorder.set_assisted(True)
        self.refresh()

    def end_volunteer(self) -> None:
        self.visit.assisted = False
        self.recorder.set_assisted(False)
        self.refresh()

    def jump(self, index: int) -> None:
        session = self.visit.player
        if session is not None and self.visit.assisted:
            session.jump(index)
            self.refresh()

    def cycle_text_size(self) -> None:
        self.recorder.set_text_size(self.visit.cycle_text_size())
        self.refresh()

    def toggle_language(self) -> None:
        self.recorder.set_language(self.visit.toggle_language())
        self.refresh()

    def show_help(self) -> None:
        self.recorder.record("help_requested")
        self.shell.help_message.show_help(self.shell.theme, self.visit.language)
        self.help_requested.emit()

    # --- idle ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in ACTIVITY_EVENTS:
            self.idle.activity()
        return False

    def still_here(self) -> None:
        self.idle.activity()
        self.shell.idle_warning.hide()

    def check_idle(self) -> None:
        """Called every second off the attract screen; warns, counts down, then clears everything."""
        status = self.idle.status()
        warning = self.shell.idle_warning
        if status.phase is IdlePhase.ACTIVE:
            warning.hide()
        elif status.phase is IdlePhase.WARNING:
            warning.show_countdown(self.shell.theme, self.visit.language, status.seconds_left)
        else:
            self.reset(idle=True)

    def reset(self, idle: bool = False) -> None:
        """Every trace of the visit goes; language and text size return to defaults (idle reset, crash, tour)."""
        if self.recorder.session_id is not None:
            self.recorder.end_session(idle=idle)
        self.shell.idle_warning.hide()
        self.shell.help_message.hide()
        self.visit.reset()
        self.refresh()
        self.idle_reset.emit()

    # --- read aloud and the call for help (issue 5) ------------------------------

    speech: ReadAloud | None = None
    help_call: HelpCall | None = None

    def attach_assistance(self, speech: ReadAloud, help_call: HelpCall) -> None:
        """Read aloud and the chime/webhook come from build_kiosk; the kiosk works without them."""
        self.speech, self.help_call = speech, help_call
        self.shell.bar.read_aloud_requested.connect(self.read_aloud)
        self.screen_changed.connect(speech.screen_shown)  # every redraw: a new screen stops the old speech
        self.idle_reset.connect(speech.reset)
        self.help_requested.connect(help_call.ring)

    def read_aloud(self) -> None:
        """The bar's "Đọc to": read the screen on show, or stop reading it."""
        if self.speech is not None and self.speech.toggle():
            self.recorder.record("read_aloud_used")
