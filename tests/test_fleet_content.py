"""Signed content updates from a real local web server: good packs are staged, every bad one is refused."""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import json
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from kiosk.config import KioskConfig
from kiosk.content.loader import BUNDLED_CONTENT, load_catalog
from kiosk.fleet.content_update import ContentUpdater, content_updater_from_config
from kiosk.fleet.manifest import canonical_bytes, public_key_bytes, sign_manifest
from kiosk.fleet.pack import build
from kiosk.fleet.pointers import active_content_dir
from kiosk.fleet.unpack import Limits
from tests.conftest import FIXTURE_CONTENT
from tests.usage_support import WallClock

KEY = Ed25519PrivateKey.generate()
PUBLIC = base64.b64encode(public_key_bytes(KEY)).decode()
SEQUENCE = itertools.count(1_800_000_000)  # every manifest signed later has a higher sequence, as `sign` makes it


def manifest_for(data: bytes, version: str, key: Ed25519PrivateKey = KEY, **changes: Any) -> dict[str, Any]:
    document = {
        "version": version,
        "pack": f"packs/{version}.tar.gz",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "created": "2026-11-05T08:00:00+00:00",
        "sequence": next(SEQUENCE),
        "expires": "2030-01-01T00:00:00+00:00",
    }
    return sign_manifest(document | changes, key)


def good_pack(tmp_path: Path, version: str, title: str | None = None) -> bytes:
    """The fixture content (one tutorial), optionally with another title, built the way a province would."""
    folder = tmp_path / f"content-{version}"
    shutil.copytree(FIXTURE_CONTENT, folder)
    if title is not None:
        path = folder / "demo" / "mau.toml"
        text = path.read_text(encoding="utf-8")
        old = load_catalog(FIXTURE_CONTENT).tutorials[0].title.vi
        path.write_text(text.replace(old, title, 1), encoding="utf-8")
    out = tmp_path / f"{version}.tar.gz"
    build(folder, out, version)
    return out.read_bytes()


def tar_pack(entries: list[tarfile.TarInfo | tuple[str, bytes]]) -> bytes:
    """A .tar.gz of the fixture content plus hand-made entries."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in sorted(FIXTURE_CONTENT.rglob("*.toml")):
            tar.add(path, arcname=path.relative_to(FIXTURE_CONTENT).as_posix())
        for entry in entries:
            if isinstance(entry, tarfile.TarInfo):
                tar.addfile(entry)
            else:
                info = tarfile.TarInfo(entry[0])
                info.size = len(entry[1])
                tar.addfile(info, io.BytesIO(entry[1]))
    return buffer.getvalue()


class Site:
    """A static web server holding manifest.json and packs/."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.manifest: bytes = b""
        self.packs: dict[str, bytes] = {}
        self.pack_requests = 0
        server.expect_request("/manifest.json").respond_with_handler(self._manifest)
        server.expect_request("/packs/x", method="GET").respond_with_data("")  # placeholder, never used

    def publish(self, data: bytes, manifest: dict[str, Any] | bytes, served: bytes | None = None) -> None:
        self.manifest = manifest if isinstance(manifest, bytes) else json.dumps(manifest, indent=2).encode()
        name = json.loads(self.manifest)["pack"] if not isinstance(manifest, bytes) else "packs/none"
        self.packs[name] = data if served is None else served
        self.server.expect_request(f"/{name}").respond_with_handler(self._pack)

    def _manifest(self, request: Request) -> Response:
        etag = '"' + hashlib.sha256(self.manifest).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(self.manifest, content_type="application/json", headers={"ETag": etag})

    def _pack(self, request: Request) -> Response:
        self.pack_requests += 1
        return Response(self.packs[request.path.lstrip("/")], content_type="application/gzip")


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    return Site(httpserver)


@pytest.fixture
def make_updater(httpserver: HTTPServer, tmp_path: Path) -> Callable[..., ContentUpdater]:
    def make(**options: Any) -> ContentUpdater:
        settings: dict[str, Any] = {"clock": WallClock(), "sleep": lambda seconds: None}
        return ContentUpdater(httpserver.url_for("/"), PUBLIC, tmp_path / "content", **(settings | options))

    return make


