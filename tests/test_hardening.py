"""Hardening in this process, on a real kiosk: exit keys, closing, context menus, crash recovery, operator exit."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.content.loader import Catalog
from kiosk.core.navigation import Screen
from kiosk.runtime.crash_guard import EXIT_FATAL
from kiosk.runtime.hardening import Hardening, claim_single_instance
from kiosk.system import logs
from tests.conftest import FakeClock, MakeKiosk
from tests.gui import tap


class EventProbe(QObject):
    """Records the events of some types that reach a widget (after the application-wide filters)."""

    def __init__(self, widget: QWidget, kinds: set[QEvent.Type]) -> None:
        super().__init__(widget)
        self.kinds = kinds
        self.seen: list[QEvent.Type] = []
        self.keys: list[int] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in self.kinds:
            self.seen.append(event.type())
            key = getattr(event, "key", None)
            if key is not None:
                self.keys.append(key())
        return False


class Exits:
    """Stands in for QApplication.exit, so a fatal error in a test does not end the test run."""

    def __init__(self) -> None:
        self.codes: list[int] = []

    def __call__(self, code: int) -> None:
        self.codes.append(code)


@pytest.fixture
def harden(
    make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock, tmp_path: Path
) -> Iterator[Callable[..., Hardening]]:
    made: list[Hardening] = []

    def build(kiosk_mode: bool = True, env: dict[str, str] | None = None, **settings: object) -> Hardening:
        settings.setdefault("data_dir", tmp_path / "data")
        kiosk = make_kiosk(fixture_catalog, **settings)
        config = KioskConfig(**settings)  # type: ignore[arg-type]
        logs.setup_logging(config.data_dir, stream=False)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        hardening = Hardening(
            app, kiosk.shell, kiosk.controller, config, kiosk_mode, env=env or {}, clock=clock, exit_app=Exits()
        )
        hardening.install(stop_signals=False)
        made.append(hardening)
        return hardening

    yield build
    for hardening in made:
        hardening.uninstall()
    for handler in list(logs.logger().handlers):
        logs.logger().removeHandler(handler)
        handler.close()


def exits_of(hardening: Hardening) -> list[int]:
    exits = hardening._exit_app
    assert isinstance(exits, Exits)
    return exits.codes


# --- locked down ------------------------------------------------------------------

EXIT_KEYS = [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Super_L, Qt.KeyboardModifier.NoModifier),
]
MODIFIER_KEYS = {Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Shift}  # QTest presses these around a combo
KEY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}


def test_exit_keys_do_nothing_in_kiosk_mode(qtbot: QtBot, harden: Callable[..., Hardening]) -> None:
    shell = harden(kiosk_mode=True).shell
    probe = EventProbe(shell, KEY_EVENTS)
    for key, modifier in EXIT_KEYS:
        qtbot.keyClick(shell, key, modifier)
    assert shell.isVisible()
    assert [key for key in probe.keys if key not in MODIFIER_KEYS] == [], "exit keys must not reach the window"
    qtbot.keyClick(shell, Qt.Key.Key_A)
    assert Qt.Key.Key_A in probe.keys, "other keys pass (the probe can see keys)"


@pytest.mark.parametrize(("key", "modifier"), EXIT_KEYS[:1] + EXIT_KEYS[2:4])
def test_exit_keys_close_the_window_in_windowed_mode(
    qtbot: QtBot, harden: Callable[..., Hardening], key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    shell = harden(kiosk_mode=False).shell
    qtbot.keyClick(shell, key, modifier)
    assert not shell.isVisible()


def test_escape_reaches_the_window_in_windowed_mode(qtbot: QtBot, harden: Callable[..., Hardening]) -> None:
    shell = harden(kiosk_mode=False).shell
    probe = EventProbe(shell, KEY_EVENTS)
    qtbot.keyClick(shell, Qt.Key.Key_Escape)
    assert Qt.Key.Key_Escape in probe.keys and shell.isVisible()


def test_the_window_refuses_to_close_until_the_operator_allows_it(harden: Callable[..., Hardening]) -> None:
    hardening = harden(kiosk_mode=True)
    shell = hardening.shell
    assert not shell.close()
    assert shell.isVisible()
    hardening.allow_exit()
    assert shell.close()
    assert not shell.isVisible()


def context_menu_event() -> QContextMenuEvent:
    point = QPoint(5, 5)
    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, point, Qt.KeyboardModifier.NoModifier)


def test_no_context_menus_or_drops_in_kiosk_mode(harden: Callable[..., Hardening]) -> None:
    shell = harden(kiosk_mode=True).shell
    assert shell.contextMenuPolicy() is Qt.ContextMenuPolicy.NoContextMenu
    assert not shell.acceptDrops()
    target = shell.attract
    probe = EventProbe(target, {QEvent.Type.ContextMenu})
    menu = context_menu_event()
    QApplication.sendEvent(target, menu)
    assert probe.seen == []


def test_context_menu_events_pass_in_windowed_mode(harden: Callable[..., Hardening]) -> None:
    target = harden(kiosk_mode=False).shell.attract
    probe = EventProbe(target, {QEvent.Type.ContextMenu})
    QApplication.sendEvent(target, context_menu_event())
    assert probe.seen == [QEvent.Type.ContextMenu]


# --- crash recovery ---------------------------------------------------------------


def broken_slot() -> None:
    raise RuntimeError("the slot broke")


def add_broken_button(shell: QWidget) -> QPushButton:
    button = QPushButton("boom", shell)
    button.setGeometry(0, 0, 200, 200)
    button.clicked.connect(broken_slot)
    button.show()
    button.raise_()
    return button


def test_an_error_in_a_slot_is_logged_and_the_resident_returns_to_the_attract_screen(
    qtbot: QtBot, harden: Callable[..., Hardening], tmp_path: Path
) -> None:
    hardening = harden()
    shell, visit = hardening.shell, hardening.controller.visit
    qtbot.waitUntil(lambda: hardening.crash_guard.budget.started)  # the first screen is up
    tap(qtbot, shell.attract)
    assert visit.route.screen is Screen.HOME
    tap(qtbot, add_broken_button(shell))
    qtbot.waitUntil(lambda: visit.route.screen is Screen.ATTRACT)
    logs.flush()
    text = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "ERROR kiosk: Unhandled error 1 (recovering): builtins.RuntimeError: the slot broke" in text
    assert "in broken_slot" in text
    assert "Back to the attract screen after an error." in text
    assert hardening.crash_guard.crashes == 1
    assert not hardening.stopped and exits_of(hardening) == []
    tap(qtbot, shell.attract)
    assert visit.route.screen is Screen.HOME, "the kiosk keeps working"


def test_an_error_in_a_worker_thread_also_returns_to_the_attract_screen(
    qtbot: QtBot, harden: Callable[..., Hardening]
) -> None:
    hardening = harden()
    controller = hardening.controller
    qtbot.waitUntil(lambda: hardening.crash_guard.budget.started)
    controller.start_visit()
    worker = threading.Thread(target=broken_slot)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: controller.visit.route.screen is Screen.ATTRACT)
    assert hardening.crash_guard.crashes == 1 and exits_of(hardening) == []


def test_repeated_errors_are_fatal_they_flush_notify_and_exit_non_zero(
    qtbot: QtBot, harden: Callable[..., Hardening], tmp_path: Path
) -> None:
    notify_path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(notify_path))
        sock.settimeout(10)
        hardening = harden(env={"NOTIFY_SOCKET": str(notify_path)}, crash_limit_per_minute=2)
        closed: list[str] = []
        hardening.add_shutdown_callback(lambda: closed.append("writer.close"))
        qtbot.waitUntil(lambda: hardening.crash_guard.budget.started)
        assert sock.recv(64) == b"READY=1"
        button = add_broken_button(hardening.shell)
        for _ in range(3):
            tap(qtbot, button)
        qtbot.waitUntil(lambda: exits_of(hardening) == [EXIT_FATAL])
        assert sock.recv(64) == b"STOPPING=1"
    assert closed == ["writer.close"]
    logs.flush()
    text = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "Unhandled error 3 (too many in a minute)" in text
    assert f"Giving up: exiting with status {EXIT_FATAL}" in text


def test_an_error_during_start_up_is_fatal(qtbot: QtBot, harden: Callable[..., Hardening]) -> None:
    hardening = harden()
    assert not hardening.crash_guard.budget.started  # no event processed yet: still starting
    add_broken_button(hardening.shell).click()
    qtbot.waitUntil(lambda: exits_of(hardening) == [EXIT_FATAL])
    assert hardening.stopped


def test_operator_exit_leaves_a_marker_runs_callbacks_and_lets_the_window_close(
    qtbot: QtBot, harden: Callable[..., Hardening], tmp_path: Path
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()
    hardening = harden(env={"RUNTIME_DIRECTORY": str(runtime)})
    closed: list[str] = []
    hardening.add_shutdown_callback(lambda: closed.append("first"))
    hardening.add_shutdown_callback(lambda: 1 / 0)  # a failing callback does not stop the next
    hardening.add_shutdown_callback(lambda: closed.append("last"))
    hardening.request_exit()
    qtbot.waitUntil(lambda: exits_of(hardening) == [0])
    assert closed == ["first", "last"]
    assert (runtime / "maintenance").read_text(encoding="utf-8").startswith("left kiosk mode at ")
    assert hardening.shell.close()


def test_run_checks_for_the_operator_area(harden: Callable[..., Hardening]) -> None:
    hardening = harden()
    hardening.store_check = lambda: "integrity_check failed"
    checks = {check.name: check for check in hardening.run_checks()}
    assert checks["fonts"].ok, checks["fonts"].detail  # the bundled Noto Sans is loaded
    assert checks["content"].ok and checks["data_folder"].ok and checks["clock"].ok
    assert not checks["usage_store"].ok and checks["usage_store"].detail == "integrity_check failed"


def test_claiming_twice_is_a_second_start_that_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = KioskConfig(data_dir=tmp_path / "data")
    first = claim_single_instance(config)
    try:
        assert first.lock is not None and first.log_file == tmp_path / "data" / "logs" / "kiosk.log"
        with pytest.raises(SystemExit) as raised:
            claim_single_instance(config)
        assert raised.value.code == 3
        assert "kiosk: Kiosk Số is already running (lock" in capsys.readouterr().err
    finally:
        if first.lock is not None:
            first.lock.release()
        for handler in list(logs.logger().handlers):
            logs.logger().removeHandler(handler)
            handler.close()
