"""Helpers for GUI tests: find and tap what a resident would tap."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.core.session import TutorialSession


def player(kiosk: Kiosk) -> TutorialSession:
    """The tutorial on screen; a test that expects one fails here, plainly, when there is none."""
    session = kiosk.visit.player
    assert session is not None, "no tutorial is open"
    return session


def tap(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    assert widget.isVisible(), f"{widget!r} is not visible"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def open_tutorial(qtbot: QtBot, kiosk: Kiosk, tutorial_id: str) -> None:
    """From the attract screen to the first step, by taps only (paging the list when needed)."""
    shell = kiosk.shell
    catalog = kiosk.visit.catalog
    category_id = catalog.tutorial(tutorial_id).category
    tap(qtbot, shell.attract)
    tile = next(tile for tile in shell.home.tiles if tile.category.id == category_id)
    tap(qtbot, tile)
    tutorial_list = shell.tutorial_list
    while not any(card.tutorial.id == tutorial_id for card in tutorial_list.visible_cards()):
        tap(qtbot, tutorial_list.next_page)
    card = next(card for card in tutorial_list.visible_cards() if card.tutorial.id == tutorial_id)
    tap(qtbot, card)


def miss_point(kiosk: Kiosk) -> QPoint:
    """A point on the phone widget that is outside every element's tap area."""
    phone = kiosk.shell.step.phone
    point = phone.phone_rect().topLeft().toPoint() + QPoint(4, 4)
    assert phone.element_at(point) is None
    return point
