"""The deployment files: the systemd unit passes `systemd-analyze verify`, and the install plans say what they do."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.server_support import program

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "config" / "deploy"
UNIT = DEPLOY / "kiosk-so.service"
USER = "kiosk-test-nobody"  # a user that exists on no test machine, so the plan always creates it


def unit_settings() -> dict[str, list[str]]:
    return unit_settings_of(UNIT)


def unit_settings_of(unit: Path) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in unit.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key, []).append(value)
    return settings


def test_unit_restarts_forever_with_a_watchdog_inside_cage() -> None:
    settings = unit_settings()
    expected = {
        "Type": ["notify"],
        "NotifyAccess": ["all"],
        "WatchdogSec": ["30"],
        "Restart": ["always"],
        "RestartSec": ["2"],
        "StartLimitIntervalSec": ["0"],
        "User": ["kiosk"],
        "PAMName": ["login"],
        "TTYPath": ["/dev/tty1"],
        "Conflicts": ["getty@tty1.service"],
        "RuntimeDirectory": ["kiosk-so"],
        "StateDirectory": ["kiosk-so"],
    }
    assert {key: settings.get(key) for key in expected} == expected
    assert settings["ExecStart"] == [
        "/usr/bin/cage -- /opt/kiosk-so/current/.venv/bin/python /opt/kiosk-so/current/main.py"
    ]
    assert settings["WorkingDirectory"] == ["/opt/kiosk-so/current"]
    assert settings["ExecCondition"] == ["/bin/sh -c 'test ! -e /run/kiosk-so/maintenance'"]
    assert "XDG_DATA_HOME=/var/lib" in settings["Environment"]  # data_dir = /var/lib/kiosk-so = StateDirectory


@pytest.fixture
def systemd_analyze() -> str:
    """systemd-analyze, which checks the units as systemd would read them (Debian package systemd)."""
    return program("systemd-analyze", "systemd")


needs_systemd_analyze = pytest.mark.usefixtures("systemd_analyze")


@needs_systemd_analyze
def test_systemd_analyze_verify_passes(tmp_path: Path) -> None:
    """cage need not be installed on a test machine: verify a copy whose ExecStart binary exists."""
    true = shutil.which("true")
    assert true is not None
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text(encoding="utf-8").replace("/usr/bin/cage", true), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")


@needs_systemd_analyze
def test_the_speech_user_service_passes_verify_and_logs_to_the_journal_bounded(tmp_path: Path) -> None:
    speech = DEPLOY / "kiosk-so-speech.service"
    copy = tmp_path / speech.name
    binary = shutil.which("speech-dispatcher") or shutil.which("true")
    assert binary is not None
    copy.write_text(speech.read_text(encoding="utf-8").replace("/usr/bin/speech-dispatcher", binary), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    settings = unit_settings_of(speech)
    assert "--log-dir stdout" in settings["ExecStart"][0] and settings["LogRateLimitBurst"] == ["300"]
    assert settings["ConditionUser"] == ["kiosk"] and settings["TimeoutStopSec"] == ["3"]
    assert "DisableAutoSpawn" in (DEPLOY / "speechd-kiosk.conf").read_text(encoding="utf-8").splitlines()


@needs_systemd_analyze
def test_systemd_analyze_verify_can_fail(tmp_path: Path) -> None:
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text(encoding="utf-8").replace("Restart=always", "Restrat=always"), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert "Unknown key 'Restrat'" in result.stderr


def dry_run(script: str, *args: str) -> list[str]:
    result = subprocess.run(
        ["sh", str(DEPLOY / script), "--dry-run", *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return [line[2:] for line in result.stdout.splitlines() if line.startswith("+ ")]


def test_install_dry_run_prints_the_whole_plan_and_changes_nothing(tmp_path: Path) -> None:
    prefix = tmp_path / "opt" / "kiosk-so"
    plan = dry_run("install.sh", "--user", USER, "--prefix", str(prefix))
    packages = next(line for line in plan if line.startswith("env DEBIAN_FRONTEND=noninteractive apt-get install"))
    for package in ("cage", "xwayland", "libwayland-cursor0", "libwayland-egl1", "libegl-mesa0", "pipewire-pulse"):
        assert f" {package} " in packages, package  # cage exits at start without xwayland (Debian does not pull it)
    assert f"sh {ROOT}/scripts/setup-system.sh" in plan
    assert f"useradd --create-home --user-group --shell /usr/sbin/nologin --comment 'Kiosk So' {USER}" in plan
    version = release_version()
    release, staging = f"{prefix}/releases/{version}", f"{prefix}/releases/.new-{version}"
    assert (
        f"git -C '{ROOT}' archive --format=tar HEAD | tar -C '{staging}' --no-same-owner --no-same-permissions -xf -"
        in plan
    )
    assert f"python3 -m venv {staging}/.venv" in plan
    wheels = f"{prefix}/releases/.wheels-{version}"
    assert f"{staging}/.venv/bin/python -m pip wheel -q --wheel-dir {wheels} {prefix}/releases/.build-{version}" in plan
    assert f"{staging}/.venv/bin/python -m pip install -q --no-index --find-links {wheels} kiosk-so" in plan
    assert f"mv -T {staging} {release}" in plan
    switch = plan.index(f"ln -sfn releases/{version} {prefix}/.current.new")
    assert plan[switch + 1] == f"mv -T {prefix}/.current.new {prefix}/current"  # rename(2): atomic
    assert f"ln -sfn {prefix}/config/kiosk.toml {staging}/config/kiosk.toml" in plan  # settings outside releases
    unit_line = next(line for line in plan if line.startswith("sed ") and "kiosk-so.service'" in line)
    assert f"s|/opt/kiosk-so|{prefix}|g" in unit_line and f"User={USER}" in unit_line
    assert unit_line.endswith("> '/etc/systemd/system/kiosk-so.service'")
    tail = plan[plan.index(unit_line) :]
    assert tail == [
        unit_line,
        "chmod 0644 /etc/systemd/system/kiosk-so.service",
        f"systemctl get-default > '{prefix}/default-target.before'",
        "systemctl daemon-reload",
        "systemctl disable getty@tty1.service",
        "systemctl set-default graphical.target",
        "systemctl enable kiosk-so.service",
        "systemctl try-restart kiosk-so.service",
    ]
    sound = "pipewire.socket pipewire-pulse.socket wireplumber.service kiosk-so-speech.service"
    assert f"systemctl --global enable {sound}" in plan
    assert not prefix.exists() and not (tmp_path / "opt").exists()


def release_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        base = tomllib.load(file)["project"]["version"]
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=10", "HEAD"], capture_output=True, text=True)
    return f"{base}-{commit.stdout.strip()}"


def test_the_installed_unit_is_the_shipped_one_with_the_chosen_user_and_prefix(tmp_path: Path) -> None:
    """Run the plan's own sed line (on the shipped unit, redirected into tmp_path) and compare with the unit."""
    prefix = "/srv/kiosk"
    plan = dry_run("install.sh", "--user", USER, "--prefix", prefix)
    unit_line = next(line for line in plan if line.startswith("sed ") and "kiosk-so.service'" in line)
    target = tmp_path / "kiosk-so.service"
    release = f"{prefix}/releases/{release_version()}"
    command = unit_line.replace("'/etc/systemd/system/kiosk-so.service'", f"'{target}'").replace(release, str(ROOT))
    subprocess.run(["sh", "-c", command], check=True, timeout=60)
    expected = (
        UNIT.read_text(encoding="utf-8").replace("/opt/kiosk-so", prefix).replace("User=kiosk\n", f"User={USER}\n")
    )
    assert target.read_text(encoding="utf-8") == expected
    assert f"ExecStart=/usr/bin/cage -- {prefix}/current/.venv/bin/python {prefix}/current/main.py" in expected


