"""Which layout a screen gets, and how large everything is drawn on it (DESIGN.md "Screens and shapes").

Pure Python: the shape and scale of a screen are decided from its width and height alone, never from
what a page asks for, so the kiosk window cannot grow and the decision is tested without a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

REFERENCE_LONG = 1920  # the 21.5" 1920×1080 reference panel
REFERENCE_SHORT = 1080
SQUARE_BELOW = 1.5  # aspect ratios from 1:1 up to 3:2 are "square-ish" (4:3, 5:4); 16:10 and 16:9 are wide


class Shape(StrEnum):
    WIDE = "wide"  # 16:9, 16:10: text left, phone right, 3×2 tiles, one-row bar
    SQUARE = "square"  # 4:3, 5:4: as wide with a narrower phone; the volunteer panel is a drawer
    PORTRAIT = "portrait"  # 9:16 totems: text on top, phone below, 2-column tiles, two-row bar


def shape_of(width: int, height: int) -> Shape:
    if width <= 0 or height <= 0:
        return Shape.WIDE
    ratio = width / height
    if ratio < 1.0:
        return Shape.PORTRAIT
    return Shape.SQUARE if ratio < SQUARE_BELOW else Shape.WIDE


def scale_of(width: int, height: int) -> float:
    """The shorter of the two ratios to the reference panel in the screen's own orientation."""
    if width <= 0 or height <= 0:
        return 1.0
    if shape_of(width, height) is Shape.PORTRAIT:
        return min(width / REFERENCE_SHORT, height / REFERENCE_LONG)
    return min(width / REFERENCE_LONG, height / REFERENCE_SHORT)


# --- the bottom bar: the same slots in the same places on every resident screen of one size ----------

BAR_SLOTS = ("back", "home", "text_size", "read_aloud", "language", "help", "forward")


@dataclass(frozen=True)
class SlotPlace:
    """Where one bar slot sits in the bar's grid."""

    slot: str
    row: int
    column: int
    span: int = 1


def bar_places(shape: Shape) -> tuple[SlotPlace, ...]:
    """One row in landscape (the forward button wide, at the far right); two rows on a portrait totem.

    Gọi hỗ trợ has a slot of its own that no forward button ever takes, on any screen.
    """
    if shape is Shape.PORTRAIT:
        first = [SlotPlace(slot, 0, column) for column, slot in enumerate(BAR_SLOTS[:4])]
        return (*first, SlotPlace("language", 1, 0), SlotPlace("help", 1, 1), SlotPlace("forward", 1, 2, 2))
    # Half-columns: six slots of two, the forward button one and a half slots wide at the far right.
    places = [SlotPlace(slot, 0, 2 * index, 2) for index, slot in enumerate(BAR_SLOTS[:-1])]
    return (*places, SlotPlace("forward", 0, 2 * len(places), 3))


def bar_rows(shape: Shape) -> int:
    return 1 + max(place.row for place in bar_places(shape))


# --- pages ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLayout:
    """How the resident pages arrange themselves on one shape."""

    home_columns: int  # tiles per row when there are more than four categories
    list_columns: int  # tutorial cards per row
    phone_beside: bool  # the simulated phone right of the text (else below it)
    text_stretch: int  # width (or height) shares of text and phone
    phone_stretch: int
    volunteer_drawer: bool  # the volunteer panel floats over the text instead of taking a column
    completion_buttons_stacked: bool  # the completion screen's three buttons one under another
    faces_stacked: bool = False  # the three confidence faces one under another
    scam_buttons_stacked: bool = False  # the emergency page's two buttons one under another


LAYOUTS = {
    Shape.WIDE: PageLayout(3, 2, True, 11, 8, False, False),
    Shape.SQUARE: PageLayout(3, 2, True, 3, 2, True, False),
    Shape.PORTRAIT: PageLayout(2, 1, False, 1, 1, True, True, faces_stacked=True, scam_buttons_stacked=True),
}


def page_layout(shape: Shape) -> PageLayout:
    return LAYOUTS[shape]


def parse_size(text: str) -> tuple[int, int]:
    """ "1280x800" → (1280, 800); a message that names the value when it is not a size."""
    width, sep, height = text.lower().replace("×", "x").partition("x")
    if not sep or not width.strip().isdigit() or not height.strip().isdigit():
        raise ValueError(f"size {text!r}: expected WIDTHxHEIGHT, e.g. 1280x800")
    size = int(width), int(height)
    if not (320 <= size[0] <= 16384 and 320 <= size[1] <= 16384):
        raise ValueError(f"size {text!r}: each side must be between 320 and 16384 pixels")
    return size


# --- taps that forgive a trembling finger ----------------------------------------------------------


def within_reach(rect: tuple[int, int, int, int], point: tuple[int, int], slack: int) -> bool:
    """Is a release at `point` on the target `rect` (x, y, w, h), or no further than `slack` outside it?

    A press that drifts up to the target gap before release still counts; further is a slide (or a
    swipe) and cancels, as before.
    """
    x, y, width, height = rect
    px, py = point
    return x - slack <= px < x + width + slack and y - slack <= py < y + height + slack
