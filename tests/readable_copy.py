"""A world-readable copy of the kiosk and its Python packages, for processes the tests run as another user.

CI clones into a folder only root may enter (as `d=$(mktemp -d)` does): cage, which refuses to run as root, and
the systemd unit's own user cannot read the checkout or its venv there. Tests that start the kiosk as `nobody` run
it from this copy. The packages are hard-linked where the file system allows (instant), else copied.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_PARTS = ("main.py", "pyproject.toml", "kiosk", "resources", "config")


def _link_or_copy(source: Path, target: Path) -> None:
    linked = subprocess.run(["cp", "-al", str(source), str(target)], capture_output=True, timeout=300)
    if linked.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=True)


def copy_app(target: Path) -> None:
    """The files a kiosk release holds, without byte-code caches."""
    target.mkdir(parents=True, exist_ok=True)
    for part in APP_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)


@functools.cache
def readable_copy() -> Path:
    """A folder everyone may read: `site/` (this venv's packages) and `app/` (the kiosk); removed at exit."""
    base = Path(tempfile.mkdtemp(prefix="kiosk-readable-"))
    atexit.register(shutil.rmtree, base, True)
    base.chmod(0o755)
    _link_or_copy(Path(sysconfig.get_paths()["purelib"]), base / "site")
    copy_app(base / "app")
    return base
