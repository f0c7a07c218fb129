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
from kiosk.operator.health import Check
from kiosk.text.screen_shape import Shape
from kiosk.text.theme import Theme
from kiosk.views.widgets import column, label, layout_of

SECTIONS = (
    ("dashboard", "Tổng quan"),
    ("export", "Xuất báo cáo"),
    ("content", "Nội dung"),
    ("system", "Hệ thống"),
)


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
        self.content_page, _, self.content_list = _list_page("Nội dung bài học")
        self.system_page, _, self.system_list = _list_page("Tình trạng hệ thống")
        self.retry_upload = QPushButton("Gửi lại số liệu lên tỉnh")
        self.rollback = QPushButton("Quay về bộ bài học trước")
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
        for key, title in SECTIONS:
            button = QPushButton(title)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, section=key: self.show_section(section))
            self.nav[key] = button
        self.volunteer = QPushButton("Chế độ tình nguyện viên")
        self.volunteer.clicked.connect(self.volunteer_requested)
        self.logout = QPushButton("Đăng xuất")
        self.leave = QPushButton("Thoát chế độ kiosk")
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
        lines = [f"Đang hiển thị cho người dân: {status.published} bài"]
        lines += [f"Bản nháp (không hiển thị): {file} — {note}" for file, note in status.drafts]
        lines += [f"Tệp lỗi (bị bỏ qua): {problem}" for problem in status.problems]
        lines += [f"Cần kiểm tra lại (duyệt lần cuối {reviewed:%d/%m/%Y}): {file}" for file, reviewed in status.stale]
        if not (status.drafts or status.problems or status.stale):
            lines.append("Không có bản nháp, tệp lỗi hay bài quá 12 tháng.")
        self.content_list.clear()
        self.content_list.addItems(lines)

    def show_fleet_actions(self, retry: Callable[[], None] | None, rollback: Callable[[], None] | None) -> None:
        """Buttons only where the feature is on: no dead buttons."""
        self._retry, self._rollback = retry, rollback
        self.retry_upload.setVisible(retry is not None)
        self.rollback.setVisible(rollback is not None)

    def show_system(self, checks: list[Check], notices: list[str]) -> None:
        lines = [f"{'✓' if check.ok else '✗'} {check.name}: {check.detail}" for check in checks]
        self.system_list.clear()
        self.system_list.addItems(notices + lines)
