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

from kiosk.text.strings import UI_STRINGS, both, ui_text

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
    """One finding: `detail` in English or the component's own words (journal, support staff), `words` in
    Vietnamese for the ward officer (empty: the page says "bình thường" or "Có lỗi" before the detail)."""

    name: str  # a stable id: fonts, content, data_folder, usage_store, speech, audio, display, printer, clock
    ok: bool
    detail: str
    words: str = ""


def _check(name: str, ok: bool, key: str, **values: object) -> Check:
    """A check whose Vietnamese words and English detail are one pair of the strings table."""
    return Check(name, ok, ui_text(key, "en", **values), ui_text(key, "vi", **values))


def check_title(name: str) -> str:
    """The check's Vietnamese name with its English one in brackets; an unknown id shows as itself."""
    if f"check_{name}" not in UI_STRINGS:
        return name
    return both(f"check_{name}")


def check_line(check: Check) -> str:
    """One line of the operator's health page: mark, name, Vietnamese words, then the detail in brackets."""
    said = check.words or ui_text("check_ok" if check.ok else "health_problem", "vi")
    detail = f" ({check.detail})" if check.detail and check.detail not in said else ""
    return f"{'✓' if check.ok else '✗'} {check_title(check.name)}: {said}{detail}"


def check_fonts(loaded: Iterable[str], required: Iterable[str]) -> Check:
    """The caller passes the font families Qt has; every required family must be among them."""
    available = set(loaded)
    missing = sorted(set(required) - available)
    if missing:
        return _check("fonts", False, "health_fonts_missing", families=", ".join(missing))
    return _check("fonts", True, "health_fonts_ok", n=len(available))


def check_content(problems: Sequence[object]) -> Check:
    if problems:
        count = len(problems)
        values = {"n": count, "first": str(problems[0])}
        vi_more = ui_text("health_content_more", "vi", n=count - 1) if count > 1 else ""
        en_more = ui_text("health_content_more", "en", n=count - 1) if count > 1 else ""
        english = ui_text("health_content_problems", "en", **values, more=en_more)
        return Check("content", False, english, ui_text("health_content_problems", "vi", **values, more=vi_more))
    return _check("content", True, "health_content_ok")


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
        return _check("data_folder", False, "health_folder_unwritable", folder=folder, error=error.strerror or error)
    free_mb = shutil.disk_usage(folder).free // 1_000_000
    if free_mb < min_free_mb:
        return _check("data_folder", False, "health_folder_low", folder=folder, mb=free_mb, floor=min_free_mb)
    return _check("data_folder", True, "health_folder_ok", folder=folder, mb=free_mb)


def _run_probe(name: str, probe: Probe | None, absent: str, failed: str) -> Check:
    """`absent` and `failed` are strings-table keys: no component plugged in, and the words before its problem."""
    if probe is None:
        return _check(name, True, absent)
    try:
        problem = probe()
    except Exception as error:  # a broken probe is a broken component, reported rather than raised
        return Check(name, False, f"{type(error).__name__}: {error}", ui_text(failed, "vi"))
    if problem is None:
        return Check(name, True, "OK", ui_text("check_ok", "vi"))
    return Check(name, False, problem, ui_text(failed, "vi"))


def check_store(probe: Probe | None) -> Check:
    """The usage store's integrity probe (e.g. PRAGMA quick_check), plugged in once the store exists."""
    return _run_probe("usage_store", probe, "health_store_none", "health_store_failed")


def check_speech(probe: Probe | None) -> Check:
    """The read-aloud engine's probe (a Vietnamese voice present), plugged in once read-aloud exists."""
    return _run_probe("speech", probe, "health_speech_none", "health_speech_failed")


def check_audio(devices: Path = AUDIO_DEVICES) -> Check:
    """A sound card the kiosk may use: without one, read aloud and the help chime are silent."""
    playback = sorted(devices.glob("pcmC*D*p")) if devices.is_dir() else []
    if not playback:
        return _check("audio", False, "health_audio_none", devices=devices)
    usable = [device for device in playback if os.access(device, os.R_OK | os.W_OK)]
    if not usable:
        return _check("audio", False, "health_audio_forbidden", device=playback[0])
    return _check("audio", True, "health_audio_ok", n=len(usable), devices=devices)


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
        return _check("display", False, "health_display_missing", platform=platform, missing=", ".join(missing))
    return _check("display", True, "health_display_ok", platform=platform)


def clock_is_set(now: datetime) -> bool:
    """False for a clock that never got the time (a dead RTC battery reads 1970 or 2000)."""
    return now >= CLOCK_FLOOR


def check_clock(now: datetime) -> Check:
    if not clock_is_set(now):
        return _check("clock", False, "health_clock_unset", day=f"{now:%Y-%m-%d}")
    return _check("clock", True, "health_clock_ok", now=f"{now:%Y-%m-%d %H:%M}")


def check_printer(kind: str, ready: bool, problem: str) -> Check:
    """The slip printer: none configured (slips show on screen), ready, or why not (paper out, unplugged, no queue)."""
    if kind == "none":
        return _check("printer", True, "health_printer_none")
    if ready:
        return _check("printer", True, "health_printer_ready")
    return Check("printer", False, problem)


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
