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
MIN_CUE_CONTRAST = 3.0  # WCAG 1.4.11: rings, arrows, borders, bars against what they sit on


@dataclass(frozen=True)
class PhonePalette:
    """The simulated phone's colours: the same rules as the kiosk's own (7:1 text, 3:1 cues)."""

    frame: str
    screen: str
    ink: str
    muted: str
    on_colour: str  # text on app bars, coloured buttons and badges
    app_bars: dict[str, str]
    buttons: dict[str, tuple[str, str, str]]  # style: (background, text, border)
    notices: dict[str, tuple[str, str]]  # tone: (background, text)
    field_bg: str  # address bar and keypad keys
    field_border: str  # input boxes
    bubble_in: str
    bubble_out: str
    avatar: str
    accent: str  # list icons and the caller's picture
    separator: str
    qr: str
    danger: str  # flag rings and badges, the revealed address of a scam site
    safe: str  # signs of safety, the revealed address of the genuine site


PHONE = PhonePalette(
    frame="#1E1F24",
    screen="#FFFFFF",
    ink="#14213D",
    muted="#3F4A5C",
    on_colour="#FFFFFF",
    app_bars={
        "blue": "#0B3B6E",
        "red": "#A3122A",
        "green": "#0B5D2E",
        "grey": "#3A4150",
        "zalo": "#0047B3",
        "bank": "#00604A",
    },
    buttons={
        "primary": ("#0B3B6E", "#FFFFFF", "#0B3B6E"),
        "danger": ("#A3122A", "#FFFFFF", "#A3122A"),
        "secondary": ("#FFFFFF", "#0B2E59", "#5A6B85"),
        "accept": ("#0A5C2B", "#FFFFFF", "#0A5C2B"),
        "decline": ("#9E1318", "#FFFFFF", "#9E1318"),
        "link": ("#FFFFFF", "#0B3B8F", "#FFFFFF"),
    },
    notices={
        "info": ("#E7F0FB", "#0B2E59"),
        "success": ("#E3F3E8", "#0B4A24"),
        "warning": ("#FFF1CC", "#4A3000"),
        "danger": ("#FBE4E4", "#7A1010"),
    },
    field_bg="#EEF1F5",
    field_border="#5A6B85",
    bubble_in="#EEF0F3",
    bubble_out="#DCEBFF",
    avatar="#D5DEEA",
    accent="#0B3B6E",
    separator="#7A8699",
    qr="#000000",
    danger="#9E1318",
    safe="#0A5C2B",
)


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
    ring: str  # "tap here": amber ring and arrow, drawn over a dark edge so it shows on light and dark
    ring_edge: str
    look: str  # "look here": a dashed ring with an eye, never an arrow, over a light edge
    look_edge: str
    progress: str
    progress_track: str
    overlay_bg: str
    tiles: dict[str, str]
    tile_text: str
    answer_text: str
    answers: dict[str, str]  # quiz answer buttons: scam (red), safe (green), other (blue)
    phone: PhonePalette
    phone_edge: str  # the phone body's outline against the page


