"""The README documents what the code offers: every config field and every command-line command."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import KioskConfig

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    block = README.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    assert [line.split("#")[0].strip() for line in block] == ["make run", "make test"]


def test_every_config_field_is_in_the_readme_table() -> None:
    missing = [name for name in KioskConfig.model_fields if f"| `{name}` |" not in README]
    assert missing == []
