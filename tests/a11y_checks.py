"""The accessibility checks run on every tour screen (tests/a11y_walk.py, tests/test_accessibility.py)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.app import Kiosk
from kiosk.text.theme import Theme
from kiosk.views.bottom_bar import BottomBar
from kiosk.views.widgets import TapCard


def _visible(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.window() is window


def _role(widget: QWidget) -> str:
    return str(widget.property("role") or "")


def _in_window(widget: QWidget, window: QWidget) -> QRect:
    return widget.rect().translated(widget.mapTo(window, widget.rect().topLeft()))


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
        rect = _in_window(label, window)
        if not window.rect().contains(rect):
            problems.append(f"{name} lies outside the window ({rect.getRect()})")
        elif (parent := label.parentWidget()) is not None and not _in_window(parent, window).contains(rect):
            problems.append(f"{name} sticks out of its box ({rect.getRect()})")
    return problems


def overlap_problems(window: QWidget, screen: str) -> list[str]:
    """Tap targets must never sit on top of each other (a squeezed layout does that silently)."""
    overlays = [o for o in window.findChildren(QWidget, "Overlay") if _visible(o, window)]  # incl. the slip
    scope = overlays[0] if overlays else window  # an overlay covers everything under it on purpose
    targets = [w for w in [*scope.findChildren(QAbstractButton), *scope.findChildren(TapCard)] if _visible(w, window)]
    rects = [(w, _in_window(w, window)) for w in targets]
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
        if not window.rect().contains(_in_window(widget, window)):
            problems.append(f"{screen}: target {widget.objectName() or type(widget).__name__} leaves the window")
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        widest = max((widget.fontMetrics().horizontalAdvance(line) for line in text.split("\n")), default=0)
        if text and widest > widget.width():
            problems.append(f"{screen}: button text {widget.text()!r} is wider than its button")
        if text and widget.fontMetrics().lineSpacing() * (text.count("\n") + 1) > widget.height():
            problems.append(f"{screen}: button text {widget.text()!r} is taller than its button")
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


def screen_problems(kiosk: Kiosk, screen: str, size: QSize) -> list[str]:
    """Everything checked on one screen of the walk."""
    window = kiosk.shell
    theme = window.theme
    problems = []
    handle = window.windowHandle()
    if window.size() != size or (handle is not None and handle.geometry().size() != size):
        problems.append(f"{screen}: the window is {window.size().toTuple()}, the screen {size.toTuple()}")
    problems += label_problems(window, theme, screen)
    problems += target_problems(window, theme, screen)
    problems += overlap_problems(window, screen)
    problems += phone_problems(kiosk, theme, screen)
    return problems


class SlotBook:
    """Where each bar slot was seen: on every resident screen of one size it must be the same place."""

    def __init__(self) -> None:
        self.seen: dict[str, dict[tuple[int, int, int, int], str]] = {}

    def record(self, bar: BottomBar, window: QWidget, screen: str) -> None:
        if not _visible(bar, window):
            return
        for slot, buttons in bar.slot_buttons().items():
            for button in buttons:
                if _visible(button, window):
                    rect = _in_window(button, window).getRect()
                    self.seen.setdefault(slot, {}).setdefault(rect, screen)

    def problems(self) -> list[str]:
        return [
            f"bar slot {slot!r} moves: {sorted(places.items())[:3]}"
            for slot, places in self.seen.items()
            if len(places) > 1
        ]
