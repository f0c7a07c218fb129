"""The deployment files: the systemd unit passes `systemd-analyze verify`, and the install plans say what they do."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "config" / "deploy"
UNIT = DEPLOY / "kiosk-so.service"
USER = "kiosk-test-nobody"  # a user that exists on no test machine, so the plan always creates it


def unit_settings() -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
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
    assert settings["ExecStart"] == ["/usr/bin/cage -- /opt/kiosk-so/.venv/bin/python /opt/kiosk-so/main.py"]
    assert settings["ExecCondition"] == ["/bin/sh -c 'test ! -e /run/kiosk-so/maintenance'"]
    assert "XDG_DATA_HOME=/var/lib" in settings["Environment"]  # data_dir = /var/lib/kiosk-so = StateDirectory


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_passes(tmp_path: Path) -> None:
    """cage need not be installed on a test machine: verify a copy whose ExecStart binary exists."""
    true = shutil.which("true")
    assert true is not None
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text(encoding="utf-8").replace("/usr/bin/cage", true), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
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
    assert any(
        line.startswith("env DEBIAN_FRONTEND=noninteractive apt-get install") and " cage " in line for line in plan
    )
    assert f"sh {ROOT}/scripts/setup-system.sh" in plan
    assert f"useradd --create-home --user-group --shell /usr/sbin/nologin --comment 'Kiosk So' {USER}" in plan
    assert any(
        line.startswith(f"tar -C '{ROOT}'") and f"tar -C '{prefix}' --no-same-owner -xf -" in line for line in plan
    )
    assert f"python3 -m venv {prefix}/.venv" in plan
    assert f"{prefix}/.venv/bin/python -m pip install -q -e {prefix}" in plan
    unit_line = next(line for line in plan if line.startswith("sed "))
    assert f"s|/opt/kiosk-so|{prefix}|g" in unit_line and f"User={USER}" in unit_line
    assert unit_line.endswith("> '/etc/systemd/system/kiosk-so.service'")
    tail = plan[plan.index(unit_line) :]
    assert tail == [
        unit_line,
        "chmod 0644 /etc/systemd/system/kiosk-so.service",
        "systemctl daemon-reload",
        "systemctl disable getty@tty1.service",
        "systemctl set-default graphical.target",
        "systemctl enable kiosk-so.service",
    ]
    assert not prefix.exists() and not (tmp_path / "opt").exists()


def test_the_installed_unit_is_the_shipped_one_with_the_chosen_user_and_prefix(tmp_path: Path) -> None:
    """Run the plan's own sed line (redirected into tmp_path) and compare with the shipped unit."""
    prefix = "/srv/kiosk"
    plan = dry_run("install.sh", "--user", USER, "--prefix", prefix)
    unit_line = next(line for line in plan if line.startswith("sed "))
    target = tmp_path / "kiosk-so.service"
    command = unit_line.replace("'/etc/systemd/system/kiosk-so.service'", f"'{target}'")
    subprocess.run(["sh", "-c", command], check=True, timeout=60)
    expected = (
        UNIT.read_text(encoding="utf-8").replace("/opt/kiosk-so", prefix).replace("User=kiosk\n", f"User={USER}\n")
    )
    assert target.read_text(encoding="utf-8") == expected
    assert f"ExecStart=/usr/bin/cage -- {prefix}/.venv/bin/python {prefix}/main.py" in expected


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
        "systemctl enable getty@tty1.service",
        "systemctl start getty@tty1.service",
    ]
    purge = dry_run("uninstall.sh", "--purge", "--user", USER, "--prefix", str(prefix))
    assert purge[len(plan) :] == [f"rm -rf {prefix}", "rm -rf /var/lib/kiosk-so", f"userdel --remove {USER}"]
