"""`content-pack keygen | build | sign`: deterministic packs, signed manifests a kiosk accepts, one-line errors."""

from __future__ import annotations

import base64
import json
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.fleet.manifest import ManifestError, canonical_bytes, read_manifest, verify_signature
from kiosk.fleet.pack import pack_version
from tests.conftest import FIXTURE_CONTENT

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def keygen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    key = tmp_path / "signing.pem"
    assert main(["content-pack", "keygen", "--out", str(key)]) == 0
    public = capsys.readouterr().out.split('content_public_key = "')[1].split('"')[0]
    return key, public


def test_keygen_writes_a_private_file_and_prints_the_public_key(tmp_path: Path, capsys) -> None:
    key, public = keygen(tmp_path, capsys)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(base64.b64decode(public)) == 32
    assert main(["content-pack", "keygen", "--out", str(key)]) == 2
    assert "never overwritten" in capsys.readouterr().err


def test_build_is_deterministic(tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "a.tar.gz", tmp_path / "b" / "b.tar.gz"
    assert main(["content-pack", "build", str(FIXTURE_CONTENT), "--out", str(first), "--version", "2026.11"]) == 0
    assert main(["content-pack", "build", str(FIXTURE_CONTENT), "--out", str(second), "--version", "2026.11"]) == 0
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as tar:
        members = tar.getmembers()
    assert [m.name for m in members] == ["pack.toml", "categories.toml", "demo/mau.toml"]
    assert {(m.mtime, m.uid, m.gid, m.mode) for m in members} == {(1_577_836_800, 0, 0, 0o644)}
    assert pack_version(first) == "2026.11"


def test_build_default_version_follows_the_content(tmp_path: Path) -> None:
    assert main(["content-pack", "build", str(FIXTURE_CONTENT), "--out", str(tmp_path / "a.tar.gz")]) == 0
    assert pack_version(tmp_path / "a.tar.gz").startswith("sha-")


def test_build_refuses_content_with_problems(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    (folder / "demo" / "hong.toml").write_text('id = "hong"\n', encoding="utf-8")
    assert main(["content-pack", "build", str(folder), "--out", str(tmp_path / "p.tar.gz")]) == 2
    error = capsys.readouterr().err
    assert "content problems, the first:" in error and "hong.toml" in error and len(error.splitlines()) == 1
    assert not (tmp_path / "p.tar.gz").exists()


def test_sign_writes_a_manifest_the_kiosk_accepts(tmp_path: Path, capsys) -> None:
    key, public = keygen(tmp_path, capsys)
    pack = tmp_path / "packs" / "c.tar.gz"
    main(["content-pack", "build", str(FIXTURE_CONTENT), "--out", str(pack), "--version", "v7"])
    out = tmp_path / "manifest.json"
    assert main(["content-pack", "sign", str(pack), "--key", str(key), "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    verify_signature(document, public)
    manifest = read_manifest(document)
    assert (manifest.version, manifest.pack, manifest.size) == ("v7", "packs/c.tar.gz", pack.stat().st_size)
    document["size"] += 1
    with pytest.raises(ManifestError, match="bad signature"):
        verify_signature(document, public)


def test_the_canonical_form_is_documented_json() -> None:
    document = {"version": "v1", "signature": "x", "b": "Phường", "a": 1}
    assert canonical_bytes(document) == '{"a":1,"b":"Phường","version":"v1"}'.encode()


def test_sign_with_an_absolute_base_url(tmp_path: Path, capsys) -> None:
    key, _ = keygen(tmp_path, capsys)
    pack = tmp_path / "c.tar.gz"
    main(["content-pack", "build", str(FIXTURE_CONTENT), "--out", str(pack)])
    out = tmp_path / "m.json"
    base = "https://cdn.example.org/kiosk/packs/"
    assert main(["content-pack", "sign", str(pack), "--key", str(key), "--base-url", base, "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["pack"] == "https://cdn.example.org/kiosk/packs/c.tar.gz"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["sign", "missing.tar.gz", "--key", "KEY"], "cannot read missing.tar.gz"),
        (["sign", "PACK", "--key", "nokey.pem"], "cannot read the key nokey.pem"),
        (["sign", "PACK", "--key", "PACK"], "is not a key written by `content-pack keygen`"),
        (["sign", "KEY", "--key", "KEY"], "a kiosk would refuse"),
        (["build", "nowhere", "--out", "x.tar.gz"], "content folder does not exist"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, argv: list[str], words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    key, _ = keygen(tmp_path, capsys)
    main(["content-pack", "build", str(FIXTURE_CONTENT), "--out", "p.tar.gz"])
    capsys.readouterr()
    argv = [{"KEY": str(key), "PACK": "p.tar.gz"}.get(word, word) for word in argv]
    assert main(["content-pack", *argv]) == 2
    error = capsys.readouterr().err
    assert words in error and len(error.strip().splitlines()) == 1 and "Traceback" not in error


def test_the_command_line_through_main_py(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "content-pack", "keygen"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "--out" in result.stderr and "Traceback" not in result.stderr
