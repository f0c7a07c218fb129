"""The figures an operator reports to the district, for a period: one frozen `Report`, however it was counted.

`build_report` counts any stream of events (the store, or JSON Lines exports of several kiosks);
`report_from_store` gives the identical Report with SQL (≤ 300 ms over a year of a busy kiosk), for the dashboard.
Hours, weekdays and days are local time: `utc_offset` (the config's `utc_offset_hours`; Vietnam: +7 h, no
daylight saving). Tutorial and funnel figures are attempts as defined in kiosk/usage/visits.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from fractions import Fraction

from kiosk.usage.confidence import ConfidenceChange, confidence_changes, confidence_from_store
from kiosk.usage.events import UsageEvent
from kiosk.usage.store import UsageStore
from kiosk.usage.tally import CountKey, Tally, tally_events, tally_store
from kiosk.usage.visits import ATTEMPT_ABANDONED, ATTEMPT_COMPLETED, ATTEMPT_NAMES, ATTEMPT_STARTED, ATTEMPT_STEP

VIETNAM_OFFSET = timedelta(hours=7)
MIN_ANSWERS = 5  # a scenario answered fewer times is not ranked as "fooled most" (one wrong answer is not 100 %)
TUTORIAL_FIGURES = (ATTEMPT_STARTED, ATTEMPT_COMPLETED, ATTEMPT_ABANDONED, "help_requested")


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class TutorialStats:
    """Attempts at one tutorial begun in the period; help requests are those made while it was open."""

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
    """Attempts that reached one step (once each, however often it was seen), and how many were abandoned there.

    The time is summed over all views of the step within an attempt, so the mean is per attempt.
    """

    step_index: int
    step_id: str | None
    reached: int
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
class KioskStats:
    """One kiosk in a roll-up: the figures a province compares wards by."""

    kiosk_id: str
    sessions: int
    started: int
    completed: int
    abandoned: int
    top_drop_off: tuple[str, int, str | None, int] | None  # (tutorial, step index, step id, attempts abandoned)
    top_scam: ScenarioStats | None  # the quiz step answered wrong most often (share; see most_fooling)

    @property
    def completion_rate(self) -> float | None:
        return _rate(self.completed, self.started)


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
    days: tuple[tuple[date, int], ...] = ()  # (local day, sessions started), every day of the period with one
    by_kiosk: tuple[KioskStats, ...] = ()  # by kiosk id
    confidence: tuple[ConfidenceChange, ...] = ()  # faces before and after, per tutorial, most pairs first

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
        if tutorial is not None and name in TUTORIAL_FIGURES:
            counts.setdefault(tutorial, Counter())[name] += n
    stats = [TutorialStats(tutorial, *(c[name] for name in TUTORIAL_FIGURES)) for tutorial, c in counts.items()]
    return tuple(sorted(stats, key=lambda s: (-s.started, s.tutorial_id)))


def _funnels(tally: Tally) -> tuple[Funnel, ...]:
    steps: dict[str, dict[tuple[int, str | None], list[int]]] = {}
    for (_, name, tutorial, index, step, _), cell in tally.counts.items():
        if cell.n <= 0 or tutorial is None or index is None or name not in (ATTEMPT_STEP, ATTEMPT_ABANDONED):
            continue
        figures = steps.setdefault(tutorial, {}).setdefault((index, step), [0, 0, 0, 0])
        if name == ATTEMPT_STEP:
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


def _scenarios(tally: Tally, kiosk: str | None = None) -> tuple[ScenarioStats, ...]:
    answers: dict[tuple[str, str | None], list[int]] = {}
    for (where, name, tutorial, _, step, correct), n in _live(tally):
        if kiosk is not None and where != kiosk:
            continue
        if name == "quiz_answered" and tutorial is not None and correct is not None:
            figures = answers.setdefault((tutorial, step), [0, 0])
            figures[0] += n
            figures[1] += 0 if correct else n
    stats = [ScenarioStats(tutorial, step, total, wrong) for (tutorial, step), (total, wrong) in answers.items()]
    return tuple(
        sorted(stats, key=lambda s: (-Fraction(s.wrong, s.answers), -s.answers, s.tutorial_id, s.step_id or ""))
    )


def most_fooling(scenarios: tuple[ScenarioStats, ...]) -> tuple[ScenarioStats, ...]:
    """Scenarios by share of wrong answers, those answered at least MIN_ANSWERS times (else all of them)."""
    enough = tuple(s for s in scenarios if s.answers >= MIN_ANSWERS)
    return enough or scenarios


def ordered_funnels(report: Report) -> list[Funnel]:
    """Funnels of the most started tutorials first."""
    rank = {t.tutorial_id: number for number, t in enumerate(report.tutorials)}
    return sorted(report.funnels, key=lambda f: (rank.get(f.tutorial_id, len(rank)), f.tutorial_id))


def _by_kiosk(tally: Tally) -> tuple[KioskStats, ...]:
    counts: dict[str, Counter[str]] = {}
    drops: dict[str, Counter[tuple[str, int, str | None]]] = {}
    for (kiosk, name, tutorial, index, step, _), n in _live(tally):
        counts.setdefault(kiosk, Counter())[name] += n
        if name == ATTEMPT_ABANDONED and tutorial is not None and index is not None:
            drops.setdefault(kiosk, Counter())[(tutorial, index, step)] += n
    stats = []
    for kiosk, c in sorted(counts.items()):
        ranked = sorted(
            drops.get(kiosk, Counter()).items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1], kv[0][2] or "")
        )
        top_drop = (*ranked[0][0], ranked[0][1]) if ranked else None
        scams = most_fooling(_scenarios(tally, kiosk))
        stats.append(
            KioskStats(
                kiosk,
                sessions=c["session_started"],
                started=c[ATTEMPT_STARTED],
                completed=c[ATTEMPT_COMPLETED],
                abandoned=c[ATTEMPT_ABANDONED],
                top_drop_off=top_drop,
                top_scam=scams[0] if scams else None,
            )
        )
    return tuple(stats)


def _by_name(tally: Tally) -> tuple[Counter[str], Counter[str]]:
    """Events per name (attempt figures are not events), and wrong answers or taps per name."""
    totals: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for (_, name, _, _, _, correct), n in _live(tally):
        if name in ATTEMPT_NAMES:
            continue
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
        days=tuple((date.fromordinal(day), n) for day, n in sorted(tally.days.items()) if n),
        by_kiosk=_by_kiosk(tally),
    )


def build_report(
    events: Iterable[UsageEvent],
    start: datetime | None,
    end: datetime | None,
    utc_offset: timedelta = VIETNAM_OFFSET,
) -> Report:
    """The report of the events with start <= time < end, from any stream (store, merged JSON Lines …)."""
    rated: list[UsageEvent] = []

    def passing() -> Iterable[UsageEvent]:  # one pass over the stream: the few confidence events are kept aside
        for event in events:
            if event.name == "confidence_rated":
                rated.append(event)
            yield event

    report = assemble(tally_events(passing(), start, end, utc_offset), start, end, utc_offset)
    return replace(report, confidence=confidence_changes(rated, start, end))


def report_from_store(
    store: UsageStore,
    start: datetime | None,
    end: datetime | None,
    utc_offset: timedelta = VIETNAM_OFFSET,
) -> Report:
    """The same report as `build_report(store.iter_events(), …)`, computed with SQL aggregates."""
    report = assemble(tally_store(store, start, end, utc_offset), start, end, utc_offset)
    return replace(report, confidence=confidence_from_store(store, start, end))


# --- periods ------------------------------------------------------------------


def local_days(first: date, last: date, utc_offset: timedelta = VIETNAM_OFFSET) -> tuple[datetime, datetime]:
    """The UTC (start, end) covering local days first … last, both included."""
    zone = timezone(utc_offset)
    start = datetime.combine(first, time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def recent_days(days: int, today: date) -> tuple[date, date]:
    """The first and last of the `days` local days up to and including today: 1 = today, 7 = this week."""
    return today - timedelta(days=days - 1), today
