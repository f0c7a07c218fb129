"""Shared fixtures: offscreen Qt, a fake clock, a kiosk built at a given screen size, and the guard that keeps
every test away from the real data folder (~/.local/share/kiosk-so) and the user's own settings."""

from __future__ import annotations

import os
import pwd
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

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
GUARDED_EVENTS = {"open", "os.mkdir", "os.rename", "os.remove", "shutil.rmtree", "sqlite3.connect"}


def is_real_data(path: object) -> bool:
    if not isinstance(path, str | bytes | os.PathLike):
        return False
    text = os.fsdecode(path)
    return any(text == str(real) or text.startswith(f"{real}{os.sep}") for real in REAL_DATA_DIRS)


def _refuse_real_data(event: str, args: tuple[object, ...]) -> None:
    """An audit hook: opening anything in the real data folder from this process raises, so the test fails."""
    if event in GUARDED_EVENTS and args and is_real_data(args[0]):
        raise PermissionError(f"a test tried to use the real data folder: {os.fsdecode(args[0])!r} ({event})")


sys.addaudithook(_refuse_real_data)


def _fingerprint() -> list[tuple[str, int]]:
    """What the real data folders look like (kiosks started in child processes do not see the audit hook)."""
    found: list[tuple[str, int]] = []
    for real in REAL_DATA_DIRS:
        if real.exists():
            found += [(str(path), path.stat().st_mtime_ns) for path in [real, *sorted(real.rglob("*"))]]
    return found


@pytest.fixture(autouse=True)
def _never_the_real_data_folder() -> Iterator[None]:
    before = _fingerprint()
    yield
    assert _fingerprint() == before, f"a test changed the real data folder {REAL_DATA_DIRS}"


from kiosk.config import KioskConfig  # noqa: E402  (after the guard)
from kiosk.content.loader import Catalog, load_catalog  # noqa: E402

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
