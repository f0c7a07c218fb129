"""The operator area as a ward officer meets it: hidden entry, PIN pad and lockout, dashboard, export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, attach_operator_area
from kiosk.content.loader import Catalog
from kiosk.content.status import content_status
from kiosk.control.operator_controller import OperatorController, OperatorServices
from kiosk.operator import health
from kiosk.operator.pin import PinGuard, hash_pin
from kiosk.usage.events import EventName, UsageEvent
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.report import Report, report_from_store
from kiosk.usage.store import open_reader, open_store
from tests.conftest import FakeClock, MakeKiosk
from tests.gui import tap

PIN = "2468"
VOLUNTEER_PIN = "1357"
TODAY = dt.date(2026, 11, 24)
NOON_UTC = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)  # 12:00 in Vietnam


def _event(name: EventName, session: str, minutes: int, **fields: object) -> UsageEvent:
    """An event as the recorder would write it; `fields` are validated like any stored event's."""
    return UsageEvent.model_validate(
        {
            "event_id": uuid.uuid4(),
            "kiosk_id": "kiosk-test",
            "session_id": session * 32,
            "time": NOON_UTC + dt.timedelta(minutes=minutes),
            "name": name,
            "language": "vi",
            **fields,
        }
    )


def seeded_store(path: Path) -> Path:
    """Three sessions today: two tutorials started, one completed, one help request, one fooled answer."""
    events = [
        _event("session_started", "a", 0),
        _event("tutorial_started", "a", 1, tutorial_id="mau"),
        _event("quiz_answered", "a", 2, tutorial_id="mau", step_id="otp", step_index=2, correct=False),
        _event("tutorial_completed", "a", 3, tutorial_id="mau", step_id="otp", step_index=2),
        _event("session_started", "b", 10),
        _event("tutorial_started", "b", 11, tutorial_id="mau"),
        _event("help_requested", "b", 12, tutorial_id="mau", step_id="tap", step_index=1),
        _event("tutorial_abandoned", "b", 13, tutorial_id="mau", step_id="tap", step_index=1),
        _event("session_started", "c", 20),
    ]
    opened = open_store(path)
    opened.store.append(events)
    opened.store.close()
    return path


def from_store(path: Path) -> Callable[[dt.datetime, dt.datetime], Report]:
    def source(start: dt.datetime, end: dt.datetime) -> Report:
        store = open_reader(path)
        try:
            return report_from_store(store, start, end)
        finally:
            store.close()

    return source


OperatorArea = tuple[OperatorController, list[UsageEvent], Path, list[str], Kiosk]


@pytest.fixture
def operator_area(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock, tmp_path: Path
) -> Iterator[OperatorArea]:
    events: list[UsageEvent] = []
    recorder = UsageRecorder(events.append, "kiosk-test", lambda: NOON_UTC, monotonic=clock)
    kiosk = make_kiosk(fixture_catalog, recorder=recorder)
    store = seeded_store(tmp_path / "usage.sqlite3")
    usb = tmp_path / "usb"
    usb.mkdir()
    left: list[str] = []
    services = OperatorServices(
        operator_guard=PinGuard(hash_pin(PIN), clock),
        report_source=from_store(store),
        content_status=lambda: content_status(fixture_catalog, TODAY),
        checks=lambda: [],
        leave_kiosk=lambda: left.append("left"),
        today=lambda: TODAY,
        kiosk_id="kiosk-test",
        store_path=store,
        export_folders=lambda: [usb],
        volunteer_pin_hash=hash_pin(VOLUNTEER_PIN),
        tutorial_titles={"mau": "Bài mẫu có ba bước"},
    )
    operator = attach_operator_area(kiosk, services, clock)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(operator)
    yield operator, events, usb, left, kiosk
    app.removeEventFilter(operator)


def _enter_pin(qtbot: QtBot, operator: OperatorController, pin: str) -> None:
    for digit in pin:
        tap(qtbot, operator.pin_pad.keys[digit])
    tap(qtbot, operator.pin_pad.keys["ok"])


def _corner_taps(qtbot: QtBot, operator: OperatorController, count: int, clock: FakeClock) -> None:
    shell = operator.shell
    for _ in range(count):
        target = shell.childAt(QPoint(10, 10)) or shell
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(shell, QPoint(10, 10)))
        clock.advance(0.4)


def test_five_corner_taps_open_the_pin_pad_and_four_do_not(
    qtbot: QtBot, operator_area: OperatorArea, clock: FakeClock
) -> None:
    operator, *_ = operator_area
    _corner_taps(qtbot, operator, 4, clock)
    assert not operator.active
    clock.advance(5)
    _corner_taps(qtbot, operator, 5, clock)
    qtbot.waitUntil(lambda: operator.active)
    assert operator.pin_pad.title.text() == "Khu vực cán bộ"
    assert operator.controller.visit.route.screen.value == "home", "the pad only covers the resident's screen"
    _enter_pin(qtbot, operator, PIN)
    assert operator.controller.visit.route.screen.value == "attract", "the resident visit ended"


