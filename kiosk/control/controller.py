"""Turns resident intents into `Visit` changes and announces each new screen model; owns the idle timer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.content.loader import Catalog
from kiosk.content.models import Bulletin
from kiosk.core.idle import IdlePhase, IdleTracker
from kiosk.core.navigation import Screen, Visit
from kiosk.core.screen_model import ScreenModel, help_of, idle_warning_of, screen_of
from kiosk.core.session import TapResult
from kiosk.usage.events import HelpReason

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
    """The only place that mutates the visit; views never do. It draws nothing itself: after every change it
    announces the new screen model (`screen_changed`), and the shell, read aloud and the usage recorder,
    wired in the composition root, each take what they need from it."""

    screen_changed = Signal(object)  # ScreenModel: the screen the visit is now on
    idle_warning_changed = Signal(object)  # the idle warning's Overlay model, or None once it is gone
    help_shown = Signal(object)  # the help message's Overlay model
    idle_reset = Signal()
    catalog_swapped = Signal(object, list)  # the new Catalog and the categories on the home screen
    help_requested = Signal(str)  # a help call with its reason (stuck, other, scam_victim): chime, webhook, log
    # what the resident did, in the past tense: the usage recorder subscribes (app.wire)
    visit_started = Signal()
    visit_ended = Signal(bool)  # True: cleared after the idle countdown
    quiz_answered = Signal(bool)  # correct?
    practice_tapped = Signal(bool)  # correct?
    try_finished = Signal(bool, int)  # Tự làm done: unaided?, the most help it took
    assisted_changed = Signal(bool)
    text_size_changed = Signal(int)
    language_changed = Signal(str)
    scam_help_opened = Signal()
    read_aloud_used = Signal()

    def __init__(
        self,
        visit: Visit,
        idle: IdleTracker,
        speech: ReadAloud | None = None,
        help_call: HelpCall | None = None,
        parent: QObject | None = None,
        bulletins: Callable[[Catalog], Bulletin | None] = lambda catalog: None,
    ) -> None:
        super().__init__(parent)
        self.visit = visit
        self.bulletins = bulletins  # the ward's valid bulletin now, or None (calendar and clock checked)
        self.screen: ScreenModel = screen_of(visit)
        self._pending_catalog: Catalog | None = None
        self.idle = idle
        self.speech, self.help_call = speech, help_call
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self.check_idle)

    # --- announcing ----------------------------------------------------------

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
        self.catalog_swapped.emit(catalog, self.visit.categories_with_tutorials())

    def refresh(self) -> None:
        """Announce the screen the visit is on; the subscribers draw it, read it and record it."""
        if self._pending_catalog is not None and self.visit.route.screen is Screen.ATTRACT:
            self._swap_pending_catalog()
        if self.visit.route.screen in (Screen.ATTRACT, Screen.HOME):
            self.visit.bulletin = self.bulletins(self.visit.catalog)
        self.screen = screen_of(self.visit)
        self.screen_changed.emit(self.screen)
        if self.visit.route.screen is Screen.ATTRACT:
            self.idle_timer.stop()  # nothing ticks on the attract screen: idle CPU stays near zero
        elif not self.idle_timer.isActive():
            self.idle_timer.start()

    # --- intents -------------------------------------------------------------

    def start_visit(self) -> None:
        self.idle.activity()
        self.visit_started.emit()
        self.visit.go_home()
        self.refresh()

    def open_category(self, category_id: str) -> None:
        self.visit.open_category(category_id)
        self.refresh()

    def open_tutorial(self, tutorial_id: str) -> None:
        self.visit.open_tutorial(tutorial_id)
        self.refresh()

    def answer(self, choice: int) -> None:
        correct = self.visit.answer(choice)  # the visit remembers it: the next warm-up is another scenario
        if correct is not None:
            self.quiz_answered.emit(correct)
            self.refresh()

    def toggle_why(self) -> None:
        """ "Vì sao?" on an answered quiz, or back to the answer: the model changes, so read aloud follows."""
        session = self.visit.player
        if session is not None and session.toggle_why():
            self.refresh()

    def tap(self, element_id: str | None) -> None:
        session = self.visit.player
        result = session.tap(element_id) if session is not None else TapResult.IGNORED
        if result is not TapResult.IGNORED:
            self.practice_tapped.emit(result is TapResult.CORRECT)
            run = session.try_run if session is not None else None
            if run is not None and run.done and result is TapResult.CORRECT:
                self.try_finished.emit(run.unaided, int(run.most_help))
            self.refresh()

    def tick_try(self) -> None:
        """Every second on a Tự làm step: help climbs a level after 10 s without a tap."""
        session = self.visit.player
        run = session.try_run if session is not None and self.visit.route.screen is Screen.PLAYER else None
        if run is not None and run.tick():
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
        self.assisted_changed.emit(True)
        self.refresh()

    def end_volunteer(self) -> None:
        self.visit.assisted = False
        self.assisted_changed.emit(False)
        self.refresh()

    def jump(self, index: int) -> None:
        session = self.visit.player
        if session is not None and self.visit.assisted:
            session.jump(index)
            self.refresh()

    def cycle_text_size(self) -> None:
        self.text_size_changed.emit(self.visit.cycle_text_size())
        self.refresh()

    def toggle_language(self) -> None:
        self.language_changed.emit(self.visit.toggle_language())
        self.refresh()

    def show_help(self) -> None:
        """ "Gọi hỗ trợ": one tap calls at once; the reason is where the resident is (never a question first)."""
        screen = self.visit.route.screen
        if screen is Screen.SCAM_HELP:
            self.call_scam_help()
            return
        reason: HelpReason = "stuck" if screen in (Screen.PLAYER, Screen.COMPLETE, Screen.CONFIDENCE) else "other"
        self.help_requested.emit(reason)
        self.help_shown.emit(help_of(self.visit.language))

    def open_scam_help(self) -> None:
        """ "Tôi nghĩ mình bị lừa" from Home or from the help message: the calm checklist page."""
        if self.visit.route.screen is not Screen.SCAM_HELP:
            self.scam_help_opened.emit()
            self.visit.open_scam_help()
        self.refresh()

    def call_scam_help(self) -> None:
        """The emergency call, once per visit: reason scam_victim to the webhook and the log."""
        if not self.visit.scam_call_made:
            self.visit.scam_call_made = True
            self.help_requested.emit("scam_victim")
        self.open_scam_help()

    # --- idle ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in ACTIVITY_EVENTS:
            self.idle.activity()
        return False

    def still_here(self) -> None:
        self.idle.activity()
        self.idle_warning_changed.emit(None)

    def check_idle(self) -> None:
        """Called every second off the attract screen; warns, counts down, then clears everything."""
        self.tick_try()
        status = self.idle.status()
        if status.phase is IdlePhase.ACTIVE:
            self.idle_warning_changed.emit(None)
        elif status.phase is IdlePhase.WARNING:
            self.warn_idle(status.seconds_left)
        else:
            self.reset(idle=True)

    def warn_idle(self, seconds_left: int) -> None:
        self.idle_warning_changed.emit(idle_warning_of(self.visit.language, seconds_left))

    def reset(self, idle: bool = False) -> None:
        """Every trace of the visit goes; language and text size return to defaults (idle reset, crash, tour)."""
        self.visit_ended.emit(idle)
        self.visit.reset()
        self.idle_reset.emit()  # first: the overlays go before the attract screen is drawn
        self.refresh()

    # --- read aloud ------------------------------------------------------------------

    def read_aloud(self) -> None:
        """The bar's "Đọc to": read the screen on show, or stop reading it."""
        if self.speech is not None and self.speech.toggle():
            self.read_aloud_used.emit()
