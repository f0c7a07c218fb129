"""A tap is measured once: the phone's words and the bar's labels are not laid out twice (issue 11)."""

from __future__ import annotations

from collections import Counter
from itertools import takewhile

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.loader import Catalog
from kiosk.content.models import PracticeStep, Step, Tutorial
from kiosk.views.bottom_bar import BottomBar
from kiosk.views.phone_view import PhoneView
from tests.conftest import MakeKiosk
from tests.gui import open_tutorial, tap


def _counting(monkeypatch: pytest.MonkeyPatch, calls: Counter[str]) -> None:
    """Count the real measuring passes: the phone fitting its elements, the bar shaping one button's label."""
    fit_elements, fitted = PhoneView._fit_elements, BottomBar._fitted

    def counted_fit(phone: PhoneView) -> None:
        calls["phone"] += 1
        fit_elements(phone)

    def counted_label(bar: BottomBar, *args: object) -> str:
        calls["label"] += 1
        return fitted(bar, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(PhoneView, "_fit_elements", counted_fit)
    monkeypatch.setattr(BottomBar, "_fitted", counted_label)


def test_every_tap_through_a_how_to_measures_the_phone_once_and_the_bar_at_most_once(
    qtbot: QtBot, make_kiosk: MakeKiosk, bundled_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def leading(tutorial: Tutorial) -> list[Step]:
        """The steps before the first one that is not shown-and-tapped (a quiz, Tự làm) or the last."""
        return list(takewhile(lambda step: step.kind in ("info", "practice"), tutorial.steps[:-1]))

    tutorial = next(t for t in bundled_catalog.tutorials if not t.draft and len(leading(t)) >= 4)
    kiosk = make_kiosk(bundled_catalog)
    open_tutorial(qtbot, kiosk, tutorial.id)
    calls: Counter[str] = Counter()
    _counting(monkeypatch, calls)
    bar_buttons = len(kiosk.shell.bar.buttons())
    for step in leading(tutorial):
        if isinstance(step, PracticeStep):
            calls.clear()
            tap(qtbot, kiosk.shell.step.phone, kiosk.shell.step.phone.element_rect(step.target).center())
            assert calls["phone"] <= 1, f"{step.id}: the right tap measured the phone {calls['phone']} times"
        calls.clear()
        tap(qtbot, kiosk.shell.bar.next)
        qtbot.wait(1)  # the paint after the tap
        assert calls["phone"] <= 1, f"after {step.id}: the phone was measured {calls['phone']} times"
        assert calls["label"] <= bar_buttons, f"after {step.id}: {calls['label']} bar labels shaped"
