"""Small building blocks shared by the screens: labels with a role, tap cards, bar buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from kiosk.text.theme import Theme
from kiosk.views.icons import icon


class WrapLabel(QLabel):
    """A wrapping label whose minimum height is what its text needs at its current width.

    Qt box layouts nested in a row do not ask children for height-for-width, so without this
    a long sentence is cut off instead of pushing the rest down.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        base = super().minimumSizeHint()
        if self.width() <= 0 or not self.text():
            return base
        return QSize(base.width(), max(base.height(), self.heightForWidth(self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


def label(text: str = "", role: str = "body", wrap: bool = True) -> QLabel:
    widget = WrapLabel(text) if wrap else QLabel(text)
    widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class TapCard(QFrame):
    """A big tappable card; like `clicked`, it fires on release inside, so a sliding finger cancels."""

    tapped = Signal()

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._pressed = False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._pressed = event.button() == Qt.MouseButton.LeftButton

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        inside = self.rect().contains(event.position().toPoint())
        if self._pressed and inside:
            self.tapped.emit()
        self._pressed = False


class BarButton(QToolButton):
    """A bottom-bar button: icon above one or two lines of words, never smaller than one tap target."""

    resized = Signal()

    def __init__(self, icon_name: str, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_name = icon_name
        self._theme: Theme | None = None
        self.setProperty("role", role)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def apply_theme(self, theme: Theme, colour: str) -> None:
        self._theme = theme
        self.setIcon(icon(self.icon_name, colour))
        self.setIconSize(QSize(theme.icon_px, theme.icon_px))

    def text_room(self) -> int:
        """The width a line of the label may take: the button less its padding and borders (style.py)."""
        theme = self._theme
        if theme is None:
            return self.width()
        return self.width() - 2 * theme.px(6) - 2 * max(2, theme.px(3)) - 2

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.resized.emit()


class Banner(QFrame):
    """A calm coloured box with an icon and one message (reassurance, hint, feedback)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.icon_label = QLabel()
        self.text_label = label("", "body")
        row = QHBoxLayout(self)
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text_label, 1)

    def show_message(self, theme: Theme, tone: str, icon_name: str, colour: str, text: str) -> None:
        self.setProperty("tone", tone)
        restyle(self)
        restyle(self.text_label)  # the label's colour comes from the banner's tone: re-polish it too
        pad = theme.px(20)
        layout_of(self).setContentsMargins(pad, pad, pad, pad)
        layout_of(self).setSpacing(pad)
        size = theme.body_px
        self.icon_label.setPixmap(icon(icon_name, colour).pixmap(size, size))
        self.text_label.setText(text)
        self.show()


def column(parent: QWidget | None = None, spacing: int = 0) -> QVBoxLayout:
    layout = QVBoxLayout(parent) if parent is not None else QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout


def layout_of(widget: QWidget) -> QLayout:
    """The widget's layout; every kiosk widget sets one in its constructor."""
    layout = widget.layout()
    assert layout is not None, f"{type(widget).__name__} has no layout"
    return layout


def _needed_height(widget: QWidget, width: int) -> int:
    inner = widget.layout()
    if inner is not None:
        inner.invalidate()  # box layouts cache height-for-width; fonts may have just changed
    return widget.heightForWidth(width) if widget.hasHeightForWidth() else widget.sizeHint().height()


def column_overflows(container: QWidget, available: int) -> bool:
    """Would the visible children of a vertical column need more height than it has?"""
    return column_height(container) > available


def column_height(container: QWidget) -> int:
    """The height the visible children of a vertical column need at its current width."""
    layout = layout_of(container)
    margins = layout.contentsMargins()
    width = container.width() - margins.left() - margins.right()
    heights: list[int] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        child = item.widget()
        if child is not None and child.isVisibleTo(container):
            heights.append(_needed_height(child, width))
        elif child is None and (inner := item.layout()) is not None:
            inner.invalidate()  # its children's fonts may have just changed
            heights.append(inner.sizeHint().height())
    needed = sum(heights) + layout.spacing() * max(0, len(heights) - 1)
    return needed + margins.top() + margins.bottom()


FIT_STEPS = (150, 140, 130, 125, 115, 100)


def fit_text(
    host: QWidget,
    theme: Theme,
    columns: list[tuple[QWidget, int]],
    too_wide: Callable[[], bool] | None = None,
) -> None:
    """Shrink the text inside `host` from the resident's size towards 100 % until every column fits.

    Large text must reflow, never clip: a long step that does not fit at 150 % is shown as
    large as it fits instead; never below 100 %. `too_wide` adds a check of its own (a row of buttons).
    """
    if host.styleSheet():  # re-polishing a whole screen on every tap costs; only undo an earlier shrink
        host.setStyleSheet("")
    for size in [size for size in FIT_STEPS if size < theme.text_size]:
        wide = too_wide is not None and too_wide()
        if not wide and not any(column_overflows(column, available) for column, available in columns):
            return
        smaller = theme.with_text_size(size)
        host.setStyleSheet(
            f'QLabel[role="heading"] {{ font-size: {smaller.heading_px}px; }}'
            f'QLabel[role="body"] {{ font-size: {smaller.body_px}px; }}'
            f'QLabel[role="tile-title"] {{ font-size: {smaller.tile_title_px}px; }}'
            f'QLabel[role="small"] {{ font-size: {smaller.small_px}px; }}'
            f"QPushButton {{ font-size: {smaller.body_px}px; }}"
        )
