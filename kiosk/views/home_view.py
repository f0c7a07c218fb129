"""Home: one huge tile per category with an icon and words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kiosk.content.models import Category, Language
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.widgets import TapCard, column, fit_text, label, layout_of


class CategoryTile(TapCard):
    def __init__(self, category: Category) -> None:
        super().__init__("Tile")
        self.category = category
        self.setProperty("tone", category.tone)
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
        size = theme.px(80)
        self.icon_label.setPixmap(icon(self.category.icon, theme.palette.tile_text).pixmap(size, size))
        pad = theme.px(32)
        layout_of(self).setContentsMargins(pad, pad, pad, pad)
        layout_of(self).setSpacing(theme.px(10))
        self.title.setText(self.category.title.get(language))
        self.subtitle.setText(self.category.subtitle.get(language))


class HomeView(QWidget):
    category_chosen = Signal(str)

    def __init__(self, categories: list[Category], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._theme: Theme | None = None
        self.tiles = [CategoryTile(category) for category in categories]
        self.empty = label(ui_text("no_content", "vi"), "heading")
        grid = QGridLayout(self)
        columns = 3 if len(self.tiles) > 4 else 2 if len(self.tiles) > 1 else 1
        for index, tile in enumerate(self.tiles):
            grid.addWidget(tile, index // columns, index % columns)
            tile.tapped.connect(lambda category_id=tile.category.id: self.category_chosen.emit(category_id))
        for index in range(columns):
            grid.setColumnStretch(index, 1)  # equal tiles, whatever their words
        for index in range((len(self.tiles) + columns - 1) // columns):
            grid.setRowStretch(index, 1)
        if not self.tiles:
            grid.addWidget(self.empty, 0, 0)
        self.empty.setVisible(not self.tiles)

    def show_state(self, theme: Theme, language: Language) -> None:
        margin = theme.margin_px
        layout_of(self).setContentsMargins(margin, margin, margin, margin)
        layout_of(self).setSpacing(theme.px(36))
        self.empty.setText(ui_text("no_content", language))
        for tile in self.tiles:
            tile.apply(theme, language)
        self._theme = theme
        self._fit()

    def _fit(self) -> None:
        if self._theme is not None and self.tiles and self.tiles[0].height() > 0:
            fit_text(self, self._theme, [(tile, tile.height()) for tile in self.tiles])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()
