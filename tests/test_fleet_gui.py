"""A signed pack published on a real local web server reaches the running kiosk, between visits only."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.content.loader import Catalog
from kiosk.control.fleet_link import FleetLink
from tests.conftest import MakeKiosk
from tests.gui import open_tutorial, tap
from tests.test_fleet_content import PUBLIC, Site, good_pack, manifest_for


def test_new_content_is_shown_from_the_next_visit(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, httpserver: HTTPServer, tmp_path: Path
) -> None:
    site = Site(httpserver)
    kiosk = make_kiosk(fixture_catalog)
    config = KioskConfig(data_dir=tmp_path / "data", content_url=httpserver.url_for("/"), content_public_key=PUBLIC)
    fleet = FleetLink(kiosk.controller, config, tmp_path / "data" / "usage.sqlite3")
    assert fleet.uploader is None and fleet.updater is not None
    assert fleet.status_lines()[0] == "Gửi số liệu lên tỉnh: đang tắt (chưa đặt upload_endpoint)."
    data = good_pack(tmp_path, "v2", "Bài học phiên bản hai")
    site.publish(data, manifest_for(data, "v2"))
    open_tutorial(qtbot, kiosk, "mau")
    status = fleet.updater.check_now()
    assert not status.failed, status.message
    fleet.take_new_content()
    tap(qtbot, kiosk.shell.bar.home)
    tap(qtbot, kiosk.shell.home.tiles[0])
    assert kiosk.shell.tutorial_list.visible_cards()[0].title.text() != "Bài học phiên bản hai", "not mid-visit"
    kiosk.controller.reset()
    tap(qtbot, kiosk.shell.attract)
    tap(qtbot, kiosk.shell.home.tiles[0])
    assert kiosk.shell.tutorial_list.visible_cards()[0].title.text() == "Bài học phiên bản hai"
    assert any("Bài học đang dùng: v2" in line for line in fleet.status_lines())
