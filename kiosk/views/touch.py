"""Taps that forgive a trembling finger (DESIGN.md "Taps forgive").

A press that drifts up to one target gap outside its button before release still counts; a long press
counts like any press (nothing here times it); a touch on nothing shows a brief ring where it landed, so
the resident sees the kiosk noticed. A slide further than the gap still cancels, and swipes do nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.text.screen_shape import within_reach
from kiosk.views.widgets import TapCard

RING_MS = 450


class TouchRing(QWidget):
    """A ring drawn for a moment where a touch landed on nothing; it never takes a touch itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.colour = QColor()  # set by show_at from the theme
        self.width_px = 6
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RING_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_at(self, centre: QPoint, radius: int, colour: str, width_px: int) -> None:
        self.colour, self.width_px = QColor(colour), width_px
        side = 2 * (radius + width_px)
        self.setGeometry(QRect(centre.x() - side // 2, centre.y() - side // 2, side, side))
        self.show()
        self.raise_()
        self._timer.start()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.colour, self.width_px))
        inset = self.width_px
        painter.drawEllipse(self.rect().adjusted(inset, inset, -inset, -inset))
        painter.end()


def _target_of(widget: QWidget | None) -> QWidget | None:
    """The button or card a touch on `widget` belongs to, if any."""
    while widget is not None:
        if isinstance(widget, QAbstractButton | TapCard):
            return widget
        if widget.property("touch_target"):  # the attract screen and the interactive phone take any touch
            return widget
        widget = widget.parentWidget()
    return None


class ForgivingTaps(QObject):
    """Watches one kiosk window's presses and releases (an application event filter)."""

    def __init__(self, window: QWidget, slack: int, ring_colour: str, ring_px: int) -> None:
        super().__init__(window)
        self.window = window
        self.slack, self.ring_colour, self.ring_px = slack, ring_colour, ring_px
        self.ring = TouchRing(window)
        self._pressed: QWidget | None = None
        self._last: tuple[int, QPoint] | None = None  # an ignored press travels up to each parent: once only

    def set_theme(self, slack: int, ring_colour: str, ring_px: int) -> None:
        self.slack, self.ring_colour, self.ring_px = slack, ring_colour, ring_px

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        assert isinstance(event, QMouseEvent)
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        if kind == QEvent.Type.MouseButtonPress:
            seen = (event.timestamp(), event.globalPosition().toPoint())
            if seen != self._last:
                self._last = seen
                self._press(watched, event)
        else:
            self._release(watched, event)
        return False

    def _press(self, widget: QWidget, event: QMouseEvent) -> None:
        self._pressed = _target_of(widget)
        if self._pressed is None and widget.isVisible():
            centre = widget.mapTo(self.window, event.position().toPoint())
            self.ring.show_at(centre, self.slack * 2, self.ring_colour, self.ring_px)

    def _release(self, widget: QWidget, event: QMouseEvent) -> None:
        target, self._pressed = self._pressed, None
        if target is None or target is not widget or not target.isVisible() or not target.isEnabled():
            return  # the release goes to the pressed widget (it has the mouse grab)
        point = event.position().toPoint()
        if target.rect().contains(point):
            return  # a plain tap: the widget handles it itself
        rect = target.rect()
        if not within_reach((rect.x(), rect.y(), rect.width(), rect.height()), (point.x(), point.y()), self.slack):
            return  # a slide off the target cancels, as before
        if isinstance(target, QAbstractButton):
            QTimer.singleShot(0, target.click)  # after the button has handled its own (outside) release
        elif isinstance(target, TapCard):
            QTimer.singleShot(0, target.tapped.emit)
