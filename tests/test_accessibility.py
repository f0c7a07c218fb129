"""Every screen of the tour, at two panel sizes and the largest text: sizes, targets, contrast, no clipping."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content.loader import load_catalog
from kiosk.devtools.tour import settle, walk
from kiosk.text.theme import HIGH_CONTRAST, MIN_CONTRAST, NORMAL, Theme, contrast, text_pairs
from kiosk.views.overlays import Overlay
from kiosk.views.widgets import TapCard
from tests.conftest import MakeKiosk

CATALOG = load_catalog()
SIZES = [(1920, 1080), (1280, 800)]


def _visible(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.window() is window


def _role(widget: QWidget) -> str:
    return str(widget.property("role") or "")


def label_problems(window: QWidget, theme: Theme, screen: str) -> list[str]:
    problems = []
    minimum = theme.min_read_px
    for label in window.findChildren(QLabel):
        if not _visible(label, window) or not label.text():
            continue
        name = f"{screen}: label {label.text()[:40]!r}"
        size = label.font().pixelSize()
        if size < minimum:
            problems.append(f"{name} is {size}px < {minimum}px")
        if _role(label) == "body" and size < theme.px(40):
            problems.append(f"{name} is body text at {size}px < {theme.px(40)}px")
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                problems.append(f"{name} is clipped: needs {needed}px height, has {label.height()}px")
        elif label.sizeHint().width() > label.width() + 1:
            problems.append(f"{name} is clipped: needs {label.sizeHint().width()}px width, has {label.width()}px")
        rect = label.rect().translated(label.mapTo(window, label.rect().topLeft()))
        if not window.rect().contains(rect):
            problems.append(f"{name} lies outside the window ({rect.getRect()})")
    return problems


def overlap_problems(window: QWidget, screen: str) -> list[str]:
    """Tap targets must never sit on top of each other (a squeezed layout does that silently)."""
    overlays = [o for o in window.findChildren(Overlay) if _visible(o, window)]
    scope = overlays[0] if overlays else window  # an overlay covers everything under it on purpose
    targets = [w for w in [*scope.findChildren(QAbstractButton), *scope.findChildren(TapCard)] if _visible(w, window)]
    rects = [(w, w.rect().translated(w.mapTo(window, w.rect().topLeft()))) for w in targets]
    problems = []
    for index, (first, first_rect) in enumerate(rects):
        for second, second_rect in rects[index + 1 :]:
            if first_rect.intersects(second_rect) and not (first.isAncestorOf(second) or second.isAncestorOf(first)):
                name = first.text() if isinstance(first, QAbstractButton) else "card"
                problems.append(f"{screen}: {name!r} overlaps another target")
    return problems


def target_problems(window: QWidget, theme: Theme, screen: str) -> list[str]:
    problems = []
    for widget in [*window.findChildren(QAbstractButton), *window.findChildren(TapCard)]:
        if not _visible(widget, window):
            continue
        if min(widget.width(), widget.height()) < theme.target_px:
            problems.append(
                f"{screen}: target {widget.objectName() or type(widget).__name__} {widget.size().toTuple()}"
            )
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if text and widget.fontMetrics().horizontalAdvance(text) > widget.width():
            problems.append(f"{screen}: button text {widget.text()!r} is wider than its button")
    return problems


def phone_problems(kiosk: Kiosk, theme: Theme, screen: str) -> list[str]:
    phone = kiosk.shell.step.phone
    if not _visible(phone, kiosk.shell) or kiosk.visit.route.screen.value != "player":
        return []
    problems = []
    if phone.overflows:
        problems.append(f"{screen}: the simulated phone overflows")
    if phone.font_px < theme.min_read_px:
        problems.append(f"{screen}: phone text {phone.font_px}px < {theme.min_read_px}px")
    return problems


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
def test_theme_text_contrast_is_aaa(palette: object) -> None:
    low = [(name, round(contrast(fg, bg), 2)) for name, fg, bg in text_pairs(palette)]  # type: ignore[arg-type]
    assert [pair for pair in low if pair[1] < MIN_CONTRAST] == []


@pytest.mark.slow
@pytest.mark.parametrize("text_size", [100, 150])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_tour_screen_is_readable_and_tappable(
    qtbot: QtBot, make_kiosk: MakeKiosk, size: tuple[int, int], text_size: int
) -> None:
    kiosk = make_kiosk(CATALOG, size, text_size_default=text_size)
    problems: list[str] = []
    screens = 0
    for screen in walk(kiosk):
        settle()
        screens += 1
        theme = kiosk.shell.theme
        window = kiosk.shell
        problems += label_problems(window, theme, screen)
        problems += target_problems(window, theme, screen)
        problems += overlap_problems(window, screen)
        problems += phone_problems(kiosk, theme, screen)
    assert screens > 50
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:60])
