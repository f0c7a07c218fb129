"""Learning that lasts, by real taps on the real window: Tự làm, the scam emergency path, confidence, bulletins."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, printer_check
from kiosk.content.loader import Catalog, load_catalog
from kiosk.core.navigation import Screen
from kiosk.core.try_it import HELP_AFTER_S, Help
from kiosk.learning.rules import is_trainer_round, warmup_kind
from kiosk.text.strings import ui_text
from kiosk.usage.events import UsageEvent
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.report import build_report
from kiosk.views.dashboard_view import DashboardView
from tests.bulletin_support import content_with_bulletin
from tests.conftest import FIXTURE_CONTENT, FakeClock, MakeKiosk
from tests.gui import miss_point, open_tutorial, player, tap

FINALE = """
[[steps]]
id = "tu-lam"
kind = "try"
title = { vi = "Tự làm", en = "Do it yourself" }
body = { vi = "Bác hãy tự làm lại.", en = "Now do it yourself." }
note = { vi = "Đứng sau, không chỉ.", en = "Stand back, do not point." }
"""
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def recorder(events: list[UsageEvent], clock: FakeClock) -> UsageRecorder:
    return UsageRecorder(events.append, "kiosk-test", lambda: NOW, monotonic=clock)


@pytest.fixture
def finale_catalog(tmp_path: Path) -> Catalog:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    with (folder / "demo" / "mau.toml").open("a", encoding="utf-8") as file:
        file.write(FINALE)
    catalog = load_catalog(folder)
    assert catalog.problems == []
    return catalog


def to_finale(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Attract → the fixture's info, practice and quiz steps → its Tự làm step."""
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.phone, shell.step.phone.element_rect("btn_dang_ky").center())
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.answers[0])
    tap(qtbot, shell.bar.next)
    assert kiosk.visit.player is not None and kiosk.visit.player.try_run is not None


def try_events(events: list[UsageEvent]) -> list[tuple[object, ...]]:
    return [(e.name, e.tutorial_id, e.step_id, e.unaided, e.help_level) for e in events if e.name == "try_finished"]


def test_tu_lam_finished_unaided(
    qtbot: QtBot, make_kiosk: MakeKiosk, finale_catalog: Catalog, clock: FakeClock
) -> None:
    events: list[UsageEvent] = []
    kiosk: Kiosk = make_kiosk(finale_catalog, recorder=recorder(events, clock))
    shell = kiosk.shell
    to_finale(qtbot, kiosk)
    phone = shell.step.phone
    assert not shell.bar.next.isVisible() and not phone.pulsing
    assert shell.step.title.text() == "Tự làm" and shell.step.banner.isVisible()
    clock.advance(HELP_AFTER_S - 1)
    kiosk.controller.check_idle()  # the every-second tick: not yet ten seconds, so no help
    assert not shell.step.feedback.isVisible()
    tap(qtbot, phone, phone.element_rect("btn_dang_ky").center())
    assert shell.step.feedback.text_label.text() == ui_text("try_done_unaided", "vi")
    assert try_events(events) == [("try_finished", "mau", "tu-lam", True, 0)]
    tap(qtbot, shell.bar.next)
    assert kiosk.visit.route.screen is Screen.COMPLETE


@pytest.mark.parametrize("level", [Help.WORD, Help.RING, Help.BLINK])
def test_tu_lam_with_each_level_of_help(
    qtbot: QtBot, make_kiosk: MakeKiosk, finale_catalog: Catalog, clock: FakeClock, level: Help
) -> None:
    events: list[UsageEvent] = []
    kiosk: Kiosk = make_kiosk(finale_catalog, recorder=recorder(events, clock))
    shell = kiosk.shell
    to_finale(qtbot, kiosk)
    phone = shell.step.phone
    for _ in range(level):
        clock.advance(HELP_AFTER_S)
        kiosk.controller.check_idle()
    feedback = shell.step.feedback.text_label.text()
    assert "Chạm vào nút “Đăng ký”" in feedback  # the word: the stage's own few words with the label
    assert (ui_text("try_ring", "vi") in feedback) is (level >= Help.RING)
    assert (phone._highlight == "btn_dang_ky") is (level >= Help.RING)
    assert phone.pulsing is (level is Help.BLINK)
    tap(qtbot, phone, phone.element_rect("btn_dang_ky").center())
    assert shell.step.feedback.text_label.text() == ui_text("try_done_helped", "vi")
    assert try_events(events) == [("try_finished", "mau", "tu-lam", False, int(level))]


def test_a_wrong_tap_brings_the_first_help_at_once(
    qtbot: QtBot, make_kiosk: MakeKiosk, finale_catalog: Catalog, clock: FakeClock
) -> None:
    kiosk: Kiosk = make_kiosk(finale_catalog)
    to_finale(qtbot, kiosk)
    shell = kiosk.shell
    tap(qtbot, shell.step.phone, miss_point(kiosk))
    run = player(kiosk).try_run
    assert run is not None and run.help is Help.WORD and shell.step.feedback.isVisible()


