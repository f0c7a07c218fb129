"""Helpers for the fleet tests: a store full of events, what a server received, and a scripted raw HTTP server."""

from __future__ import annotations

import json
import socket
import sqlite3
import ssl
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from google.protobuf.json_format import Parse
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest

from kiosk.usage.events import UsageEvent
from kiosk.usage.store import STORE_FILE, open_store
from tests.usage_support import make_event, utc

SESSION = "d" * 32


def filled_store(folder: Path, count: int) -> tuple[Path, list[UsageEvent]]:
    """A real kiosk store with `count` events a second apart; returns its path and the events."""
    path = folder / STORE_FILE
    start = utc(2026, 11, 3, 2, 0)
    events = [
        make_event("step_viewed", start + timedelta(seconds=i), SESSION, tutorial_id="vneid", step_index=i % 7)
        for i in range(count)
    ]
    store = open_store(path).store
    store.append(events)
    store.close()
    return path, events


def record_uids(body: bytes) -> list[str]:
    """The log.record.uid of every record in one request body, after checking it is valid OTLP."""
    request = Parse(body, ExportLogsServiceRequest())  # the official definitions: fails on anything not OTLP
    uids = []
    for resource_logs in request.resource_logs:
        for scope_logs in resource_logs.scope_logs:
            for record in scope_logs.log_records:
                uid = [item.value.string_value for item in record.attributes if item.key == "log.record.uid"]
                assert len(uid) == 1
                uids.append(uid[0])
    return uids


def delivered_ids(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT event_id FROM events WHERE delivered_at IS NOT NULL").fetchall()
    finally:
        connection.close()
    return {row[0] for row in rows}


def assert_delivered_exactly_once(bodies: list[bytes], path: Path, events: list[UsageEvent]) -> None:
    """Every event reached the server, once after de-duplication by uid, and the store marks exactly those."""
    received = [uid for body in bodies for uid in record_uids(body)]
    expected = {str(event.event_id) for event in events}
    assert set(received) == expected
    assert delivered_ids(path) == expected


def records(body: bytes) -> list[dict[str, object]]:
    document = json.loads(body)
    found: list[dict[str, object]] = document["resourceLogs"][0]["scopeLogs"][0]["logRecords"]
    return found


class ScriptedServer:
    """A raw HTTP/1.1 server: each new connection follows the next action of a script, then 'ok' for ever.

    Actions: 'ok' (read the request, answer 200 and close), 'drop-after-headers' (close before the body is read),
    'drop-after-body' (read and record the whole request, close without answering: a 200 the client never saw),
    'hang' (read and record the request, answer nothing until the test ends: the client times out).
    """

    def __init__(self, script: list[str]) -> None:
        self.script = list(script)
        self.bodies: list[bytes] = []
        self.headers: list[bytes] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._done.set()
        self._socket.close()
        for thread in self._threads:
            thread.join(5)

    def _accept(self) -> None:
        while not self._done.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with self._lock:
                action = self.script.pop(0) if self.script else "ok"
            thread = threading.Thread(target=self._serve, args=(connection, action), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, connection: socket.socket, action: str) -> None:
        with connection:
            head, rest = self._read_head(connection)
            if action == "drop-after-headers":
                return
            body = self._read_body(connection, head, rest)
            with self._lock:
                self.bodies.append(body)
                self.headers.append(head)
            if action == "drop-after-body":
                return
            if action == "hang":
                self._done.wait(10)
                return
            reply = b'{"partialSuccess":{}}'
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + f"Content-Length: {len(reply)}\r\n\r\n".encode()
                + reply
            )

    @staticmethod
    def _read_head(connection: socket.socket) -> tuple[bytes, bytes]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        return head, rest

    @staticmethod
    def _read_body(connection: socket.socket, head: bytes, body: bytes) -> bytes:
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(body) < length:
            chunk = connection.recv(65536)
            if not chunk:
                break
            body += chunk
        return body


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def self_signed_tls(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A server context for 'localhost' with a fresh self-signed certificate, and that certificate as a CA file."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "server.crt", folder / "server.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context, cert_file
