"""Health self-checks on real files: a writable folder, one that cannot be written, and pluggable probes."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.operator import health
from kiosk.operator.health import Check


def test_fonts() -> None:
    assert health.check_fonts(["Noto Sans", "DejaVu Sans"], ["Noto Sans"]).ok
    missing = health.check_fonts(["DejaVu Sans"], ["Noto Sans"])
    assert not missing.ok and "Noto Sans" in missing.detail


def test_content(fixture_catalog: object) -> None:
    assert health.check_content([]) == Check("content", True, "every tutorial loaded", "Mọi bài học đều mở được")
    bad = health.check_content(["a.toml: steps[0]: too long", "b.toml: bad id"])
    assert not bad.ok
    assert bad.detail == "2 tutorial problem(s), those tutorials are skipped: a.toml: steps[0]: too long (and 1 more)"
    assert bad.words == "2 bài học có lỗi nên không hiển thị: a.toml: steps[0]: too long (và 1 lỗi khác)"


def test_writable_data_folder_is_created_and_left_clean(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    check = health.check_data_dir(folder, min_free_mb=1)
    assert check.ok, check.detail
    assert folder.is_dir() and list(folder.iterdir()) == []  # the probe file is gone


def test_a_data_folder_that_cannot_be_written_fails(tmp_path: Path) -> None:
    """A path under a regular file fails for real, even for root (chmod cannot stop root)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    check = health.check_data_dir(blocker / "data")
    assert not check.ok
    assert check.detail == f"{blocker / 'data'} is not writable: Not a directory"


def test_low_free_space_is_a_warning(tmp_path: Path) -> None:
    free_mb = shutil.disk_usage(tmp_path).free // 1_000_000
    check = health.check_data_dir(tmp_path, min_free_mb=free_mb + 1_000)
    assert not check.ok and "MB free (warning under" in check.detail
    assert health.check_data_dir(tmp_path, min_free_mb=1).ok


def test_pluggable_store_and_speech_probes() -> None:
    assert health.check_store(None) == Check(
        "usage_store", True, "no usage store configured", "Chưa có kho số liệu sử dụng"
    )
    assert health.check_store(lambda: None) == Check("usage_store", True, "OK", "bình thường")
    assert health.check_store(lambda: "quick_check: page 3 is never used") == Check(
        "usage_store", False, "quick_check: page 3 is never used", "Kho số liệu sử dụng báo lỗi"
    )

    def broken() -> str | None:
        raise OSError("database disk image is malformed")

    assert health.check_speech(broken) == Check(
        "speech", False, "OSError: database disk image is malformed", "Đọc to đang tắt"
    )
    assert health.check_speech(None).ok


@pytest.mark.parametrize(
    ("now", "ok"),
    [
        (datetime(1970, 1, 1, tzinfo=UTC), False),
        (datetime(2023, 12, 31, 23, 59, tzinfo=UTC), False),
        (datetime(2024, 1, 1, tzinfo=UTC), True),
        (datetime(2026, 5, 4, 9, 30, tzinfo=UTC), True),
    ],
)
def test_clock_sanity(now: datetime, ok: bool) -> None:
    check = health.check_clock(now)
    assert check.ok is ok and health.clock_is_set(now) is ok
    if not ok:
        assert check.detail.startswith("the clock is unset") and check.detail.endswith("events are flagged")


def test_run_checks_lists_every_check_in_order(tmp_path: Path) -> None:
    checks = health.run_checks(
        fonts_loaded=["Noto Sans"],
        fonts_required=["Noto Sans"],
        content_problems=[],
        data_dir=tmp_path,
        min_free_mb=1,
        now=datetime(1970, 1, 1, tzinfo=UTC),
    )
    assert [check.name for check in checks] == ["fonts", "content", "data_folder", "usage_store", "speech", "clock"]
    assert [check.name for check in health.failures(checks)] == ["clock"]


