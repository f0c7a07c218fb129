"""Peak RSS growth of the kiosk's network workers under hostile replies (issue 13: must stay under 50 MB).

    .venv/bin/python bench/hostile_rss.py

A child process (its memory is not counted) builds the hostile replies and serves them on 127.0.0.1: a
400 KB gzip manifest that inflates to 400 MB, a manifest with a 5,000-digit number, a 10 KB nested manifest,
signed packs with a PAX-header bomb and with 300,000 folder entries, and upload replies with a 400 MB gzip
bomb and `rejectedLogRecords: 1e999`. This process runs the real ContentUpdater and Uploader against them and
reads the kernel's peak-RSS counter (VmHWM, reset before each case through /proc/self/clear_refs).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import multiprocessing
import socket
import sys
import tarfile
import tempfile
import threading
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.fleet.content_update import ContentUpdater
from kiosk.fleet.manifest import public_key_bytes, sign_manifest
from kiosk.fleet.uploader import Uploader
from kiosk.usage.events import UsageEvent
from kiosk.usage.store import STORE_FILE, open_store

KEY = Ed25519PrivateKey.generate()
PUBLIC = base64.b64encode(public_key_bytes(KEY)).decode()
MB = 1024 * 1024


def reply(body: bytes, status: str = "200 OK", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Connection: close", f"Content-Length: {len(body)}"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def gzip_of(pieces: int, piece: bytes, tail: bytes = b"") -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [packer.compress(piece) for _ in range(pieces)]
    return b"".join([*out, packer.compress(tail), packer.flush()])


def signed(pack: bytes, version: str) -> bytes:
    document = {
        "version": version,
        "pack": "pack.tar.gz",
        "size": len(pack),
        "sha256": hashlib.sha256(pack).hexdigest(),
        "created": "2026-11-30T00:00:00+00:00",
        "sequence": int(time.time()),
        "expires": "2099-01-01T00:00:00+00:00",
    }
    return json.dumps(sign_manifest(document, KEY)).encode()


def pax_bomb() -> bytes:
    """A .tar.gz whose one PAX header inflates to 300 MB, written without holding it in memory."""
    header_len = 300 * MB
    record = b"comment="
    length = len(record) + 1 + header_len + 1
    size_text = str(length + len(str(length)) + 1).encode()
    prefix = size_text + b" " + record
    info = tarfile.TarInfo("././@PaxHeader")
    info.type, info.size = tarfile.XHDTYPE, len(prefix) + header_len + 1
    head = info.tobuf(tarfile.USTAR_FORMAT)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(head + prefix)]
    parts += [packer.compress(b"x" * MB) for _ in range(header_len // MB)]
    parts.append(packer.compress(b"\n" + b"\0" * (512 - (info.size % 512)) + b"\0" * 1024) + packer.flush())
    return b"".join(parts)


def many_folders(count: int) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for number in range(count):
            folder = tarfile.TarInfo(f"d{number}")
            folder.type = tarfile.DIRTYPE
            tar.addfile(folder)
    return buffer.getvalue()


def routes() -> dict[str, bytes]:
    pax, folders = pax_bomb(), many_folders(300_000)
    return {
        "/gzip/manifest.json": reply(gzip_of(400, b" " * MB, b"{}"), Content_Encoding="gzip"),
        "/bignum/manifest.json": reply(b'{"size": 1' + b"0" * 5000 + b"}"),
        "/deep/manifest.json": reply(b"[" * 5000 + b"]" * 5000),
        "/pax/manifest.json": reply(signed(pax, "pax")),
        "/pax/pack.tar.gz": reply(pax),
        "/dirs/manifest.json": reply(signed(folders, "dirs")),
        "/dirs/pack.tar.gz": reply(folders),
        "/upgzip/v1/logs": reply(gzip_of(400, b" " * MB, b"{}"), Content_Encoding="gzip"),
        "/upinf/v1/logs": reply(b'{"partialSuccess": {"rejectedLogRecords": 1e999}}'),
    }


def serve(port_out: multiprocessing.connection.Connection) -> None:
    table = routes()
    server = socket.create_server(("127.0.0.1", 0))
    port_out.send(server.getsockname()[1])

    def answer(connection: socket.socket) -> None:
        with connection:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                data += chunk
            path = data.split(b" ", 2)[1].decode()
            with contextlib.suppress(OSError):
                connection.sendall(table.get(path, reply(b"", "404 Not Found")))

    while True:
        connection, _ = server.accept()
        threading.Thread(target=answer, args=(connection,), daemon=True).start()


def peak_reset() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def measure(name: str, action: object) -> float:
    before = kb("VmRSS")
    peak_reset()
    outcome = action()  # type: ignore[operator]
    growth = (kb("VmHWM") - before) / 1024
    print(f"{name:<34} peak RSS growth {growth:6.1f} MB   {str(outcome)[:110]}")
    return growth


def five_events(folder: Path) -> Path:
    store = open_store(folder / STORE_FILE).store
    store.append(
        [
            UsageEvent.model_validate(
                {"event_id": f"00000000-0000-4000-8000-{n:012d}", "kiosk_id": "k", "time": "2026-11-30T00:00:00Z"}
                | {"name": "session_started"}
            )
            for n in range(5)
        ]
    )
    store.close()
    return folder / STORE_FILE


def main() -> int:
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(child,), daemon=True)
    server.start()
    port = parent.recv()
    base = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="hostile-rss-"))
    ContentUpdater(f"{base}/warm/", PUBLIC, work / "warm").check_now()  # imports and first connection
    worst = 0.0
    for case in ("gzip", "bignum", "deep", "pax", "dirs"):
        updater = ContentUpdater(f"{base}/{case}/", PUBLIC, work / f"content-{case}", timeout_s=20)
        worst = max(worst, measure(f"manifest/pack: {case}", lambda u=updater: u.check_now().message))
    for case in ("upgzip", "upinf"):
        uploader = Uploader(five_events(work / case), f"{base}/{case}", lambda: None, sleep=lambda s: None)

        def drain(u: Uploader = uploader) -> str:
            u.drain()
            u.close()
            status = u.status()
            return f"delivered {status.delivered}; {status.last_error}"

        worst = max(worst, measure(f"upload reply: {case}", drain))
    server.terminate()
    print(f"worst peak RSS growth: {worst:.1f} MB (limit 50 MB)")
    return 0 if worst < 50 else 1


if __name__ == "__main__":
    sys.exit(main())
