"""A raw HTTP server on 127.0.0.1 that answers every request with the same hostile bytes, optionally trickled."""

from __future__ import annotations

import socket
import threading
import time
import zlib


def http_reply(body: bytes, status: str = "200 OK", headers: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Connection: close", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def gzip_bomb(megabytes: int) -> bytes:
    """A small gzip body that inflates to `megabytes` MB of spaces (valid JSON whitespace)."""
    block = b" " * (1024 * 1024)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(block) for _ in range(megabytes)]
    parts.append(packer.compress(b"{}") + packer.flush())
    return b"".join(parts)


class HostileServer:
    """Serves `reply` to every connection after reading the request; `trickle_s` > 0 sends it byte by byte."""

    def __init__(self, reply: bytes, trickle_s: float = 0.0) -> None:
        self.reply = reply
        self.trickle_s = trickle_s
        self.requests: list[bytes] = []
        self._done = threading.Event()
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._done.set()
        self._socket.close()

    def _accept(self) -> None:
        while not self._done.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = connection.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                self.requests.append(data)
                if self.trickle_s <= 0:
                    connection.sendall(self.reply)
                    return
                for index in range(len(self.reply)):
                    if self._done.is_set():
                        return
                    connection.sendall(self.reply[index : index + 1])
                    time.sleep(self.trickle_s)
            except OSError:
                return