def test_ctrl_alt_o_opens_the_pin_pad(qtbot: QtBot, operator_area: OperatorArea) -> None:
    operator, *_ = operator_area
    shell = operator.shell
    shell.activateWindow()
    operator.shortcut.activated.emit()  # offscreen windows get no key focus; the shortcut's own signal is what fires
    assert operator.active
    assert operator.shortcut.key().toString() == "Ctrl+Alt+O"


def test_right_pin_opens_the_dashboard_with_the_store_figures(qtbot: QtBot, operator_area: OperatorArea) -> None:
    operator, *_ = operator_area
    operator.open_pin_pad()
    _enter_pin(qtbot, operator, PIN)
    assert operator.view.isVisible()
    qtbot.waitUntil(lambda: operator.dashboard.report is not None, timeout=10_000)
    numbers = {key: value.text() for key, value in operator.dashboard.numbers.items()}
    assert numbers == {
        "sessions": "3",
        "started": "2",
        "completed": "1",
        "rate": "50 %",
        "help": "1",
        "assisted": "0 / 3",
    }
    assert operator.dashboard.report is not None
    assert [(s.step_id, s.answers, s.wrong) for s in operator.dashboard.report.scenarios] == [("otp", 1, 1)]


def test_wrong_pins_are_counted_then_the_pad_locks_for_five_minutes(
    qtbot: QtBot, operator_area: OperatorArea, clock: FakeClock
) -> None:
    operator, events, *_ = operator_area
    operator.open_pin_pad()
    _enter_pin(qtbot, operator, "1111")
    assert operator.pin_pad.message.text() == "Mã PIN chưa đúng. Còn 4 lần thử."
    for _ in range(4):
        _enter_pin(qtbot, operator, "1111")
    assert operator.pin_pad.message.text() == "Đã khóa vì nhập sai nhiều lần. Thử lại sau 300 giây."
    assert not operator.pin_pad.keys["5"].isEnabled()
    assert [e.name for e in events] == ["operator_login_failed"] * 5 + ["operator_locked_out"]
    assert operator.services.operator_guard.try_pin(PIN).outcome.value == "locked", "even the right PIN waits"
    clock.advance(301)
    tap(qtbot, operator.pin_pad.cancel)
    operator.open_pin_pad()
    assert operator.pin_pad.keys["5"].isEnabled()
    _enter_pin(qtbot, operator, PIN)
    assert operator.view.isVisible()


def test_export_writes_a_csv_zip_that_reads_back_to_the_dashboard_figures(
    qtbot: QtBot, operator_area: OperatorArea
) -> None:
    operator, _, usb, *_ = operator_area
    operator.open_pin_pad()
    _enter_pin(qtbot, operator, PIN)
    qtbot.waitUntil(lambda: operator.dashboard.report is not None, timeout=10_000)
    tap(qtbot, operator.view.nav["export"])
    assert operator.export.folder == usb
    tap(qtbot, operator.export.format_buttons["csv"])
    qtbot.waitUntil(lambda: operator.export.result.text().startswith("Đã lưu"), timeout=10_000)
    files = list(usb.iterdir())
    assert [f.name for f in files] == ["kiosk-so-kiosk-test-20261124-20261124.zip"]
    with zipfile.ZipFile(files[0]) as archive:
        name = next(n for n in archive.namelist() if "summary" in n)
        raw = archive.read(name)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel shows Vietnamese"
    rows = {row[0]: row[-1] for row in csv.reader(io.StringIO(raw.decode("utf-8-sig")))}
    assert (rows["sessions"], rows["tutorials_started"], rows["tutorials_completed"], rows["help_requests"]) == (
        "3",
        "2",
        "1",
        "1",
    )


def test_content_and_system_sections_and_leaving(qtbot: QtBot, operator_area: OperatorArea) -> None:
    operator, _, _, left, _ = operator_area
    operator.open_pin_pad()
    _enter_pin(qtbot, operator, PIN)
    tap(qtbot, operator.view.nav["content"])
    lines = operator.view.content_list.lines()
    assert lines[0] == "Đang hiển thị cho người dân: 1 bài"
    tap(qtbot, operator.view.leave)
    assert left == ["left"]
    tap(qtbot, operator.view.logout)
    assert not operator.active
    assert operator.controller.visit.route.screen.value == "attract"


def test_an_operator_who_walks_away_is_logged_out(qtbot: QtBot, operator_area: OperatorArea, clock: FakeClock) -> None:
    operator, *_ = operator_area
    operator.open_pin_pad()
    _enter_pin(qtbot, operator, PIN)
    clock.advance(299)
    operator.check_idle()
    assert operator.active
    clock.advance(2)
    operator.check_idle()
    assert not operator.active


