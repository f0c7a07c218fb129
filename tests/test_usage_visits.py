"""Visit semantics: one attempt per tutorial per visit, abandonment decided when the visit ends, each step once."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.usage.events import UsageEvent
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.report import Report, build_report, report_from_store
from kiosk.usage.schema import COLUMNS, MIGRATIONS, to_row
from kiosk.usage.store import open_store
from kiosk.usage.visits import VisitFolds, fold_visit
from tests.usage_support import SESSION_A, Ticker, WallClock, make_event, utc

OLD_COLUMNS = 14  # the events table before version 5 added the learning fields (issue 17)
OLD_INSERT = f"INSERT INTO events ({', '.join(COLUMNS[:OLD_COLUMNS])}) VALUES ({', '.join('?' * OLD_COLUMNS)})"


class Walk:
    """A resident at the kiosk, through the real recorder: every call moves the clocks on by `seconds`."""

    def __init__(self) -> None:
        self.events: list[UsageEvent] = []
        self.clock, self.ticker = WallClock(utc(2026, 11, 30, 12, 0)), Ticker()
        self.recorder = UsageRecorder(self.events.append, "phuong-01", self.clock, monotonic=self.ticker)

    def wait(self, seconds: float = 3) -> None:
        self.clock.advance(seconds=seconds)
        self.ticker.now += seconds

    def steps(self, tutorial: str, indexes: range | list[int]) -> None:
        if self.recorder.in_tutorial != tutorial:
            self.recorder.tutorial_opened(tutorial)
        for index in indexes:
            self.recorder.step_shown(tutorial, f"s{index}", index)
            self.wait()

    def home(self) -> None:
        self.recorder.tutorial_left(completed=False)
        self.wait()

    def finish(self) -> None:
        self.recorder.tutorial_left(completed=True)  # as the kiosk does: the last step's step_viewed comes first
        self.wait()


def _report(events: list[UsageEvent]) -> Report:
    return build_report(events, None, None)


def _figures(report: Report) -> list[tuple[str, int, int, int]]:
    return [(t.tutorial_id, t.started, t.abandoned, t.completed) for t in report.tutorials]


def test_home_and_resume_is_one_attempt_completed() -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("vneid", range(5))
    walk.home()  # "Đang học: bước 5 / 9" on the list
    walk.steps("vneid", range(4, 9))
    walk.finish()
    walk.recorder.end_session(idle=True)
    assert [e.name for e in walk.events].count("tutorial_started") == 2  # the raw facts: opened twice
    report = _report(walk.events)
    assert _figures(report) == [("vneid", 1, 0, 1)]
    funnel = report.funnels[0]
    assert [(s.step_index, s.reached, s.abandoned) for s in funnel.steps] == [(i, 1, 0) for i in range(9)]
    assert funnel.steps[4].dwell_ms_total == 6000  # step 5 seen before and after the pause: once, both times


def test_a_visit_that_ends_at_step_5_is_one_abandon_at_step_5() -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("vneid", [0, 1, 2, 3, 4, 3, 4])  # Back once: step 4 and 5 still count once each
    walk.home()
    walk.recorder.end_session(idle=True)
    report = _report(walk.events)
    assert _figures(report) == [("vneid", 1, 1, 0)]
    steps = report.funnels[0].steps
    assert [(s.step_index + 1, s.reached, s.abandoned) for s in steps] == [
        (1, 1, 0),
        (2, 1, 0),
        (3, 1, 0),
        (4, 1, 0),
        (5, 1, 1),
    ]


def test_abandonment_waits_for_the_end_of_the_visit() -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("vneid", range(3))
    walk.home()
    assert _figures(_report(walk.events)) == []  # the resident is still there: nothing decided yet
    walk.recorder.end_session()  # the operator area opened: session_ended
    assert walk.events[-1].name == "session_ended"
    assert _figures(_report(walk.events)) == [("vneid", 1, 1, 0)]


def test_a_power_cut_visit_ends_when_the_next_one_starts() -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("vneid", range(2))
    walk.recorder.session_id = None  # power cut: no end event
    walk.recorder._tutorial_id = None
    walk.recorder.start_session()
    assert _figures(_report(walk.events)) == [("vneid", 1, 1, 0)]


def test_finished_then_again_from_the_start_is_a_second_attempt_but_back_is_not() -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("luadao", range(3))
    walk.finish()
    walk.steps("luadao", [2])  # Back from the completion screen to the last step, then on again
    walk.finish()
    assert _figures(
        _report([*walk.events, make_event("idle_reset", walk.clock.now, walk.recorder.session_id, "phuong-01")])
    ) == [("luadao", 1, 0, 1)]
    walk.steps("luadao", range(2))  # "Làm lại": from step 1 again, then left for good
    walk.home()
    walk.recorder.end_session(idle=True)
    assert _figures(_report(walk.events)) == [("luadao", 2, 1, 1)]


def test_two_tutorials_in_one_visit_and_the_same_in_the_next_visit() -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("vneid", range(2))
    walk.home()
    walk.steps("luadao", range(3))
    walk.finish()
    walk.steps("vneid", range(1, 4))
    walk.finish()
    walk.recorder.end_session(idle=True)
    walk.recorder.start_session()
    walk.steps("vneid", range(1))
    walk.recorder.end_session(idle=True)
    assert sorted(_figures(_report(walk.events))) == [("luadao", 1, 0, 1), ("vneid", 2, 1, 1)]


def test_fold_visit_and_the_stream_agree() -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("vneid", range(4))
    walk.home()
    walk.steps("vneid", range(3, 6))
    walk.recorder.end_session(idle=True)
    folds = VisitFolds()
    streamed = [attempt for event in walk.events for attempt in folds.add(event)]
    assert streamed == fold_visit(walk.events)
    (attempt,) = streamed
    assert not attempt.completed and attempt.furthest == (5, "s5")


def test_the_store_keeps_attempts_of_ended_visits_only(tmp_path: Path) -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("vneid", range(3))
    walk.home()
    store = open_store(tmp_path / "usage.sqlite3").store
    store.append(walk.events)
    assert _figures(report_from_store(store, None, None)) == []
    assert store.connection.execute("SELECT COUNT(*) FROM open_visits").fetchone() == (1,)
    mark = len(walk.events)
    walk.steps("vneid", range(2, 7))
    walk.recorder.end_session(idle=True)
    store.append(walk.events[mark:])
    assert _figures(report_from_store(store, None, None)) == [("vneid", 1, 1, 0)]
    assert report_from_store(store, None, None) == _report(walk.events)
    assert store.connection.execute("SELECT COUNT(*) FROM open_visits").fetchone() == (0,)


def _version_3_store(path: Path) -> sqlite3.Connection:
    """An empty store as kiosks of schema version 3 wrote it (before visit attempts were counted)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for steps in MIGRATIONS[:3]:
        for sql in steps:
            assert isinstance(sql, str)
            connection.execute(sql)
    connection.execute("INSERT INTO schema_version VALUES (3)")
    return connection


