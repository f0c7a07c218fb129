"""The kiosk window: header, the current screen, the bottom bar and the overlays; it only draws."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QWidget

from kiosk.content.loader import Catalog
from kiosk.content.models import Tutorial
from kiosk.core.navigation import Screen, Visit
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.attract_view import AttractView
from kiosk.views.bottom_bar import BottomBar
from kiosk.views.completion_view import CompletionView
from kiosk.views.home_view import HomeView
from kiosk.views.icons import icon
from kiosk.views.overlays import HelpMessage, IdleWarning
from kiosk.views.step_view import StepView
from kiosk.views.style import stylesheet
from kiosk.views.tutorial_list_view import TutorialListView
from kiosk.views.widgets import column, label, layout_of


class Header(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.icon_label = QLabel()
        self.title = label("", "header")
        self.step_pill = QLabel()
        self.step_pill.setObjectName("StepPill")
        self.volunteer = QPushButton()
        self.volunteer.setProperty("role", "help")
        self.volunteer.hide()
        row = QHBoxLayout(self)
        row.addWidget(self.icon_label)
        row.addWidget(self.title, 1)
        row.addWidget(self.volunteer)
        row.addWidget(self.step_pill)

    def show_title(self, theme: Theme, icon_name: str, title: str, pill: str = "") -> None:
        margin = theme.margin_px
        layout_of(self).setContentsMargins(margin, theme.px(16), margin, theme.px(16))
        layout_of(self).setSpacing(theme.px(24))
        self.setMinimumHeight(theme.header_height)
        size = theme.px(56)
        self.icon_label.setPixmap(icon(icon_name, theme.palette.header_text).pixmap(size, size))
        self.title.setText(title)
        self.step_pill.setText(pill)
        self.step_pill.setVisible(bool(pill))


class KioskShell(QWidget):
    """Draws a `Visit`; every resident intent leaves through a child's signal."""

    def __init__(self, catalog: Catalog, categories: list[str], ward_name: str, theme: Theme) -> None:
        super().__init__()
        self.setObjectName("KioskShell")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Kiosk Số")
        self.catalog = catalog
        self.theme = theme
        self.header = Header()
        self.attract = AttractView(ward_name)
        self.home = HomeView([catalog.category(category_id) for category_id in categories])
        self.tutorial_list = TutorialListView()
        self.step = StepView(theme)
        self.completion = CompletionView()
        self.stack = QStackedWidget()
        for page in (self.attract, self.home, self.tutorial_list, self.step, self.completion):
            self.stack.addWidget(page)
        self.bar = BottomBar()
        layout = column(self)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bar)
        self.idle_warning = IdleWarning(self)
        self.help_message = HelpMessage(self)
        self._shown_list: str | None = None
        self.apply_theme(theme)

    def set_catalog(self, catalog: Catalog, categories: list[str]) -> None:
        """New content (an update between visits): new home tiles, fresh lists."""
        self.catalog = catalog
        old_home = self.home
        self.home = HomeView([catalog.category(category_id) for category_id in categories])
        self.stack.insertWidget(self.stack.indexOf(old_home), self.home)
        self.stack.removeWidget(old_home)
        old_home.deleteLater()
        self._shown_list = None

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setStyleSheet(stylesheet(theme))
        self.bar.apply_theme(theme)
        self.attract.apply_theme(theme)

    def show_state(self, visit: Visit) -> None:
        """Show the screen the visit is on, in its language and text size."""
        theme, language, route = self.theme, visit.language, visit.route
        self.bar.set_language(language)
        self.header.setVisible(route.screen is not Screen.ATTRACT)
        self.bar.setVisible(route.screen is not Screen.ATTRACT)
        # On every screen of an assisted visit the header says so, and one tap ends it.
        self.header.volunteer.setVisible(visit.assisted and route.screen is not Screen.ATTRACT)
        self.header.volunteer.setText(ui_text("volunteer_end", language))
        if route.screen is Screen.ATTRACT:
            self.stack.setCurrentWidget(self.attract)
        elif route.screen is Screen.HOME:
            self.header.show_title(theme, "home", ui_text("home_title", language))
            self.home.show_state(theme, language)
            self.bar.configure(navigation=False, next_visible=False, next_label="")
            self.stack.setCurrentWidget(self.home)
        elif route.screen is Screen.LIST:
            self._render_list(visit)
        else:
            self._render_tutorial(visit)

    def _render_list(self, visit: Visit) -> None:
        category_id = visit.route.category_id or ""
        category = self.catalog.category(category_id)
        self.header.show_title(self.theme, category.icon, category.title.get(visit.language))
        tutorials = self.catalog.published(category_id)
        if self._shown_list != category_id:
            self.tutorial_list.show_tutorials(tutorials)
            self._shown_list = category_id
        progress = {tutorial.id: visit.progress_of(tutorial.id) for tutorial in tutorials}
        self.bar.configure(navigation=True, next_visible=False, next_label="")
        self.stack.setCurrentWidget(self.tutorial_list)
        self.tutorial_list.show_state(self.theme, visit.language, progress)

    def _render_tutorial(self, visit: Visit) -> None:
        session = visit.player
        assert session is not None
        language = visit.language
        tutorial = session.tutorial
        category = self.catalog.category(tutorial.category)
        if visit.route.screen is Screen.COMPLETE:
            self.header.show_title(self.theme, category.icon, tutorial.title.get(language))
            self.completion.show_state(session, self.next_tutorial(tutorial.id), self.theme, language)
            self.bar.configure(navigation=True, next_visible=False, next_label="")
            self.stack.setCurrentWidget(self.completion)
            return
        pill = ui_text("step_of", language, step=session.state.index + 1, total=session.step_count)
        self.header.show_title(self.theme, category.icon, tutorial.title.get(language), pill)
        last = session.state.index + 1 == session.step_count
        self.bar.configure(True, session.can_go_next, ui_text("finish" if last else "next", language))
        self.stack.setCurrentWidget(self.step)
        self.step.show_state(session, self.theme, language, visit.assisted)

    def next_tutorial(self, tutorial_id: str) -> Tutorial | None:
        tutorials = self.catalog.published(self.catalog.tutorial(tutorial_id).category)
        ids = [tutorial.id for tutorial in tutorials]
        if tutorial_id not in ids:  # a draft opened by a reviewer's tour has no "next"
            return None
        position = ids.index(tutorial_id)
        return tutorials[position + 1] if position + 1 < len(tutorials) else None

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        for overlay in (self.idle_warning, self.help_message):
            overlay.setGeometry(self.rect())
