"""The shell as a resident meets it: bottom bar, Back and Home, language, text size, help, idle reset."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.content.loader import Catalog, load_catalog
from kiosk.core.navigation import Screen
from tests.conftest import FIXTURE_CONTENT, FakeClock, MakeKiosk
from tests.gui import miss_point, open_tutorial, tap


def test_attract_to_home_shows_category_tiles(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    assert kiosk.visit.route.screen is Screen.ATTRACT
    assert not shell.bar.isVisible()
    tap(qtbot, shell.attract)
    assert kiosk.visit.route.screen is Screen.HOME
    assert [tile.title.text() for tile in shell.home.tiles] == ["Bài mẫu"]
    assert shell.header.title.text() == "Bác muốn học điều gì hôm nay?"
    assert not shell.bar.back.isVisible() and shell.bar.help.isVisible()


def test_back_and_home_always_work_and_home_loses_nothing(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, shell.bar.next)  # step 2: practice
    tap(qtbot, shell.step.phone, miss_point(kiosk))
    tap(qtbot, shell.bar.home)
    assert kiosk.visit.route.screen is Screen.HOME
    open_tutorial_from_home = shell.home.tiles[0]
    tap(qtbot, open_tutorial_from_home)
    card = shell.tutorial_list.visible_cards()[0]
    assert card.status.text() == "▶ Đang học: bước 2 / 3"
    tap(qtbot, card)
    assert shell.header.step_pill.text() == "Bước 2 / 3"
    tap(qtbot, shell.bar.back)
    assert shell.header.step_pill.text() == "Bước 1 / 3"
    tap(qtbot, shell.bar.back)
    assert kiosk.visit.route.screen is Screen.LIST
    tap(qtbot, shell.bar.back)
    assert kiosk.visit.route.screen is Screen.HOME


def test_language_switch_redraws_everything_in_english(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    assert shell.bar.language.text() == "English"
    tap(qtbot, shell.bar.language)
    assert shell.step.title.text() == "This is the “Register” button"
    assert shell.header.step_pill.text() == "Step 1 / 3"
    assert shell.bar.back.text() == "Back" and shell.bar.language.text() == "Tiếng Việt"
    tap(qtbot, shell.bar.language)
    assert shell.step.title.text() == "Đây là nút “Đăng ký”"


def test_text_size_steps_grow_the_text(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    sizes = [shell.step.title.font().pixelSize()]
    for _ in range(3):
        tap(qtbot, shell.bar.text_size)
        sizes.append(shell.step.title.font().pixelSize())
    assert sizes == [56, 70, 84, 56]


def test_help_shows_a_calm_message_and_closes(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, shell.bar.help)
    assert shell.help_message.isVisible()
    assert shell.help_message.title.text() == "Đang gọi người hỗ trợ"
    tap(qtbot, shell.help_message.button)
    assert not shell.help_message.isVisible()
    assert kiosk.visit.route.screen is Screen.PLAYER


def test_idle_warning_counts_down_and_stay_keeps_the_session(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    assert kiosk.controller.idle_timer.isActive()
    clock.advance(119)
    kiosk.controller.check_idle()
    assert not shell.idle_warning.isVisible()
    clock.advance(2)
    kiosk.controller.check_idle()
    assert shell.idle_warning.isVisible()
    assert shell.idle_warning.title.text() == "Bác vẫn đang xem chứ?"
    assert shell.idle_warning.body.text() == "Màn hình sẽ trở về ban đầu sau 29 giây."
    tap(qtbot, shell.idle_warning.button)
    kiosk.controller.check_idle()
    assert not shell.idle_warning.isVisible()
    assert kiosk.visit.route.screen is Screen.PLAYER


def test_idle_reset_clears_every_trace(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, shell.bar.language)
    tap(qtbot, shell.bar.text_size)
    tap(qtbot, shell.bar.next)
    with qtbot.waitSignal(kiosk.controller.idle_reset, timeout=1000):
        clock.advance(151)
        kiosk.controller.check_idle()
    assert kiosk.visit.route.screen is Screen.ATTRACT
    assert kiosk.visit.language == "vi" and kiosk.visit.text_size == 100
    assert kiosk.visit.progress_of("mau") is None
    assert not shell.idle_warning.isVisible()
    assert not kiosk.controller.idle_timer.isActive(), "nothing ticks on the attract screen"
    tap(qtbot, shell.attract)
    tap(qtbot, shell.home.tiles[0])
    assert shell.tutorial_list.visible_cards()[0].status.text() == "3 bước"


def test_a_touch_resets_the_idle_timer(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, clock: FakeClock
) -> None:
    from PySide6.QtWidgets import QApplication

    kiosk = make_kiosk(fixture_catalog)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(kiosk.controller)
    try:
        open_tutorial(qtbot, kiosk, "mau")
        clock.advance(100)
        tap(qtbot, kiosk.shell.step.body)
        clock.advance(100)
        kiosk.controller.check_idle()
        assert not kiosk.shell.idle_warning.isVisible()
    finally:
        app.removeEventFilter(kiosk.controller)


def test_kiosk_starts_on_the_valid_files_when_some_are_broken(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path
) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    (root / "demo" / "hong.toml").write_text(
        'id = "hong"\ncategory = "demo"\ntitle = { vi = "Hỏng" }\n', encoding="utf-8"
    )
    catalog = load_catalog(root)
    assert [problem.field for problem in catalog.problems][:1] == ["title.en"]
    kiosk = make_kiosk(catalog)
    tap(qtbot, kiosk.shell.attract)
    tap(qtbot, kiosk.shell.home.tiles[0])
    assert [card.tutorial.id for card in kiosk.shell.tutorial_list.visible_cards()] == ["mau"]


def test_quiz_feedback_marks_flags_on_the_phone(qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog) -> None:
    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.phone, shell.step.phone.element_rect("btn_dang_ky").center())
    tap(qtbot, shell.bar.next)
    tap(qtbot, shell.step.answers[1])  # "An toàn": wrong
    assert shell.step.feedback.text_label.text() == "Chưa đúng. Đây là lừa đảo. Không ai có quyền hỏi mã OTP của bác."
    assert shell.step.flags[0].text.text() == "Dấu hiệu lừa đảo: Hỏi mã OTP"
    assert not any(button.isVisible() for button in shell.step.answers), "one answer only"
    tap(qtbot, shell.bar.next)
    assert shell.completion.score.text() == "Bác trả lời đúng 0 / 1 câu."
    tap(qtbot, shell.completion.again)
    assert shell.header.step_pill.text() == "Bước 1 / 3"


def test_practice_tap_acts_on_release_and_slide_off_cancels(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog
) -> None:
    from PySide6.QtCore import Qt

    kiosk = make_kiosk(fixture_catalog)
    shell = kiosk.shell
    open_tutorial(qtbot, kiosk, "mau")
    tap(qtbot, shell.bar.next)
    phone = shell.step.phone
    target = phone.element_rect("btn_dang_ky").center()
    qtbot.mousePress(phone, Qt.MouseButton.LeftButton, pos=target)
    qtbot.mouseRelease(phone, Qt.MouseButton.LeftButton, pos=miss_point(kiosk))
    assert kiosk.visit.player is not None and kiosk.visit.player.state.wrong_taps == 0
    assert not shell.bar.next.isVisible()
    small = phone.element_rect("app_bar")
    assert phone.hit_rect("btn_dang_ky").height() >= 96
    assert small.height() > 0


def test_new_content_waits_for_the_attract_screen(
    qtbot: QtBot, make_kiosk: MakeKiosk, fixture_catalog: Catalog, tmp_path: Path
) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    categories = (root / "categories.toml").read_text(encoding="utf-8")
    (root / "categories.toml").write_text(categories.replace('"Bài mẫu"', '"Bài mẫu mới"'), encoding="utf-8")
    updated = load_catalog(root)
    kiosk = make_kiosk(fixture_catalog)
    open_tutorial(qtbot, kiosk, "mau")
    kiosk.controller.offer_catalog(updated)
    tap(qtbot, kiosk.shell.bar.home)
    assert [tile.title.text() for tile in kiosk.shell.home.tiles] == ["Bài mẫu"], "never mid-visit"
    with qtbot.waitSignal(kiosk.controller.catalog_swapped, timeout=1000):
        kiosk.controller.reset()
    tap(qtbot, kiosk.shell.attract)
    assert [tile.title.text() for tile in kiosk.shell.home.tiles] == ["Bài mẫu mới"]
    tap(qtbot, kiosk.shell.home.tiles[0])
    assert kiosk.visit.route.screen is Screen.LIST
