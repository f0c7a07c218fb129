"""Theme numbers for older eyes and hands, and the shell's words in both languages."""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import pytest

from kiosk.content.lint import VIETNAMESE_MARKS
from kiosk.text.strings import UI_STRINGS, ui_text
from kiosk.text.theme import (
    HIGH_CONTRAST,
    MIN_CONTRAST,
    MIN_CUE_CONTRAST,
    NORMAL,
    REFERENCE_HEIGHT,
    Palette,
    Theme,
    contrast,
    cue_backgrounds,
    cue_contrast,
    cue_pairs,
    luminance,
    text_pairs,
    two_tone_cues,
)

# Keys whose Vietnamese slot is deliberately not Vietnamese (a name, or the other language's label).
NOT_VIETNAMESE = {"app_name", "attract_touch_other", "other_language", "dash_english"}
# Real Vietnamese that carries no diacritics at all ("Trang sau" = "Next page").
UNMARKED_VIETNAMESE = {"page_next", "page_of", "dash_weekdays", "dash_step_label"}  # T2 … CN; B1, B2 … (bước)


# --- contrast ---------------------------------------------------------------


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high_contrast"])
def test_every_text_pair_has_contrast_of_at_least_7(palette: Palette) -> None:
    assert MIN_CONTRAST == 7.0
    too_low = [
        (name, fg, bg, round(contrast(fg, bg), 2)) for name, fg, bg in text_pairs(palette) if contrast(fg, bg) < 7
    ]
    assert too_low == []


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high_contrast"])
def test_text_pairs_cover_every_text_colour_and_tile(palette: Palette) -> None:
    names = [name for name, _, _ in text_pairs(palette)]
    assert names[:16] == [
        "body",
        "muted",
        "header",
        "button",
        "primary",
        "help",
        "success",
        "hint",
        "danger",
        "overlay",
        "tile-blue",
        "tile-green",
        "tile-red",
        "tile-purple",
        "tile-teal",
        "tile-brown",
    ]


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high_contrast"])
def test_text_pairs_include_every_colour_of_the_simulated_phone(palette: Palette) -> None:
    names = {name for name, _, _ in text_pairs(palette)}
    phone = palette.phone
    expected = {f"phone-bar-{tone}" for tone in phone.app_bars}
    expected |= {f"phone-button-{style}" for style in phone.buttons}
    expected |= {f"phone-notice-{tone}" for tone in phone.notices}
    expected |= {f"answer-{kind}" for kind in palette.answers}
    expected |= {"phone-ink", "phone-muted", "phone-address", "phone-bubble-in", "phone-bubble-out"}
    expected |= {"phone-badge-danger", "phone-badge-safe"}
    assert expected <= names


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high_contrast"])
def test_every_cue_pair_has_contrast_of_at_least_3(palette: Palette) -> None:
    """WCAG 1.4.11: the progress bar, borders, the phone's outline, flags and icons."""
    assert MIN_CUE_CONTRAST == 3.0
    names = {name for name, _, _ in cue_pairs(palette)}
    assert {"progress", "button-border", "phone-outline", "phone-input-border", "phone-address-danger"} <= names
    too_low = [
        (name, fg, bg, round(contrast(fg, bg), 2)) for name, fg, bg in cue_pairs(palette) if contrast(fg, bg) < 3
    ]
    assert too_low == []


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high_contrast"])
@pytest.mark.parametrize("cue", ["look", "tap"])
def test_look_and_tap_cues_reach_3_to_1_on_everything_they_sit_on(palette: Palette, cue: str) -> None:
    colours = two_tone_cues(palette)[cue]
    grounds = dict(cue_backgrounds(palette))
    assert {"page", "phone-screen", "phone-frame", "bar-zalo", "button-danger", "notice-warning"} <= set(grounds)
    too_low = {
        name: round(cue_contrast(colours, bg), 2) for name, bg in grounds.items() if cue_contrast(colours, bg) < 3
    }
    assert too_low == {}


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high_contrast"])
def test_look_and_tap_cues_differ_in_colour(palette: Palette) -> None:
    """One cue, one meaning: "look here" and "tap here" never share their main colour."""
    assert palette.look != palette.ring


def test_the_cue_contrast_rule_can_fail() -> None:
    """Amber alone on white is the 2:1 ring the issue found; it must not pass."""
    assert cue_contrast(("#F2A900", "#F2A900"), "#FFFFFF") < 3
    assert cue_contrast(("#F2A900", "#14213D"), "#FFFFFF") >= 3


def test_no_widget_module_carries_its_own_hex_colour() -> None:
    """Every colour lives in the theme, where the contrast tests see it (the phone's included)."""
    views = Path(__file__).resolve().parent.parent / "kiosk" / "views"
    found = {
        path.name: re.findall(r"#[0-9A-Fa-f]{6}\b", path.read_text(encoding="utf-8"))
        for path in sorted(views.glob("*.py"))
    }
    assert {name: colours for name, colours in found.items() if colours} == {}


