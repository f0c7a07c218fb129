"""The window is the screen: nothing a page, language, text size or overlay asks for changes its size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content.loader import Catalog
from kiosk.devtools.tour import settle, walk
from tests.conftest import MakeKiosk


def _window_sizes(kiosk: Kiosk) -> tuple[QSize, QSize]:
    handle = kiosk.shell.windowHandle()
    assert handle is not None
    return kiosk.shell.size(), handle.geometry().size()


def test_the_window_keeps_the_screens_size_across_a_whole_walk(
    qtbot: QtBot, make_kiosk: MakeKiosk, bundled_catalog: Catalog
) -> None:
    screen = QApplication.primaryScreen()
    assert screen is not None
    expected = screen.geometry().size()
    assert expected == QSize(1920, 1080)  # conftest describes a 1920×1080 offscreen screen
    kiosk = make_kiosk(bundled_catalog, text_size_default=150)
    controller = kiosk.controller
    grown: list[str] = []
    screens = 0
    for language in ("en", "vi"):
        if controller.visit.language != language:
            controller.toggle_language()
        for stem in walk(kiosk, only="lua-dao-hay-an-toan-1"):
            if controller.visit.language != language:  # walk() resets the visit: the language with it
                controller.toggle_language()
            settle()
            screens += 1
            sizes = _window_sizes(kiosk)
            if sizes != (expected, expected):
                grown.append(f"{language} {stem}: {sizes}")
    assert screens > 40
    assert grown == []
    assert kiosk.shell.minimumSize() == kiosk.shell.maximumSize() == expected


def test_windowed_and_size_give_exactly_that_window(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    for size in ((1280, 800), (1080, 1920), (1024, 768)):
        kiosk = make_kiosk(fixture_catalog, size)
        controller = kiosk.controller
        for action in (controller.start_visit, controller.cycle_text_size, controller.cycle_text_size):
            action()
            settle()
            assert _window_sizes(kiosk) == (QSize(*size), QSize(*size))
        kiosk.shell.close()


def test_a_changed_screen_gives_a_new_theme_and_the_same_visit(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    kiosk.controller.start_visit()
    route = kiosk.visit.route
    assert kiosk.shell.theme.target_px == 96
    assert kiosk.shell.fit_screen(QSize(1080, 1920))
    kiosk.controller.refresh()  # what follow_screen does when the screen changes
    settle()
    assert kiosk.shell.screen_size == kiosk.shell.minimumSize() == QSize(1080, 1920)
    assert kiosk.shell.theme.shape.value == "portrait"
    assert kiosk.visit.route == route
    assert not kiosk.shell.fit_screen(QSize(1080, 1920))  # the same screen again: nothing to redo
