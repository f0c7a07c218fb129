"""Every icon name maps to a qtawesome icon, and every category names a known icon."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import qtawesome
from PySide6.QtWidgets import QApplication

from kiosk.content.loader import BUNDLED_CONTENT, CATEGORIES_FILE
from kiosk.text.icon_names import ICONS, known_icon

FIXTURE = Path(__file__).parent / "fixtures" / "content"


@pytest.mark.parametrize(("meaning", "name"), sorted(ICONS.items()))
def test_icon_is_known_to_qtawesome(qapp: QApplication, meaning: str, name: str) -> None:
    icon = qtawesome.icon(name)
    assert not icon.isNull(), f"{meaning}: {name}"
    assert not icon.pixmap(32, 32).isNull(), f"{meaning}: {name}"


def test_an_unknown_name_does_raise(qapp: QApplication) -> None:
    """The check above can fail: qtawesome refuses a name it does not know."""
    with pytest.raises(Exception, match="unicorn"):
        qtawesome.icon("fa6s.unicorn")


@pytest.mark.parametrize("folder", [BUNDLED_CONTENT, FIXTURE], ids=["bundled", "fixture"])
def test_every_category_icon_is_a_key_of_icons(folder: Path) -> None:
    data = tomllib.loads((folder / CATEGORIES_FILE).read_text(encoding="utf-8"))
    icons = [category["icon"] for category in data["categories"]]
    assert icons != []
    assert [icon for icon in icons if icon not in ICONS] == []


def test_known_icon() -> None:
    assert known_icon("home") is True
    assert known_icon("fa6s.house") is False
    assert known_icon("unicorn") is False


def test_every_icon_draws_from_the_kiosk_font(qapp: QApplication) -> None:
    """The kiosk loads only Font Awesome 6 Solid; every name must be in it and paint something."""
    from kiosk.views.icons import icon

    for name in ICONS:
        pixmap = icon(name, "#000000").pixmap(48, 48)
        assert not pixmap.isNull(), name
        image = pixmap.toImage()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(48) for y in range(48)), name


def test_kiosk_icons_match_qtawesome_own_rendering(qapp: QApplication) -> None:
    """The kiosk paints qtawesome's glyphs itself (start-up); the pixels must match qtawesome's."""
    from kiosk.views.icons import icon

    differing = []
    for name, qta_name in ICONS.items():
        ours = icon(name, "#000000").pixmap(64, 64).toImage()
        theirs = qtawesome.icon(qta_name, color="#000000").pixmap(64, 64).toImage()
        alpha = [(ours.pixelColor(x, y).alpha(), theirs.pixelColor(x, y).alpha()) for x in range(64) for y in range(64)]
        off = sum(1 for a, b in alpha if abs(a - b) > 64)
        if off > 64 * 64 * 0.02:
            differing.append((name, off))
    assert differing == []