def test_contrast_black_on_white_is_21() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0, abs=1e-9)
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0, abs=1e-9)


def test_contrast_of_a_colour_with_itself_is_1() -> None:
    assert contrast("#0B3B6E", "#0B3B6E") == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize(
    ("foreground", "expected"),
    [("#767676", 4.54), ("#777777", 4.48), ("#0000FF", 8.59), ("#FF0000", 4.00), ("#595959", 7.00)],
)
def test_contrast_matches_known_wcag_values(foreground: str, expected: float) -> None:
    assert contrast(foreground, "#FFFFFF") == pytest.approx(expected, abs=0.01)
    assert contrast("#FFFFFF", foreground) == pytest.approx(expected, abs=0.01)


def test_luminance_of_black_and_white() -> None:
    assert luminance("#000000") == 0.0
    assert luminance("#FFFFFF") == pytest.approx(1.0, abs=1e-12)


def test_theme_picks_the_palette() -> None:
    assert Theme(1080).palette is NORMAL
    assert Theme(1080, high_contrast=True).palette is HIGH_CONTRAST


# --- sizes ------------------------------------------------------------------


def test_sizes_at_the_reference_height() -> None:
    assert REFERENCE_HEIGHT == 1080
    theme = Theme(1080)
    assert theme.scale == 1.0
    assert (theme.body_px, theme.heading_px, theme.target_px) == (40, 56, 96)
    assert (theme.small_px, theme.min_read_px, theme.bar_text_px, theme.gap_px) == (32, 32, 32, 24)
    assert (theme.margin_px, theme.header_height, theme.icon_px) == (40, 112, 44)


def test_sizes_at_800_px_scale_by_800_over_1080() -> None:
    theme = Theme(800)
    assert theme.scale == pytest.approx(800 / 1080)
    assert theme.body_px == round(40 * 800 / 1080) == 30
    assert theme.heading_px == round(56 * 800 / 1080) == 41
    assert theme.target_px == round(96 * 800 / 1080) == 71
    assert theme.gap_px == round(24 * 800 / 1080) == 18
    assert theme.min_read_px == round(32 * 800 / 1080) == 24


@pytest.mark.parametrize(
    ("text_size", "body", "heading", "small"), [(100, 40, 56, 32), (125, 50, 70, 40), (150, 60, 84, 48)]
)
def test_text_size_scales_text_but_not_targets(text_size: int, body: int, heading: int, small: int) -> None:
    theme = Theme(1080, text_size=text_size)
    assert (theme.body_px, theme.heading_px, theme.small_px) == (body, heading, small)
    assert theme.target_px == 96
    assert theme.gap_px == 24
    assert theme.bar_text_px == 32


def test_text_size_and_screen_height_combine() -> None:
    theme = Theme(800, text_size=150)
    assert (theme.body_px, theme.heading_px, theme.small_px) == (44, 62, 36)
    assert theme.target_px == 71


def test_px_never_rounds_to_zero() -> None:
    assert Theme(10).px(1) == 1
    assert Theme(10).text_px(1) == 1


# --- UI strings -------------------------------------------------------------


@pytest.mark.parametrize("key", list(UI_STRINGS))
def test_ui_string_is_filled_in_both_languages_and_nfc(key: str) -> None:
    vi, en = UI_STRINGS[key]
    assert vi.strip() != ""
    assert en.strip() != ""
    assert unicodedata.normalize("NFC", vi) == vi
    assert unicodedata.normalize("NFC", en) == en


@pytest.mark.parametrize("key", sorted(set(UI_STRINGS) - NOT_VIETNAMESE - UNMARKED_VIETNAMESE))
def test_vietnamese_ui_string_has_diacritics(key: str) -> None:
    vi, en = UI_STRINGS[key]
    assert vi != en
    assert set(vi.lower()) & VIETNAMESE_MARKS, vi


def test_the_exceptions_are_real_keys() -> None:
    assert set(UI_STRINGS) >= NOT_VIETNAMESE | UNMARKED_VIETNAMESE
    assert UI_STRINGS["attract_touch_other"] == tuple(reversed(UI_STRINGS["attract_touch"]))


@pytest.mark.parametrize("key", list(UI_STRINGS))
def test_both_languages_use_the_same_placeholders(key: str) -> None:
    vi, en = UI_STRINGS[key]

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert fields(vi) == fields(en)


def test_ui_text_fills_placeholders() -> None:
    assert ui_text("step_of", "vi", step=2, total=3) == "Bước 2 / 3"
    assert ui_text("step_of", "en", step=2, total=3) == "Step 2 / 3"
    assert ui_text("home", "vi") == "Trang chủ"
    assert ui_text("home", "en") == "Home"
