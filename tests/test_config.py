"""The kiosk configuration: defaults, the shipped file, plain errors, and the command-line exit codes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic_core import PydanticUndefined

from kiosk.config import DEFAULT_CONFIG_PATH, PROJECT_ROOT, ConfigError, KioskConfig, load_config

FIXTURE = Path(__file__).parent / "fixtures" / "content"


def write(tmp_path: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# --- defaults ---------------------------------------------------------------


FLEET_DEFAULTS = {
    "printer": "none",
    "receipt_printer": "file:/dev/usb/lp0",
    "receipt_width_dots": 576,
    "system_printer": "",
    "upload_endpoint": None,
    "upload_token_file": None,
    "upload_token_env": None,
    "upload_ca_file": None,
    "upload_interval_s": 60,
    "upload_batch_size": 500,
    "upload_max_backoff_s": 300,
    "upload_timeout_s": 10.0,
    "content_url": None,
    "content_public_key": None,
    "content_poll_interval_s": 3600,
    "content_max_pack_mb": 50,
}


def test_defaults_are_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    config = KioskConfig()
    assert config.model_dump() == {
        "kiosk_id": "kiosk-01",
        "ward_name": "",
        "default_language": "vi",
        "text_size_default": 100,
        "idle_timeout_s": 120,
        "idle_countdown_s": 30,
        "high_contrast": False,
        "fullscreen": True,
        "hide_cursor": False,
        "data_dir": tmp_path / "kiosk-so",
        "content_dir": None,
        "keep_screen_on": True,
        "crash_limit_per_minute": 5,
        "min_free_disk_mb": 200,
        "retention_days": 400,
        "utc_offset_hours": 7.0,
        "operator_pin_hash": None,
        "volunteer_pin_hash": None,
        "speech_voice": "north",
        "speech_rate": -0.3,
        "speech_volume": 0.9,
        "auto_read": False,
        "confidence_check": True,
        "help_webhook_url": None,
        **FLEET_DEFAULTS,
    }
    assert KioskConfig.model_validate(config.model_dump()) == config


def test_data_dir_falls_back_to_local_share(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert KioskConfig().data_dir == Path.home() / ".local" / "share" / "kiosk-so"


@pytest.mark.parametrize("name", list(KioskConfig.model_fields))
def test_every_field_has_a_description_and_a_default(name: str) -> None:
    field = KioskConfig.model_fields[name]
    assert field.description is not None
    assert field.description.strip() != ""
    assert field.default is not PydanticUndefined or field.default_factory is not None
    assert not field.is_required()


def test_config_is_frozen() -> None:
    config = KioskConfig()
    with pytest.raises(ValueError, match="frozen"):
        config.idle_timeout_s = 60  # type: ignore[misc]


# --- the shipped file -------------------------------------------------------


def test_shipped_config_lists_every_field_and_is_valid() -> None:
    assert DEFAULT_CONFIG_PATH == PROJECT_ROOT / "config" / "kiosk.toml"
    assert DEFAULT_CONFIG_PATH.is_file(), f"{DEFAULT_CONFIG_PATH} must ship with the kiosk"
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    missing = [name for name in KioskConfig.model_fields if not re.search(rf"^\s*#?\s*{name}\s*=", text, re.MULTILINE)]
    assert missing == []
    assert isinstance(load_config(DEFAULT_CONFIG_PATH), KioskConfig)


# --- a file that sets values --------------------------------------------------


def test_values_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'kiosk_id = "ben-thanh-01"\nward_name = "Phường Bến Thành"\ndefault_language = "en"\n'
        "text_size_default = 150\nidle_timeout_s = 60\nidle_countdown_s = 20\nhigh_contrast = true\n"
        f'fullscreen = false\nhide_cursor = true\ndata_dir = "{tmp_path}"\ncontent_dir = "{FIXTURE}"\n',
    )
    assert load_config(path).model_dump() == {
        "kiosk_id": "ben-thanh-01",
        "ward_name": "Phường Bến Thành",
        "default_language": "en",
        "text_size_default": 150,
        "idle_timeout_s": 60,
        "idle_countdown_s": 20,
        "high_contrast": True,
        "fullscreen": False,
        "hide_cursor": True,
        "data_dir": tmp_path,
        "content_dir": FIXTURE,
        "keep_screen_on": True,
        "crash_limit_per_minute": 5,
        "min_free_disk_mb": 200,
        "retention_days": 400,
        "utc_offset_hours": 7.0,
        "operator_pin_hash": None,
        "volunteer_pin_hash": None,
        "speech_voice": "north",
        "speech_rate": -0.3,
        "speech_volume": 0.9,
        "auto_read": False,
        "confidence_check": True,
        "help_webhook_url": None,
        **FLEET_DEFAULTS,
    }


def test_empty_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "# nothing set\n")) == KioskConfig()


# --- errors name the file and the field ---------------------------------------


def test_bad_value(tmp_path: Path) -> None:
    path = write(tmp_path, 'idle_timeout_s = "abc"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value) == (
        f"Config file {path} has a bad value: field 'idle_timeout_s': Input should be a valid integer, "
        "unable to parse string as an integer (got 'abc'). Fix it or remove the line to use the default."
    )


def test_value_out_of_range(tmp_path: Path) -> None:
    path = write(tmp_path, "idle_countdown_s = 5\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value) == (
        f"Config file {path} has a bad value: field 'idle_countdown_s': Input should be greater than or equal "
        "to 20 (got 5). Fix it or remove the line to use the default."
    )


def test_text_size_not_offered(tmp_path: Path) -> None:
    path = write(tmp_path, "text_size_default = 110\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(path) in str(raised.value)
    assert "field 'text_size_default'" in str(raised.value)


def test_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path, "idle_timeout = 60\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value) == (
        f"Config file {path} has a bad value: field 'idle_timeout': 'idle_timeout' is not a known field here "
        "(a typo?). Fix it or remove the line to use the default."
    )


def test_two_mistakes_are_both_named(tmp_path: Path) -> None:
    path = write(tmp_path, 'idle_timeout_s = "abc"\nfulscreen = false\n')
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert "field 'idle_timeout_s'" in str(raised.value)
    assert "field 'fulscreen'" in str(raised.value)


def test_toml_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, 'kiosk_id = "a"\nidle_timeout_s = \n')
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value) == f"Config file {path} is not valid TOML: Invalid value (at line 2, column 18)."


def test_explicit_file_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "khong_co.toml"
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value) == f"Config file {path} does not exist."


# --- main.py exit codes -------------------------------------------------------


def test_check_config_on_a_bad_file_exits_2_without_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, 'idle_timeout_s = "abc"\n', name="bad.toml")
    result = run_main("--config", str(path), "--check-config")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"kiosk: Config file {path} has a bad value: field 'idle_timeout_s'" in result.stderr
    assert result.stdout == ""


def test_check_config_on_a_toml_error_exits_2_without_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk\n", name="bad.toml")
    result = run_main("--config", str(path), "--check-config")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"kiosk: Config file {path} is not valid TOML" in result.stderr


def test_explicit_missing_config_exits_2_before_starting(tmp_path: Path) -> None:
    path = tmp_path / "khong_co.toml"
    result = run_main("--config", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr == f"kiosk: Config file {path} does not exist.\n"


def test_check_config_on_a_good_file_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, "idle_timeout_s = 90\n", name="good.toml")
    result = run_main("--config", str(path), "--check-config")
    assert result.returncode == 0
    assert result.stdout == f"kiosk: config OK ({path})\n"
    assert result.stderr == ""


def test_check_content_on_the_fixture_exits_0() -> None:
    result = run_main("--check-content", "tests/fixtures/content")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        "Categories: 1\n"
        "  demo: 1 tutorials, 3 steps, 1 practice steps, 1 quiz scenarios\n"
        "Published tutorials: 1\n"
        "Drafts (never shown to residents): 0\n"
        "Problems: none\n"
    )
    assert "Traceback" not in result.stderr


def test_check_content_on_a_broken_folder_exits_1(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    broken = root / "demo" / "mau.toml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('target = "btn_dang_ky"', 'target = "nut_sai"'), encoding="utf-8"
    )
    result = run_main("--check-content", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Published tutorials: 0\n" in result.stdout
    assert result.stdout.endswith(
        f"Problems: 1\n  {broken}: steps[1].target: 'nut_sai' is not an element of this step's screen "
        "(elements: app_bar, huong_dan, btn_dang_ky, btn_dang_nhap)\n"
    )


def test_check_content_on_a_missing_folder_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "khong_co"
    result = run_main("--check-content", str(missing))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"  {missing}: content folder does not exist\n" in result.stdout
