"""The tutorials of one category as big cards, paged (never scrolled) when they do not fit."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from kiosk.content.models import Language, Tutorial
from kiosk.core.session import TutorialSession
from kiosk.text.screen_shape import page_layout
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import TapCard, column, fit_text, label, layout_of


class TutorialCard(TapCard):
    def __init__(self, tutorial: Tutorial) -> None:
        super().__init__("ListItem")
        self.tutorial = tutorial
        self.title = label("", "tile-title")
        self.summary = label("", "small")
        self.status = label("", "small")
        layout = column(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def apply(self, theme: Theme, language: Language, progress: TutorialSession | None) -> None:
        pad = theme.px(28)
        layout_of(self).setContentsMargins(pad, pad, pad, pad)
        layout_of(self).setSpacing(theme.px(8))
        self.title.setText(self.tutorial.title.get(language))
        self.summary.setText(self.tutorial.summary.get(language))
        total = len(self.tutorial.steps)
        if progress is not None and progress.finished:
            status = "✓ " + ui_text("done_before", language)
        elif progress is not None:
            status = "▶ " + ui_text("resume", language, step=progress.state.index + 1, total=total)
        else:
            status = ui_text("steps_count", language, n=total)
        self.status.setText(status)


class TutorialListView(QWidget):
    tutorial_chosen = Signal(str)
    page_shown = Signal(int, int, int, int)  # first card, cards on show, page (1-based), pages

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.cards: list[TutorialCard] = []
        self.columns = 2
        self.page = 0
        self.pages: list[list[TutorialCard]] = []
        self.compact = False  # summaries hidden so that more than one row of cards fits a page
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.previous_page = QPushButton()
        self.next_page = QPushButton()
        self.page_label = label("", "body", wrap=False)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous_page.clicked.connect(lambda: self._turn(-1))
        for button in (self.previous_page, self.next_page):
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
        self.next_page.clicked.connect(lambda: self._turn(1))
        pager = QHBoxLayout()
        pager.addWidget(self.previous_page)
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.next_page)
        self.pager = QWidget()
        self.pager.setLayout(pager)
        layout = column(self)
        layout.addWidget(self.grid_host, 1)
        layout.addWidget(self.pager)
        self._theme: Theme | None = None
        self._language: Language = "vi"

    def show_tutorials(self, tutorials: list[Tutorial]) -> None:
        for card in self.cards:
            card.hide()  # deleteLater waits for the event loop; until then it must not be drawn
            card.deleteLater()
        self.cards = [TutorialCard(tutorial) for tutorial in tutorials]
        for card in self.cards:
            card.tapped.connect(lambda tutorial_id=card.tutorial.id: self.tutorial_chosen.emit(tutorial_id))
            card.setParent(self.grid_host)
            card.hide()
        self.page = 0

    def show_state(self, theme: Theme, language: Language, progress: dict[str, TutorialSession | None]) -> None:
        self._theme, self._language = theme, language
        margin = theme.margin_px
        layout_of(self).setContentsMargins(margin, theme.px(28), margin, theme.px(20))
        layout_of(self).setSpacing(theme.gap_px)
        self.grid.setSpacing(theme.px(28))
        for card in self.cards:
            card.apply(theme, language, progress.get(card.tutorial.id))
        colour = theme.palette.button_text
        self.previous_page.setIcon(icon("back", colour))
        self.next_page.setIcon(icon("next", colour))
        self.previous_page.setText(" " + ui_text("page_previous", language))
        self.next_page.setText(" " + ui_text("page_next", language))
        self._paginate()

    def _size_pager(self, theme: Theme) -> None:
        """The page buttons as large as "Trang 1 / 6" between them where the row holds them; on a narrow
        totem at 150 % they fall back to the bar's size (the label stays body text, never below 40 px)."""
        self.page_label.setStyleSheet(f"font-size: {theme.body_px}px;")
        for text_px in (theme.body_px, theme.bar_text_px):
            icon_px = max(theme.icon_px, text_px)
            for button in (self.previous_page, self.next_page):
                button.setIconSize(QSize(icon_px, icon_px))
                button.setStyleSheet(f"font-size: {text_px}px;")
            needed = sum(widget.sizeHint().width() for widget in (self.previous_page, self.next_page, self.page_label))
            if needed + 2 * layout_of(self.pager).spacing() <= self.width() - 2 * theme.margin_px:
                return

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        if self._theme is not None:
            self._paginate()

    def _paginate(self) -> None:
        """Fill pages with as many rows of cards as fit the space, measured, not guessed."""
        assert self._theme is not None
        theme = self._theme
        self._size_pager(theme)
        self.pager.ensurePolished()
        pager_height = max(theme.target_px, self.pager.sizeHint().height()) + theme.gap_px  # as drawn, not guessed
        margins = layout_of(self).contentsMargins()
        available = self.height() - margins.top() - margins.bottom() - pager_height - theme.gap_px
        columns = self.columns = page_layout(theme.shape).list_columns
        width = (self.width() - 2 * theme.margin_px - theme.px(28) * (columns - 1)) // columns
        for card in self.cards:
            card.ensurePolished()  # a new card measured before its style sheet applies is measured too small
            card.resize(width, card.height())
        fit_text(self, theme, [(card, available) for card in self.cards])
        self._set_compact(False)
        self.pages = self._fill_pages(theme, width, available)
        if len(self.pages) > 1 and max(len(page) for page in self.pages) <= columns:
            # One row a page leaves an empty band (large text on a short screen): without the summaries
            # more rows fit, so fewer pages to turn (title and step count stay on every card).
            self._set_compact(True)
            compact = self._fill_pages(theme, width, available)
            if len(compact) < len(self.pages):
                self.pages = compact
            else:
                self._set_compact(False)
                self.pages = self._fill_pages(theme, width, available)
        self.page = min(self.page, max(0, len(self.pages) - 1))
        self._show_page()

    def _set_compact(self, compact: bool) -> None:
        self.compact = compact
        for card in self.cards:
            card.summary.setVisible(not compact)

    def _fill_pages(self, theme: Theme, width: int, available: int) -> list[list[TutorialCard]]:
        """As many rows of cards on each page as fit `available`, each row as tall as its tallest card."""
        columns = self.columns
        pages: list[list[TutorialCard]] = []
        page: list[TutorialCard] = []
        used = 0
        for start in range(0, len(self.cards), columns):
            row = self.cards[start : start + columns]
            height = max(
                card.heightForWidth(width) if card.hasHeightForWidth() else card.sizeHint().height() for card in row
            )
            height = max(height, theme.target_px)
            for card in row:  # the grid sizes rows by minimum size, not by height-for-width
                card.setMinimumHeight(height)
            if page and used + height > available:
                pages.append(page)
                page, used = [], 0
            page += row
            used += height + theme.px(28)
        if page:
            pages.append(page)
        return pages

    def show_page(self, page: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, page))
        self._show_page()

    def _turn(self, delta: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, self.page + delta))
        self._show_page()

    def _show_page(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        for card in self.cards:
            card.hide()
        shown = self.pages[self.page] if self.pages else []
        for index, card in enumerate(shown):
            self.grid.addWidget(card, index // self.columns, index % self.columns)
            card.show()
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        for index in range(max(self.grid.columnCount(), self.columns)):
            self.grid.setColumnStretch(index, 1 if index < self.columns else 0)  # a lone card keeps its width
        many = len(self.pages) > 1
        self.pager.setVisible(many)
        self.previous_page.setVisible(self.page > 0)  # no dead buttons: hidden, but keeping their place
        self.next_page.setVisible(self.page < len(self.pages) - 1)
        self.page_label.setText(ui_text("page_of", self._language, page=self.page + 1, total=max(1, len(self.pages))))
        first = sum(len(page) for page in self.pages[: self.page])
        self.page_shown.emit(first, len(shown), self.page + 1, max(1, len(self.pages)))

    def visible_cards(self) -> list[TutorialCard]:
        return self.pages[self.page] if self.pages else []
