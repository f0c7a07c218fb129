"""The persistent bottom bar: the same slots in the same places on every resident screen of one size.

Back, Home, text size, read aloud, language, help and the forward button each own a slot
(DESIGN.md "The bottom bar never moves"); a button that does not apply here is hidden but keeps its
slot, so a finger that has learnt where Trang chủ is always finds it. While reading aloud, "Nhỏ hơn" and
"To hơn" take the slots of text size and language. Labels never elide: one line, two lines, or the
shorter label from the strings table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from kiosk.content.models import Language
from kiosk.text.screen_shape import Shape, bar_places, bar_rows
from kiosk.text.strings import MEASURE_ONE_LINE, MEASURE_TWO_LINES, UI_STRINGS, ui_text
from kiosk.text.theme import Theme
from kiosk.views.widgets import BarButton

ONE_LINE = MEASURE_ONE_LINE  # a bar label's height: one line with Vietnamese marks, or two
TWO_LINES = MEASURE_TWO_LINES
ALL_LABELS = {  # every word a slot can show, so the bar's height is the same on every screen of one size
    "back": ["back"],
    "home": ["home"],
    "text_size": ["text_size", "volume_down"],
    "read_aloud": ["read_aloud", "stop_reading", "read_again"],
    "language": ["other_language", "volume_up"],
    "help": ["help"],
    "forward": ["next", "finish"],
}


def label_lines(text: str, fits: Callable[[str], bool]) -> str | None:
    """`text` on one line, else broken at the space that best balances two lines; None if neither fits."""
    if fits(text):
        return text
    words = text.split(" ")
    options = [(" ".join(words[:cut]), " ".join(words[cut:])) for cut in range(1, len(words))]
    options.sort(key=lambda pair: abs(len(pair[0]) - len(pair[1])))
    for first, second in options:
        if fits(first) and fits(second):
            return f"{first}\n{second}"
    return None


class BottomBar(QWidget):
    back_requested = Signal()
    home_requested = Signal()
    text_size_requested = Signal()
    read_aloud_requested = Signal()
    volume_down_requested = Signal()
    volume_up_requested = Signal()
    language_requested = Signal()
    help_requested = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BottomBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # a plain QWidget paints no band otherwise
        self.back = BarButton("back")
        self.home = BarButton("home")
        self.text_size = BarButton("text_size")
        self.read_aloud = BarButton("read_aloud")
        self.volume_down = BarButton("volume_down")
        self.volume_up = BarButton("volume_up")
        self.language = BarButton("language")
        self.help = BarButton("help", "help")
        self.next = BarButton("next", "primary")
        self.read_aloud.hide()  # shown by `show_read_aloud` once a voice exists: no dead button
        self.volume_down.hide()
        self.volume_up.hide()
        self._keys = {
            self.back: "back",
            self.home: "home",
            self.text_size: "text_size",
            self.read_aloud: "read_aloud",
            self.volume_down: "volume_down",
            self.volume_up: "volume_up",
            self.language: "other_language",
            self.help: "help",
        }
        self._next_label = ui_text("next", "vi")
        self._fitted_for: tuple[object, ...] = ()
        self._language: Language = "vi"
        self._theme: Theme | None = None
        self._shape: Shape | None = None
        self._two_lines: bool | None = None
        for button, signal in (
            (self.back, self.back_requested),
            (self.home, self.home_requested),
            (self.text_size, self.text_size_requested),
            (self.read_aloud, self.read_aloud_requested),
            (self.volume_down, self.volume_down_requested),
            (self.volume_up, self.volume_up_requested),
            (self.language, self.language_requested),
            (self.help, self.help_requested),
            (self.next, self.next_requested),
        ):
            button.clicked.connect(signal)
            policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            policy.setRetainSizeWhenHidden(True)  # a button that does not apply keeps its slot
            button.setSizePolicy(policy)
            button.resized.connect(self._fit_labels)
        self.grid = QGridLayout(self)

    def buttons(self) -> list[BarButton]:
        return [
            self.back,
            self.home,
            self.text_size,
            self.volume_down,
            self.read_aloud,
            self.volume_up,
            self.language,
            self.help,
            self.next,
        ]

    def slot_buttons(self) -> dict[str, list[BarButton]]:
        """Which buttons share each slot (only one of them shows at a time)."""
        return {
            "back": [self.back],
            "home": [self.home],
            "text_size": [self.text_size, self.volume_down],
            "read_aloud": [self.read_aloud],
            "language": [self.language, self.volume_up],
            "help": [self.help],
            "forward": [self.next],
        }

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = theme.palette
        for button in self.buttons():
            colour = {"help": palette.help_text, "primary": palette.primary_text}.get(
                button.property("role"), palette.button_text
            )
            button.apply_theme(theme, colour)
        self._place(theme.shape)
        margin = theme.px(20)
        self.grid.setContentsMargins(margin, theme.px(12), margin, theme.px(12))
        self.grid.setHorizontalSpacing(theme.gap_px)
        self.grid.setVerticalSpacing(theme.gap_px)
        self._two_lines = None
        self._set_height()
        self._fit_labels()

    def _set_height(self) -> None:
        """Room for two lines of label only where some label needs them at this screen's slot width."""
        theme = self._theme
        if theme is None:
            return
        two = self._needs_two_lines(theme)
        if two == self._two_lines:
            return
        self._two_lines = two
        rows = bar_rows(theme.shape)
        row_height = self.row_height(TWO_LINES if two else ONE_LINE)
        for row in range(rows):
            self.grid.setRowMinimumHeight(row, row_height)
        self.setFixedHeight(rows * row_height + (rows - 1) * theme.gap_px + 2 * theme.px(12))

    def _needs_two_lines(self, theme: Theme) -> bool:
        columns = max(place.column + place.span for place in bar_places(theme.shape))
        room = self.width() - 2 * theme.px(20) - theme.gap_px * (columns - 1)
        if self.width() <= 0 or room <= 0:
            return True
        self.back.ensurePolished()
        metrics = QFontMetrics(self.back.font())
        for place in bar_places(theme.shape):
            width = room * place.span // columns + theme.gap_px * (place.span - 1)
            text_room = width - 2 * theme.px(6) - 2 * max(2, theme.px(3)) - 2
            for key in ALL_LABELS[place.slot]:
                for language in ("vi", "en"):
                    if metrics.horizontalAdvance(ui_text(key, language)) > text_room:
                        return True
        return False

    def row_height(self, sample: str) -> int:
        """An icon over the label, never less than one tap target."""
        assert self._theme is not None
        probe = self.back
        text = probe.text()
        probe.ensurePolished()
        probe.setText(sample)
        height = probe.sizeHint().height()
        probe.setText(text)
        return max(self._theme.target_px, height)

    def _place(self, shape: Shape) -> None:
        if shape is self._shape:
            return
        self._shape = shape
        while self.grid.count():
            self.grid.takeAt(0)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 0)
        slots = self.slot_buttons()
        for place in bar_places(shape):
            for button in slots[place.slot]:
                self.grid.addWidget(button, place.row, place.column, 1, place.span)
        for column in range(max(place.column + place.span for place in bar_places(shape))):
            self.grid.setColumnStretch(column, 1)  # equal columns: a slot's width never depends on its words

    @property
    def language_shown(self) -> Language:
        return self._language

    def set_language(self, language: Language) -> None:
        self._language = language
        self._fit_labels()

    def show_read_aloud(self, visible: bool, key: str, language: Language) -> None:
        """The read-aloud button: "Đọc to", "Dừng đọc" while reading, "Đọc lại" after; hidden without a voice."""
        self._keys[self.read_aloud] = key
        self._language = language
        self.read_aloud.setVisible(visible)
        reading = visible and key == "stop_reading"
        for button in (self.text_size, self.language):
            button.setVisible(not reading)
        for button in (self.volume_down, self.volume_up):
            button.setVisible(reading)
        icon_name = "stop_reading" if key == "stop_reading" else "read_aloud"
        if icon_name != self.read_aloud.icon_name:
            self.read_aloud.icon_name = icon_name
            if self._theme is not None:
                self.read_aloud.apply_theme(self._theme, self._theme.palette.button_text)
        self._fit_labels()

    def configure(self, navigation: bool, next_visible: bool, next_label: str) -> None:
        """Back/Home where there is somewhere to go back to; Next only when the resident may go on."""
        self.back.setVisible(navigation)
        self.home.setVisible(navigation)
        self._next_label = next_label or self._next_label
        self.next.setVisible(next_visible)
        self._fit_labels()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._set_height()
        self._fit_labels()

    def _fit_labels(self) -> None:
        """Every label in the words and widths of now; a call that changes neither does nothing (a tap's
        language, navigation and read-aloud updates each ask, but the words are measured once)."""
        fitted_for = (
            self._language,
            self._next_label,
            tuple(self._keys.values()),
            tuple((button.width(), button.font().pixelSize(), button.text_room()) for button in self.buttons()),
        )
        if fitted_for == self._fitted_for:
            return
        self._fitted_for = fitted_for
        for button, key in self._keys.items():
            short = f"{key}_short"
            button.setText(self._fitted(button, ui_text(key, self._language), short))
        self.next.setText(self._fitted(self.next, self._next_label, ""))

    def _fitted(self, button: BarButton, text: str, short_key: str) -> str:
        if button.width() <= 0:
            return text
        metrics = QFontMetrics(button.font())
        room = button.text_room()

        def fits(line: str) -> bool:
            return metrics.horizontalAdvance(line) <= room

        shaped = label_lines(text, fits)
        if shaped is None and short_key in UI_STRINGS:
            shaped = label_lines(ui_text(short_key, self._language), fits)
        return shaped if shaped is not None else text.replace(" ", "\n", 1)
