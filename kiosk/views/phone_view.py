"""One widget that draws every simulated phone screen from its description; nothing here is real."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content.models import (
    AddressBar,
    AppBar,
    Bubble,
    Button,
    Element,
    IncomingCall,
    Input,
    Keypad,
    Label,
    Language,
    ListRow,
    Notice,
    QrCode,
    Screen,
)
from kiosk.core.reveal import NEUTRAL, PhoneCues
from kiosk.text.phone_text import breakable, shorten_url
from kiosk.text.theme import PhonePalette, Theme
from kiosk.views.icons import icon

MIN_SCREEN_REF_PX = 340  # narrowest readable phone screen (reference px); below it the page changes shape
ADDRESS_MAX_LINES = 3

BADGE_REF_PX = 22  # flag badge radius on the reference panel (44 px across, number at 26 px)
CueKind = Literal["look", "tap"]


@dataclass(frozen=True)
class FlagMark:
    element: str
    number: int
    tone: str


class PhoneView(QWidget):
    """Draws a `Screen`; in practice mode a tap on release names the element tapped."""

    element_tapped = Signal(object)  # str | None: element id, or None for a miss

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._theme = theme
        self._screen: Screen | None = None
        self._language: Language = "vi"
        self._highlight: str | None = None
        self._cue_kind: CueKind = "look"
        self._cues: PhoneCues = NEUTRAL
        self._flags: list[FlagMark] = []
        self._interactive = False
        self._pulse_on = True
        self._pressed: str | bool | None = False  # False: no press under way
        self._rects: dict[str, QRectF] = {}  # the elements' places at the current size: read through _layout
        self._pending = False  # a new screen waits for its size before it is measured
        self._font_px = 0
        self._compact = False
        self._widened = False
        self._overflows = False
        self._pulse = QTimer(self)
        self._pulse.setInterval(450)
        self._pulse.timeout.connect(self._toggle_pulse)

    # --- public interface -------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        if theme != self._theme:
            self._theme = theme
            self._remeasure_later()

    def show_screen(
        self,
        screen: Screen | None,
        language: Language,
        highlight: str | None = None,
        flags: list[FlagMark] | None = None,
        interactive: bool = False,
        pulse: bool = False,
        cue: CueKind = "look",
        cues: PhoneCues = NEUTRAL,
    ) -> None:
        """`cue`: "look" (dashed ring and eye: just look) or "tap" (solid ring and arrow: tap this)."""
        self._screen, self._language = screen, language
        self._highlight, self._flags, self._interactive = highlight, flags or [], interactive
        self._cue_kind, self._cues = cue, cues
        self.setProperty("touch_target", interactive)  # a touch here is a practice tap, never "on nothing"
        self.setCursor(Qt.CursorShape.PointingHandCursor if interactive else Qt.CursorShape.ArrowCursor)
        self._pulse_on = True
        if pulse:
            self._pulse.start()
        else:
            self._pulse.stop()
        self._remeasure_later()

    def _remeasure_later(self) -> None:
        """Measure when the size is known: the page usually resizes the phone right after giving it a screen,
        and the words would be measured twice on every tap otherwise."""
        self._pending = True
        self.update()

    def _settle(self) -> None:
        if self._pending:
            self._relayout()

    @property
    def _layout(self) -> dict[str, QRectF]:
        """The elements' places, measured first if the screen or theme changed since."""
        self._settle()
        return self._rects

    @property
    def overflows(self) -> bool:
        """The elements do not fit even at the smallest readable size (the page then gives the phone more room)."""
        self._settle()
        return self._overflows

    @property
    def cues(self) -> PhoneCues:
        """What the address bars, sender lines and notices say right now (neutral before a quiz answer)."""
        return self._cues

    @property
    def cue_kind(self) -> CueKind:
        return self._cue_kind

    @property
    def interactive(self) -> bool:
        return self._interactive

    @property
    def colours(self) -> PhonePalette:
        return self._theme.palette.phone

    @property
    def pulsing(self) -> bool:
        return self._pulse.isActive()

    @property
    def font_px(self) -> int:
        self._settle()
        return self._font_px

    def element_rect(self, element_id: str) -> QRect:
        """Where an element is drawn, in widget coordinates (tests click its centre)."""
        return self._layout[element_id].toAlignedRect()

    def hit_rect(self, element_id: str) -> QRect:
        """The tap area: the drawn element grown to at least one tap target each way."""
        rect = self._layout[element_id]
        grow_x = max(0.0, (self._theme.target_px - rect.width()) / 2)
        grow_y = max(0.0, (self._theme.target_px - rect.height()) / 2)
        return rect.adjusted(-grow_x, -grow_y, grow_x, grow_y).toAlignedRect()

    def element_at(self, point: QPoint) -> str | None:
        inside = [key for key, rect in self._layout.items() if rect.contains(QPointF(point))]
        if inside:
            return inside[-1]
        near = [key for key in self._layout if self.hit_rect(key).contains(point)]
        if not near:
            return None
        return min(near, key=lambda key: (self._layout[key].center() - QPointF(point)).manhattanLength())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self._theme.px(620), self._theme.px(800))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Below this the phone is not readable: the step page puts it under the text instead."""
        return QSize(self.minimum_width(), self._theme.px(MIN_SCREEN_REF_PX / 0.78 * 0.9))

    def minimum_width(self) -> int:
        return self._theme.px(90 + MIN_SCREEN_REF_PX + 2 * 16)

    # --- geometry ---------------------------------------------------------

    def phone_rect(self) -> QRectF:
        """The phone body: tall, centred, leaving room on the left for the pointing arrow."""
        self._settle()
        arrow_room = self._theme.px(90)
        height = self.height() - 2
        aspect = 0.78 if self.height() > self.width() else 0.92  # squatter under the text: wider lines
        if self._widened:
            aspect = 2.0  # a long screen on a short page: the whole width, so lines wrap less
        width = min(self.width() - arrow_room - 2, height * aspect)
        left = arrow_room + (self.width() - arrow_room - width) / 2
        return QRectF(left, 1, width, height)

    def screen_rect(self) -> QRectF:
        bezel = self._theme.px(16)
        return self.phone_rect().adjusted(bezel, bezel * 1.6, -bezel, -bezel * 1.6)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        self._relayout()

    def _relayout(self) -> None:
        """Fit the elements at the phone's usual shape, else on a wider phone (a short page)."""
        self._pending = False
        self._widened = False
        self._fit_elements()
        if (
            self._overflows
            and self._screen is not None
            and self.phone_rect().width() < self.width() - self._theme.px(92)
        ):
            self._widened = True
            self._fit_elements()

    def _fit_elements(self) -> None:
        """Fit the elements: start at the resident's text size, shrink to the readable minimum."""
        self._rects = {}
        self._overflows = False
        area = self.screen_rect().adjusted(self.badge_gutter(), 0, 0, 0)
        if self._screen is None or area.width() < self._theme.px(120) or area.height() < self._theme.px(120):
            self._overflows = self._screen is not None  # too small to draw: an honest failure for the tests
            self.update()
            return
        size = float(self._theme.small_px)
        self._compact = False
        while True:
            heights = self._measure(size, area.width())
            fits = sum(heights) <= area.height() - self._status_height(size)
            if fits or (size <= self._theme.min_read_px and self._compact):
                break
            if size <= self._theme.min_read_px:
                self._compact = True  # last resort before overflowing: tighter gaps, no caller picture
            size = max(float(self._theme.min_read_px), size * 0.92)
        self._font_px = round(size)
        top = area.top() + self._status_height(size)
        for element, height in zip(self._screen.elements, heights, strict=True):
            self._rects[element.id] = self._place(element, area, top, height, size)
            top += height
        self._overflows = top > area.bottom() + 1
        self.update()

    def _box_lines(self) -> float:
        """A field's or button's height in font sizes: roomy, or tighter as the last resort."""
        return 2.0 if self._compact else 2.4

    def _key_height(self, size: float) -> float:
        return size * (1.5 if self._compact else 1.9)

    def _status_height(self, size: float) -> float:
        return size * 1.2

    def _place(self, element: Element, area: QRectF, top: float, height: float, size: float) -> QRectF:
        pad = size * (0.3 if self._compact else 0.5)
        inner = QRectF(area.left() + pad, top + pad * 0.5, area.width() - 2 * pad, height - pad)
        if isinstance(element, AppBar):
            return QRectF(area.left(), top, area.width(), height)
        if isinstance(element, Bubble):
            width = self._bubble_width(element.text.get(self._language), size, inner.width())
            left = inner.right() - width if element.side == "out" else inner.left()
            return QRectF(left, inner.top(), width, inner.height())
        return inner

    def _font(self, size: float, bold: bool = False) -> QFont:
        font = QFont("Noto Sans")
        font.setPixelSize(max(1, round(size)))
        font.setBold(bold)
        return font

    def _wrapped_height(self, text: str, size: float, width: float, bold: bool = False) -> float:
        metrics = QFontMetrics(self._font(size, bold))
        bounds = metrics.boundingRect(QRect(0, 0, max(1, int(width)), 100000), Qt.TextFlag.TextWordWrap, text)
        return float(bounds.height())

    def _bubble_width(self, text: str, size: float, available: float) -> float:
        """A bubble hugs short text and wraps long text at 86 % of the screen, like chat apps."""
        limit = available * 0.86
        metrics = QFontMetrics(self._font(size))
        wrap = max(1, int(limit - size * 1.4))
        bounds = metrics.boundingRect(QRect(0, 0, wrap, 100000), Qt.TextFlag.TextWordWrap, text)
        return min(limit, bounds.width() + size * 1.4 + 2)

    def _measure(self, size: float, width: float) -> list[float]:
        assert self._screen is not None
        return [self._element_height(element, size, width - size) for element in self._screen.elements]

    def _element_height(self, element: Element, size: float, width: float) -> float:
        pad = size * (0.3 if self._compact else 0.5)
        lang = self._language
        if isinstance(element, AppBar):
            return size * 2.3
        if isinstance(element, Label):
            scale = {"title": 1.2, "body": 1.0, "small": 1.0}[element.style]
            return self._wrapped_height(element.text.get(lang), size * scale, width, element.style == "title") + pad
        if isinstance(element, Input):
            shown = element.value or element.label.get(lang)
            box = max(size * self._box_lines(), self._wrapped_height(shown, size, width - size) + size * 0.8) + pad
            return box + (self._input_label_height(element, size, width) if element.value else 0)
        if isinstance(element, Button):
            text_height = self._wrapped_height(element.text.get(lang), size, width - size, True)
            return max(size * self._box_lines(), text_height + size * 0.8) + pad
        if isinstance(element, ListRow):
            detail = self._wrapped_height(element.detail.get(lang), size, width - size * 2.5) if element.detail else 0
            return self._wrapped_height(element.text.get(lang), size, width - size * 2.5, True) + detail + pad * 2.4
        if isinstance(element, Bubble):
            sender = size * 1.3 if element.sender else 0
            text = element.text.get(lang)
            bubble = self._bubble_width(text, size, width)
            return self._wrapped_height(text, size, bubble - size * 1.4) + size * 0.8 + sender + pad
        if isinstance(element, IncomingCall):
            detail = size * 1.4 if element.detail else 0
            return (
                size * (1.5 if self._compact else 4.1)
                + self._wrapped_height(element.caller.get(lang), size * 1.2, width, True)
                + detail
                + pad
            )
        if isinstance(element, AddressBar):
            text = self._address_text(element.url, size, width - size * 2.6)
            return max(size * 2.2, self._wrapped_height(text, size, width - size * 2.6) + size) + pad
        if isinstance(element, Keypad):
            return self._key_height(size) * 4 + pad
        if isinstance(element, Notice):
            title = self._wrapped_height(element.title.get(lang), size, width - size, True) if element.title else 0
            return title + self._wrapped_height(element.text.get(lang), size, width - size) + size + pad
        caption = (
            self._wrapped_height(element.caption.get(lang), size, width)
            if isinstance(element, QrCode) and element.caption
            else 0
        )
        return min(width * 0.5, size * 6) + caption + pad

    def _input_label_height(self, element: Input, size: float, width: float) -> float:
        """A filled field keeps its label above the value ("Họ và tên *"), so the asterisks stay readable."""
        return self._wrapped_height(element.label.get(self._language), size, width, True) + size * 0.2

    def _address_text(self, url: str, size: float, width: float) -> str:
        """The whole address wrapped at its break points; shortened in the middle only past three lines."""
        metrics = QFontMetrics(self._font(size))
        text = breakable(url)
        lines = self._wrapped_height(text, size, width) / max(1, metrics.lineSpacing())
        if lines <= ADDRESS_MAX_LINES + 0.5:
            return text
        per_line = max(8, int(width / max(1, metrics.averageCharWidth())))
        return breakable(shorten_url(url, per_line * ADDRESS_MAX_LINES - 2))

    # --- painting ---------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        self._settle()
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()  # a painter left open after an error takes the whole window down

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_frame(painter)
        if self._screen is None:
            return
        painter.save()
        painter.setClipRect(self.screen_rect())
        for element in self._screen.elements:
            rect = self._layout.get(element.id)
            if rect is not None:  # never paint from an empty or stale layout
                self._paint_element(painter, element, rect)
        painter.restore()
        self._paint_marks(painter)

    def _paint_frame(self, painter: QPainter) -> None:
        phone = self.phone_rect()
        radius = self._theme.px(48)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colours.frame))
        painter.setPen(QPen(QColor(self._theme.palette.phone_edge), max(2, self._theme.px(3))))
        painter.drawRoundedRect(phone, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colours.screen))
        painter.drawRoundedRect(self.screen_rect(), radius * 0.5, radius * 0.5)
        size = self._font_px or self._theme.small_px
        status = QRectF(
            self.screen_rect().left() + size * 0.6,
            self.screen_rect().top(),
            self.screen_rect().width() - size * 1.2,
            size * 1.2,
        )
        painter.setPen(QColor(self.colours.muted))
        painter.setFont(self._font(size * 0.7, True))
        painter.drawText(status, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "9:41")
        painter.drawText(status, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "4G ▮▮▮")

    def _text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        size: float,
        colour: str,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        painter.setFont(self._font(size, bold))
        painter.setPen(QColor(colour))
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap), text)

    def _paint_element(self, painter: QPainter, element: Element, rect: QRectF) -> None:
        size = float(self._font_px)
        lang = self._language
        painter.setPen(Qt.PenStyle.NoPen)
        if isinstance(element, AppBar):
            painter.setBrush(QColor(self.colours.app_bars[element.tone]))
            painter.drawRect(rect)
            text_rect = rect.adjusted(size * (1.8 if element.back else 0.7), 0, -size * 0.5, 0)
            if element.back:
                self._text(painter, rect.adjusted(size * 0.5, 0, 0, 0), "←", size * 1.2, self.colours.on_colour, True)
            self._text(painter, text_rect, element.text.get(lang), size * 1.05, self.colours.on_colour, True)
        elif isinstance(element, Label):
            bold = element.style == "title"
            self._text(painter, rect, element.text.get(lang), size * (1.2 if bold else 1.0), self.colours.ink, bold)
        elif isinstance(element, Input):
            self._paint_input(painter, element, rect, size)
        elif isinstance(element, Button):
            background, text, border = self.colours.buttons[element.style]
            painter.setPen(QPen(QColor(border), max(2, size * 0.08)))
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(rect, size * 0.4, size * 0.4)
            self._text(
                painter,
                rect.adjusted(size * 0.4, 0, -size * 0.4, 0),
                element.text.get(lang),
                size,
                text,
                True,
                Qt.AlignmentFlag.AlignHCenter,
            )
        elif isinstance(element, ListRow):
            self._paint_list_row(painter, element, rect, size)
        elif isinstance(element, Bubble):
            self._paint_bubble(painter, element, rect, size)
        elif isinstance(element, IncomingCall):
            self._paint_call(painter, element, rect, size)
        elif isinstance(element, AddressBar):
            self._paint_address(painter, element, rect, size)
        elif isinstance(element, Keypad):
            self._paint_keypad(painter, rect, size)
        elif isinstance(element, Notice):
            self._paint_notice(painter, element, rect, size)
        elif isinstance(element, QrCode):
            self._paint_qr(painter, element, rect, size)

    def _paint_address(self, painter: QPainter, element: AddressBar, rect: QRectF, size: float) -> None:
        """A neutral globe until the verdict; then the address is marked by how its domain ends, never a padlock."""
        painter.setBrush(QColor(self.colours.field_bg))
        cue = self._cues.cue(element.id)
        colour = {"neutral": self.colours.muted, "danger": self.colours.danger, "safe": self.colours.safe}[cue]
        painter.drawRoundedRect(rect, size * 0.9, size * 0.9)
        painter.setPen(Qt.PenStyle.NoPen)
        symbol = {"neutral": "globe", "danger": "warning", "safe": "check"}[cue]
        icon(symbol, colour).paint(
            painter, QRectF(rect.left() + size * 0.5, rect.center().y() - size * 0.5, size, size).toRect()
        )
        text_rect = rect.adjusted(size * 2, 0, -size * 0.6, 0)
        self._text(painter, text_rect, self._address_text(element.url, size, text_rect.width()), size, self.colours.ink)

    def _paint_input(self, painter: QPainter, element: Input, rect: QRectF, size: float) -> None:
        box = QRectF(rect)
        if element.value:
            label_height = self._input_label_height(element, size, rect.width())
            label_rect = QRectF(rect.left(), rect.top(), rect.width(), label_height - size * 0.2)
            self._text(painter, label_rect, element.label.get(self._language), size, self.colours.muted, True)
            box.setTop(rect.top() + label_height)
        painter.setPen(QPen(QColor(self.colours.field_border), max(2, size * 0.08)))
        painter.setBrush(QColor(self.colours.screen))
        painter.drawRoundedRect(box, size * 0.3, size * 0.3)
        shown = ("•" * len(element.value) if element.secret else element.value) or element.label.get(self._language)
        self._text(
            painter,
            box.adjusted(size * 0.5, 0, -size * 0.5, 0),
            shown,
            size,
            self.colours.ink if element.value else self.colours.muted,
        )

    def _paint_list_row(self, painter: QPainter, element: ListRow, rect: QRectF, size: float) -> None:
        lang = self._language
        left = rect.left()
        if element.icon:
            icon(element.icon, self.colours.accent).paint(
                painter, QRectF(left, rect.top() + size * 0.5, size * 1.6, size * 1.6).toRect()
            )
            left += size * 2.2
        title_height = self._wrapped_height(element.text.get(lang), size, rect.right() - left, True)
        self._text(
            painter,
            QRectF(left, rect.top() + size * 0.3, rect.right() - left, title_height),
            element.text.get(lang),
            size,
            self.colours.ink,
            True,
        )
        if element.detail:
            detail_top = rect.top() + size * 0.3 + title_height
            self._text(
                painter,
                QRectF(left, detail_top, rect.right() - left, rect.bottom() - detail_top),
                element.detail.get(lang),
                size,
                self.colours.muted,
            )
        painter.setPen(QPen(QColor(self.colours.separator), 2))
        painter.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))

    def _paint_bubble(self, painter: QPainter, element: Bubble, rect: QRectF, size: float) -> None:
        top = rect.top()
        if element.sender:
            self._text(
                painter,
                QRectF(rect.left(), top, rect.width() + size * 4, size * 1.3),
                element.sender.get(self._language),
                size * 0.9,
                self.colours.muted,
                True,
            )
            top += size * 1.3
        body = QRectF(rect.left(), top, rect.width(), rect.bottom() - top)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colours.bubble_out if element.side == "out" else self.colours.bubble_in))
        painter.drawRoundedRect(body, size * 0.6, size * 0.6)
        self._text(
            painter,
            body.adjusted(size * 0.7, size * 0.4, -size * 0.7, -size * 0.4),
            element.text.get(self._language),
            size,
            self.colours.ink,
        )

    def _paint_call(self, painter: QPainter, element: IncomingCall, rect: QRectF, size: float) -> None:
        centre_x = rect.center().x()
        top = rect.top()
        if not self._compact:
            avatar = QRectF(centre_x - size * 1.1, rect.top() + size * 0.2, size * 2.2, size * 2.2)
            painter.setBrush(QColor(self.colours.avatar))
            painter.drawEllipse(avatar)
            icon("video" if element.video else "user", self.colours.accent).paint(
                painter, avatar.adjusted(size * 0.7, size * 0.7, -size * 0.7, -size * 0.7).toRect()
            )
            top = avatar.bottom() + size * 0.2
        caller = element.caller.get(self._language)
        caller_height = self._wrapped_height(caller, size * 1.2, rect.width(), True)
        self._text(
            painter,
            QRectF(rect.left(), top, rect.width(), caller_height),
            caller,
            size * 1.2,
            self.colours.ink,
            True,
            Qt.AlignmentFlag.AlignHCenter,
        )
        top += caller_height
        self._text(
            painter,
            QRectF(rect.left(), top, rect.width(), size * 1.3),
            element.number,
            size,
            self.colours.muted,
            False,
            Qt.AlignmentFlag.AlignHCenter,
        )
        if element.detail:
            self._text(
                painter,
                QRectF(rect.left(), top + size * 1.3, rect.width(), size * 1.4),
                element.detail.get(self._language),
                size,
                self.colours.muted,
                False,
                Qt.AlignmentFlag.AlignHCenter,
            )

    def _paint_keypad(self, painter: QPainter, rect: QRectF, size: float) -> None:
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "⌫"]
        cell_w, cell_h = rect.width() / 3, self._key_height(size)
        for index, key in enumerate(keys):
            cell = QRectF(
                rect.left() + (index % 3) * cell_w, rect.top() + (index // 3) * cell_h, cell_w, cell_h
            ).adjusted(4, 4, -4, -4)
            if key:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(self.colours.field_bg))
                painter.drawRoundedRect(cell, size * 0.3, size * 0.3)
                self._text(painter, cell, key, size * 1.1, self.colours.ink, True, Qt.AlignmentFlag.AlignHCenter)

    def _paint_notice(self, painter: QPainter, element: Notice, rect: QRectF, size: float) -> None:
        background, ink = self.colours.notices[self._cues.notice_tone(element)]
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, size * 0.4, size * 0.4)
        inner = rect.adjusted(size * 0.5, size * 0.5, -size * 0.5, -size * 0.5)
        if element.title:
            title = element.title.get(self._language)
            height = self._wrapped_height(title, size, inner.width(), True)
            self._text(painter, QRectF(inner.left(), inner.top(), inner.width(), height), title, size, ink, True)
            inner.setTop(inner.top() + height)
        self._text(painter, inner, element.text.get(self._language), size, ink)

    def _paint_qr(self, painter: QPainter, element: QrCode, rect: QRectF, size: float) -> None:
        side = min(rect.width() * 0.5, size * 6)
        box = QRectF(rect.center().x() - side / 2, rect.top(), side, side)
        cells = 21
        cell = side / cells
        bits = hashlib.sha256(element.id.encode()).digest() * 14  # 448 bytes ≥ 21×21 cells
        painter.setBrush(QColor(self.colours.qr))
        for row in range(cells):
            for column in range(cells):
                finder = (
                    (min(row, column) < 7 and max(row, column) < 7)
                    or (row < 7 and column >= cells - 7)
                    or (column < 7 and row >= cells - 7)
                )
                on = (
                    self._finder_bit(
                        row % (cells - 7) if row >= cells - 7 else row,
                        column % (cells - 7) if column >= cells - 7 else column,
                    )
                    if finder
                    else bits[row * cells + column] & 1
                )
                if on:
                    painter.drawRect(QRectF(box.left() + column * cell, box.top() + row * cell, cell + 0.5, cell + 0.5))
        if element.caption:
            self._text(
                painter,
                QRectF(rect.left(), box.bottom(), rect.width(), rect.bottom() - box.bottom()),
                element.caption.get(self._language),
                size,
                self.colours.ink,
                False,
                Qt.AlignmentFlag.AlignHCenter,
            )

    @staticmethod
    def _finder_bit(row: int, column: int) -> bool:
        ring = max(abs(row - 3), abs(column - 3))
        return ring != 2 and ring <= 3

    def _paint_marks(self, painter: QPainter) -> None:
        """The "look here" or "tap here" cue on the highlighted element; flag rings with badges beside them."""
        if self._highlight in self._layout and self._pulse_on:
            if self._cue_kind == "tap":
                self._paint_tap_cue(painter, self._layout[self._highlight])
            else:
                self._paint_look_cue(painter, self._layout[self._highlight])
        ring_px = self._theme.px(6)
        gap = self._theme.px(5)
        for flag, badge in self.badge_rects():
            colour = QColor(self.colours.danger if flag.tone == "danger" else self.colours.safe)
            rect = self._layout[flag.element].adjusted(-gap, -gap, gap, gap)
            painter.setPen(QPen(colour, ring_px))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, ring_px * 2, ring_px * 2)
            self._paint_badge(painter, badge, flag, colour)

    def _cue_rect(self, target: QRectF) -> QRectF:
        grow = self._theme.px(8) + self._theme.px(6)  # ring width plus a gap: the ring never touches the element
        return target.adjusted(-grow, -grow, grow, grow)

    def _paint_tap_cue(self, painter: QPainter, target: QRectF) -> None:
        """Tap here: a solid amber ring over a dark edge, and an arrow from outside the phone."""
        palette, ring_px = self._theme.palette, self._theme.px(8)
        rect = self._cue_rect(target)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(palette.ring_edge), ring_px * 1.8))
        painter.drawRoundedRect(rect, ring_px * 2, ring_px * 2)
        painter.setPen(QPen(QColor(palette.ring), ring_px))
        painter.drawRoundedRect(rect, ring_px * 2, ring_px * 2)
        self._paint_arrow(painter, rect)

    def _paint_look_cue(self, painter: QPainter, target: QRectF) -> None:
        """Look here: a dashed violet ring over a light edge, and an eye beside the phone; no arrow."""
        palette, ring_px = self._theme.palette, self._theme.px(8)
        rect = self._cue_rect(target)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(palette.look_edge), ring_px * 1.8))
        painter.drawRoundedRect(rect, ring_px * 2, ring_px * 2)
        painter.setPen(QPen(QColor(palette.look), ring_px, Qt.PenStyle.DashLine, Qt.PenCapStyle.FlatCap))
        painter.drawRoundedRect(rect, ring_px * 2, ring_px * 2)
        radius = self._theme.px(34)
        centre = QPointF(self.phone_rect().left() - radius - self._theme.px(12), rect.center().y())
        painter.setPen(QPen(QColor(palette.look_edge), max(2, self._theme.px(4))))
        painter.setBrush(QColor(palette.look))
        painter.drawEllipse(centre, radius, radius)
        side = radius * 1.2
        icon("look", palette.look_edge).paint(
            painter, QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side).toRect()
        )

    def status_rect(self) -> QRectF:
        """The phone's status bar (time, signal): nothing is marked over it."""
        screen = self.screen_rect()
        return QRectF(screen.left(), screen.top(), screen.width(), self._status_height(self._font_px or 1))

    def badge_gutter(self) -> float:
        """Room left of the screen's content for flag badges, so a badge never covers what it marks.

        The badge straddles the phone's left bezel, so the content moves over only by what the bezel lacks.
        """
        if not self._flags:
            return 0.0
        bezel = self.screen_rect().left() - self.phone_rect().left()
        return max(0.0, 2 * self._theme.px(BADGE_REF_PX) + 2 * self._theme.px(4) - bezel)

    def badge_rects(self) -> list[tuple[FlagMark, QRectF]]:
        """Each flag's numbered badge: in the gutter beside its element, below the status bar, inside the phone."""
        radius = self._theme.px(BADGE_REF_PX)
        pad = self._theme.px(4)
        screen = self.screen_rect()
        placed: list[tuple[FlagMark, QRectF]] = []
        lowest = self.status_rect().bottom() + pad
        for flag in self._flags:
            element = self._layout.get(flag.element)
            if element is None:
                continue
            top = max(element.top(), lowest)
            top = min(top, screen.bottom() - 2 * radius - pad)
            badge = QRectF(self.phone_rect().left() + pad, top, 2 * radius, 2 * radius)
            placed.append((flag, badge))
            lowest = badge.bottom() + pad  # two flags on one element stack, never overlap
        return placed

    def _paint_badge(self, painter: QPainter, badge: QRectF, flag: FlagMark, colour: QColor) -> None:
        radius = badge.width() / 2
        painter.setPen(QPen(QColor(self.colours.on_colour), max(2, self._theme.px(3))))
        painter.setBrush(colour)
        painter.drawEllipse(badge.center(), radius, radius)
        self._text(
            painter, badge, str(flag.number), radius * 1.2, self.colours.on_colour, True, Qt.AlignmentFlag.AlignHCenter
        )

    def _paint_arrow(self, painter: QPainter, target: QRectF) -> None:
        tip = QPointF(self.phone_rect().left() - self._theme.px(8), target.center().y())
        length = self._theme.px(70)
        head = self._theme.px(26)
        path = QPainterPath()
        path.moveTo(tip.x() - length, tip.y())
        path.lineTo(tip.x() - head, tip.y())
        arrow = QPolygonF(
            [tip, QPointF(tip.x() - head * 1.3, tip.y() - head), QPointF(tip.x() - head * 1.3, tip.y() + head)]
        )
        palette = self._theme.palette
        for colour, width, outline in ((palette.ring_edge, 20, 6), (palette.ring, 12, 0)):
            painter.setPen(QPen(QColor(colour), self._theme.px(width), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPath(path)
            if outline:
                pen = QPen(QColor(colour), self._theme.px(outline))
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawPolygon(arrow)

    def _toggle_pulse(self) -> None:
        self._pulse_on = not self._pulse_on
        self.update()

    # --- taps: act on release, cancel when the finger slides off -------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._interactive and event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.element_at(event.position().toPoint())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if not self._interactive or self._pressed is False:
            return
        pressed, self._pressed = self._pressed, False
        point = event.position().toPoint()
        released = self.element_at(point)
        if released != pressed and isinstance(pressed, str) and pressed in self._layout:
            slack = self._theme.gap_px  # a finger that drifted up to one gap off its element still counts
            if self.hit_rect(pressed).adjusted(-slack, -slack, slack, slack).contains(point):
                released = pressed
        if released == pressed:
            self.element_tapped.emit(released)
