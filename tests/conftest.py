"""Shared fixtures: offscreen Qt, a fake clock, and a kiosk built at a given screen size."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from kiosk.config import KioskConfig
from kiosk.content.loader import Catalog, load_catalog

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


class FakeClock:
    """A clock the test moves by hand, so idle tests never sleep."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def bundled_catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def fixture_catalog() -> Catalog:
    return load_catalog(FIXTURE_CONTENT)


@pytest.fixture
def make_kiosk(qtbot: object, clock: FakeClock) -> Iterator[Callable[..., object]]:
    """Build the real kiosk window (shell + controller) at a screen size, shown offscreen."""
    from PySide6.QtCore import QSize

    from kiosk.app import application, build_kiosk

    def build(
        catalog: Catalog,
        size: tuple[int, int] = (1920, 1080),
        recorder: object = None,
        speaker: object = None,
        **config: object,
    ) -> object:
        from kiosk.processes.speech import FakeSpeaker

        application()
        settings = KioskConfig(**config)  # type: ignore[arg-type]
        speaker = FakeSpeaker() if speaker is None else speaker  # never the real engine unless a test asks
        shell, controller = build_kiosk(settings, catalog, QSize(*size), clock, recorder, speaker)  # type: ignore[arg-type]
        shell.setFixedSize(QSize(*size))
        qtbot.addWidget(shell)  # type: ignore[attr-defined]
        shell.show()
        qtbot.waitExposed(shell)  # type: ignore[attr-defined]
        return controller

    yield build
