"""Visit: one resident's route through the kiosk, on the fixture catalog plus an empty and a draft-only category."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import Catalog, load_catalog
from kiosk.content.models import Category, Text
from kiosk.core.navigation import TEXT_SIZES, Route, Screen, Visit
from kiosk.core.session import StepState, TapResult

FIXTURE = Path(__file__).parent / "fixtures" / "content"
TARGET = "btn_dang_ky"


def category(category_id: str) -> Category:
    return Category(
        id=category_id,
        title=Text(vi="Mục", en="Section"),
        subtitle=Text(vi="Mô tả", en="Description"),
        icon="star",
        tone="green",
    )


@pytest.fixture
def catalog() -> Catalog:
    """demo (one published tutorial), trong (no tutorial), nhap (only a draft)."""
    loaded = load_catalog(FIXTURE)
    assert loaded.problems == []
    mau = loaded.tutorial("mau")
    draft = mau.model_copy(update={"id": "ban_nhap", "category": "nhap", "draft": True, "draft_note": "Chờ duyệt"})
    return Catalog(
        categories=[*loaded.categories, category("trong"), category("nhap")],
        tutorials=[mau, draft],
        files={"mau": "demo/mau.toml", "ban_nhap": "nhap/ban_nhap.toml"},
    )


@pytest.fixture
def visit(catalog: Catalog) -> Visit:
    return Visit(catalog)


def finish_mau(visit: Visit) -> None:
    """From step 0 of mau, do every step right and finish."""
    assert visit.next() is True
    session = visit.player
    assert session is not None
    assert session.tap(TARGET) is TapResult.CORRECT
    assert visit.next() is True
    assert session.answer(0) is True
    assert visit.next() is True


def test_text_sizes() -> None:
    assert TEXT_SIZES == (100, 125, 150)


def test_starts_at_attract(visit: Visit) -> None:
    assert visit.route == Route(Screen.ATTRACT)
    assert visit.language == "vi"
    assert visit.text_size == 100
    assert visit.assisted is False
    assert visit.player is None
    assert visit.progress_of("mau") is None


def test_starts_with_the_configured_language_and_size(catalog: Catalog) -> None:
    visit = Visit(catalog, language="en", text_size=150)
    assert visit.route == Route(Screen.ATTRACT)
    assert (visit.language, visit.text_size) == ("en", 150)


def test_go_home(visit: Visit) -> None:
    visit.go_home()
    assert visit.route == Route(Screen.HOME)


def test_open_category(visit: Visit) -> None:
    visit.go_home()
    visit.open_category("demo")
    assert visit.route == Route(Screen.LIST, category_id="demo")
    assert visit.player is None


def test_open_tutorial(visit: Visit) -> None:
    visit.open_category("demo")
    session = visit.open_tutorial("mau")
    assert visit.route == Route(Screen.PLAYER, "demo", "mau")
    assert visit.player is session
    assert visit.progress_of("mau") is session
    assert session.tutorial.id == "mau"
    assert session.state == StepState(0)


def test_open_unknown_tutorial_raises(visit: Visit) -> None:
    with pytest.raises(StopIteration):
        visit.open_tutorial("khong_co")
    assert visit.route == Route(Screen.ATTRACT)


def test_a_tutorial_left_midway_resumes(visit: Visit) -> None:
    visit.open_category("demo")
    session = visit.open_tutorial("mau")
    assert visit.next() is True
    session.tap(None)
    assert session.state == StepState(1, wrong_taps=1)
    visit.go_home()
    assert visit.route == Route(Screen.HOME)
    assert visit.player is None
    visit.open_category("demo")
    again = visit.open_tutorial("mau")
    assert again is session
    assert again.state == StepState(1, wrong_taps=1)
    assert visit.route == Route(Screen.PLAYER, "demo", "mau")


def test_next_goes_on_only_when_the_step_allows(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    assert visit.next() is True
    assert visit.next() is False
    assert session.state == StepState(1)
    assert visit.route == Route(Screen.PLAYER, "demo", "mau")


def test_next_without_a_tutorial_does_nothing(visit: Visit) -> None:
    visit.open_category("demo")
    assert visit.next() is False
    assert visit.route == Route(Screen.LIST, category_id="demo")


def test_finishing_shows_the_completion_screen(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    finish_mau(visit)
    assert visit.route == Route(Screen.COMPLETE, "demo", "mau")
    assert session.finished is True
    assert visit.next() is False
    assert visit.route == Route(Screen.COMPLETE, "demo", "mau")


def test_a_finished_tutorial_restarts_on_reopen(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    finish_mau(visit)
    visit.go_home()
    again = visit.open_tutorial("mau")
    assert again is session
    assert again.finished is False
    assert again.state == StepState(0)
    assert again.first_answers == {}
    assert visit.route == Route(Screen.PLAYER, "demo", "mau")


def test_restart_from_completion(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    finish_mau(visit)
    visit.restart()
    assert visit.route == Route(Screen.PLAYER, "demo", "mau")
    assert session.state == StepState(0)
    assert session.finished is False


def test_restart_without_a_tutorial_does_nothing(visit: Visit) -> None:
    visit.go_home()
    visit.restart()
    assert visit.route == Route(Screen.HOME)


# --- back -------------------------------------------------------------------


def test_back_within_a_tutorial_goes_one_step(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    visit.next()
    visit.back()
    assert visit.route == Route(Screen.PLAYER, "demo", "mau")
    assert session.state == StepState(0)


def test_back_from_the_first_step_returns_to_the_list(visit: Visit) -> None:
    visit.go_home()
    visit.open_category("demo")
    visit.open_tutorial("mau")
    visit.back()
    assert visit.route == Route(Screen.LIST, category_id="demo")
    assert visit.progress_of("mau") is not None


def test_back_from_completion_returns_to_the_last_step(visit: Visit) -> None:
    session = visit.open_tutorial("mau")
    finish_mau(visit)
    visit.back()
    assert visit.route == Route(Screen.PLAYER, "demo", "mau")
    assert session.finished is False
    assert session.state == StepState(2)


def test_back_from_the_list_goes_home(visit: Visit) -> None:
    visit.open_category("demo")
    visit.back()
    assert visit.route == Route(Screen.HOME)


def test_back_never_leaves_home(visit: Visit) -> None:
    visit.go_home()
    visit.back()
    assert visit.route == Route(Screen.HOME)


def test_back_on_attract_stays(visit: Visit) -> None:
    visit.back()
    assert visit.route == Route(Screen.ATTRACT)


# --- settings and reset -----------------------------------------------------


def test_cycle_text_size(visit: Visit) -> None:
    assert visit.text_size == 100
    assert visit.cycle_text_size() == 125
    assert visit.text_size == 125
    assert visit.cycle_text_size() == 150
    assert visit.cycle_text_size() == 100
    assert visit.text_size == 100


def test_toggle_language(visit: Visit) -> None:
    assert visit.toggle_language() == "en"
    assert visit.language == "en"
    assert visit.toggle_language() == "vi"
    assert visit.language == "vi"


def test_reset_forgets_the_visit(catalog: Catalog) -> None:
    visit = Visit(catalog, language="vi", text_size=125)
    visit.open_category("demo")
    visit.open_tutorial("mau")
    visit.next()
    visit.toggle_language()
    visit.cycle_text_size()
    visit.assisted = True
    visit.reset()
    assert visit.route == Route(Screen.ATTRACT)
    assert visit.language == "vi"
    assert visit.text_size == 125
    assert visit.assisted is False
    assert visit.player is None
    assert visit.progress_of("mau") is None
    assert visit.open_tutorial("mau").state == StepState(0)


def test_categories_with_tutorials_lists_only_published(visit: Visit, catalog: Catalog) -> None:
    assert [item.id for item in catalog.categories] == ["demo", "trong", "nhap"]
    assert visit.categories_with_tutorials() == ["demo"]