def test_volunteer_pin_mid_tutorial_shows_notes_jumps_and_marks_events_assisted(
    qtbot: QtBot, operator_area: OperatorArea, clock: FakeClock
) -> None:
    from tests.gui import open_tutorial

    operator, events, *_, kiosk = operator_area
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    assert not shell.step.volunteer.isVisible()
    operator.open_pin_pad()
    _enter_pin(qtbot, operator, VOLUNTEER_PIN)
    assert not operator.active
    assert shell.header.step_pill.text() == "Bước 1 / 3", "back on the resident's own step"
    panel = shell.step.volunteer
    assert panel.isVisible()
    assert panel.note.text() == "Chỉ cho người dân thấy nút đỏ."
    assert [b.text() for b in panel.jump_buttons if b.isVisible()] == ["1", "2", "3"]
    tap(qtbot, panel.jump_buttons[2])
    assert shell.header.step_pill.text() == "Bước 3 / 3"
    assert panel.note.text() == "Hỏi người dân: ai được biết mã OTP?"
    tap(qtbot, shell.step.answers[0])
    assert events[-1].name == "quiz_answered" and events[-1].assisted
    assert any(e.name == "volunteer_mode_started" for e in events)
    assert shell.header.volunteer.isVisible()
    tap(qtbot, shell.bar.home)
    assert shell.header.volunteer.isVisible() and shell.header.volunteer.text() == "Kết thúc hỗ trợ"
    tap(qtbot, shell.header.volunteer)
    assert not kiosk.visit.assisted and not shell.header.volunteer.isVisible()
    tap(qtbot, shell.bar.help)
    assert events[-1].name == "help_requested" and not events[-1].assisted


def test_volunteer_mode_ends_at_idle_reset(qtbot: QtBot, operator_area: OperatorArea, clock: FakeClock) -> None:
    from tests.gui import open_tutorial

    operator, *_, kiosk = operator_area
    open_tutorial(qtbot, kiosk, "mau")
    operator.open_pin_pad()
    _enter_pin(qtbot, operator, VOLUNTEER_PIN)
    assert kiosk.visit.assisted
    clock.advance(200)
    kiosk.controller.check_idle()
    assert not kiosk.visit.assisted and kiosk.recorder.assisted is False
    tap(qtbot, kiosk.shell.attract)
    assert not kiosk.shell.header.volunteer.isVisible()


def test_operator_area_can_start_volunteer_mode(qtbot: QtBot, operator_area: OperatorArea) -> None:
    operator, *_ = operator_area
    operator.open_pin_pad()
    _enter_pin(qtbot, operator, PIN)
    tap(qtbot, operator.view.volunteer)
    assert not operator.active
    assert operator.controller.visit.route.screen.value == "home"
    assert operator.controller.visit.assisted


@pytest.mark.parametrize("size", [(1080, 1920), (1024, 768)], ids=["portrait", "square"])
def test_operator_area_fits_portrait_and_square_screens(
    qtbot: QtBot,
    make_kiosk: MakeKiosk,
    fixture_catalog: Catalog,
    clock: FakeClock,
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    import os

    from tests.a11y_checks import overlap_problems, target_problems

    kiosk = make_kiosk(fixture_catalog, size)
    store = seeded_store(tmp_path / "usage.sqlite3")
    checks = [  # the health page's longest real lines: failures with their Vietnamese words and English detail
        *health.run_checks(
            fonts_loaded=["Noto Sans"],
            fonts_required=["Noto Sans"],
            content_problems=["a.toml: steps[0]: too long", "b.toml: bad id"],
            data_dir=tmp_path,
            min_free_mb=1,
            audio_devices=tmp_path / "no-snd",
            platform="offscreen",
        ),
        health.Check("help_call", False, "help webhook: cannot reach http://127.0.0.1:9/: ConnectError"),
        health.check_printer("none", False, ""),
    ]
    services = OperatorServices(
        operator_guard=PinGuard(hash_pin(PIN), clock),
        report_source=from_store(store),
        content_status=lambda: content_status(fixture_catalog, TODAY),
        checks=lambda: checks,
        leave_kiosk=lambda: None,
        today=lambda: TODAY,
        kiosk_id="kiosk-test",
        store_path=store,
        export_folders=lambda: [tmp_path],
        volunteer_pin_hash=hash_pin(VOLUNTEER_PIN),
    )
    operator = attach_operator_area(kiosk, services, clock)
    operator.open_pin_pad()
    shell = kiosk.shell
    problems = target_problems(shell, shell.theme, "pin pad") + overlap_problems(shell, "pin pad")
    _enter_pin(qtbot, operator, PIN)
    qtbot.waitUntil(lambda: operator.dashboard.report is not None, timeout=10_000)
    for section in ("dashboard", "export", "content", "system"):
        operator.view.show_section(section)
        for _ in range(4):
            QApplication.processEvents()
        problems += target_problems(shell, shell.theme, section) + overlap_problems(shell, section)
        if os.environ.get("KIOSK_SHOTS"):  # for looking at it: KIOSK_SHOTS=DIR pytest -k operator_area_fits
            shell.grab().save(f"{os.environ['KIOSK_SHOTS']}/operator-{size[0]}x{size[1]}-{section}.png")
    assert shell.size().toTuple() == size
    assert problems == []