def test_the_scam_emergency_path_end_to_end(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/help", method="POST").respond_with_data("ok")
    events: list[UsageEvent] = []
    kiosk: Kiosk = make_kiosk(
        fixture_catalog,
        recorder=recorder(events, clock),
        ward_name="Phường Bến Thành",
        help_webhook_url=httpserver.url_for("/help"),
    )
    shell = kiosk.shell
    tap(qtbot, shell.attract)
    tap(qtbot, shell.header.scam)
    page = shell.scam_help
    assert kiosk.visit.route.screen is Screen.SCAM_HELP
    assert page.banner.text.text() == "KHẨN: NGHI BỊ LỪA ĐẢO" and page.banner.isVisible()
    assert page.items[0].text() == "1. Ngừng chuyển thêm tiền, dù ai giục."
    with qtbot.waitSignal(kiosk.controller.help_requested, timeout=1000) as called:
        tap(qtbot, page.call)
    assert called.args == ["scam_victim"]
    qtbot.waitUntil(lambda: len(httpserver.log) == 1, timeout=10_000)
    notice = json.loads(httpserver.log[0][0].data)
    assert notice["reason"] == "scam_victim" and notice["ward"] == "Phường Bến Thành"
    assert [(e.name, e.help_reason) for e in events if e.name in ("help_requested", "scam_help_opened")] == [
        ("scam_help_opened", None),
        ("help_requested", "scam_victim"),
    ]
    assert page.call.text().strip() == ui_text("scam_called", "vi") and not page.call.isEnabled()  # one call
    tap(qtbot, page.take)
    slip = shell.slip
    assert slip.isVisible() and slip.slip is not None and "Ngừng chuyển thêm tiền" in slip.slip.checklist_text
    assert not slip.print_button.isVisible()  # no printer configured: the QR only, no dead button
    assert not slip.qr.pixmap().isNull()
    tap(qtbot, slip.close_button)
    tap(qtbot, shell.bar.back)
    assert kiosk.visit.route.screen is Screen.HOME


def test_the_help_message_offers_the_scam_path(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/help", method="POST").respond_with_data("ok")
    kiosk: Kiosk = make_kiosk(fixture_catalog, help_webhook_url=httpserver.url_for("/help"))
    shell = kiosk.shell
    tap(qtbot, shell.attract)
    tap(qtbot, shell.bar.help)
    tap(qtbot, shell.help_message.scam)
    assert kiosk.visit.route.screen is Screen.SCAM_HELP and not shell.help_message.isVisible()
    qtbot.waitUntil(lambda: len(httpserver.log) == 2, timeout=10_000)
    reasons = [json.loads(entry[0].data)["reason"] for entry in httpserver.log]
    assert reasons == ["other", "scam_victim"]


def test_confidence_taps_and_their_dashboard_change(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    events: list[UsageEvent] = []
    kiosk: Kiosk = make_kiosk(fixture_catalog, recorder=recorder(events, clock), confidence_check=True)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    assert kiosk.visit.route.screen is Screen.CONFIDENCE
    assert [b.text().strip() for b in shell.confidence.faces.faces] == ["Chưa tự tin", "Tạm được", "Tự tin"]
    tap(qtbot, shell.confidence.faces.faces[0])
    assert kiosk.visit.route.screen is Screen.PLAYER
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.phone, shell.step.phone.element_rect("btn_dang_ky").center())
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.answers[0])
    tap(qtbot, shell.bar.next)
    assert kiosk.visit.route.screen is Screen.COMPLETE and shell.completion.faces.isVisible()
    tap(qtbot, shell.completion.faces.faces[2])
    assert not shell.completion.faces.isVisible()  # once per tutorial and visit
    rated = [(e.tutorial_id, e.confidence_before, e.confidence_after) for e in events if e.name == "confidence_rated"]
    assert rated == [("mau", 1, 3)]
    report = build_report(events, None, None)
    dashboard = DashboardView(shell.theme, lambda: date(2026, 12, 1))
    qtbot.addWidget(dashboard)
    dashboard.titles = {"mau": "Bài mẫu có ba bước"}
    dashboard.show_report(report)
    assert "Bài mẫu có ba bước: 1,0 → 3,0 (+2,0; 1 lượt)" in dashboard.confidence.text()


def test_skipping_the_faces_costs_one_tap(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk: Kiosk = make_kiosk(fixture_catalog, confidence_check=True)
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, kiosk.shell.confidence.skip)
    assert kiosk.visit.route.screen is Screen.PLAYER and player(kiosk).state.index == 0


def bulletin_kiosk(make_kiosk: MakeKiosk, tmp_path: Path, wall: datetime) -> Kiosk:
    folder = content_with_bulletin(FIXTURE_CONTENT, tmp_path / "content")
    catalog = load_catalog(folder)
    bundled = load_catalog()
    rounds = [t for t in bundled.published() if is_trainer_round(t)]
    catalog.categories.append(bundled.category("luadao"))
    catalog.tutorials.extend(rounds)
    catalog.files.update({t.id: bundled.files[t.id] for t in rounds})
    return make_kiosk(catalog, wall_clock=lambda: wall)


def test_a_valid_bulletin_on_the_attract_screen_and_as_the_warmup(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path
) -> None:
    kiosk = bulletin_kiosk(make_kiosk, tmp_path, NOW)
    attract = kiosk.shell.attract
    assert attract.bulletin.isVisible()
    assert "Tin nhắn giả Bưu điện" in attract.bulletin.text_label.text()
    assert "31/12/2026" in attract.bulletin.text_label.text()
    round_id = next(t.id for t in kiosk.visit.catalog.tutorials if is_trainer_round(t))
    open_tutorial(qtbot, kiosk, round_id)
    step = player(kiosk).step
    assert warmup_kind(step.id) == "bulletin" and kiosk.shell.step.banner.isVisible()
    assert kiosk.shell.step.banner.text_label.text() == "Cảnh báo của phường"


@pytest.mark.parametrize(
    "wall", [datetime(2027, 1, 1, 3, 0, tzinfo=UTC), datetime(1970, 1, 1, 0, 1, tzinfo=UTC)], ids=["expired", "unset"]
)
def test_no_bulletin_when_expired_or_the_clock_is_unset(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path, wall: datetime
) -> None:
    kiosk = bulletin_kiosk(make_kiosk, tmp_path, wall)
    assert not kiosk.shell.attract.bulletin.isVisible()
    round_id = next(t.id for t in kiosk.visit.catalog.tutorials if is_trainer_round(t))
    open_tutorial(qtbot, kiosk, round_id)
    step = player(kiosk).step
    assert warmup_kind(step.id) == "warmup"  # the warm-up from another round instead
    assert kiosk.shell.step.banner.text_label.text() == "Ôn lại bài trước"


def test_the_completion_slip_with_a_receipt_printer(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, tmp_path: Path, clock: FakeClock
) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    events: list[UsageEvent] = []
    kiosk: Kiosk = make_kiosk(
        fixture_catalog, recorder=recorder(events, clock), printer="receipt", receipt_printer=f"file:{device}"
    )
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.phone, shell.step.phone.element_rect("btn_dang_ky").center())
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.answers[0])
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.header.take_home)
    slip = shell.slip
    assert slip.isVisible() and slip.print_button.isVisible()
    tap(qtbot, slip.print_button)
    qtbot.waitUntil(lambda: slip.status.text_label.text() == ui_text("slip_printed", "vi"), timeout=10_000)
    assert b"\x1dv0" in device.read_bytes()  # a raster image, so every diacritic is printed as drawn
    assert [e.name for e in events].count("slip_printed") == 1
    device.unlink()  # the printer is unplugged
    tap(qtbot, slip.close_button)
    tap(qtbot, shell.header.take_home)
    assert not slip.print_button.isVisible()  # gone: no dead button
    assert slip.qr_caption.text() == ui_text("slip_no_printer", "vi")


