"""The Tự làm finale without Qt: stages, help that escalates by the clock or a wrong tap, unaided or not."""

from __future__ import annotations

from kiosk.content.loader import Catalog
from kiosk.content.models import PracticeStep, Text, TryStep, Tutorial
from kiosk.core.session import Phase, TapResult, TutorialSession, highlighted_element
from kiosk.core.try_it import HELP_AFTER_S, Help, TryRun
from tests.conftest import FakeClock


def with_finale(tutorial: Tutorial) -> Tutorial:
    finale = TryStep(id="tu-lam", kind="try", title=Text(vi="Tự làm", en="Do it yourself"))
    steps = [step for step in tutorial.steps if not isinstance(step, TryStep)]  # shipped how-tos have one already
    return tutorial.model_copy(update={"steps": [*steps, finale]})


def at_finale(tutorial: Tutorial, clock: FakeClock) -> TutorialSession:
    session = TutorialSession(with_finale(tutorial), clock)
    session.jump(session.step_count - 1)
    assert session.try_run is not None
    return session


def stages(bundled_catalog: Catalog) -> list[PracticeStep]:
    return bundled_catalog.tutorial("dang-ky-muc-1").practice_steps


def test_unaided_run(bundled_catalog: Catalog, clock: FakeClock) -> None:
    session = at_finale(bundled_catalog.tutorial("dang-ky-muc-1"), clock)
    run = session.try_run
    assert run is not None and len(run.stages) == 6
    for stage in run.stages:
        assert session.screen == stage.screen and highlighted_element(session) is None
        assert not session.can_go_next
        clock.advance(HELP_AFTER_S - 1)
        assert run.tick() is False
        assert session.tap(stage.target) is TapResult.CORRECT
    assert run.done and run.unaided and run.most_help is Help.NONE
    assert session.can_go_next and session.state.phase is Phase.SOLVED
    assert session.next() and session.finished


def test_help_climbs_a_level_every_ten_seconds(bundled_catalog: Catalog, clock: FakeClock) -> None:
    run = TryRun(stages(bundled_catalog), clock)
    target = run.current.target
    levels = []
    for _ in range(4):
        clock.advance(HELP_AFTER_S)
        run.tick()
        levels.append((run.help, run.ringed, run.blinking))
    assert levels == [
        (Help.WORD, None, False),
        (Help.RING, target, False),
        (Help.BLINK, target, True),
        (Help.BLINK, target, True),
    ]
    assert run.tap(target) and run.help is Help.NONE and run.ringed is None  # the next stage starts clean
    assert not run.unaided and run.most_help is Help.BLINK


def test_a_wrong_tap_brings_help_at_once_and_restarts_the_wait(bundled_catalog: Catalog, clock: FakeClock) -> None:
    run = TryRun(stages(bundled_catalog), clock)
    assert run.tap("nowhere") is False and run.help is Help.WORD
    clock.advance(HELP_AFTER_S - 1)
    assert run.tick() is False  # the wrong tap was a tap: the ten seconds start again
    assert run.tap(None) is False and run.help is Help.RING and run.wrong_taps == 2


def test_taps_restart_the_wait(bundled_catalog: Catalog, clock: FakeClock) -> None:
    run = TryRun(stages(bundled_catalog), clock)
    clock.advance(HELP_AFTER_S - 1)
    assert run.tap(run.current.target)
    clock.advance(HELP_AFTER_S - 1)
    assert run.tick() is False and run.unaided


def test_back_and_again_start_a_fresh_attempt(bundled_catalog: Catalog, clock: FakeClock) -> None:
    session = at_finale(bundled_catalog.tutorial("dang-ky-muc-1"), clock)
    assert session.tap("nowhere") is TapResult.WRONG
    assert session.try_run is not None and session.try_run.most_help is Help.WORD
    assert session.back() and session.try_run is None
    session.jump(session.step_count - 1)
    assert session.try_run is not None and session.try_run.most_help is Help.NONE
    session.restart()
    assert session.try_run is None and session.state.index == 0


def test_the_finale_is_refused_without_practice_before_it_or_when_not_last(bundled_catalog: Catalog) -> None:
    from kiosk.content.loader import reference_problems

    quiz_round = bundled_catalog.tutorial("lua-dao-hay-an-toan-1")
    problems = reference_problems("x.toml", with_finale(quiz_round), set())
    assert [problem.message for problem in problems] == ["a 'try' step needs practice steps before it to replay"]
    how_to = with_finale(bundled_catalog.tutorial("dang-ky-muc-1"))
    swapped = how_to.model_copy(update={"steps": [*how_to.steps[:-2], how_to.steps[-1], how_to.steps[-2]]})
    assert "must be the last step" in str(reference_problems("x.toml", swapped, set()))


def test_the_content_rule_every_how_to_ends_with_tu_lam(bundled_catalog: Catalog) -> None:
    from kiosk.content.lint import finale_problems

    how_to = bundled_catalog.tutorial("dang-ky-muc-1")
    bare = how_to.model_copy(update={"steps": [s for s in how_to.steps if s.kind != "try"]})
    assert "must end with a 'try' step" in " ".join(problem.message for problem in finale_problems("x.toml", bare))
    assert finale_problems("x.toml", with_finale(bare)) == []
    assert finale_problems("x.toml", bundled_catalog.tutorial("lua-dao-hay-an-toan-1")) == []  # a quiz round
