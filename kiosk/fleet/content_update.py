"""Signed content updates: one background thread polls `{url}/manifest.json` and stages new packs.

A pack is used only after every check passed: the manifest's Ed25519 signature (the configured key), the pack's
size and SHA-256 (downloaded streaming, with size and time limits), a safe unpack, and the kiosk's own loader
finding no problem at all. It is then staged as `content_root/packs/<version>/` and the pointer file
`content_root/current` (written to a temp file, then os.replace) names it; `content_root/previous` names the
version before, kept for `rollback()`; the bundled tutorials are the last fallback. The running kiosk swaps only
between resident sessions: its attract screen asks `take_pending()` for the folder to load. Any failure leaves
the current content in place and `status().message` says exactly why.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from kiosk.content.loader import BUNDLED_CONTENT
from kiosk.fleet.bounded import ReplyError, error_words, read_body, redirect_problem, total_deadline
from kiosk.fleet.bounded import client as bounded_client
from kiosk.fleet.manifest import Manifest, ManifestError, parse_json, read_manifest, verify_signature
from kiosk.fleet.pointers import CURRENT, PREVIOUS, SKIP, pack_dir, read_pointer, write_pointer
from kiosk.fleet.unpack import DEFAULT_LIMITS, Limits, PackError, unpack_and_validate
from kiosk.system.clock import MonotonicClock, WallClock
from kiosk.system.safe_files import UnreadableFileError, read_small_file
from kiosk.usage.events import utc_now

if TYPE_CHECKING:
    import httpx

    from kiosk.config import KioskConfig

MAX_MANIFEST_BYTES = 64 * 1024
ACCEPTED = "accepted.json"  # the highest manifest sequence accepted, with its version and pack hash


@dataclass(frozen=True)
class Accepted:
    sequence: int = 0
    version: str = ""
    sha256: str = ""


def read_accepted(content_root: Path) -> Accepted:
    """The newest manifest this kiosk accepted; a missing file is a kiosk that never accepted one."""
    path = content_root / ACCEPTED
    try:
        raw = read_small_file(path, 4096) if path.exists() or path.is_symlink() else b"{}"
        document = json.loads(raw)
        sequence = document.get("sequence", 0)
        return Accepted(int(sequence), str(document.get("version", "")), str(document.get("sha256", "")))
    except (UnreadableFileError, ValueError, TypeError, AttributeError):
        # Damage must not reopen the door to old packs: refuse everything until a manifest is re-signed.
        return Accepted(2**53 - 1, "(unreadable accepted.json)", "")


def write_accepted(content_root: Path, manifest: Manifest) -> None:
    from kiosk.system.atomic import write_atomically  # here: a start without an update never needs it

    record = {"sequence": manifest.sequence, "version": manifest.version, "sha256": manifest.sha256}
    content_root.mkdir(parents=True, exist_ok=True)
    write_atomically(content_root / ACCEPTED, json.dumps(record).encode())


class UpdateError(Exception):
    """Why this check changed nothing, in plain words for the operator."""


@dataclass(frozen=True)
class UpdateStatus:
    """What the operator area shows; a snapshot, safe to read from any thread."""

    enabled: bool
    current_version: str | None = None  # the staged pack the kiosk starts with; None: the bundled tutorials
    previous_version: str | None = None  # what rollback() returns to; None: the bundled tutorials
    pending_version: str | None = None  # staged but not yet shown (waiting for the attract screen)
    last_check: datetime | None = None
    last_update: datetime | None = None
    message: str | None = None  # the last result in plain words
    failed: bool = False  # the message is an error


class ContentUpdater:
    """Poll a static web server for signed content packs on one background thread and stage them."""

    def __init__(
        self,
        base_url: str,
        public_key_b64: str | Sequence[str],
        content_root: Path,
        *,
        interval_s: float = 3600.0,
        max_pack_bytes: int = 50 * 1024 * 1024,
        limits: Limits = DEFAULT_LIMITS,
        timeout_s: float = 30.0,
        download_limit_s: float = 600.0,
        clock: WallClock = utc_now,
        monotonic: MonotonicClock = time.monotonic,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.manifest_url = urljoin(self.base_url, "manifest.json")
        self._host = urlsplit(self.base_url).hostname or self.base_url
        self._key = public_key_b64
        self.root = content_root
        self.interval_s, self.max_pack_bytes, self.limits = interval_s, max_pack_bytes, limits
        self.timeout_s, self.download_limit_s = timeout_s, download_limit_s
        self._clock, self._monotonic = clock, monotonic
        self._stopping = threading.Event()
        self._sleep = sleep or self._stopping.wait
        self._lock = threading.Lock()
        self._etag: str | None = None
        self._pending: Path | None = None
        self._status = UpdateStatus(enabled=True)
        self._thread: threading.Thread | None = None
        self._client: httpx.Client | None = None
        self._refresh_versions()

    # --- any thread ---------------------------------------------------------

    def status(self) -> UpdateStatus:
        with self._lock:
            return self._status

    def pending(self) -> Path | None:
        """The folder waiting to be shown, without taking it."""
        with self._lock:
            return self._pending

    def take_pending(self) -> Path | None:
        """The folder to load now (call only between resident sessions); None: nothing new."""
        with self._lock:
            folder, self._pending = self._pending, None
            self._status = replace(self._status, pending_version=None)
        return folder

    def rollback(self) -> Path:
        """Return to the previous pack (else the bundled tutorials); it becomes pending. Returns its folder."""
        with self._lock:
            current, previous = read_pointer(self.root, CURRENT), read_pointer(self.root, PREVIOUS)
            folder = pack_dir(self.root, previous)
            if current is not None:
                write_pointer(self.root, SKIP, current)  # the poll must not bring it straight back
            write_pointer(self.root, CURRENT, previous if folder is not None else None)
            write_pointer(self.root, PREVIOUS, None)
            self._pending = folder or BUNDLED_CONTENT
            self._etag = None  # read the manifest afresh: the rolled-back version must be seen and skipped
            target = f"version {previous}" if folder is not None else "the bundled tutorials"
            message = f"Rolled back from version {current or '(bundled)'} to {target}; shown from the next session."
            self._status = replace(self._status, message=message, failed=False)
            pending = self._pending
        self._refresh_versions()
        return pending

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="content-update", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _refresh_versions(self) -> None:
        with self._lock:
            current, previous = read_pointer(self.root, CURRENT), read_pointer(self.root, PREVIOUS)
            pending = (
                None if self._pending is None else "bundled" if self._pending == BUNDLED_CONTENT else self._pending.name
            )
            self._status = replace(
                self._status, current_version=current, previous_version=previous, pending_version=pending
            )

    def _report(self, message: str, failed: bool, updated: bool = False) -> None:
        with self._lock:
            now = self._clock()
            last_update = now if updated else self._status.last_update
            self._status = replace(
                self._status, last_check=now, last_update=last_update, message=message, failed=failed
            )
        self._refresh_versions()

    # --- worker thread ------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                self.check_now()
                self._sleep(self.interval_s)
        finally:
            if self._client is not None:
                self._client.close()

    def check_now(self) -> UpdateStatus:
        """One poll, on the calling thread (the worker, or a test): fetch, check and stage, or say why not."""
        try:
            message, updated = self._check()
        except (UpdateError, ManifestError, PackError, ReplyError) as error:
            self._etag = None  # try the same manifest again next time
            self._report(f"Content update refused, current content kept: {error}.", failed=True)
        except OSError as error:
            self._etag = None
            self._report(f"Content update failed, current content kept: cannot write {error}.", failed=True)
        except Exception as error:  # the worker must outlive any reply; the operator sees what happened
            self._etag = None
            self._report(f"Content update failed, current content kept: {type(error).__name__}.", failed=True)
        else:
            if message is not None:
                self._report(message, failed=False, updated=updated)
            else:
                self._report(self.status().message or "No new content.", failed=self.status().failed)
        return self.status()

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = bounded_client(self.timeout_s)
        return self._client

    def _check(self) -> tuple[str | None, bool]:
        """(message, staged); message None: nothing changed (304)."""
        document, etag = self._fetch_manifest()
        if document is None:
            return None, False
        verify_signature(document, self._key)
        manifest = read_manifest(document)
        self._check_fresh(manifest)
        if manifest.version in (read_pointer(self.root, CURRENT), self._pending_name()):
            self._etag = etag
            if manifest.sequence > read_accepted(self.root).sequence:
                write_accepted(self.root, manifest)  # re-signed before it expired: remember the newer sequence
            return f"Content is up to date (version {manifest.version}).", False
        if manifest.version == read_pointer(self.root, SKIP):
            self._etag = etag
            return f"Version {manifest.version} was rolled back; waiting for a newer pack.", False
        count = self._install(manifest)
        write_accepted(self.root, manifest)
        self._etag = etag
        return f"Content version {manifest.version} ({count} tutorials) checked; shown from the next session.", True

    def _check_fresh(self, manifest: Manifest) -> None:
        """Refuse an expired manifest (freeze), an older one (rollback) and another pack under the same sequence."""
        now = self._clock()
        if now > manifest.expires:
            raise UpdateError(
                f"the manifest expired on {manifest.expires:%Y-%m-%d %H:%M} UTC: the server may be replaying old "
                "content (or the province must sign it again); check the kiosk's clock too"
            )
        accepted = read_accepted(self.root)
        if manifest.sequence < accepted.sequence:
            raise UpdateError(
                f"rollback refused: the manifest (version {manifest.version}, sequence {manifest.sequence}) is "
                f"older than the content already accepted (version {accepted.version}, sequence {accepted.sequence})"
            )
        same = (manifest.version, manifest.sha256) == (accepted.version, accepted.sha256)
        if manifest.sequence == accepted.sequence and not same:
            raise UpdateError(
                f"the manifest has the same sequence ({manifest.sequence}) as the accepted version "
                f"{accepted.version} but names another pack: refused"
            )

    def _pending_name(self) -> str | None:
        pending = self.pending()
        return pending.name if pending is not None else None

    def _fetch_manifest(self) -> tuple[dict[str, object] | None, str | None]:
        import httpx

        headers = {"If-None-Match": self._etag[:200]} if self._etag else {}
        try:
            with (
                total_deadline(self.timeout_s),
                self._http().stream("GET", self.manifest_url, headers=headers) as reply,
            ):
                if reply.status_code == 304:
                    return None, self._etag
                if (redirect := redirect_problem(reply, "content_url")) is not None:
                    raise UpdateError(f"manifest.json: {redirect}")
                if reply.status_code != 200:
                    raise UpdateError(f"HTTP error: the content server answered {reply.status_code} for manifest.json")
                body = read_body(reply, MAX_MANIFEST_BYTES, "the manifest")
                etag = reply.headers.get("ETag")
        except httpx.TimeoutException:
            raise UpdateError(f"the manifest took longer than {self.timeout_s:g} s") from None
        except httpx.HTTPError as error:
            raise UpdateError(f"cannot reach the content server {self._host}: {error_words(error)}") from None
        return parse_json(body), etag

    def _install(self, manifest: Manifest) -> int:
        if manifest.size > self.max_pack_bytes:
            limit = self.max_pack_bytes // (1024 * 1024)
            raise UpdateError(f"too large: the pack is {manifest.size} bytes, the limit is {limit} MB")
        work = self.root / "tmp"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        try:
            archive = work / "pack"
            self._download(manifest, archive)
            count = unpack_and_validate(archive, work / "unpacked", self.limits)
            self._stage(manifest.version, work / "unpacked")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return count

    def _download(self, manifest: Manifest, target: Path) -> None:
        """Stream the pack to `target`, checking size, time and SHA-256."""
        import httpx

        url = urljoin(self.base_url, manifest.pack)
        if urlsplit(url).scheme not in ("http", "https"):
            raise UpdateError(f"the manifest's pack address '{manifest.pack}' is not an http(s) URL")
        digest, received = hashlib.sha256(), 0
        deadline = self._monotonic() + self.download_limit_s
        try:
            with (
                total_deadline(self.download_limit_s),
                self._http().stream("GET", url) as response,
                target.open("wb") as out,
            ):
                if (redirect := redirect_problem(response, "the manifest's pack address")) is not None:
                    raise UpdateError(f"the pack: {redirect}")
                if response.status_code != 200:
                    raise UpdateError(f"HTTP error: the content server answered {response.status_code} for the pack")
                encoding = response.headers.get("Content-Encoding", "identity").lower()
                if encoding not in ("", "identity"):
                    raise UpdateError(f"the pack came compressed in transit ({encoding[:20]}); serve it as it is")
                for chunk in response.iter_raw():  # as bytes arrive: a trickle meets the deadline below
                    received += len(chunk)
                    if received > manifest.size:
                        raise UpdateError(
                            f"too large: the download is bigger than the manifest's {manifest.size} bytes"
                        )
                    if self._monotonic() > deadline:
                        raise UpdateError(f"the download took longer than {self.download_limit_s:g} s")
                    digest.update(chunk)
                    out.write(chunk)
        except httpx.TimeoutException:
            raise UpdateError(f"the download took longer than {self.download_limit_s:g} s") from None
        except httpx.HTTPError as error:
            raise UpdateError(
                f"truncated download: the connection broke after {received} of {manifest.size} bytes "
                f"({error_words(error)})"
            ) from None
        if received < manifest.size:
            raise UpdateError(f"truncated download: got {received} of {manifest.size} bytes")
        if digest.hexdigest() != manifest.sha256:
            raise UpdateError(
                f"hash mismatch: the pack's SHA-256 is {digest.hexdigest()}, the manifest says {manifest.sha256}"
            )

    def _stage(self, version: str, unpacked: Path) -> None:
        """Move the checked folder into packs/, then switch the pointers; the previous version is kept."""
        target = self.root / "packs" / version
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(unpacked, target)
        with self._lock:
            current = read_pointer(self.root, CURRENT)
            if current is not None and current != version:
                write_pointer(self.root, PREVIOUS, current)
            write_pointer(self.root, CURRENT, version)
            self._pending = target
        self._prune()

    def _prune(self) -> None:
        """Delete staged versions other than current and previous."""
        keep = {read_pointer(self.root, CURRENT), read_pointer(self.root, PREVIOUS)}
        for folder in (self.root / "packs").iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)


def content_updater_from_config(config: KioskConfig) -> ContentUpdater | None:
    """The updater the config asks for, or None when content updates are off (no content_url)."""
    if config.content_url is None or config.content_public_key is None:
        return None
    return ContentUpdater(
        config.content_url,
        config.content_public_key,
        config.data_dir / "content",
        interval_s=config.content_poll_interval_s,
        max_pack_bytes=config.content_max_pack_mb * 1024 * 1024,
    )
