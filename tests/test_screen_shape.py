"""Which layout and scale each real kiosk screen gets: pure logic, no display."""

from __future__ import annotations

import json

import pytest

from kiosk.devtools.offscreen_screen import offscreen_platform, screen_description
from kiosk.text.screen_shape import (
    BAR_SLOTS,
    Shape,
    bar_places,
    bar_rows,
    page_layout,
    parse_size,
    scale_of,
    shape_of,
)
from kiosk.text.theme import Theme


@pytest.mark.parametrize(
    ("size", "shape"),
    [
        ((1920, 1080), Shape.WIDE),
        ((1366, 768), Shape.WIDE),
        ((1280, 800), Shape.WIDE),
        ((3840, 2160), Shape.WIDE),
        ((1024, 768), Shape.SQUARE),
        ((1280, 1024), Shape.SQUARE),
        ((1000, 1000), Shape.SQUARE),
        ((1080, 1920), Shape.PORTRAIT),
        ((768, 1024), Shape.PORTRAIT),
    ],
)
def test_shape_comes_from_the_aspect_ratio(size: tuple[int, int], shape: Shape) -> None:
    assert shape_of(*size) is shape


@pytest.mark.parametrize(
    ("size", "scale"),
    [
        ((1920, 1080), 1.0),
        ((3840, 2160), 2.0),
        ((1080, 1920), 1.0),  # a portrait totem is the reference panel turned
        ((1280, 800), 1280 / 1920),  # 16:10: the width is the shorter ratio
        ((1366, 768), min(1366 / 1920, 768 / 1080)),
        ((1024, 768), 1024 / 1920),  # never from the height alone (768/1080 would not fit the width)
        ((1080, 1600), 1600 / 1920),
    ],
)
def test_scale_is_the_shorter_ratio_in_the_screens_own_orientation(size: tuple[int, int], scale: float) -> None:
    assert scale_of(*size) == pytest.approx(scale)
    assert Theme.for_screen(*size).scale == pytest.approx(scale)


def test_theme_from_width_and_height_not_height_alone() -> None:
    narrow = Theme.for_screen(1024, 768, text_size=150)
    assert narrow.shape is Shape.SQUARE
    assert narrow.target_px == round(96 * 1024 / 1920)
    assert narrow.body_px == round(40 * 1024 / 1920 * 1.5)
    assert Theme.for_screen(1080, 1920).target_px == 96
    assert Theme.for_screen(1920, 1080).with_text_size(125).body_px == 50


def test_bar_slots_never_move_and_help_never_takes_a_forward_place() -> None:
    for shape in Shape:
        places = bar_places(shape)
        assert [place.slot for place in places] == list(BAR_SLOTS)
        cells = {(place.row, place.column + offset) for place in places for offset in range(place.span)}
        assert len(cells) == sum(place.span for place in places), f"{shape}: two slots share a cell"
        by_slot = {place.slot: place for place in places}
        assert (by_slot["help"].row, by_slot["help"].column) != (by_slot["forward"].row, by_slot["forward"].column)
    assert bar_rows(Shape.WIDE) == bar_rows(Shape.SQUARE) == 1
    assert bar_rows(Shape.PORTRAIT) == 2


def test_page_layouts_per_shape() -> None:
    assert page_layout(Shape.WIDE).phone_beside and not page_layout(Shape.WIDE).volunteer_drawer
    square = page_layout(Shape.SQUARE)
    wide = page_layout(Shape.WIDE)
    assert square.volunteer_drawer
    assert square.phone_stretch / square.text_stretch < wide.phone_stretch / wide.text_stretch  # narrower phone
    portrait = page_layout(Shape.PORTRAIT)
    assert not portrait.phone_beside and portrait.home_columns == 2


@pytest.mark.parametrize("text", ["1280x800", "1280X800", "1280×800"])
def test_parse_size(text: str) -> None:
    assert parse_size(text) == (1280, 800)


@pytest.mark.parametrize("text", ["1280", "axb", "10x10", "1280x-800", ""])
def test_parse_size_names_a_bad_value(text: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(text)


def test_offscreen_screen_description(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    platform = offscreen_platform(1080, 1920, tmp_path)
    name, _, path = platform.partition(":configfile=")
    assert name == "offscreen"
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    assert data == screen_description(1080, 1920)
    assert data["screens"][0]["width"] == 1080 and data["screens"][0]["height"] == 1920


# --- web addresses on the simulated phone ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "limit", "expected"),
    [
        (
            "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
            60,
            "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        ),
        ("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", 30, "https://dichvucong.gov.vn/p…ml"),
        ("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", 20, "dichvucong.gov.vn/…l"),
        ("vneid.gov.vn.xacminh-taikhoan.com/dang-nhap?ref=sms", 20, "vneid…h-taikhoan.com"),
    ],
)
def test_a_long_address_is_shortened_in_the_middle_keeping_the_domains_end(url: str, limit: int, expected: str) -> None:
    from kiosk.text.phone_text import shorten_url, split_url

    short = shorten_url(url, limit)
    assert short == expected
    assert len(short) <= limit
    host = split_url(url)[1]
    assert host[-8:] in short  # the end of the domain, where a fake address gives itself away


def test_an_address_wraps_at_its_break_points_without_losing_a_character() -> None:
    from kiosk.text.phone_text import ZERO_WIDTH_SPACE, breakable

    url = "https://vneid.gov.vn.xacminh-tk.com/login?id=1"
    wrapped = breakable(url)
    assert wrapped.replace(ZERO_WIDTH_SPACE, "") == url
    assert wrapped.count(ZERO_WIDTH_SPACE) >= 8