def installed(site: Site, updater: ContentUpdater, tmp_path: Path, version: str = "v1") -> Path:
    """Publish and take a good pack: the kiosk now shows `version`."""
    data = good_pack(tmp_path, version, f"Bài {version}")
    site.publish(data, manifest_for(data, version))
    status = updater.check_now()
    assert not status.failed, status.message
    folder = updater.take_pending()
    assert folder is not None
    return folder


def test_a_good_pack_is_verified_staged_and_taken_once(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    data = good_pack(tmp_path, "2026.11.05", "Bài mới")
    site.publish(data, manifest_for(data, "2026.11.05"))
    status = updater.check_now()
    assert not status.failed
    assert "version 2026.11.05 (1 tutorials) checked" in (status.message or "")
    assert status.pending_version == "2026.11.05" and status.current_version == "2026.11.05"
    assert updater.pending() == tmp_path / "content" / "packs" / "2026.11.05"
    folder = updater.take_pending()
    assert folder == tmp_path / "content" / "packs" / "2026.11.05"
    assert updater.take_pending() is None and updater.status().pending_version is None
    catalog = load_catalog(folder)
    assert not catalog.problems and catalog.tutorials[0].title.vi == "Bài mới"
    assert active_content_dir(tmp_path / "content") == folder
    assert not (tmp_path / "content" / "tmp").exists()


def test_the_same_version_is_not_downloaded_again(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    installed(site, updater, tmp_path)
    updater._etag = None  # even without the ETag
    status = updater.check_now()
    assert "up to date (version v1)" in (status.message or "") and site.pack_requests == 1
    assert updater.take_pending() is None


def test_etag_304_does_nothing(site: Site, make_updater, tmp_path: Path, httpserver: HTTPServer) -> None:
    updater = make_updater()
    installed(site, updater, tmp_path)
    before = updater.status()
    status = updater.check_now()
    manifest_requests = [r for r, _ in httpserver.log if r.path == "/manifest.json"]
    assert manifest_requests[-1].headers.get("If-None-Match")
    assert site.pack_requests == 1
    assert (status.message, status.current_version, status.failed) == (before.message, "v1", False)
    assert updater.take_pending() is None


def refused(site: Site, updater: ContentUpdater, old: Path, expected: str) -> None:
    """The check failed with `expected` in the operator's message, and the old content is still the content."""
    status = updater.check_now()
    assert status.failed, status.message
    assert expected in (status.message or ""), status.message
    assert "current content kept" in (status.message or "")
    assert updater.take_pending() is None
    assert active_content_dir(updater.root) == old
    assert not load_catalog(old).problems
    assert sorted(path.name for path in (updater.root / "packs").iterdir()) == [old.name]


def test_bad_signature(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = good_pack(tmp_path, "v2")
    manifest = manifest_for(data, "v2")
    manifest["created"] = "2026-12-01T00:00:00+00:00"  # changed after signing
    site.publish(data, manifest)
    refused(site, updater, old, "bad signature")


def test_wrong_key(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = good_pack(tmp_path, "v2")
    site.publish(data, manifest_for(data, "v2", Ed25519PrivateKey.generate()))
    refused(site, updater, old, "wrong key: the manifest is signed with key")


def test_wrong_key_without_a_key_id_is_a_bad_signature(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = good_pack(tmp_path, "v2")
    manifest = manifest_for(data, "v2")
    del manifest["key_id"], manifest["signature"]
    signature = Ed25519PrivateKey.generate().sign(canonical_bytes(manifest))  # another key, no key_id to tell
    site.publish(data, manifest | {"signature": base64.b64encode(signature).decode()})
    refused(site, updater, old, "bad signature")


def test_hash_mismatch(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = good_pack(tmp_path, "v2")
    site.publish(data, manifest_for(data, "v2", sha256="0" * 64))
    refused(site, updater, old, "hash mismatch")


def test_truncated_download(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = good_pack(tmp_path, "v2")
    site.publish(data, manifest_for(data, "v2"), served=data[:-100])
    refused(site, updater, old, f"truncated download: got {len(data) - 100} of {len(data)} bytes")


def test_a_download_bigger_than_the_manifest_says(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = good_pack(tmp_path, "v2")
    site.publish(data, manifest_for(data, "v2"), served=data + b"\0" * 100_000)
    refused(site, updater, old, "too large: the download is bigger than the manifest's")


def test_a_download_that_takes_too_long(site: Site, make_updater, tmp_path: Path) -> None:
    ticks = iter(range(0, 100_000, 1000))
    updater = make_updater(monotonic=lambda: float(next(ticks)), download_limit_s=600)
    old = installed(site, make_updater(), tmp_path)
    data = good_pack(tmp_path, "v2")
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, "the download took longer than 600 s")


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (("../evil.toml", b"x"), "path traversal entry '../evil.toml'"),
        (("demo/../../evil.toml", b"x"), "path traversal entry 'demo/../../evil.toml'"),
        (("/etc/evil.toml", b"x"), "absolute path entry '/etc/evil.toml'"),
        (("demo/run.sh", b"x"), "unexpected entry 'demo/run.sh'"),
        (("a/b/c.toml", b"x"), "unexpected entry 'a/b/c.toml'"),
    ],
)
def test_unsafe_names_are_refused(
    site: Site, make_updater, tmp_path: Path, entry: tuple[str, bytes], expected: str
) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = tar_pack([entry])
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, expected)
    assert not (tmp_path / "evil.toml").exists() and not (tmp_path / "content" / "evil.toml").exists()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [(tarfile.SYMTYPE, "symlink 'demo/link.toml'"), (tarfile.LNKTYPE, "hard link 'demo/link.toml'")],
)
def test_links_are_refused(site: Site, make_updater, tmp_path: Path, kind: bytes, expected: str) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    link = tarfile.TarInfo("demo/link.toml")
    link.type, link.linkname = kind, "/etc/passwd"
    data = tar_pack([link])
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, expected)


def test_devices_are_refused(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    device = tarfile.TarInfo("demo/null.toml")
    device.type = tarfile.CHRTYPE
    data = tar_pack([device])
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, "device or special file 'demo/null.toml'")


def test_a_pack_over_the_configured_size_is_not_downloaded(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater(max_pack_bytes=1000)
    old = installed(site, make_updater(), tmp_path)
    data = good_pack(tmp_path, "v2")
    site.publish(data, manifest_for(data, "v2", size=5_000_000))
    refused(site, updater, old, "too large: the pack is 5000000 bytes, the limit is 0 MB")
    assert site.pack_requests == 1  # only v1's


def test_a_pack_that_unpacks_too_large(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater(limits=Limits(max_files=100, max_bytes=1024 * 1024))
    old = installed(site, updater, tmp_path)
    data = tar_pack([("demo/big.toml", b"#" * (2 * 1024 * 1024))])  # compresses to a few KB
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, "too large: more than 1 MB once unpacked")


def test_a_pack_with_too_many_files(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater(limits=Limits(max_files=3))
    old = installed(site, updater, tmp_path)
    data = tar_pack([(f"demo/extra-{n}.toml", b"") for n in range(5)])
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, "too large: more than 3 files")


def test_a_pack_whose_tutorials_fail_validation(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    data = tar_pack([("demo/hong.toml", b'id = "hong"\n')])
    site.publish(data, manifest_for(data, "v2"))
    refused(site, updater, old, "tutorial problems, the first: demo/hong.toml:")


def test_a_manifest_that_is_not_json(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    old = installed(site, updater, tmp_path)
    site.publish(b"", b"<html>not found</html>")
    refused(site, updater, old, "the manifest is not JSON: Expecting value: line 1 column 1 (char 0)")


def test_an_http_error(httpserver: HTTPServer, make_updater, tmp_path: Path) -> None:
    httpserver.expect_request("/manifest.json").respond_with_data("gone", status=404)
    status = make_updater().check_now()
    assert status.failed and "HTTP error: the content server answered 404 for manifest.json" in (status.message or "")
    assert active_content_dir(tmp_path / "content") is None


def test_a_zip_pack_works_and_a_zip_symlink_is_refused(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()

    def zip_pack(extra: zipfile.ZipInfo | None = None) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path in sorted(FIXTURE_CONTENT.rglob("*.toml")):
                archive.write(path, path.relative_to(FIXTURE_CONTENT).as_posix())
            if extra is not None:
                archive.writestr(extra, "/etc/passwd")
        return buffer.getvalue()

    data = zip_pack()
    site.publish(data, manifest_for(data, "z1", pack="packs/z1.zip"))
    assert not updater.check_now().failed
    old = updater.take_pending()
    link = zipfile.ZipInfo("demo/link.toml")
    link.external_attr = 0o120777 << 16
    data = zip_pack(link)
    site.publish(data, manifest_for(data, "z2", pack="packs/z2.zip"))
    assert old is not None
    refused(site, updater, old, "symlink 'demo/link.toml'")


def test_rollback_to_the_previous_pack_then_the_bundled_content(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    first = installed(site, updater, tmp_path, "v1")
    second = installed(site, updater, tmp_path, "v2")
    assert updater.status().previous_version == "v1"
    assert updater.rollback() == first
    assert updater.take_pending() == first
    assert active_content_dir(updater.root) == first
    assert load_catalog(first).tutorials[0].title.vi == "Bài v1"
    status = updater.check_now()  # the server still offers v2: it must not come straight back
    assert "Version v2 was rolled back" in (status.message or "") and site.pack_requests == 2
    assert updater.take_pending() is None
    assert updater.rollback() == BUNDLED_CONTENT
    assert updater.take_pending() == BUNDLED_CONTENT
    assert active_content_dir(updater.root) is None
    assert not second.exists() or second.name == "v2"


def test_a_newer_pack_after_a_rollback_is_taken(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    installed(site, updater, tmp_path, "v1")
    installed(site, updater, tmp_path, "v2")
    updater.rollback()
    updater.take_pending()
    third = installed(site, updater, tmp_path, "v3")
    assert active_content_dir(updater.root) == third
    assert updater.status().previous_version == "v1"
    assert sorted(path.name for path in (updater.root / "packs").iterdir()) == ["v1", "v3"]


def test_only_current_and_previous_are_kept(site: Site, make_updater, tmp_path: Path) -> None:
    updater = make_updater()
    for version in ("v1", "v2", "v3"):
        installed(site, updater, tmp_path, version)
    assert sorted(path.name for path in (updater.root / "packs").iterdir()) == ["v2", "v3"]


def test_the_background_thread_checks_and_stops(site: Site, httpserver: HTTPServer, tmp_path: Path) -> None:
    import threading

    data = good_pack(tmp_path, "v1")
    site.publish(data, manifest_for(data, "v1"))
    checked = threading.Event()
    updater = ContentUpdater(
        httpserver.url_for("/"), PUBLIC, tmp_path / "content", sleep=lambda seconds: checked.set() or checked.wait(10)
    )
    updater.start()
    assert checked.wait(10)
    updater.stop()
    assert updater.take_pending() == tmp_path / "content" / "packs" / "v1"


def test_from_config(tmp_path: Path) -> None:
    assert content_updater_from_config(KioskConfig(data_dir=tmp_path)) is None
    config = KioskConfig(data_dir=tmp_path, content_url="https://example.org/kiosk", content_public_key=PUBLIC)
    updater = content_updater_from_config(config)
    assert updater is not None
    assert updater.manifest_url == "https://example.org/kiosk/manifest.json"
    assert updater.root == tmp_path / "content" and updater.max_pack_bytes == 50 * 1024 * 1024
