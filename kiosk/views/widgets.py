"""Small building blocks shared by the screens: labels with a role, tap cards, bar buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from kiosk.theme import Theme
from kiosk.views.icons import icon


def label(text: str = "", role: str = "body", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
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
    """A bottom-bar button: icon above a word, never smaller than one tap target."""

    def __init__(self, icon_name: str, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_name = icon_name
        self.setProperty("role", role)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def apply_theme(self, theme: Theme, colour: str) -> None:
        self.setIcon(icon(self.icon_name, colour))
        self.setIconSize(QSize(theme.icon_px, theme.icon_px))


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
