"""Sizes and colours for older eyes and hands, computed from the screen's width and height (DESIGN.md numbers).

Pure Python so the contrast and size rules are tested without a display.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.text.screen_shape import Shape, scale_of, shape_of

REFERENCE_HEIGHT = 1080  # 21.5" 1920×1080 reference panel
BODY_PX = 40
HEADING_PX = 56
MIN_READ_PX = 32
TARGET_PX = 96
TARGET_GAP_PX = 24
MIN_CONTRAST = 7.0


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted_text: str
    header_bg: str
    header_text: str
    bar_bg: str
    button_bg: str
    button_text: str
    button_border: str
    primary_bg: str
    primary_text: str
    help_bg: str
    help_text: str
    success_bg: str
    success_text: str
    hint_bg: str
    hint_text: str
    danger_bg: str
    danger_text: str
    ring: str
    progress: str
    progress_track: str
    overlay_bg: str
    tiles: dict[str, str]
    tile_text: str


NORMAL = Palette(
    background="#FFFDF7",
    text="#14213D",
    muted_text="#2E3A52",
    header_bg="#0B3B6E",
    header_text="#FFFFFF",
    bar_bg="#E6EBF2",
    button_bg="#FFFFFF",
    button_text="#0B2E59",
    button_border="#A9B7CC",
    primary_bg="#0B5D2E",
    primary_text="#FFFFFF",
    help_bg="#9B1C1C",
    help_text="#FFFFFF",
    success_bg="#E3F3E8",
    success_text="#0B4A24",
    hint_bg="#FFF1CC",
    hint_text="#4A3000",
    danger_bg="#FBE4E4",
    danger_text="#7A1010",
    ring="#F2A900",
    progress="#F2A900",
    progress_track="#D5DEEA",
    overlay_bg="#FFFFFF",
    tiles={
        "blue": "#0B3B6E",
        "green": "#0B5D2E",
        "red": "#8E1B1B",
        "purple": "#5B3491",
        "teal": "#07526A",
        "brown": "#6B4300",
    },
    tile_text="#FFFFFF",
)

HIGH_CONTRAST = Palette(
    background="#000000",
    text="#FFFFFF",
    muted_text="#F0F0F0",
    header_bg="#000000",
    header_text="#FFE500",
    bar_bg="#1A1A1A",
    button_bg="#000000",
    button_text="#FFFFFF",
    button_border="#FFFFFF",
    primary_bg="#FFE500",
    primary_text="#000000",
    help_bg="#FFFFFF",
    help_text="#000000",
    success_bg="#002B12",
    success_text="#9CFFB8",
    hint_bg="#2B2100",
    hint_text="#FFE58A",
    danger_bg="#2B0000",
    danger_text="#FFB3B3",
    ring="#FFE500",
    progress="#FFE500",
    progress_track="#444444",
    overlay_bg="#000000",
    tiles={tone: "#000000" for tone in ("blue", "green", "red", "purple", "teal", "brown")},
    tile_text="#FFFFFF",
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two #RRGGBB colours."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_pairs(palette: Palette) -> list[tuple[str, str, str]]:
    """Every (name, text colour, background) the kiosk draws text with."""
    pairs = [
        ("body", palette.text, palette.background),
        ("muted", palette.muted_text, palette.background),
        ("header", palette.header_text, palette.header_bg),
        ("button", palette.button_text, palette.button_bg),
        ("primary", palette.primary_text, palette.primary_bg),
        ("help", palette.help_text, palette.help_bg),
        ("success", palette.success_text, palette.success_bg),
        ("hint", palette.hint_text, palette.hint_bg),
        ("danger", palette.danger_text, palette.danger_bg),
        ("overlay", palette.text, palette.overlay_bg),
    ]
    pairs += [(f"tile-{tone}", palette.tile_text, colour) for tone, colour in palette.tiles.items()]
    return pairs


@dataclass(frozen=True)
class Theme:
    """All sizes in device pixels for one screen and one text-size step.

    Computed once per screen from its width and height (never from the window's current size, which
    would let each page be drawn larger than the last). `screen_width` 0 means a 16:9 screen.
    """

    screen_height: int
    text_size: int = 100
    high_contrast: bool = False
    screen_width: int = 0

    @classmethod
    def for_screen(cls, width: int, height: int, text_size: int = 100, high_contrast: bool = False) -> Theme:
        return cls(height, text_size, high_contrast, width)

    def with_text_size(self, text_size: int) -> Theme:
        return replace(self, text_size=text_size)

    @property
    def width(self) -> int:
        return self.screen_width or round(self.screen_height * 16 / 9)

    @property
    def shape(self) -> Shape:
        return shape_of(self.width, self.screen_height)

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self.high_contrast else NORMAL

    @property
    def scale(self) -> float:
        if not self.screen_width:
            return self.screen_height / REFERENCE_HEIGHT
        return scale_of(self.screen_width, self.screen_height)

    def px(self, reference_px: float) -> int:
        """A length on the reference panel, scaled to this screen."""
        return max(1, round(reference_px * self.scale))

    def text_px(self, reference_px: float) -> int:
        """A text size: scaled to the screen and by the resident's text-size choice."""
        return max(1, round(reference_px * self.scale * self.text_size / 100))

    @property
    def body_px(self) -> int:
        return self.text_px(BODY_PX)

    @property
    def heading_px(self) -> int:
        return self.text_px(HEADING_PX)

    @property
    def tile_title_px(self) -> int:
        return self.text_px(46)

    @property
    def small_px(self) -> int:
        return self.text_px(MIN_READ_PX)

    @property
    def bar_text_px(self) -> int:
        """Bottom-bar labels stay put when text grows, so the bar never overflows."""
        return self.px(MIN_READ_PX)

    @property
    def min_read_px(self) -> int:
        return self.px(MIN_READ_PX)

    @property
    def target_px(self) -> int:
        return self.px(TARGET_PX)

    @property
    def gap_px(self) -> int:
        return self.px(TARGET_GAP_PX)

    @property
    def margin_px(self) -> int:
        return self.px(40)

    @property
    def bar_height(self) -> int:
        return self.px(136)

    @property
    def header_height(self) -> int:
        return self.px(112)

    @property
    def icon_px(self) -> int:
        return self.px(44)
