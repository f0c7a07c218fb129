"""The figures an operator reports to the district, for a period: one frozen `Report`, however it was counted.

`build_report` counts any stream of events (the store, or JSON Lines exports of several kiosks);
`report_from_store` gives the identical Report with SQL (≤ 300 ms over a year of a busy kiosk), for the dashboard.
Hours and weekdays are local time: `utc_offset` (Vietnam: +7 h, no daylight saving).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from fractions import Fraction

from kiosk.usage.events import UsageEvent
from kiosk.usage.store import UsageStore
from kiosk.usage.tally import CountKey, Tally, tally_events, tally_store

VIETNAM_OFFSET = timedelta(hours=7)
TUTORIAL_EVENTS = ("tutorial_started", "tutorial_completed", "tutorial_abandoned", "help_requested")


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class TutorialStats:
    """One tutorial over the period; help requests are those made while it was open."""

    tutorial_id: str
    started: int
    completed: int
    abandoned: int
    help_requests: int

    @property
    def completion_rate(self) -> float | None:
        return _rate(self.completed, self.started)


@dataclass(frozen=True)
class FunnelStep:
    """Views of one step (a step seen again after Back counts again), and how many runs ended there."""

    step_index: int
    step_id: str | None
    views: int
    abandoned: int
    dwell_ms_total: int
    dwell_samples: int

    @property
    def mean_dwell_ms(self) -> int | None:
        return self.dwell_ms_total // self.dwell_samples if self.dwell_samples else None


@dataclass(frozen=True)
class Funnel:
    tutorial_id: str
    steps: tuple[FunnelStep, ...]


@dataclass(frozen=True)
class ScenarioStats:
    """One quiz step ("scam or safe?"): how often residents answered, and how often they were fooled."""

    tutorial_id: str
    step_id: str | None
    answers: int
    wrong: int

    @property
    def fooled_rate(self) -> float:
        return self.wrong / self.answers


@dataclass(frozen=True)
class Report:
    start: datetime | None
    end: datetime | None
    utc_offset: timedelta
    kiosks: tuple[str, ...]
    events: int
    sessions: int
    assisted_sessions: int
    help_requests: int
    practice_taps: int
    practice_wrong: int
    quiz_answers: int
    quiz_wrong: int
    read_aloud: int
    idle_resets: int
    operator_login_failures: int
    operator_lockouts: int
    tutorials: tuple[TutorialStats, ...]  # most started first
    funnels: tuple[Funnel, ...]  # by tutorial id
    scenarios: tuple[ScenarioStats, ...]  # most often fooled first
    hours: tuple[int, ...]  # sessions started in each local hour 0–23
    weekdays: tuple[int, ...]  # sessions started each local weekday, Monday first
    languages: tuple[tuple[str, int], ...]  # (language, sessions that used it), most used first
    text_sizes: tuple[tuple[int, int], ...]  # (text size %, sessions that used it), smallest first

    @property
    def alone_sessions(self) -> int:
        return max(self.sessions - self.assisted_sessions, 0)

    @property
    def tutorials_started(self) -> int:
        return sum(stats.started for stats in self.tutorials)

    @property
    def tutorials_completed(self) -> int:
        return sum(stats.completed for stats in self.tutorials)

    @property
    def completion_rate(self) -> float | None:
        return _rate(self.tutorials_completed, self.tutorials_started)


def _live(tally: Tally) -> list[tuple[CountKey, int]]:
    return [(key, cell.n) for key, cell in tally.counts.items() if cell.n > 0]


def _tutorials(tally: Tally) -> tuple[TutorialStats, ...]:
    counts: dict[str, Counter[str]] = {}
    for (_, name, tutorial, *_), n in _live(tally):
        if tutorial is not None and name in TUTORIAL_EVENTS:
            counts.setdefault(tutorial, Counter())[name] += n
    stats = [TutorialStats(tutorial, *(c[name] for name in TUTORIAL_EVENTS)) for tutorial, c in counts.items()]
    return tuple(sorted(stats, key=lambda s: (-s.started, s.tutorial_id)))


def _funnels(tally: Tally) -> tuple[Funnel, ...]:
    steps: dict[str, dict[tuple[int, str | None], list[int]]] = {}
    for (_, name, tutorial, index, step, _), cell in tally.counts.items():
        if cell.n <= 0 or tutorial is None or index is None or name not in ("step_viewed", "tutorial_abandoned"):
            continue
        figures = steps.setdefault(tutorial, {}).setdefault((index, step), [0, 0, 0, 0])
        if name == "step_viewed":
            figures[0] += cell.n
            figures[2] += cell.dwell_sum
            figures[3] += cell.dwell_n
        else:
            figures[1] += cell.n
    return tuple(
        Funnel(tutorial, tuple(FunnelStep(i, s, *f) for (i, s), f in sorted(by_step.items(), key=_step_order)))
        for tutorial, by_step in sorted(steps.items())
    )


def _step_order(item: tuple[tuple[int, str | None], list[int]]) -> tuple[int, str]:
    (index, step), _ = item
    return index, step or ""


def _scenarios(tally: Tally) -> tuple[ScenarioStats, ...]:
    answers: dict[tuple[str, str | None], list[int]] = {}
    for (_, name, tutorial, _, step, correct), n in _live(tally):
        if name == "quiz_answered" and tutorial is not None and correct is not None:
            figures = answers.setdefault((tutorial, step), [0, 0])
            figures[0] += n
            figures[1] += 0 if correct else n
    stats = [ScenarioStats(tutorial, step, total, wrong) for (tutorial, step), (total, wrong) in answers.items()]
    return tuple(
        sorted(stats, key=lambda s: (-Fraction(s.wrong, s.answers), -s.answers, s.tutorial_id, s.step_id or ""))
    )


def _by_name(tally: Tally) -> tuple[Counter[str], Counter[str]]:
    """Events per name, and wrong answers or taps per name."""
    totals: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for (_, name, _, _, _, correct), n in _live(tally):
        totals[name] += n
        wrong[name] += n if correct is False else 0
    return totals, wrong


def assemble(tally: Tally, start: datetime | None, end: datetime | None, utc_offset: timedelta) -> Report:
    """Turn counts into the report: every ordering here is total, so equal tallies give equal reports."""
    totals, wrong = _by_name(tally)
    return Report(
        start=start,
        end=end,
        utc_offset=utc_offset,
        kiosks=tuple(sorted({key[0] for key, _ in _live(tally)})),
        events=sum(totals.values()),
        sessions=totals["session_started"],
        assisted_sessions=tally.assisted_sessions,
        help_requests=totals["help_requested"],
        practice_taps=totals["practice_tap"],
        practice_wrong=wrong["practice_tap"],
        quiz_answers=totals["quiz_answered"],
        quiz_wrong=wrong["quiz_answered"],
        read_aloud=totals["read_aloud_used"],
        idle_resets=totals["idle_reset"],
        operator_login_failures=totals["operator_login_failed"],
        operator_lockouts=totals["operator_locked_out"],
        tutorials=_tutorials(tally),
        funnels=_funnels(tally),
        scenarios=_scenarios(tally),
        hours=tuple(sum(tally.starts[(day, hour)] for day in range(7)) for hour in range(24)),
        weekdays=tuple(sum(tally.starts[(day, hour)] for hour in range(24)) for day in range(7)),
        languages=tuple(sorted(((k, v) for k, v in tally.languages.items() if v), key=lambda kv: (-kv[1], kv[0]))),
        text_sizes=tuple(sorted((k, v) for k, v in tally.text_sizes.items() if v)),
    )


def build_report(
    events: Iterable[UsageEvent],
    start: datetime | None,
    end: datetime | None,
    utc_offset: timedelta = VIETNAM_OFFSET,
) -> Report:
    """The report of the events with start <= time < end, from any stream (store, merged JSON Lines …)."""
    return assemble(tally_events(events, start, end, utc_offset), start, end, utc_offset)


def report_from_store(
    store: UsageStore,
    start: datetime | None,
    end: datetime | None,
    utc_offset: timedelta = VIETNAM_OFFSET,
) -> Report:
    """The same report as `build_report(store.iter_events(), …)`, computed with SQL aggregates."""
    return assemble(tally_store(store, start, end, utc_offset), start, end, utc_offset)


# --- periods ------------------------------------------------------------------


def local_days(first: date, last: date, utc_offset: timedelta = VIETNAM_OFFSET) -> tuple[datetime, datetime]:
    """The UTC (start, end) covering local days first … last, both included."""
    zone = timezone(utc_offset)
    start = datetime.combine(first, time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def last_days(days: int, now: datetime, utc_offset: timedelta = VIETNAM_OFFSET) -> tuple[datetime, datetime]:
    """The last `days` local days up to and including today: 1 = today, 7 = this week, 30 = this month."""
    today = (now + utc_offset).date()
    return local_days(today - timedelta(days=days - 1), today, utc_offset)
