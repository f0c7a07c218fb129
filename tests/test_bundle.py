"""The offline bundle for real: `make bundle` builds it, and it installs on a machine that cannot reach any registry.

Slow for a test (about 20 s on a warm pip cache: the wheels are copied twice and PySide6 is unpacked into a
fresh venv), and kept because the offline install is what a kiosk PC without internet depends on.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def without_network() -> tuple[list[str], dict[str, str]]:
    """A network namespace with nothing but loopback (unshare -n, as root in CI); else proxies nobody listens on."""
    env = {**os.environ, "PIP_NO_INDEX": "1"}
    try:
        if subprocess.run(["unshare", "--net", "true"], capture_output=True, timeout=30).returncode == 0:
            return ["unshare", "--net"], env
    except (OSError, subprocess.TimeoutExpired):
        pass
    dead = "http://127.0.0.1:9"
    return [], {**env, "http_proxy": dead, "https_proxy": dead, "HTTP_PROXY": dead, "HTTPS_PROXY": dead}


def test_the_bundle_installs_into_a_fresh_venv_with_no_index_and_no_network(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = subprocess.run(
        ["sh", str(ROOT / "scripts" / "make-bundle.sh"), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHON": sys.executable},
    )
    assert built.returncode == 0, built.stderr
    bundle = Path(built.stdout.strip().splitlines()[-1])
    assert bundle.parent == out and bundle.name.startswith("kiosk-so-") and bundle.suffix == ".tar"
    with tarfile.open(bundle) as archive:
        names = archive.getnames()
        archive.extractall(tmp_path / "usb", filter="tar")
    top = bundle.name.removesuffix(".tar")
    wheels = [name for name in names if name.startswith(f"{top}/wheels/")]
    assert any("/kiosk_so-" in name for name in wheels) and any(
        "/pyside6_essentials-" in name.lower() for name in wheels
    )
    assert not any(name.endswith((".tar.gz", ".zip")) for name in wheels)  # nothing to build on the kiosk PC
    assert not any("egg-info" in name or f"{top}/build/" in name for name in names)  # only the committed tree

    prefix, env = without_network()
    root = tmp_path / "root"
    root.mkdir()
    install = [*prefix, "sh", str(tmp_path / "usb" / top / "config" / "deploy" / "install.sh"), "--root", str(root)]
    result = subprocess.run(install, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "--no-index --find-links" in result.stdout

    current = root / "opt" / "kiosk-so" / "current"
    python = current / ".venv" / "bin" / "python"
    probe = "import PySide6.QtWidgets, pydantic, httpx, cryptography, qtawesome, kiosk.cli; print('imports ok')"
    imported = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, timeout=120, cwd=current)
    assert imported.stdout.strip() == "imports ok", imported.stderr
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    checked = subprocess.run(
        [str(python), str(current / "main.py"), "--check-config", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
