"""PySide6's per-import source scan is switched off before the window's modules load (start-up, issue 11)."""

from __future__ import annotations

import subprocess
import sys

from kiosk.config import PROJECT_ROOT

PROBE = """
import inspect, sys
import PySide6.QtWidgets
{switch}
read = []
real_getsource = inspect.getsource
inspect.getsource = lambda obj: read.append(getattr(obj, "__name__", "?")) or real_getsource(obj)
import kiosk.core.screen_model, kiosk.views.widgets
print("read", len(read), "select", sys.modules["shibokensupport.feature"].pyside_feature_dict.get("kiosk.views.icons"))
"""
SWITCH = "from kiosk.runtime.import_scan import skip_feature_scan; assert skip_feature_scan()"


def _probe(switch: str) -> str:
    code = PROBE.format(switch=switch)
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(PROJECT_ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_the_switch_pyside_reads_the_source_of_every_later_module() -> None:
    """The cost is real on the PySide6 we install: each module imported after QtCore is read whole."""
    _, count, _, select = _probe("").split()
    assert int(count) >= 2 and select == "0"


def test_with_the_switch_no_module_is_read_and_qt_names_stay_as_they_were() -> None:
    """Nothing is read, and a Qt-using module gets the same selection as before: 0, no features."""
    assert _probe(SWITCH) == "read 0 select 0"
