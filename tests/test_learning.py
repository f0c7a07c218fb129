"""Pure rules of learning that lasts: bulletin validity and clock, the trainer's warm-up, confidence pairs."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from kiosk.content.loader import Catalog, load_catalog
from kiosk.content.models import Text
from kiosk.core.navigation import Route, Screen, Visit
from kiosk.core.try_it import HELP_AFTER_S
from kiosk.fleet.unpack import unpack_and_validate
from kiosk.learning.rules import (
    ConfidenceBook,
    current_bulletin,
    is_trainer_round,
    pick_warmup,
    trainer_tutorial,
    warmup_kind,
)
from tests.bulletin_support import content_with_bulletin
from tests.conftest import FIXTURE_CONTENT

VN = dt.timedelta(hours=7)


def at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def bulletin_catalog(tmp_path: Path) -> Catalog:
    catalog = load_catalog(content_with_bulletin(FIXTURE_CONTENT, tmp_path / "content"))
    assert catalog.problems == []
    return catalog


def test_a_bulletin_shows_only_while_valid_and_with_a_plausible_clock(tmp_path: Path) -> None:
    catalog = bulletin_catalog(tmp_path)
    assert [b.id for b in catalog.bulletins] == ["buu-dien-gia"]
    assert current_bulletin(catalog, at(2026, 12, 1), VN) is not None
    assert current_bulletin(catalog, at(2026, 12, 31, 16), VN) is not None  # 23:00 local on the last day
    assert current_bulletin(catalog, at(2026, 12, 31, 17), VN) is None  # midnight local: expired
    assert current_bulletin(catalog, at(2026, 11, 19), VN) is None  # not issued yet
    assert current_bulletin(catalog, dt.datetime(1970, 1, 1, 0, 5, tzinfo=dt.UTC), VN) is None  # clock never set
    assert current_bulletin(catalog, at(2101, 1, 1), VN) is None


def test_bad_bulletins_are_named_and_left_out(tmp_path: Path) -> None:
    from tests.bulletin_support import BULLETIN_TOML

    text = BULLETIN_TOML.replace("expires = 2026-12-31", "expires = 2027-12-31").replace(
        'element = "link"', 'element = "x"'
    )
    catalog = load_catalog(content_with_bulletin(FIXTURE_CONTENT, tmp_path / "c", text))
    assert catalog.bulletins == []
    messages = [f"{p.field}: {p.message}" for p in catalog.problems]
    assert "bulletins[0].expires: is more than 120 days after 'issued'" in messages
    assert any(m.startswith("bulletins[0].quiz.flags[0].element") for m in messages)


def test_a_bulletin_travels_in_a_signed_pack(tmp_path: Path) -> None:
    from kiosk.fleet.pack import build

    folder = content_with_bulletin(FIXTURE_CONTENT, tmp_path / "content")
    archive = tmp_path / "pack.tar.gz"
    build(folder, archive, "2026.12")
    unpacked = tmp_path / "unpacked"
    unpack_and_validate(archive, unpacked)
    assert [b.id for b in load_catalog(unpacked).bulletins] == ["buu-dien-gia"]


def test_warmup_comes_from_another_round_and_never_the_last_answer(bundled_catalog: Catalog) -> None:
    rounds = [t for t in bundled_catalog.published() if is_trainer_round(t)]
    assert len(rounds) >= 2
    first = rounds[0]
    for seed in range(40):
        picked = pick_warmup(bundled_catalog, first.id, None, random.Random(seed))
        assert picked is not None and picked[0].id != first.id
    last = rounds[1].steps[1].id
    catalog = Catalog(categories=bundled_catalog.categories, tutorials=rounds[:2])
    seen = set()
    for seed in range(60):
        pick = pick_warmup(catalog, first.id, last, random.Random(seed))
        assert pick is not None
        seen.add(pick[1].id)
    assert last not in seen and seen


def test_the_round_starts_with_the_bulletin_while_valid_else_a_warmup(bundled_catalog: Catalog, tmp_path: Path) -> None:
    bulletin = bulletin_catalog(tmp_path).bulletins[0]
    round_1 = next(t for t in bundled_catalog.published() if is_trainer_round(t))
    with_bulletin = trainer_tutorial(bundled_catalog, round_1, bulletin, None, random.Random(1))
    assert warmup_kind(with_bulletin.steps[0].id) == "bulletin" and with_bulletin.steps[1:] == round_1.steps
    warmed = trainer_tutorial(bundled_catalog, round_1, None, None, random.Random(1))
    assert warmup_kind(warmed.steps[0].id) == "warmup" and len(warmed.steps) == len(round_1.steps) + 1
    how_to = bundled_catalog.tutorial("dang-ky-muc-1")
    assert trainer_tutorial(bundled_catalog, how_to, bulletin, None, random.Random(1)) is how_to


def test_the_visit_remembers_the_last_answer_for_the_next_warmup(bundled_catalog: Catalog) -> None:
    rounds = [t for t in bundled_catalog.published() if is_trainer_round(t)]
    visit = Visit(bundled_catalog, rng=random.Random(3))
    session = visit.open_tutorial(rounds[0].id)
    assert warmup_kind(session.step.id) == "warmup"
    assert visit.answer(0) is not None
    assert visit.last_answered == session.step.id.removeprefix("on-lai-")


def test_confidence_pairs_stay_in_the_visit(bundled_catalog: Catalog) -> None:
    visit = Visit(bundled_catalog, ask_confidence=True)
    visit.open_tutorial("dang-ky-muc-1")
    assert visit.route.screen is Screen.CONFIDENCE
    visit.rate_before(1)
    assert visit.route.screen is Screen.PLAYER
    visit.go_home()
    visit.open_tutorial("dang-ky-muc-1")
    assert visit.route.screen is Screen.PLAYER  # asked once per visit
    assert visit.rate_after(3) is None  # only on the completion screen
    session = visit.player
    assert session is not None
    session.finished = True
    visit.route = Route(Screen.COMPLETE, visit.route.category_id, visit.route.tutorial_id)
    assert visit.rate_after(3) == (1, 3)
    assert visit.rate_after(2) is None  # one pair per tutorial and visit
    visit.reset()
    assert visit.confidence == ConfidenceBook()


def test_skipping_costs_one_tap(bundled_catalog: Catalog) -> None:
    visit = Visit(bundled_catalog, ask_confidence=True)
    visit.open_tutorial("dang-ky-muc-1")
    visit.rate_before(None)
    assert visit.route.screen is Screen.PLAYER and visit.confidence.before == {"dang-ky-muc-1": None}


def test_scam_help_goes_back_where_the_resident_was(bundled_catalog: Catalog) -> None:
    visit = Visit(bundled_catalog)
    visit.open_tutorial("dang-ky-muc-1")
    visit.open_scam_help()
    assert visit.route.screen is Screen.SCAM_HELP
    visit.back()
    assert visit.route.screen is Screen.PLAYER and visit.route.tutorial_id == "dang-ky-muc-1"


def test_read_aloud_says_the_emergency_checklist_in_order_and_only_the_help_on_screen(
    bundled_catalog: Catalog,
) -> None:
    from kiosk.content.models import TryStep
    from kiosk.speech.spoken import spoken_screen
    from tests.conftest import FakeClock

    visit = Visit(bundled_catalog)
    visit.open_scam_help()
    said = spoken_screen(visit)
    positions = [said.index(text) for text in ("Ngừng chuyển thêm tiền", "Gọi ngay số tổng đài", "Báo cho người thân")]
    assert positions == sorted(positions) and said.startswith("Nếu bác đã lỡ chuyển tiền.")
    clock = FakeClock()
    tutorial = bundled_catalog.tutorial("dang-ky-muc-1")
    finale = TryStep(id="tu-lam", kind="try", title=Text(vi="Tự làm", en="Do it yourself"))
    visit = Visit(bundled_catalog, clock=clock)
    visit.catalog = Catalog(
        categories=bundled_catalog.categories,
        tutorials=[tutorial.model_copy(update={"steps": [*tutorial.steps[:-1], finale]})],
    )
    session = visit.open_tutorial("dang-ky-muc-1")
    session.jump(session.step_count - 1)
    assert "Bác hãy tự làm lại từ đầu" in spoken_screen(visit) and "“Đăng ký tài khoản mức 1”" not in spoken_screen(
        visit
    )
    clock.advance(HELP_AFTER_S)
    assert session.try_run is not None and session.try_run.tick()
    assert "Chạm vào “Đăng ký tài khoản mức 1”" in spoken_screen(visit)
