"""Running the kiosk as the service does, for tests: the unit's own command and environment, under cage's headless
backend, as an unprivileged user, with a copy of the app and a temporary config and data folder.

Shared by the tests that start the kiosk under cage (tests/test_service.py, and the kiosk-mode start tests).
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.readable_copy import copy_app, readable_copy

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "config" / "deploy" / "kiosk-so.service"
INSTALLED = "/opt/kiosk-so/current"
HEADLESS = {
    "WLR_BACKENDS": "headless",  # no screen, no GPU, no seat: cage draws into memory
    "WLR_LIBINPUT_NO_DEVICES": "1",
    "WLR_RENDERER": "pixman",
    "WLR_HEADLESS_OUTPUTS": "1",
}


def unit_settings(unit: Path = UNIT) -> dict[str, list[str]]:
    """Every `Key=value` of the unit (keys may repeat, e.g. Environment), comments and sections left out."""
    settings: dict[str, list[str]] = {}
    for line in unit.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key, []).append(value)
    return settings


def unit_command(key: str, unit: Path = UNIT) -> list[str]:
    """ExecStart= (or ExecStop=) split as systemd does, with its `$$` back to `$`."""
    (line,) = unit_settings(unit)[key]
    return shlex.split(line.replace("$$", "$"))


def unit_environment(unit: Path = UNIT) -> dict[str, str]:
    return dict(value.partition("=")[::2] for value in unit_settings(unit).get("Environment", []))


def service_user() -> pwd.struct_passwd | None:
    """The unprivileged user the service runs as in tests: `nobody` when the tests run as root (CI), else None."""
    if os.geteuid() != 0:
        return None
    return pwd.getpwnam("nobody")


def as_user(command: list[str], user: pwd.struct_passwd | None) -> list[str]:
    """`command` as `user` with no supplementary groups and no capabilities (what User= gives the service)."""
    if user is None:
        return command
    ids = ["--reuid", str(user.pw_uid), "--regid", str(user.pw_gid), "--clear-groups", "--inh-caps=-all"]
    return ["setpriv", *ids, "--", *command]


def _python_for(user: pwd.struct_passwd | None, folder: Path) -> Path:
    """A venv the user can run: a base Python of our version it may execute, seeing this venv's packages."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for base in (Path(getattr(sys, "_base_executable", sys.executable)), Path("/usr/bin") / version):
        check = subprocess.run(as_user(["sh", "-c", f"exec {base} -c pass"], user), capture_output=True, timeout=30)
        if check.returncode == 0:
            break
    else:
        raise RuntimeError(f"no {version} the test user can run")
    subprocess.run([str(base), "-m", "venv", "--without-pip", str(folder)], check=True, timeout=60)
    site = folder / "lib" / version / "site-packages"
    packages = readable_copy() / "site"  # the checkout's own venv may sit where the user cannot enter
    (site / "kiosk-test-packages.pth").write_text(f"{packages}\n", encoding="utf-8")
    return folder / "bin" / "python"


@dataclass
class ServiceSandbox:
    """A place laid out like the installed kiosk, owned so that the service's user can run it."""

    base: Path  # readable by everyone (pytest's own tmp_path is not)
    app: Path  # stands for /opt/kiosk-so/current
    data: Path  # the data folder given in the temporary config
    runtime: Path  # XDG_RUNTIME_DIR and RuntimeDirectory=
    user: pwd.struct_passwd | None

    def command(self) -> list[str]:
        """The unit's ExecStart, pointed at this copy."""
        return [part.replace(INSTALLED, str(self.app)) for part in unit_command("ExecStart")]

    def stop_command(self) -> list[str]:
        """The unit's ExecStop (SIGTERM to the pid in the kiosk's lock file), pointed at this data folder."""
        return [part.replace("/var/lib/kiosk-so", str(self.data)) for part in unit_command("ExecStop")]

    def environment(self, **extra: str) -> dict[str, str]:
        """The unit's Environment= lines, what systemd and pam_systemd add, and cage's headless backend."""
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": str(self.base / "home"),
            **unit_environment(),
            "XDG_DATA_HOME": str(self.data.parent),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "RUNTIME_DIRECTORY": str(self.runtime / "kiosk-so"),
            **HEADLESS,
        }
        env.update(extra)
        return env


@contextmanager
def service_sandbox(config: str = "") -> Iterator[ServiceSandbox]:
    """Copy the app, write its temporary config (data folder inside the sandbox), hand it all to the user."""
    user = service_user()
    base = Path(tempfile.mkdtemp(prefix="kiosk-service-"))
    try:
        base.chmod(0o755)
        app = base / "app"
        copy_app(app)
        data = base / "state" / "kiosk-so"
        (app / "config" / "kiosk.toml").write_text(f'data_dir = "{data}"\n{config}', encoding="utf-8")
        _python_for(user, app / ".venv")
        runtime = base / "run"
        for folder in (data, runtime / "kiosk-so", base / "home"):
            folder.mkdir(parents=True)
        if user is not None:
            for folder in (data.parent, data, runtime, runtime / "kiosk-so", base / "home"):
                os.chown(folder, user.pw_uid, user.pw_gid)
        runtime.chmod(0o700)
        yield ServiceSandbox(base, app, data, runtime, user)
    finally:
        shutil.rmtree(base, ignore_errors=True)
