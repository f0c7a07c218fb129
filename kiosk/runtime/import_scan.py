"""Stops PySide6 from reading the source of every module imported after it.

When `PySide6.QtCore` loads, shiboken replaces `builtins.__import__`. After every later import it asks
`shibokensupport.feature._mod_uses_pyside(module)`, which runs `inspect.getsource` on the module and looks for
the word "PySide6", to decide whether the module may use `from __feature__ import snake_case, true_property`
(napari/napari#8584 measured the same tax). The kiosk uses no `__feature__` at all, and that scan cost about
35 ms of every start (312 modules, measured by timing the function during `main.py --exit-when-ready`).

Answering "uses PySide" for every module gives each one the selection a PySide-using module gets anyway: no
features, Qt's own names. Nothing else changes. On a PySide6 without this function it does nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - the hook is installed with QtCore; it must exist before we answer it

FEATURE_MODULE = "shibokensupport.feature"


def _uses_pyside(module: ModuleType) -> bool:
    """Every module: 'may use PySide', so shiboken keeps its normal, feature-free names for it."""
    return True


def skip_feature_scan() -> bool:
    """Replace the per-import source scan with the constant answer; True when there was one to replace."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]  # shiboken's module has no stubs
    return True
