# ruff: noqa: F811  (pytest fixtures imported from test_fleet_content)
"""Signed content that still must not be installed: replays, freezes, mixed-up packs, bombs; and key rotation."""

from __future__ import annotations

import base64
import io
import shutil
import tarfile
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytest_httpserver import HTTPServer

from kiosk.fleet.content_update import ContentUpdater
from kiosk.fleet.manifest import public_key_bytes
from kiosk.fleet.pack import PublishError, build
from tests.conftest import FIXTURE_CONTENT
from tests.test_fleet_content import (  # noqa: F401
    KEY,
    PUBLIC,
    Site,
    good_pack,
    installed,
    make_updater,
    manifest_for,
    refused,
    site,
    tar_pack,
)
from tests.usage_support import WallClock, utc


def test_a_replayed_older_signed_manifest_is_refused(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old_data = good_pack(tmp_path, "2026.11.01", "Bài cũ")
    old_manifest = manifest_for(old_data, "2026.11.01")
    new = installed(site, updater, tmp_path, "2026.12.01")  # signed later: a higher sequence
    site.publish(old_data, old_manifest)  # a CDN cache or a plain-http hop replays the superseded pack
    refused(site, updater, new, "older than")


def test_the_highest_version_survives_a_restart(site: Site, make_updater, tmp_path: Path) -> None:
    old_data = good_pack(tmp_path, "2026.11.01", "Bài cũ")
    old_manifest = manifest_for(old_data, "2026.11.01")
    new = installed(site, make_updater(), tmp_path, "2026.12.01")
    site.publish(old_data, old_manifest)
    refused(site, make_updater(), new, "older than")  # a new updater: a restarted kiosk


def test_an_expired_manifest_is_refused(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater(clock=WallClock(utc(2026, 12, 20)))
    old = installed(site, updater, tmp_path, "v1")
    data = good_pack(tmp_path, "v2")
    site.publish(data, manifest_for(data, "v2", expires="2026-12-01T00:00:00+00:00"))
    refused(site, updater, old, "expired")


def test_a_manifest_without_expiry_or_sequence_is_refused(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path, "v1")
    data = good_pack(tmp_path, "v2")
    bare = {key: value for key, value in manifest_for(data, "v2").items() if key not in ("expires", "signature")}
    from kiosk.fleet.manifest import sign_manifest

    site.publish(data, sign_manifest(bare, KEY))
    refused(site, updater, old, "expires")


def test_the_same_sequence_with_another_pack_is_refused(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    first = good_pack(tmp_path, "v1", "Một")
    manifest = manifest_for(first, "v1")
    site.publish(first, manifest)
    assert not updater.check_now().failed
    old = updater.take_pending()
    assert old is not None
    other = good_pack(tmp_path, "v1b", "Hai")
    site.publish(other, manifest_for(other, "v1b", sequence=manifest["sequence"]))
    refused(site, updater, old, "same sequence")


def test_the_key_can_be_rotated(site: Site, tmp_path: Path, httpserver: HTTPServer) -> None:
    new_key = Ed25519PrivateKey.generate()
    new_public = base64.b64encode(public_key_bytes(new_key)).decode()
    both = ContentUpdater(httpserver.url_for("/"), [PUBLIC, new_public], tmp_path / "content", clock=WallClock())
    data = good_pack(tmp_path, "v2")
    site.publish(data, manifest_for(data, "v2", key=new_key))
    status = both.check_now()
    assert not status.failed, status.message
    only_new = ContentUpdater(httpserver.url_for("/"), [new_public], tmp_path / "content", clock=WallClock())
    data = good_pack(tmp_path, "v3")
    site.publish(data, manifest_for(data, "v3"))  # signed with the retired key
    status = only_new.check_now()
    assert status.failed and "wrong key" in (status.message or "")


# --- signed packs that still hurt --------------------------------------------------------------------------------


def test_a_pax_header_bomb_is_refused_before_it_is_read(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    bomb = tarfile.TarInfo("demo/bomb.toml")
    bomb.pax_headers = {"comment": "x" * (20 * 1024 * 1024)}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(bomb, io.BytesIO(b""))
    data = buffer.getvalue()
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, "header")


def test_a_pack_with_too_many_folder_entries_is_refused(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    entries = []
    for number in range(5000):
        folder = tarfile.TarInfo(f"d{number}")
        folder.type = tarfile.DIRTYPE
        entries.append(folder)
    data = tar_pack(entries)
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, "entries")


def test_a_deeply_nested_tutorial_in_a_pack_is_a_problem_not_a_crash(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = tar_pack([("demo/deep.toml", b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n")])
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, "deeper than")


def test_a_zip_written_by_writestr_is_accepted(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(FIXTURE_CONTENT.rglob("*.toml")):
            archive.writestr(path.relative_to(FIXTURE_CONTENT).as_posix(), path.read_bytes())
    data = buffer.getvalue()
    site.publish(data, manifest_for(data, "z1", pack="packs/z1.zip"))
    status = updater.check_now()
    assert not status.failed, status.message


def test_build_refuses_nested_toml_with_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    (folder / "demo" / "deep.toml").write_bytes(b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n")
    try:
        build(folder, tmp_path / "out.tar.gz", "v1")
    except PublishError as error:
        assert "deep.toml" in str(error) and "deeper than" in str(error)
    else:
        raise AssertionError("a pack with a nested file was built")
