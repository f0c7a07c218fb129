"""The real kiosk on real display servers: Xvfb (no window manager) or cage, real X input, its own data folder.

Shared by tests/test_real_display.py and bench/soak_real.py. The kiosk runs as `python main.py --config FILE`
in kiosk mode, with $KIOSK_DIAGNOSTICS_FILE set so it writes where its buttons are after every change
(kiosk/runtime/diagnostics.py); the window's size is read from the X server (`xwininfo`), never from the kiosk.
A missing program is an error that names the Debian package to install, not a skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.readable_copy import readable_copy

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {  # program: the Debian package that installs it (scripts/setup-system.sh installs them all)
    "Xvfb": "xvfb",
    "xvfb-run": "xvfb",
    "xdotool": "xdotool",
    "xwininfo": "x11-utils",
    "import": "imagemagick",
    "cage": "cage",
    "Xwayland": "xwayland",
}


class MissingProgramError(RuntimeError):
    """A program the real-display tests need is not installed."""


def require(program: str) -> str:
    """The program's path, or an error naming the package to install (CI must not skip silently)."""
    path = shutil.which(program)
    if path is None:
        package = PACKAGES.get(program, program)
        raise MissingProgramError(
            f"'{program}' is not installed: run scripts/setup-system.sh (or apt-get install {package})"
        )
    return path


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @classmethod
    def of(cls, data: dict[str, Any]) -> Rect:
        return cls(int(data["x"]), int(data["y"]), int(data["w"]), int(data["h"]))

    def inside(self, outer: Rect) -> bool:
        return (
            self.x >= outer.x
            and self.y >= outer.y
            and self.x + self.w <= outer.x + outer.w
            and self.y + self.h <= outer.y + outer.h
        )

    def intersects(self, other: Rect) -> bool:
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )

    def centre(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2

    def __str__(self) -> str:
        return f"{self.w}×{self.h}+{self.x}+{self.y}"


@contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """A private X server (`Xvfb -displayfd`: the server picks a free display), no window manager."""
    require("Xvfb")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        number = _read_display_number(read_fd, server)
        yield f":{number}"
    finally:
        os.close(read_fd)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _read_display_number(read_fd: int, server: subprocess.Popen[bytes]) -> str:
    text = b""
    deadline = time.monotonic() + 30
    while not text.endswith(b"\n"):
        if time.monotonic() > deadline or server.poll() is not None:
            raise RuntimeError(f"Xvfb did not start (exit status {server.poll()})")
        chunk = os.read(read_fd, 16)
        if not chunk:
            raise RuntimeError("Xvfb closed -displayfd without a display number")
        text += chunk
    return text.decode().strip()


def xwininfo(display: str, *args: str) -> dict[str, str]:
    """`xwininfo` as the X server reports it: 'Width' → '1920', 'Map State' → 'IsViewable', ..."""
    require("xwininfo")
    output = subprocess.run(
        ["xwininfo", "-display", display, *args], capture_output=True, text=True, timeout=10, check=True
    ).stdout
    fields: dict[str, str] = {}
    for line in output.splitlines():
        key, sep, value = line.strip().partition(":")
        if sep and value:
            fields[key.strip()] = value.strip()
    return fields


def x_window_rect(display: str, window_id: int) -> tuple[Rect, str]:
    """Where the X server has the window (absolute position, size) and its map state."""
    info = xwininfo(display, "-id", str(window_id))
    rect = Rect(
        int(info["Absolute upper-left X"]), int(info["Absolute upper-left Y"]), int(info["Width"]), int(info["Height"])
    )
    return rect, info.get("Map State", "")


def x_root_rect(display: str) -> Rect:
    info = xwininfo(display, "-root")
    return Rect(0, 0, int(info["Width"]), int(info["Height"]))


def x_top_level_windows(display: str) -> list[tuple[int, Rect]]:
    """The root's mapped children with a size (`xwininfo -root -tree`): with no window manager, the kiosk's own."""
    require("xwininfo")
    output = subprocess.run(
        ["xwininfo", "-display", display, "-root", "-children"], capture_output=True, text=True, timeout=10, check=True
    ).stdout
    found = []
    for match in re.finditer(r"^\s+(0x[0-9a-f]+) .*?(\d+)x(\d+)\+(-?\d+)\+(-?\d+)", output, re.MULTILINE):
        window_id, w, h, x, y = int(match[1], 16), int(match[2]), int(match[3]), int(match[4]), int(match[5])
        if w > 1 and h > 1:
            found.append((window_id, Rect(x, y, w, h)))
    return found


def click(display: str, x: int, y: int) -> None:
    """A real tap: the X server moves its pointer, then presses and releases button 1 (XTEST, via xdotool).

    No `--sync`: it waits for the pointer to move, forever when it is already there (Xvfb starts it mid-screen).
    """
    require("xdotool")
    subprocess.run(
        ["xdotool", "mousemove", str(x), str(y), "click", "1"],
        env={**os.environ, "DISPLAY": display},
        check=True,
        timeout=10,
        capture_output=True,
    )


def screenshot(display: str, path: Path) -> None:
    """The whole X screen as a PNG (`import -window root`): what a resident would see."""
    require("import")
    subprocess.run(
        ["import", "-display", display, "-window", "root", str(path)], check=True, timeout=60, capture_output=True
    )


def kiosk_environment(folder: Path, diagnostics: Path, extra: dict[str, str]) -> dict[str, str]:
    """The kiosk's environment: nothing of the real user's (home, data, config, runtime folders) is touched."""
    keep = ("PATH", "LANG", "LC_ALL", "TZ")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    for name in ("home", "data", "config", "cache", "runtime"):
        (folder / name).mkdir(mode=0o700, exist_ok=True)
    env.update(
        HOME=str(folder / "home"),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_CACHE_HOME=str(folder / "cache"),
        XDG_RUNTIME_DIR=str(folder / "runtime"),
        PYTHONDONTWRITEBYTECODE="1",
        KIOSK_DIAGNOSTICS_FILE=str(diagnostics),
    )
    env.update(extra)
    return env


def write_config(folder: Path, **settings: object) -> Path:
    """A kiosk.toml of its own: its own data folder, kiosk mode (fullscreen, frameless) as deployed."""
    lines = [f'data_dir = "{folder / "kiosk-data"}"', "fullscreen = true"]
    for key, value in settings.items():
        lines.append(f"{key} = {json.dumps(value)}")
    path = folder / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class KioskProcess:
    """The real `python main.py` in kiosk mode, and what its diagnostics file says."""

    def __init__(
        self,
        folder: Path,
        command_prefix: list[str],
        extra_env: dict[str, str],
        python: str = sys.executable,
        before_start: Callable[[Path], None] | None = None,
        **settings: object,
    ) -> None:
        self.folder = folder
        self.diagnostics = folder / "diagnostics.json"
        self.config = write_config(folder, **settings)
        self.log = folder / "kiosk-stderr.log"
        env = kiosk_environment(folder, self.diagnostics, extra_env)
        if before_start is not None:
            before_start(folder)
        # Another user runs a copy it can read: CI's checkout may sit in a folder only root may enter.
        app = readable_copy() / "app" if command_prefix and command_prefix[0].endswith("setpriv") else ROOT
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [*command_prefix, python, str(app / "main.py"), "--config", str(self.config)],
                cwd=app,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.last_seq = 0

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def snapshot(self) -> dict[str, Any] | None:
        try:
            data: dict[str, Any] = json.loads(self.diagnostics.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        return data

    def wait_snapshot(self, newer_than: int | None = None, timeout: float = 30) -> dict[str, Any]:
        """The first diagnostics written after `newer_than` (default: the last one seen), waiting for it."""
        after = self.last_seq if newer_than is None else newer_than
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            data = self.snapshot()
            if data is not None and data["seq"] > after:
                self.last_seq = data["seq"]
                return data
            if self.process.poll() is not None:
                raise AssertionError(f"the kiosk exited ({self.process.returncode}):\n{self.stderr()[-3000:]}")
            time.sleep(0.02)
        raise AssertionError(f"no diagnostics after seq {after} within {timeout} s:\n{self.stderr()[-3000:]}")

    def wait_quiet(self, quiet: float = 0.15, timeout: float = 30) -> dict[str, Any]:
        """The diagnostics once the kiosk has stopped writing new ones for `quiet` seconds (the screen settled)."""
        deadline = time.monotonic() + timeout
        data = self.wait_snapshot(timeout=timeout)
        while time.monotonic() < deadline:
            time.sleep(quiet)
            newer = self.snapshot()
            if newer is None or newer["seq"] == data["seq"]:
                return data
            data = newer
            self.last_seq = data["seq"]
        return data

    def memory_kib(self) -> int:
        """Resident set size of the kiosk process (kiB), from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS for the kiosk process")

    def stop(self) -> int:
        """SIGTERM to the kiosk, as systemd stops it (under cage: the kiosk first, cage ends with it).

        Then nothing started for this folder may outlive the test: the process group, and the speech-dispatcher
        the kiosk's speech engine spawned (it leaves the group; it is found by the folder in its command line).
        """
        snap = self.snapshot()
        kiosk_pid = int(snap["pid"]) if snap is not None else self.process.pid
        if self.process.poll() is None:
            with suppress(ProcessLookupError):
                os.kill(kiosk_pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        reap(self.folder)
        return self.process.returncode


def reap(folder: Path, quiet: float = 0.5, timeout: float = 5) -> None:
    """End every process that names `folder`, until none has shown up for `quiet` seconds.

    The speech child may ask libspeechd to spawn a daemon while it is being stopped, so one look is not
    enough: a daemon found after the first sweep is ended too; one that ignores SIGTERM gets SIGKILL.
    """
    deadline = time.monotonic() + timeout
    last_seen = time.monotonic()
    signalled: set[int] = set()
    while time.monotonic() < deadline and time.monotonic() - last_seen < quiet:
        for pid in processes_mentioning(folder):
            last_seen = time.monotonic()
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL if pid in signalled else signal.SIGTERM)
            signalled.add(pid)
        time.sleep(0.05)


def processes_mentioning(folder: Path) -> list[int]:
    """Processes whose command line names this (unique, temporary) folder: the ones this test started."""
    needle = str(folder).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            with suppress(OSError):
                if needle in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
    return found


@contextmanager
def kiosk_on_x(folder: Path, display: str, **settings: object) -> Iterator[KioskProcess]:
    env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    kiosk = KioskProcess(folder, [], env, **settings)
    try:
        yield kiosk
    finally:
        kiosk.stop()


# --- cage (Wayland) ------------------------------------------------------------------------------------------

UNPRIVILEGED = ("nobody", "nogroup")


def unprivileged_prefix() -> list[str]:
    """cage refuses to run as root ("Unable to drop root"); as root, start it as nobody, as the unit starts it
    as its own user. Empty when this test already runs as an ordinary user (CI)."""
    if os.geteuid() != 0:
        return []
    user, group = UNPRIVILEGED
    return [require("setpriv"), f"--reuid={user}", f"--regid={group}", "--clear-groups"]


def python_for(prefix: list[str]) -> tuple[str, dict[str, str]]:
    """An interpreter the (unprivileged) user can run with the kiosk's packages, and the environment it needs.

    The venv's own python first. A venv made from an interpreter under /root (pyenv) is out of reach of nobody:
    then the system's python3 of the same version with the venv's site-packages on PYTHONPATH.
    """
    probe = "import PySide6.QtWidgets, pydantic, qtawesome"
    prefix = [*prefix, "env"]  # exec'd by a process already running as the user, as cage execs the kiosk
    if subprocess.run([*prefix, sys.executable, "-c", probe], capture_output=True, timeout=60).returncode == 0:
        return sys.executable, {}

    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/bin") or ""
    env = {"PYTHONPATH": str(readable_copy() / "site")}  # the checkout's venv may be out of the user's reach
    if (
        system
        and subprocess.run(
            [*prefix, system, "-c", probe], capture_output=True, env={**os.environ, **env}, timeout=60
        ).returncode
        == 0
    ):
        return system, env
    raise MissingProgramError(f"no {version} the cage user can run with the kiosk's packages (apt-get install python3)")


def share_with_unprivileged(folder: Path) -> None:
    """As root, hand the test folder to the user cage runs as (the kiosk writes its data there)."""
    if os.geteuid() != 0:
        return
    import grp
    import pwd

    uid, gid = pwd.getpwnam(UNPRIVILEGED[0]).pw_uid, grp.getgrnam(UNPRIVILEGED[1]).gr_gid
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, gid)


@contextmanager
def kiosk_under_cage(folder: Path, notify_socket: Path, rotate: bool = False) -> Iterator[KioskProcess]:
    """`cage -- python main.py` on wlroots' headless backend (1280×720; `-r` turns it to 720×1280), the kiosk on
    Qt's wayland platform as the systemd unit runs it, with $NOTIFY_SOCKET for its READY=1."""
    require("cage")
    require("Xwayland")  # cage will not start without it ("Cannot find Xwayland binary")
    prefix = unprivileged_prefix()
    python, python_env = python_for(prefix)
    env = {
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_RENDERER": "pixman",  # no GPU in CI: wlroots' software renderer
        "QT_QPA_PLATFORM": "wayland",
        "NOTIFY_SOCKET": str(notify_socket),
        **python_env,
    }
    cage = [*prefix, "cage", *(["-r"] if rotate else []), "--"]
    kiosk = KioskProcess(folder, cage, env, python, before_start=share_with_unprivileged)
    try:
        yield kiosk
    finally:
        kiosk.stop()