def test_install_refuses_unknown_options() -> None:
    result = subprocess.run(["sh", str(DEPLOY / "install.sh"), "--dryrun"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "unknown option --dryrun" in result.stderr


def test_uninstall_dry_run_keeps_data_unless_purged(tmp_path: Path) -> None:
    prefix = tmp_path / "kiosk-so"
    plan = dry_run("uninstall.sh", "--user", USER, "--prefix", str(prefix))
    assert plan == [
        "systemctl disable --now kiosk-so.service || true",
        "rm -f /etc/systemd/system/kiosk-so.service",
        "rm -rf /run/kiosk-so",
        "systemctl daemon-reload",
        "systemctl --global disable kiosk-so-speech.service",
        "rm -f /etc/systemd/user/kiosk-so-speech.service",
        "rm -rf /etc/kiosk-so",
        f"rm -f /home/{USER}/.config/speech-dispatcher",
        "systemctl enable getty@tty1.service",
        "systemctl start getty@tty1.service",
    ]
    prefix.mkdir()
    (prefix / "default-target.before").write_text("multi-user.target\n", encoding="utf-8")
    restored = dry_run("uninstall.sh", "--user", USER, "--prefix", str(prefix))
    assert restored == [*plan, "systemctl set-default multi-user.target"]  # the boot target from before install
    plan = restored
    purge = dry_run("uninstall.sh", "--purge", "--user", USER, "--prefix", str(prefix))
    assert purge[len(plan) :] == [f"rm -rf {prefix}", "rm -rf /var/lib/kiosk-so", f"userdel --remove {USER}"]


# --- releases: a real install, upgrade and rollback in a temporary root ----------------------------------------


def git(repo: Path, *args: str) -> str:
    command = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout.strip()


def install(repo: Path, root: Path, *args: str) -> str:
    result = subprocess.run(
        ["sh", str(repo / "config" / "deploy" / "install.sh"), "--root", str(root), "--no-venv", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A git checkout of this project's tracked files (as they are in the work tree), committed once."""
    repo = tmp_path / "src"
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in listed.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    (repo / "kiosk_so.egg-info").mkdir()  # left behind by a development install: never installed
    (repo / "kiosk_so.egg-info" / "PKG-INFO").write_text("Name: kiosk-so\n", encoding="utf-8")
    return repo


def test_an_upgrade_removes_what_upstream_removed_and_rollback_brings_it_back(checkout: Path, tmp_path: Path) -> None:
    program("speech-dispatcher", "speech-dispatcher")  # the install copies its configuration
    root = tmp_path / "root"
    root.mkdir()
    app = root / "opt" / "kiosk-so"
    withdrawn = "kiosk/tutorials/luadao/" + sorted(p.name for p in (checkout / "kiosk/tutorials/luadao").iterdir())[0]
    first = f"0.1.0-{git(checkout, 'rev-parse', '--short=10', 'HEAD')}"
    install(checkout, root)
    assert os.readlink(app / "current") == f"releases/{first}"
    assert (app / "current" / withdrawn).is_file()
    assert not (app / "current" / "kiosk_so.egg-info").exists()  # untracked: not installed
    assert os.readlink(app / "current" / "config" / "kiosk.toml") == "/opt/kiosk-so/config/kiosk.toml"
    assert (app / "config" / "kiosk.toml").read_bytes() == (checkout / "config" / "kiosk.toml").read_bytes()
    unit = (root / "etc/systemd/system/kiosk-so.service").read_text(encoding="utf-8")
    assert "ExecStart=/usr/bin/cage -- /opt/kiosk-so/current/.venv/bin/python /opt/kiosk-so/current/main.py" in unit
    assert (root / "etc/systemd/user/kiosk-so-speech.service").is_file()
    assert "DisableAutoSpawn" in (root / "etc/kiosk-so/speech-dispatcher/speechd.conf").read_text(encoding="utf-8")
    (app / "config" / "kiosk.toml").write_text('kiosk_id = "phuong-1"\n', encoding="utf-8")  # the operator's

    git(checkout, "rm", "-q", withdrawn)
    git(checkout, "commit", "-q", "-m", "withdraw a tutorial")
    second = f"0.1.0-{git(checkout, 'rev-parse', '--short=10', 'HEAD')}"
    install(checkout, root)
    assert os.readlink(app / "current") == f"releases/{second}"
    assert os.readlink(app / "previous") == f"releases/{first}"
    assert not (app / "current" / withdrawn).exists()  # gone, not left over from the release before
    assert (app / "config" / "kiosk.toml").read_text(encoding="utf-8") == 'kiosk_id = "phuong-1"\n'  # kept
    assert sorted(p.name for p in (app / "releases").iterdir()) == sorted([first, second])

    output = install(checkout, root, "--rollback")
    assert f"-> releases/{first}" in output
    assert os.readlink(app / "current") == f"releases/{first}"
    assert os.readlink(app / "previous") == f"releases/{second}"
    assert (app / "current" / withdrawn).is_file()

    install(checkout, root)  # upgrading again after a rollback: back to the newest, nothing lost
    assert os.readlink(app / "current") == f"releases/{second}"
    assert not list((app / "releases").glob(".new-*")) and not list(app.glob(".*.new"))


def test_rollback_without_a_previous_release_says_so(tmp_path: Path) -> None:
    result = subprocess.run(
        ["sh", str(DEPLOY / "install.sh"), "--rollback", "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "no previous release to roll back to" in result.stderr
