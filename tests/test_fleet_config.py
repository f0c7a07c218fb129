"""The fleet's config fields: off by default, URLs and the public key checked with a reason."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, load_config

KEY = base64.b64encode(bytes(range(32))).decode()


def load(tmp_path: Path, text: str) -> KioskConfig:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_fleet_values_are_read(tmp_path: Path) -> None:
    config = load(
        tmp_path,
        'upload_endpoint = "https://otel.example.org:4318"\nupload_token_env = "TOKEN"\n'
        f'content_url = "https://example.org/kiosk"\ncontent_public_key = "{KEY}"\ncontent_max_pack_mb = 5\n',
    )
    assert config.upload_endpoint == "https://otel.example.org:4318"
    assert config.content_public_key == KEY


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('upload_endpoint = "otel.example.org:4318"', "field 'upload_endpoint': Value error, must be an http"),
        ('content_url = "ftp://example.org"', "field 'content_url'"),
        ('content_public_key = "bm90IGEga2V5"', "field 'content_public_key': Value error, must be the base64"),
        ('content_url = "https://example.org"', "content_url needs content_public_key"),
        ("upload_batch_size = 0", "field 'upload_batch_size'"),
    ],
)
def test_bad_fleet_values_are_named(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load(tmp_path, text + "\n")
    assert words in str(raised.value)
