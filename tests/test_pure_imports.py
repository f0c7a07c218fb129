"""The pure modules never pull in Qt: checked in a fresh interpreter, since this one has PySide6 loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PURE_MODULES = [
    "kiosk.content.models",
    "kiosk.content.loader",
    "kiosk.content.lint",
    "kiosk.config",
    "kiosk.core.session",
    "kiosk.core.navigation",
    "kiosk.core.idle",
    "kiosk.text.theme",
    "kiosk.text.strings",
    "kiosk.text.icon_names",
    "kiosk.content.cache",
    "kiosk.operator.entry",
    "kiosk.content.status",
    "kiosk.cli",
    "kiosk.speech.spoken",
    "kiosk.fleet.help_notice",
    "kiosk.speech.sounds",
    "kiosk.usage.events",
    "kiosk.usage.schema",
    "kiosk.usage.store",
    "kiosk.usage.tally",
    "kiosk.usage.report",
    "kiosk.usage.writer",
    "kiosk.usage.recorder",
    "kiosk.usage.export",
    "kiosk.operator.pin",
    "kiosk.operator.commands",
    "kiosk.system.systemd_notify",
    "kiosk.system.single_instance",
    "kiosk.operator.health",
    "kiosk.system.logs",
    "kiosk.system.crash_policy",
    "kiosk.fleet.otlp",
    "kiosk.fleet.uploader",
    "kiosk.fleet.manifest",
    "kiosk.fleet.unpack",
    "kiosk.fleet.content_update",
    "kiosk.fleet.pack",
]
QT_PACKAGES = ("PySide6", "shiboken6", "qtawesome", "qtpy")

PROBE = """
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
print(module.__name__)
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[2:])))
"""


def imported_qt(module: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, module, *QT_PACKAGES],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    name, qt = result.stdout.splitlines()
    assert name == module
    loaded: list[str] = json.loads(qt)
    return loaded


@pytest.mark.parametrize("module", PURE_MODULES)
def test_module_imports_without_qt(module: str) -> None:
    assert imported_qt(module) == []


def test_the_probe_sees_qt_when_it_is_imported() -> None:
    """The check can fail: a Qt module does show up."""
    assert "PySide6" in imported_qt("kiosk.views.icons")
