"""Walk every resident screen offscreen and save each to PNG, so content is reviewed without a kiosk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from kiosk.config import KioskConfig
from kiosk.content.loader import Catalog
from kiosk.content.models import PracticeStep, QuizStep, TryStep
from kiosk.control.controller import KioskController
from kiosk.core.navigation import Screen
from kiosk.core.screen_model import bulletin_text
from kiosk.core.session import TutorialSession

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")


def settle() -> None:
    """Let pending layout requests run, so what is measured or grabbed is what a resident sees."""
    for _ in range(6):
        QApplication.processEvents()


def walk(kiosk: Kiosk, only: str | None = None) -> Iterator[str]:
    """Drive the kiosk through every screen; yields a file-name stem while each is shown."""
    controller, shell = kiosk.controller, kiosk.shell
    visit, catalog = controller.visit, controller.visit.catalog
    controller.reset()
    yield "00-attract"
    if catalog.bulletins and visit.bulletin is None:  # expired by the tour's date: show the newest as a sample
        shell.attract.show_bulletin(bulletin_text(catalog.bulletins[-1]))
        yield "00-attract-bulletin-sample"
    controller.start_visit()
    yield "01-home"
    for category_id in visit.categories_with_tutorials():
        controller.open_category(category_id)
        for page in range(shell.list_page_count()):
            shell.show_list_page(page)
            yield f"02-list-{category_id}" + (f"-page{page + 1}" if page else "")
    tutorials = [tutorial for tutorial in catalog.tutorials if only is None or only in tutorial.id]
    for tutorial in tutorials:
        yield from _walk_tutorial(kiosk, tutorial.id)
    controller.go_home()
    controller.show_help()
    yield "91-help"
    shell.hide_overlays()
    yield from _walk_idle_warning(controller)
    yield from _walk_volunteer(controller, tutorials[0].id if tutorials else None)
    yield from _walk_learning(kiosk, tutorials[0].id if tutorials else None)


def _walk_learning(kiosk: Kiosk, tutorial_id: str | None) -> Iterator[str]:
    """The confidence faces, the take-home slip with its QR, the scam emergency path and its slip."""
    controller, learning = kiosk.controller, kiosk.learning
    visit = controller.visit
    if tutorial_id is not None and visit.ask_confidence:
        visit.reset()
        visit.open_tutorial(tutorial_id)
        controller.refresh()
        yield "94-confidence-before"
    published = visit.catalog.published()
    how_to = next((t.id for t in published if t.is_how_to), published[0].id if published else None)
    if how_to is not None:
        session = visit.open_tutorial(how_to)
        visit.rate_before(None)
        _finish(session)
        visit.next()
        controller.refresh()
        learning.show_tutorial_slip()
        yield "95-slip"
        learning.close_slip()
    controller.go_home()
    controller.open_scam_help()
    yield "96-scam-help"
    controller.call_scam_help()
    yield "96-scam-help-called"
    learning.show_emergency_slip()
    yield "97-scam-slip"
    learning.close_slip()


def _finish(session: TutorialSession) -> None:
    """Jump to the last step and make it done, so the completion screen follows."""
    session.jump(session.step_count - 1)
    run = session.try_run
    while run is not None and not run.done:
        session.tap(run.current.target)
    if isinstance(session.step, PracticeStep):
        session.tap(session.step.target)
    elif isinstance(session.step, QuizStep):
        session.answer(0)


def _walk_idle_warning(controller: KioskController) -> Iterator[str]:
    """The idle warning as the idle timer shows it: the tracker is wound to 30 s before the reset.

    The timer keeps running, so the picture is what the kiosk draws, not a warning the next tick hides.
    """
    idle = controller.idle
    idle.pretend_quiet(idle.timeout + idle.countdown - 30)
    controller.check_idle()
    yield "90-idle-warning"
    controller.still_here()


def _walk_volunteer(controller: KioskController, tutorial_id: str | None) -> Iterator[str]:
    """The volunteer's panel beside a step, and the header badge elsewhere."""
    if tutorial_id is None:
        return
    controller.visit.open_tutorial(tutorial_id).restart()
    controller.start_volunteer()
    yield "92-volunteer-panel"
    controller.go_home()
    yield "93-volunteer-home"
    controller.end_volunteer()


def _walk_tutorial(kiosk: Kiosk, tutorial_id: str) -> Iterator[str]:
    controller, shell = kiosk.controller, kiosk.shell
    session = controller.visit.open_tutorial(tutorial_id)
    if controller.visit.route.screen is Screen.CONFIDENCE:
        controller.visit.rate_before(None)  # the faces are shown once, in _walk_learning
    session.restart()
    controller.refresh()
    prefix = f"10-{session.tutorial.category}-{tutorial_id}"
    for number, step in enumerate(session.tutorial.steps, 1):
        stem = f"{prefix}-s{number:02d}-{step.kind}-{_slug(step.id)}"
        yield stem
        if isinstance(step, PracticeStep):
            controller.tap(None)
            controller.tap(None)
            yield f"{stem}-2-wrong-taps"
            controller.tap(step.target)
            yield f"{stem}-3-solved"
        elif isinstance(step, QuizStep):
            wrong = next(index for index, answer in enumerate(step.answers) if not answer.correct)
            controller.answer(wrong)
            yield f"{stem}-2-answered-wrong"
            session.jump(session.state.index)
            controller.answer(next(index for index, answer in enumerate(step.answers) if answer.correct))
            yield f"{stem}-3-answered-right"
            if shell.step.feedback_page == "verdict":  # the explanation on its own page
                controller.toggle_why()
                yield f"{stem}-4-why"
        elif isinstance(step, TryStep):
            yield from _walk_try(controller, session, stem)
        controller.next()
    yield f"{prefix}-z-complete"


def _walk_try(controller: KioskController, session: TutorialSession, stem: str) -> Iterator[str]:
    """Tự làm: the first stage solved alone, then the help ladder (word, ring, blink), then done."""
    run = session.try_run
    if run is None:
        return
    controller.tap(run.current.target)
    if not run.done:
        yield f"{stem}-2-alone"
        for level in ("word", "ring", "blink"):
            controller.tap(None)
            yield f"{stem}-3-help-{level}"
    while not run.done:
        controller.tap(run.current.target)
    yield f"{stem}-4-done"


def render_tour(
    config: KioskConfig, catalog: Catalog, out_dir: Path, size: tuple[int, int], only: str | None = None
) -> list[Path]:
    from kiosk.app import application, build_kiosk, show_kiosk
    from kiosk.processes.speech import FakeSpeaker

    app = application()
    out_dir.mkdir(parents=True, exist_ok=True)
    # A silent speaker that has voices: the pictures show the bar as on a kiosk with read aloud.
    kiosk = build_kiosk(config, catalog, QSize(*size), speaker=FakeSpeaker())
    shell = kiosk.shell
    # Through the real window: full screen when the (offscreen) screen is this size, as on a kiosk.
    screen = app.primaryScreen()
    show_kiosk(kiosk, fullscreen=screen is not None and screen.size() == QSize(*size))
    written: list[Path] = []
    for stem in walk(kiosk, only):
        settle()
        path = out_dir / f"{stem}.png"
        shell.grab().save(str(path))
        written.append(path)
    shell.close()
    return written
