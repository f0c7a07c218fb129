"""The short soak: 300 random taps across the fixture tutorial with idle resets; no crash, no Qt warning, no growth."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from bench.soak import soak
from kiosk.content.loader import Catalog


@pytest.mark.slow
def test_300_random_taps_no_crash_no_warning_flat_memory(qtbot: QtBot, fixture_catalog: Catalog) -> None:
    report = soak(fixture_catalog, taps=300, seed=6, size=(1280, 800), idle_every=100)
    assert report.taps == 300 and report.idle_resets >= 2
    expected = {"attract", "home", "list", "player", "complete", "confidence", "scam_help"}
    assert set(report.screens) == expected, report.screens
    assert report.crashes == 0
    assert report.warnings == []
    assert report.growth_pct < 10, report.lines()
