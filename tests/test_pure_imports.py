"""The plain-Python layers load without Qt at run time too (the import contract in pyproject.toml checks
the source; this checks what really lands in `sys.modules`, lazy imports included), in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QT_PACKAGES = ("PySide6", "shiboken6", "qtawesome", "qtpy")
CONTRACTS = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]

PROBE = """
import importlib, json, pkgutil, sys
loaded = []
for root in sys.argv[1].split(","):
    module = importlib.import_module(root)
    loaded.append(root)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), root + "."):
        importlib.import_module(info.name)
        loaded.append(info.name)
print(json.dumps(loaded))
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[2:])))
"""


def contract(contract_id: str) -> dict[str, Any]:
    return next(c for c in CONTRACTS["contracts"] if c["id"] == contract_id)


def probe(roots: list[str]) -> tuple[list[str], list[str]]:
    """Import `roots` and every module below them; return what was imported and which Qt modules came along."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(roots), *QT_PACKAGES],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported, qt = result.stdout.splitlines()
    return json.loads(imported), json.loads(qt)


def test_plain_layers_and_the_command_line_load_without_qt() -> None:
    """Every module of the Qt-free layers, plus `kiosk.cli`, whose Qt imports wait until the window is wanted."""
    roots = [str(name) for name in contract("qt-free")["source_modules"]]
    imported, qt = probe([*roots, "kiosk.cli"])
    assert "kiosk.usage.store" in imported and "kiosk.core.navigation" in imported and len(imported) > 40
    assert qt == []


def test_the_probe_sees_qt_when_it_is_imported() -> None:
    """The check can fail: a Qt module does show up."""
    assert "PySide6" in probe(["kiosk.views.icons"])[1]


def test_every_package_has_a_place_in_the_layers() -> None:
    """The layers contract is exhaustive, and the Qt-free list names exactly the layers below `processes`."""
    layers = [str(layer) for layer in contract("layers")["layers"]]
    assert contract("layers")["exhaustive"] is True
    below = [name.strip() for layer in layers[layers.index("processes") + 1 :] for name in layer.split("|")]
    assert sorted(f"kiosk.{name}" for name in below) == sorted(
        name for name in contract("qt-free")["source_modules"] if name != "kiosk.commands"
    )
