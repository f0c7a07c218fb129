"""Health self-checks as plain data (fonts, content, data folder, store, speech, audio, display, clock), for start-up
and operators."""

from __future__ import annotations

import ctypes.util
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

CLOCK_FLOOR = datetime(2024, 1, 1, tzinfo=UTC)  # no kiosk of ours ran before this: an earlier clock is unset
DEFAULT_MIN_FREE_MB = 200
PROBE_NAME = ".health-probe"
AUDIO_DEVICES = Path("/dev/snd")
# What each Qt platform needs from the system beyond the Qt wheel: (what, Debian package, a program or a library).
# Under cage, Xwayland must be there for cage's next start (cage 0.1.4 exits without it).
DISPLAY_NEEDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "wayland": (
        ("Xwayland", "xwayland", "program"),
        ("wayland-client", "libwayland-client0", "library"),
        ("wayland-cursor", "libwayland-cursor0", "library"),
        ("wayland-egl", "libwayland-egl1", "library"),
        ("xkbcommon", "libxkbcommon0", "library"),
    ),
    "xcb": (
        ("xcb-cursor", "libxcb-cursor0", "library"),
        ("xkbcommon-x11", "libxkbcommon-x11-0", "library"),
    ),
}

# A pluggable check returns None when healthy or a problem in plain words; raising counts as a problem too.
Probe = Callable[[], str | None]


@dataclass(frozen=True)
class Check:
    name: str  # a stable id: fonts, content, data_folder, usage_store, speech, clock
    ok: bool
    detail: str


def check_fonts(loaded: Iterable[str], required: Iterable[str]) -> Check:
    """The caller passes the font families Qt has; every required family must be among them."""
    available = set(loaded)
    missing = sorted(set(required) - available)
    if missing:
        return Check("fonts", False, f"missing font families: {', '.join(missing)}; Vietnamese may render badly")
    return Check("fonts", True, f"{len(available)} font families loaded")


def check_content(problems: Sequence[object]) -> Check:
    if problems:
        first = str(problems[0])
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        count = len(problems)
        return Check("content", False, f"{count} tutorial problem(s), those tutorials are skipped: {first}{more}")
    return Check("content", True, "every tutorial loaded")


def _probe_write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f"{PROBE_NAME}-{os.getpid()}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, b"kiosk health probe\n")
        os.fsync(fd)
    finally:
        os.close(fd)
        probe.unlink(missing_ok=True)


def check_data_dir(folder: Path, min_free_mb: int = DEFAULT_MIN_FREE_MB) -> Check:
    """Write, fsync and delete a probe file, then look at the free space (a warning under `min_free_mb`)."""
    try:
        _probe_write(folder)
    except OSError as error:
        return Check("data_folder", False, f"{folder} is not writable: {error.strerror or error}")
    free_mb = shutil.disk_usage(folder).free // 1_000_000
    if free_mb < min_free_mb:
        return Check("data_folder", False, f"{folder} has only {free_mb} MB free (warning under {min_free_mb} MB)")
    return Check("data_folder", True, f"{folder} is writable, {free_mb} MB free")


def _run_probe(name: str, probe: Probe | None, absent: str) -> Check:
    if probe is None:
        return Check(name, True, absent)
    try:
        problem = probe()
    except Exception as error:  # a broken probe is a broken component, reported rather than raised
        return Check(name, False, f"{type(error).__name__}: {error}")
    return Check(name, problem is None, problem or "OK")


def check_store(probe: Probe | None) -> Check:
    """The usage store's integrity probe (e.g. PRAGMA quick_check), plugged in once the store exists."""
    return _run_probe("usage_store", probe, "no usage store configured")


def check_speech(probe: Probe | None) -> Check:
    """The read-aloud engine's probe (a Vietnamese voice present), plugged in once read-aloud exists."""
    return _run_probe("speech", probe, "no speech engine configured")


def check_audio(devices: Path = AUDIO_DEVICES) -> Check:
    """A sound card the kiosk may use: without one, read aloud and the help chime are silent."""
    playback = sorted(devices.glob("pcmC*D*p")) if devices.is_dir() else []
    if not playback:
        return Check(
            "audio",
            False,
            "Không thấy loa hay thiết bị âm thanh nào: Đọc to và chuông gọi hỗ trợ sẽ không có tiếng "
            f"(no audio playback device in {devices}: plug in the speakers, then restart the kiosk)",
        )
    usable = [device for device in playback if os.access(device, os.R_OK | os.W_OK)]
    if not usable:
        return Check(
            "audio",
            False,
            "Có thiết bị âm thanh nhưng kiosk không được phép dùng "
            f"(the kiosk's user may not open {playback[0]}: add it to the 'audio' group; install.sh does)",
        )
    return Check("audio", True, f"{len(usable)} playback device(s) in {devices}")


def check_display(
    platform: str,
    which: Callable[[str], str | None] = shutil.which,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
) -> Check:
    """The pieces of the compositor and of Qt's platform plugin that come from Debian packages, not the wheel."""
    missing = [
        f"{name} ({package})"
        for name, package, kind in DISPLAY_NEEDS.get(platform, ())
        if (which(name) if kind == "program" else find_library(name)) is None
    ]
    if missing:
        return Check(
            "display",
            False,
            "Thiếu thành phần hiển thị, kiosk có thể không khởi động lại được "
            f"(missing for the '{platform}' platform: {', '.join(missing)}; sh config/deploy/install.sh installs them)",
        )
    return Check("display", True, f"'{platform}' platform: nothing missing")


def clock_is_set(now: datetime) -> bool:
    """False for a clock that never got the time (a dead RTC battery reads 1970 or 2000)."""
    return now >= CLOCK_FLOOR


def check_clock(now: datetime) -> Check:
    if not clock_is_set(now):
        return Check("clock", False, f"the clock is unset ({now:%Y-%m-%d}); events are flagged")
    return Check("clock", True, f"{now:%Y-%m-%d %H:%M} UTC")


def run_checks(
    *,
    fonts_loaded: Iterable[str],
    fonts_required: Iterable[str],
    content_problems: Sequence[object],
    data_dir: Path,
    min_free_mb: int = DEFAULT_MIN_FREE_MB,
    store: Probe | None = None,
    speech: Probe | None = None,
    audio_devices: Path | None = None,
    platform: str | None = None,
    now: datetime | None = None,
) -> list[Check]:
    """Every check, in the order the operator area lists them; audio and display only when asked for."""
    checks = [
        check_fonts(fonts_loaded, fonts_required),
        check_content(content_problems),
        check_data_dir(data_dir, min_free_mb),
        check_store(store),
        check_speech(speech),
    ]
    if audio_devices is not None:
        checks.append(check_audio(audio_devices))
    if platform is not None:
        checks.append(check_display(platform))
    return [*checks, check_clock(now or datetime.now(UTC))]


def failures(checks: Iterable[Check]) -> list[Check]:
    return [check for check in checks if not check.ok]
