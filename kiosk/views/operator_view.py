"""The operator area: dashboard, reports, content status, system health, and the way out of kiosk mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.status import ContentStatus
from kiosk.operator.health import Check, check_line
from kiosk.text.screen_shape import Shape
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.widgets import column, label, layout_of

SECTIONS = ("dashboard", "export", "content", "system")  # each titled by the strings table's operator_<section>


def _list_page(title: str) -> tuple[QWidget, QLabel, QListWidget]:
    page = QWidget()
    heading = label(title, "heading")
    items = QListWidget()
    items.setWordWrap(True)
    items.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    layout = column(page)
    layout.addWidget(heading)
    layout.addWidget(items, 1)
    return page, heading, items


class OperatorView(QWidget):
    """Operators are ward officers: plain Vietnamese, big readable numbers, lists that may scroll."""

    logout_requested = Signal()
    volunteer_requested = Signal()
    leave_kiosk_requested = Signal()
    section_changed = Signal(str)

    def __init__(self, dashboard: QWidget, export: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.content_page, _, self.content_list = _list_page(ui_text("content_title", "vi"))
        self.system_page, _, self.system_list = _list_page(ui_text("system_title", "vi"))
        self.retry_upload = QPushButton(ui_text("fleet_retry", "vi"))
        self.rollback = QPushButton(ui_text("fleet_rollback", "vi"))
        actions = QHBoxLayout()
        actions.addWidget(self.retry_upload)
        actions.addWidget(self.rollback)
        system_layout = layout_of(self.system_page)
        assert isinstance(system_layout, QVBoxLayout)
        system_layout.addLayout(actions)
        self._retry: Callable[[], None] | None = None
        self._rollback: Callable[[], None] | None = None
        self.retry_upload.clicked.connect(lambda: self._retry() if self._retry else None)
        self.rollback.clicked.connect(lambda: self._rollback() if self._rollback else None)
        self.pages = QStackedWidget()
        self.sections: dict[str, QWidget] = {
            "dashboard": dashboard,
            "export": export,
            "content": self.content_page,
            "system": self.system_page,
        }
        for page in self.sections.values():
            self.pages.addWidget(page)
        self.nav: dict[str, QPushButton] = {}
        for key in SECTIONS:
            button = QPushButton(ui_text(f"operator_{key}", "vi"))
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, section=key: self.show_section(section))
            self.nav[key] = button
        self.volunteer = QPushButton(ui_text("operator_volunteer", "vi"))
        self.volunteer.clicked.connect(self.volunteer_requested)
        self.logout = QPushButton(ui_text("operator_logout", "vi"))
        self.leave = QPushButton(ui_text("operator_leave", "vi"))
        self.leave.setProperty("role", "help")
        self.logout.clicked.connect(self.logout_requested)
        self.leave.clicked.connect(self.leave_kiosk_requested)
        self.nav_layout = QGridLayout()
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.addLayout(self.nav_layout)
        self.row.addWidget(self.pages, 1)
        self._portrait: bool | None = None
        self._arrange(portrait=False)

    def _arrange(self, portrait: bool) -> None:
        """A column of buttons beside the section on landscape screens; two columns above it on a totem."""
        if portrait == self._portrait:
            return
        self._portrait = portrait
        grid = self.nav_layout
        buttons = [*self.nav.values(), self.volunteer, self.logout, self.leave]
        for button in buttons:
            grid.removeWidget(button)
        for index in range(grid.rowCount()):
            grid.setRowStretch(index, 0)
        columns = 2 if portrait else 1
        for index, button in enumerate(buttons):
            row = index // columns + (0 if portrait or index < len(self.nav) else 1)  # a gap before the exits
            grid.addWidget(button, row, index % columns)
        if not portrait:
            grid.setRowStretch(len(self.nav), 1)
        self.row.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)

    def apply_theme(self, theme: Theme) -> None:
        self._arrange(portrait=theme.shape is Shape.PORTRAIT)
        margin = theme.margin_px
        layout_of(self).setContentsMargins(margin, theme.px(24), margin, theme.px(24))
        layout_of(self).setSpacing(theme.px(32))
        self.nav_layout.setSpacing(theme.gap_px)
        for button in [*self.nav.values(), self.volunteer, self.logout, self.leave]:
            button.setMinimumWidth(theme.px(380 if theme.shape is not Shape.PORTRAIT else 300))
        font = f"font-size: {theme.px(30)}px;"
        self.content_list.setStyleSheet(font)
        self.system_list.setStyleSheet(font)

    def show_section(self, section: str) -> None:
        self.pages.setCurrentWidget(self.sections[section])
        for key, button in self.nav.items():
            button.setChecked(key == section)
        self.section_changed.emit(section)

    def show_content(self, status: ContentStatus) -> None:
        lines = [ui_text("content_published", "vi", n=status.published)]
        lines += [ui_text("content_draft", "vi", file=file, note=note) for file, note in status.drafts]
        lines += [ui_text("content_problem", "vi", problem=problem) for problem in status.problems]
        lines += [
            ui_text("content_stale", "vi", reviewed=f"{reviewed:%d/%m/%Y}", file=file)
            for file, reviewed in status.stale
        ]
        if not (status.drafts or status.problems or status.stale):
            lines.append(ui_text("content_all_fine", "vi"))
        self.content_list.clear()
        self.content_list.addItems(lines)

    def show_fleet_actions(self, retry: Callable[[], None] | None, rollback: Callable[[], None] | None) -> None:
        """Buttons only where the feature is on: no dead buttons."""
        self._retry, self._rollback = retry, rollback
        self.retry_upload.setVisible(retry is not None)
        self.rollback.setVisible(rollback is not None)

    def show_system(self, checks: list[Check], notices: list[str]) -> None:
        lines = [check_line(check) for check in checks]
        self.system_list.clear()
        self.system_list.addItems(notices + lines)