def test_a_printer_failure_is_calm_for_the_resident(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    device.mkdir()  # exists, but cannot be written: the printer stopped
    kiosk: Kiosk = make_kiosk(fixture_catalog, printer="receipt", receipt_printer=f"file:{device}")
    shell = kiosk.shell
    tap(qtbot, shell.attract)
    tap(qtbot, shell.header.scam)
    tap(qtbot, shell.scam_help.take)
    tap(qtbot, shell.slip.print_button)
    qtbot.waitUntil(lambda: shell.slip.status.text_label.text() == ui_text("slip_print_failed", "vi"), timeout=10_000)
    assert not shell.slip.print_button.isVisible()
    check = printer_check(kiosk.printer)  # the operator's health page says why
    assert not check.ok and "Device not found" in check.detail and str(device) in check.detail


def test_today_on_the_slip_is_the_local_date(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk: Kiosk = make_kiosk(fixture_catalog, wall_clock=lambda: datetime(2026, 12, 31, 18, tzinfo=UTC))
    tap(qtbot, kiosk.shell.attract)
    tap(qtbot, kiosk.shell.header.scam)
    tap(qtbot, kiosk.shell.scam_help.take)
    slip = kiosk.shell.slip.slip
    assert slip is not None and slip.date == date(2027, 1, 1)  # 01:00 on 1 January in Vietnam


def test_an_office_printer_that_is_not_there_gives_no_print_button(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk: Kiosk = make_kiosk(fixture_catalog, printer="system", system_printer="kiosk-test-no-queue")
    tap(qtbot, kiosk.shell.attract)
    tap(qtbot, kiosk.shell.header.scam)
    tap(qtbot, kiosk.shell.scam_help.take)
    assert kiosk.shell.slip.isVisible() and not kiosk.shell.slip.print_button.isVisible()
    check = printer_check(kiosk.printer)
    assert not check.ok and "no CUPS printer 'kiosk-test-no-queue'" in check.detail
