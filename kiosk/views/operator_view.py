"""The operator area: dashboard, reports, content status, system health, and the way out of kiosk mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
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


class Lines(QScrollArea):
    """Lines of text, each wrapped to the width and never cut, scrolling when there are many.

    One wrapping label a line: a list widget's wrapped items were sized a few pixels short and ended in "…".
    """

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        self._column = QVBoxLayout(body)
        self._column.addStretch(1)
        self.setWidget(body)
        self._labels: list[QLabel] = []
        self._font = ""

    def set_lines(self, lines: list[str]) -> None:
        for old in self._labels:
            old.deleteLater()
        self._labels = []
        for line in lines:
            shown = label(line.replace("/", "/\u200b"), "body")  # a long path may break after any slash
            shown.setStyleSheet(self._font)
            self._column.insertWidget(self._column.count() - 1, shown)
            self._labels.append(shown)

    def lines(self) -> list[str]:
        return [shown.text().replace("\u200b", "") for shown in self._labels]

    def apply_theme(self, theme: Theme) -> None:
        self._font = f"font-size: {theme.px(30)}px;"
        self._column.setSpacing(theme.px(16))
        self._column.setContentsMargins(*(theme.px(16),) * 4)
        for shown in self._labels:
            shown.setStyleSheet(self._font)


def _lines_page(title: str) -> tuple[QWidget, Lines]:
    page = QWidget()
    lines = Lines()
    layout = column(page)
    layout.addWidget(label(title, "heading"))
    layout.addWidget(lines, 1)
    return page, lines


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
        self.content_page, self.content_list = _lines_page(ui_text("content_title", "vi"))
        self.system_page, self.system_list = _lines_page(ui_text("system_title", "vi"))
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
        self.content_list.apply_theme(theme)
        self.system_list.apply_theme(theme)

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
        self.content_list.set_lines(lines)

    def show_fleet_actions(self, retry: Callable[[], None] | None, rollback: Callable[[], None] | None) -> None:
        """Buttons only where the feature is on: no dead buttons."""
        self._retry, self._rollback = retry, rollback
        self.retry_upload.setVisible(retry is not None)
        self.rollback.setVisible(rollback is not None)

    def show_system(self, checks: list[Check], notices: list[str]) -> None:
        lines = [check_line(check) for check in checks]
        self.system_list.set_lines(notices + lines)