NORMAL = Palette(
    background="#FFFDF7",
    text="#14213D",
    muted_text="#2E3A52",
    header_bg="#0B3B6E",
    header_text="#FFFFFF",
    bar_bg="#E6EBF2",
    button_bg="#FFFFFF",
    button_text="#0B2E59",
    button_border="#5A6B85",
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
    ring_edge="#14213D",
    look="#5B2C9A",
    look_edge="#FFFFFF",
    progress="#F2A900",
    progress_track="#3A4150",
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
    answer_text="#FFFFFF",
    answers={"scam": "#9E1318", "safe": "#0A5C2B", "other": "#0B3B6E"},
    phone=PHONE,
    phone_edge="#1E1F24",
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
    ring_edge="#000000",
    look="#FFFFFF",
    look_edge="#000000",
    progress="#FFE500",
    progress_track="#444444",
    overlay_bg="#000000",
    tiles={tone: "#000000" for tone in ("blue", "green", "red", "purple", "teal", "brown")},
    tile_text="#FFFFFF",
    answer_text="#000000",
    answers={"scam": "#FFB3B3", "safe": "#9CFFB8", "other": "#FFFFFF"},
    phone=PHONE,
    phone_edge="#FFFFFF",
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
    pairs += [(f"answer-{kind}", palette.answer_text, colour) for kind, colour in palette.answers.items()]
    return pairs + phone_text_pairs(palette.phone)


def phone_text_pairs(phone: PhonePalette) -> list[tuple[str, str, str]]:
    """Every text colour the simulated phone draws, on what it draws it."""
    pairs = [
        ("phone-ink", phone.ink, phone.screen),
        ("phone-muted", phone.muted, phone.screen),
        ("phone-address", phone.ink, phone.field_bg),
        ("phone-key", phone.ink, phone.field_bg),
        ("phone-bubble-in", phone.ink, phone.bubble_in),
        ("phone-bubble-out", phone.ink, phone.bubble_out),
        ("phone-badge-danger", phone.on_colour, phone.danger),
        ("phone-badge-safe", phone.on_colour, phone.safe),
    ]
    pairs += [(f"phone-bar-{tone}", phone.on_colour, colour) for tone, colour in phone.app_bars.items()]
    pairs += [(f"phone-button-{style}", text, bg) for style, (bg, text, _) in phone.buttons.items()]
    pairs += [(f"phone-notice-{tone}", text, bg) for tone, (bg, text) in phone.notices.items()]
    return pairs


def cue_backgrounds(palette: Palette) -> list[tuple[str, str]]:
    """Everything a ring, arrow or flag can sit on: the page and every colour of the simulated phone."""
    phone = palette.phone
    grounds = [("page", palette.background), ("phone-frame", phone.frame), ("phone-screen", phone.screen)]
    grounds += [("phone-field", phone.field_bg), ("bubble-in", phone.bubble_in), ("bubble-out", phone.bubble_out)]
    grounds += [(f"bar-{tone}", colour) for tone, colour in phone.app_bars.items()]
    grounds += [(f"button-{style}", bg) for style, (bg, _, _) in phone.buttons.items()]
    grounds += [(f"notice-{tone}", bg) for tone, (bg, _) in phone.notices.items()]
    return grounds


def cue_pairs(palette: Palette) -> list[tuple[str, str, str]]:
    """Non-text marks (WCAG 1.4.11, 3:1) as (name, mark colour, background) with one colour each."""
    phone = palette.phone
    pairs = [
        ("progress", palette.progress, palette.progress_track),
        ("button-border", palette.button_border, palette.bar_bg),
        ("button-border-on-button", palette.button_border, palette.button_bg),
        ("bar-edge", palette.button_border, palette.background),  # the bar's top line against the page
        ("phone-outline", palette.phone_edge, palette.background),
        ("phone-input-border", phone.field_border, phone.screen),
        ("phone-secondary-border", phone.buttons["secondary"][2], phone.screen),
        ("phone-accent", phone.accent, phone.screen),
        ("phone-accent-avatar", phone.accent, phone.avatar),
        ("phone-separator", phone.separator, phone.screen),
        ("phone-qr", phone.qr, phone.screen),
        ("phone-address-danger", phone.danger, phone.field_bg),
        ("phone-address-safe", phone.safe, phone.field_bg),
        ("phone-address-neutral", phone.muted, phone.field_bg),
    ]
    pairs += [(f"flag-danger-on-{name}", phone.danger, bg) for name, bg in _screen_grounds(palette)]
    pairs += [(f"flag-safe-on-{name}", phone.safe, bg) for name, bg in _screen_grounds(palette)]
    return pairs


def _screen_grounds(palette: Palette) -> list[tuple[str, str]]:
    """What a flag ring sits on: the screen's white and the pale fills beside a flagged element."""
    phone = palette.phone
    return [("screen", phone.screen), ("bubble-in", phone.bubble_in), ("bubble-out", phone.bubble_out)]


def two_tone_cues(palette: Palette) -> dict[str, tuple[str, str]]:
    """The cues drawn in two colours (a core over an edge): one of the two must reach 3:1 on any ground."""
    return {"tap": (palette.ring, palette.ring_edge), "look": (palette.look, palette.look_edge)}


def cue_contrast(colours: tuple[str, str], background: str) -> float:
    """A two-tone mark is as visible as its more contrasting colour."""
    return max(contrast(colour, background) for colour in colours)


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
    def header_height(self) -> int:
        return self.px(112)

    @property
    def icon_px(self) -> int:
        return self.px(44)