def test_an_old_store_is_recounted_with_visits_when_it_migrates(tmp_path: Path) -> None:
    """A version-3 store of an older kiosk (pause and resume recorded as abandon + start) gets attempts."""
    path = tmp_path / "usage.sqlite3"
    connection = _version_3_store(path)
    at = utc(2026, 11, 2, 2, 0)

    def old(name: str, session: str | None = SESSION_A, **fields: object) -> UsageEvent:
        nonlocal at
        at += timedelta(seconds=7)
        return make_event(name, at, session, "k1", **fields)

    events = [
        old("session_started"),
        old("tutorial_started", tutorial_id="vneid"),
        old("step_viewed", tutorial_id="vneid", step_id="s0", step_index=0, dwell_ms=7000),
        old("tutorial_abandoned", tutorial_id="vneid", step_id="s1", step_index=1),
        old("tutorial_started", tutorial_id="vneid"),
        old("step_viewed", tutorial_id="vneid", step_id="s1", step_index=1, dwell_ms=7000),
        old("tutorial_completed", tutorial_id="vneid", step_id="s1", step_index=1),
        old("session_started", "b" * 32),  # the next resident: the first visit is over
    ]
    connection.executemany(OLD_INSERT, [to_row(event)[:OLD_COLUMNS] for event in events])
    assert connection.execute("SELECT COUNT(*) FROM rollup WHERE name = 'tutorial_started'").fetchone() == (2,)
    connection.close()
    store = open_store(path).store
    report = report_from_store(store, None, None)
    assert _figures(report) == [("vneid", 1, 0, 1)]
    assert report == build_report(events, None, None)
    assert store.connection.execute("SELECT session_id FROM open_visits").fetchall() == [("b" * 32,)]


@pytest.mark.parametrize("cut_hours", [0.5, 2])
def test_retention_recounts_a_visit_it_cuts(tmp_path: Path, cut_hours: float) -> None:
    walk = Walk()
    walk.recorder.start_session()
    walk.steps("vneid", range(3))
    walk.wait(3600)
    walk.steps("vneid", range(3, 5))
    walk.recorder.end_session(idle=True)
    store = open_store(tmp_path / "usage.sqlite3").store
    store.append(walk.events)
    cutoff = walk.events[0].time + timedelta(hours=cut_hours)
    store.purge_older_than(cutoff)
    kept = [event for event in walk.events if event.time >= cutoff]
    assert report_from_store(store, None, None) == _report(kept)


def test_interleaved_visits_of_a_wrong_clock_never_stop_the_upgrade(tmp_path: Path) -> None:
    """Two visits' events interleaved on one kiosk (only a clock jumping back does that): counted once, no crash."""
    path = tmp_path / "usage.sqlite3"
    connection = _version_3_store(path)
    first, second, at = "a" * 32, "b" * 32, utc(2026, 11, 2, 2, 0)
    plan = [
        (first, "session_started", {}),
        (first, "tutorial_started", {"tutorial_id": "vneid"}),
        (second, "session_started", {}),  # ends the first visit
        (first, "step_viewed", {"tutorial_id": "vneid", "step_id": "s0", "step_index": 0}),
        (first, "tutorial_started", {"tutorial_id": "vneid"}),
        (first, "tutorial_completed", {"tutorial_id": "vneid", "step_id": "s0", "step_index": 0}),
        (first, "idle_reset", {}),
        (second, "idle_reset", {}),
    ]
    events = [make_event(name, at + timedelta(seconds=n), s, "k1", **f) for n, (s, name, f) in enumerate(plan)]
    connection.executemany(OLD_INSERT, [to_row(event)[:OLD_COLUMNS] for event in events])
    connection.close()
    store = open_store(path).store  # used to fail: UNIQUE constraint failed: attempts…
    assert _figures(report_from_store(store, None, None)) == [("vneid", 1, 1, 0)]
    assert _figures(_report(events)) == [("vneid", 1, 1, 0)]