def test_audio_needs_a_playback_device_the_kiosk_may_open(tmp_path: Path) -> None:
    missing = health.check_audio(tmp_path / "no-snd")
    assert not missing.ok and missing.words.startswith("Không thấy loa hay thiết bị âm thanh nào")
    assert (
        missing.detail
        == f"no audio playback device in {tmp_path / 'no-snd'}: plug in the speakers, then restart the kiosk"
    )
    (tmp_path / "controlC0").touch()
    (tmp_path / "pcmC0D0c").touch()  # a microphone is no speaker
    assert not health.check_audio(tmp_path).ok
    speaker = tmp_path / "pcmC0D0p"
    speaker.touch()
    assert health.check_audio(tmp_path) == Check(
        "audio", True, f"1 playback device(s) in {tmp_path}", f"1 thiết bị phát âm thanh trong {tmp_path}"
    )


def test_display_names_the_missing_compositor_piece_and_its_package() -> None:
    def nothing(name: str) -> str | None:
        return None

    def everything(name: str) -> str | None:
        return f"/usr/lib/{name}"

    ok = health.check_display("wayland", which=everything, find_library=everything)
    assert ok.ok
    no_xwayland = health.check_display("wayland", which=nothing, find_library=everything)
    assert not no_xwayland.ok and "Xwayland (xwayland)" in no_xwayland.detail
    assert no_xwayland.words.startswith("Thiếu thành phần hiển thị")
    assert "libxcb-cursor0" in health.check_display("xcb", which=everything, find_library=nothing).detail
    assert health.check_display("offscreen", which=nothing, find_library=nothing).ok  # nothing to check there


def test_this_machine_has_what_cage_and_qt_wayland_need() -> None:
    """make test installs cage's and Qt's Wayland pieces (scripts/setup-system.sh), as install.sh does."""
    check = health.check_display("wayland")
    assert check.ok, check.detail


def test_the_health_page_names_every_check_in_vietnamese_first(tmp_path: Path) -> None:
    """Every check id the kiosk reports (run_checks, and the ones app.py adds) has a Vietnamese name, English after."""
    checks = health.run_checks(
        fonts_loaded=["Noto Sans"],
        fonts_required=["Noto Sans", "Noto Serif"],
        content_problems=[],
        data_dir=tmp_path,
        min_free_mb=1,
        audio_devices=tmp_path / "no-snd",
        platform="offscreen",
        now=datetime(2026, 5, 4, 9, 30, tzinfo=UTC),
    )
    names = [check.name for check in checks] + ["retention", "help_call", "printer"]
    assert all(health.check_title(name) != name for name in names), names
    lines = {check.name: health.check_line(check) for check in checks}
    assert lines["fonts"] == (
        "✗ Phông chữ (fonts): Thiếu phông chữ Noto Serif: chữ tiếng Việt có thể hiển thị sai "
        "(missing font families: Noto Serif; Vietnamese may render badly)"
    )
    assert lines["clock"] == "✓ Đồng hồ (clock): Đã đặt giờ: 2026-05-04 09:30 UTC"  # the time is said once
    assert lines["audio"].startswith("✗ Loa, âm thanh (audio): Không thấy loa")
    assert health.check_title("something_new") == "something_new"  # a new check never breaks the page


def test_a_check_from_elsewhere_gets_vietnamese_words_by_its_state() -> None:
    """app.py's checks carry only an English detail; the page puts the state in Vietnamese before it."""
    failing = health.check_line(Check("help_call", False, "cannot reach http://127.0.0.1:9/: ConnectError"))
    assert failing == "✗ Chuông gọi hỗ trợ (help call): Có lỗi (cannot reach http://127.0.0.1:9/: ConnectError)"
    spoken = "Bộ đọc không có giọng tiếng Việt; nút Đọc to đã được ẩn. (the speech engine has no Vietnamese voice)"
    assert health.check_line(Check("speech", False, spoken, spoken)).count("Bộ đọc") == 1  # said once, not twice


def test_printer_check() -> None:
    assert health.check_line(health.check_printer("none", False, "")).startswith("✓ Máy in phiếu (slip printer): ")
    assert health.check_printer("escpos", True, "") == Check("printer", True, "ready", "Sẵn sàng")
    assert health.check_printer("cups", False, "paper out") == Check("printer", False, "paper out")
