"""List pages use the height: large text on a short screen still shows more than one row of cards."""

from __future__ import annotations

from kiosk.content.loader import load_catalog
from kiosk.devtools.tour import settle
from tests.conftest import MakeKiosk


def test_at_150_percent_on_1280x800_a_list_page_holds_two_rows_and_the_pager_reads_as_large(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk(load_catalog(), size=(1280, 800), text_size_default=150)
    kiosk.controller.start_visit()
    kiosk.controller.open_category("vneid")
    settle()
    view = kiosk.shell.tutorial_list
    assert len(view.pages) > 1, "the check is about a list that pages"
    assert view.compact, "one row a page would leave an empty band"
    assert len(view.visible_cards()) == 2 * view.columns
    assert all(card.summary.isHidden() and card.status.isVisible() for card in view.visible_cards())
    label = view.page_label.font().pixelSize()
    assert view.next_page.font().pixelSize() >= label, "'Trang sau' is not smaller than 'Trang 1 / 3'"
    cards = [card.geometry() for card in view.visible_cards()]
    assert max(rect.bottom() for rect in cards) < view.pager.geometry().top(), "cards never run under the pager"


def test_at_1920x1080_the_cards_keep_their_summaries(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(load_catalog())
    kiosk.controller.start_visit()
    kiosk.controller.open_category("vneid")
    settle()
    view = kiosk.shell.tutorial_list
    assert not view.compact
    assert all(card.summary.isVisible() for card in view.visible_cards())
