"""The developer diagnostics file: off unless asked for, and then a true picture of the window (offscreen)."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.content.loader import Catalog
from kiosk.runtime.diagnostics import ENV_VAR, diagnostics_path, install_diagnostics
from tests.conftest import MakeKiosk


def test_off_by_default(make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    assert diagnostics_path({}) is None
    kiosk = make_kiosk(fixture_catalog)
    assert install_diagnostics(kiosk.shell, kiosk.controller, {}) is None


def test_the_file_says_which_screen_and_where_the_buttons_are(
    make_kiosk: MakeKiosk, fixture_catalog: Catalog, tmp_path: Path, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(fixture_catalog, size=(1280, 800))
    controller = kiosk.controller
    path = tmp_path / "diagnostics.json"
    diagnostics = install_diagnostics(kiosk.shell, controller, {ENV_VAR: str(path)})
    assert diagnostics is not None
    controller.start_visit()
    qtbot.waitUntil(path.exists)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["screen"] == "home" and data["language"] == "vi" and data["seq"] >= 1
    window = data["window"]
    assert (window["w"], window["h"]) == (1280, 800)
    bar = {slot["name"]: slot for slot in data["bar"]}
    assert bar["help"]["visible"] and bar["help"]["y"] + bar["help"]["h"] <= window["y"] + window["h"]
    assert [t["id"] for t in data["targets"] if t["kind"] == "tile"] == ["demo"]
    controller.open_tutorial("mau")
    controller.next()
    qtbot.waitUntil(lambda: json.loads(path.read_text(encoding="utf-8"))["step_kind"] == "practice")
    data = json.loads(path.read_text(encoding="utf-8"))
    phone = {t["id"] for t in data["targets"] if t["kind"] == "phone"}
    assert "btn_dang_ky" in phone, data["targets"]
    assert not list(tmp_path.glob("*.tmp")), "the file is replaced atomically, no temporary left behind"
