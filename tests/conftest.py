"""Shared fixtures: offscreen Qt, a fake clock, a kiosk built at a given screen size, and the guard that keeps
every test away from the real data folder (~/.local/share/kiosk-so) and the user's own settings."""

from __future__ import annotations

import importlib.util
import os
import pwd
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# --- the guard: before anything imports the kiosk, HOME and the XDG folders point into a throw-away folder, so a
# test (or a kiosk it starts) that forgets its own data folder lands there, never in the real one. ---------------
REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)
REAL_DATA_DIRS = tuple(
    {Path(base) / "kiosk-so" for base in (os.environ.get("XDG_DATA_HOME"), REAL_HOME / ".local" / "share") if base}
)
SANDBOX_HOME = Path(tempfile.mkdtemp(prefix="kiosk-tests-home-"))
os.environ.setdefault("PIP_CACHE_DIR", str(REAL_HOME / ".cache" / "pip"))  # the bundle test's pip keeps its cache
os.environ["HOME"] = str(SANDBOX_HOME)
for variable, folder in (
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_CACHE_HOME", ".cache"),
    ("XDG_STATE_HOME", ".local/state"),
):
    os.environ[variable] = str(SANDBOX_HOME / folder)
    (SANDBOX_HOME / folder).mkdir(parents=True, exist_ok=True)
# The same audit hook in this process and, through PYTHONPATH's sitecustomize, in every Python a test starts:
# opening anything in the real data folder raises. (Not a snapshot of the folder: a kiosk really running on the
# same machine may write there at any time.)
os.environ["KIOSK_TEST_REAL_DATA"] = os.pathsep.join(str(real) for real in REAL_DATA_DIRS)
GUARD = Path(__file__).resolve().parent / "guard"
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD), os.environ.get("PYTHONPATH")]))
_spec = importlib.util.spec_from_file_location("kiosk_test_guard", GUARD / "sitecustomize.py")
assert _spec is not None and _spec.loader is not None
_guard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_guard)  # installs the hook in this process too
is_real_data = _guard._is_real_data

from kiosk.config import KioskConfig  # noqa: E402  (after the guard)
from kiosk.content.loader import Catalog, load_catalog  # noqa: E402
from kiosk.devtools.offscreen_screen import use_offscreen_screen  # noqa: E402

use_offscreen_screen(1920, 1080)  # the GUI tests see what a 1920×1080 kiosk sees, through its real window

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from kiosk.app import Kiosk
    from kiosk.processes.speech import Speaker
    from kiosk.system.clock import WallClock
    from kiosk.usage.recorder import UsageRecorder

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


class MakeKiosk(Protocol):
    """The `make_kiosk` fixture: the real kiosk (shell, controller, read aloud, help call) at a screen size."""

    def __call__(
        self,
        catalog: Catalog,
        size: tuple[int, int] = (1920, 1080),
        recorder: UsageRecorder | None = None,
        speaker: Speaker | None = None,
        wall_clock: WallClock | None = None,
        **config: Any,
    ) -> Kiosk: ...


@pytest.fixture
def make_kiosk(qtbot: QtBot, clock: FakeClock) -> MakeKiosk:
    """Build the real kiosk window at a screen size, shown offscreen; the speaker is a fake unless a test
    passes one (never the real engine by accident)."""
    from PySide6.QtCore import QSize

    from kiosk.app import application, build_kiosk, show_kiosk
    from kiosk.processes.speech import FakeSpeaker

    def build(
        catalog: Catalog,
        size: tuple[int, int] = (1920, 1080),
        recorder: UsageRecorder | None = None,
        speaker: Speaker | None = None,
        wall_clock: WallClock | None = None,
        **config: Any,
    ) -> Kiosk:
        app = application()
        config.setdefault("confidence_check", False)  # the faces screen is tested on its own (test_learning_gui)
        settings = KioskConfig(**config)
        extra = {"wall_clock": wall_clock} if wall_clock is not None else {}
        built = build_kiosk(settings, catalog, QSize(*size), clock, recorder, speaker or FakeSpeaker(), **extra)
        qtbot.addWidget(built.shell)
        screen = app.primaryScreen()  # the real window: full screen on the (offscreen) screen of that size
        show_kiosk(built, fullscreen=screen is not None and screen.size() == QSize(*size))
        qtbot.waitExposed(built.shell)
        return built

    return build
