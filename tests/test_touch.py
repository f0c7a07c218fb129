"""Taps that forgive a trembling finger: drift up to one gap still counts, a long press is a tap,
a touch on nothing shows a ring, and a slide or swipe further than the gap still does nothing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.loader import Catalog
from kiosk.core.navigation import Screen
from kiosk.text.screen_shape import within_reach
from tests.conftest import MakeKiosk
from tests.gui import open_tutorial, tap

LEFT = Qt.MouseButton.LeftButton


def _press_and_release(qtbot: QtBot, widget: QWidget, press: QPoint, release: QPoint, hold_ms: int = 0) -> None:
    qtbot.mousePress(widget, LEFT, pos=press)
    if hold_ms:
        qtbot.wait(hold_ms)
    qtbot.mouseRelease(widget, LEFT, pos=release)
    qtbot.wait(20)  # a forgiven tap is delivered right after the widget's own release


def test_within_reach_is_the_rect_grown_by_the_gap() -> None:
    rect = (100, 100, 50, 50)
    assert within_reach(rect, (120, 120), 24)
    assert within_reach(rect, (77, 173), 24)
    assert not within_reach(rect, (75, 120), 24)
    assert not within_reach(rect, (120, 175), 24)


def test_a_bar_press_that_drifts_less_than_a_gap_still_counts(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    gap = shell.theme.gap_px
    home = shell.bar.home
    centre = home.rect().center()
    _press_and_release(qtbot, home, centre, QPoint(centre.x(), -(gap - 4)))  # drifted up, off the button
    assert kiosk.visit.route.screen is Screen.HOME


def test_a_slide_further_than_the_gap_still_cancels(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    home = shell.bar.home
    centre = home.rect().center()
    _press_and_release(qtbot, home, centre, QPoint(centre.x(), -(shell.theme.gap_px + 8)))
    _press_and_release(qtbot, home, centre, QPoint(centre.x() + shell.width(), centre.y()))  # a swipe
    assert kiosk.visit.route.screen is Screen.PLAYER


def test_a_long_press_counts_as_a_tap(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    tap(qtbot, shell.attract)
    tile = shell.home.tiles[0]
    _press_and_release(qtbot, tile, tile.rect().center(), tile.rect().center(), hold_ms=1200)
    assert kiosk.visit.route.screen is Screen.LIST


def test_a_card_press_that_drifts_off_its_edge_still_counts(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    tap(qtbot, shell.attract)
    tile = shell.home.tiles[0]
    edge = QPoint(tile.width() + shell.theme.gap_px // 2, tile.height() // 2)
    _press_and_release(qtbot, tile, tile.rect().center(), edge)
    assert kiosk.visit.route.screen is Screen.LIST


def test_a_practice_tap_that_drifts_off_the_element_still_counts(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, shell.bar.next)
    phone = shell.step.phone
    hit = phone.hit_rect("btn_dang_ky")
    drifted = QPoint(hit.center().x(), hit.bottom() + shell.theme.gap_px - 4)
    assert phone.element_at(drifted) != "btn_dang_ky"
    _press_and_release(qtbot, phone, hit.center(), drifted)
    session = kiosk.visit.player
    assert session is not None and session.state.wrong_taps == 0
    assert shell.bar.next.isVisible()  # solved


def test_a_touch_on_nothing_shows_a_brief_ring(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    title = shell.step.title
    ring = shell.taps.ring
    assert not ring.isVisible()
    _press_and_release(qtbot, title, title.rect().center(), title.rect().center())
    assert ring.isVisible()
    centre = title.mapTo(shell, title.rect().center())
    assert abs(ring.geometry().center().x() - centre.x()) <= 1
    assert kiosk.visit.route.screen is Screen.PLAYER  # it noticed, and did nothing else
    qtbot.waitUntil(lambda: not ring.isVisible(), timeout=2000)
    _press_and_release(qtbot, shell.bar.help, shell.bar.help.rect().center(), shell.bar.help.rect().center())
    assert not ring.isVisible()  # a touch on a button is no miss
