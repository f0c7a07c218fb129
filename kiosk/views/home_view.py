"""Home: one huge tile per category with an icon and words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kiosk.content.models import Category, Language
from kiosk.text.screen_shape import page_layout
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import TapCard, column, column_overflows, fit_text, label, layout_of


class CategoryTile(TapCard):
    def __init__(self, category: Category) -> None:
        super().__init__("Tile")
        self.category = category
        self.setProperty("tone", category.tone)
        self._theme = Theme(1080)
        self.icon_label = QLabel()
        self.title = label("", "tile-title")
        self.subtitle = label("", "small")
        layout = column(self)
        layout.addWidget(self.icon_label)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addStretch(1)

    def apply(self, theme: Theme, language: Language) -> None:
        self._theme = theme
        self.compact(0)
        self.title.setText(self.category.title.get(language))
        self.subtitle.setText(self.category.subtitle.get(language))

    def compact(self, level: int) -> None:
        """0: roomy; 1: smaller picture and padding; 2: the subtitle goes too (the title always stays)."""
        theme = self._theme
        size = theme.px(80 if level == 0 else 48)
        self.icon_label.setPixmap(icon(self.category.icon, theme.palette.tile_text).pixmap(size, size))
        pad = theme.px(32 if level == 0 else 18)
        layout_of(self).setContentsMargins(pad, pad, pad, pad)
        layout_of(self).setSpacing(theme.px(10 if level == 0 else 4))
        self.subtitle.setVisible(level < 2)


class HomeView(QWidget):
    category_chosen = Signal(str)

    def __init__(self, categories: list[Category], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._theme: Theme | None = None
        self.tiles = [CategoryTile(category) for category in categories]
        self.empty = label(ui_text("no_content", "vi"), "heading")
        self.grid = QGridLayout(self)
        self.columns = 0
        for tile in self.tiles:
            tile.tapped.connect(lambda category_id=tile.category.id: self.category_chosen.emit(category_id))
        self._place(3)
        if not self.tiles:
            self.grid.addWidget(self.empty, 0, 0)
        self.empty.setVisible(not self.tiles)

    def _place(self, most_columns: int) -> None:
        """3×2 tiles on landscape screens, 2×3 on a portrait totem; every tile the same size."""
        count = len(self.tiles)
        columns = min(most_columns, 3 if count > 4 else 2) if count > 1 else 1
        if columns == self.columns:
            return
        self.columns = columns
        for index in range(self.grid.columnCount()):
            self.grid.setColumnStretch(index, 0)
        for index in range(self.grid.rowCount()):
            self.grid.setRowStretch(index, 0)
        for index, tile in enumerate(self.tiles):
            self.grid.removeWidget(tile)
            self.grid.addWidget(tile, index // columns, index % columns)
        for index in range(columns):
            self.grid.setColumnStretch(index, 1)  # equal tiles, whatever their words
        for index in range((count + columns - 1) // columns):
            self.grid.setRowStretch(index, 1)

    def show_state(self, theme: Theme, language: Language) -> None:
        self._place(page_layout(theme.shape).home_columns)
        margin = theme.margin_px
        self.grid.setContentsMargins(margin, margin, margin, margin)
        self.grid.setSpacing(theme.px(36))
        self.empty.setText(ui_text("no_content", language))
        for tile in self.tiles:
            tile.apply(theme, language)
        self._theme = theme
        self._fit()

    def _fit(self) -> None:
        if self._theme is None or not self.tiles or self.tiles[0].height() <= 0:
            return
        for tile in self.tiles:
            tile.compact(0)
        fit_text(self, self._theme, [(tile, tile.height()) for tile in self.tiles])
        for level in (1, 2):  # still too tall at 100 %: every tile alike, so they stay equal
            if not any(column_overflows(tile, tile.height()) for tile in self.tiles):
                return
            for tile in self.tiles:
                tile.compact(level)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()
