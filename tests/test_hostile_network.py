"""Every byte from the network is bounded before it is parsed or inflated; workers survive any reply."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

from kiosk.fleet.content_update import ContentUpdater
from kiosk.fleet.help_notice import HelpNotifier
from kiosk.fleet.uploader import Uploader, token_source
from tests.fleet_support import filled_store
from tests.hostile_support import HostileServer, gzip_bomb, http_reply
from tests.test_fleet_content import PUBLIC
from tests.usage_support import WallClock


class Serve(Protocol):
    """The `serve` fixture: a hostile server that sends `reply`, closed after the test."""

    def __call__(self, reply: bytes, trickle_s: float = 0.0) -> HostileServer: ...


def updater_for(server: HostileServer, tmp_path: Path, timeout_s: float = 30.0) -> ContentUpdater:
    return ContentUpdater(server.url, PUBLIC, tmp_path / "content", clock=WallClock(), timeout_s=timeout_s)


@pytest.fixture
def serve() -> Iterator[Serve]:
    servers: list[HostileServer] = []

    def start(reply: bytes, trickle_s: float = 0.0) -> HostileServer:
        server = HostileServer(reply, trickle_s)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


# --- the manifest ----------------------------------------------------------------------------------------------


def test_a_gzip_manifest_is_never_inflated(serve: Serve, tmp_path: Path) -> None:
    server = serve(http_reply(gzip_bomb(20), headers={"Content-Encoding": "gzip"}))
    status = updater_for(server, tmp_path).check_now()
    assert status.failed
    assert "compressed" in (status.message or "")
    assert b"accept-encoding: identity" in server.requests[0].lower()


def test_a_manifest_larger_than_its_limit_is_cut_off(serve: Serve, tmp_path: Path) -> None:
    server = serve(http_reply(b" " * 10_000_000))
    status = updater_for(server, tmp_path).check_now()
    assert status.failed and "larger than 64 KB" in (status.message or "")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"version": "v1", "size": 1' + b"0" * 5000 + b"}", "number"),
        (b"[" * 10_000 + b"]" * 10_000, "nested"),
        (b'{"size": 1e999}', "number"),
        (b'{"size": NaN}', "number"),
    ],
)
def test_a_hostile_manifest_is_refused_and_the_worker_lives(
    serve: Serve, tmp_path: Path, body: bytes, expected: str
) -> None:
    server = serve(http_reply(body))
    updater = updater_for(server, tmp_path)
    status = updater.check_now()
    assert status.failed
    assert expected in (status.message or "")


def test_a_trickled_manifest_is_cut_off_at_the_total_deadline(serve: Serve, tmp_path: Path) -> None:
    server = serve(http_reply(b"{" + b" " * 200 + b"}"), trickle_s=0.05)
    updater = updater_for(server, tmp_path, timeout_s=1.0)
    started = time.monotonic()
    status = updater.check_now()
    assert time.monotonic() - started < 3.0
    assert status.failed and "took longer than 1 s" in (status.message or "")


def test_a_redirected_manifest_is_not_followed_silently(serve: Serve, tmp_path: Path) -> None:
    server = serve(http_reply(b"", "302 Found", {"Location": "https://elsewhere.example/manifest.json"}))
    status = updater_for(server, tmp_path).check_now()
    assert status.failed
    assert "redirect" in (status.message or "") and "elsewhere.example" in (status.message or "")


def test_the_update_worker_reports_even_an_unexpected_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    updater = ContentUpdater("http://127.0.0.1:9", PUBLIC, tmp_path / "content", clock=WallClock())

    def broken() -> None:
        raise RecursionError("deep")

    monkeypatch.setattr(updater, "_check", broken)
    status = updater.check_now()
    assert status.failed and "RecursionError" in (status.message or "")


# --- upload replies ---------------------------------------------------------------------------------------------


def uploader_for(
    server: HostileServer, tmp_path: Path, timeout_s: float = 10.0, max_backoff_s: float = 300.0
) -> Uploader:
    path, _ = filled_store(tmp_path, 3)
    return Uploader(
        path, server.url, lambda: None, sleep=lambda seconds: None, timeout_s=timeout_s, max_backoff_s=max_backoff_s
    )


@pytest.mark.parametrize(
    "body",
    [
        b'{"partialSuccess": {"rejectedLogRecords": 1e999}}',
        b'{"partialSuccess": {"rejectedLogRecords": "' + b"9" * 5000 + b'"}}',
        b'{"partialSuccess": {"rejectedLogRecords": ' + b"9" * 5000 + b"}}",
        b'{"partialSuccess": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"partialSuccess": {"rejectedLogRecords": -1e308, "errorMessage": ' + b"[1]" + b"}}",
    ],
)
def test_a_hostile_upload_reply_never_kills_the_upload(serve: Serve, tmp_path: Path, body: bytes) -> None:
    server = serve(http_reply(body, headers={"Content-Type": "application/json"}))
    uploader = uploader_for(server, tmp_path)
    uploader.drain()
    uploader.close()
    status = uploader.status()
    assert status.delivered == 3  # a 2xx: the server has the batch, whatever its body says
    assert status.backlog == 0


def test_a_gzip_upload_reply_is_never_inflated(serve: Serve, tmp_path: Path) -> None:
    server = serve(http_reply(gzip_bomb(20), headers={"Content-Encoding": "gzip"}))
    uploader = uploader_for(server, tmp_path)
    uploader.drain()
    uploader.close()
    assert b"accept-encoding: identity" in server.requests[0].lower()
    assert uploader.status().delivered == 3


def test_a_trickled_upload_reply_is_cut_off(serve: Serve, tmp_path: Path) -> None:
    server = serve(http_reply(b"{" + b" " * 400 + b"}"), trickle_s=0.05)
    uploader = uploader_for(server, tmp_path, timeout_s=1.0, max_backoff_s=1.0)
    uploader._stopping.set()  # one attempt only
    started = time.monotonic()
    reply = uploader._post(b"{}")
    uploader.close()
    assert time.monotonic() - started < 3.0
    assert reply.kind == "retry" and "1 s" in (reply.message or "")


def test_an_upload_redirect_is_a_stop_with_a_clear_message(serve: Serve, tmp_path: Path) -> None:
    server = serve(http_reply(b"", "301 Moved", {"Location": "https://new.example/v1/logs"}))
    uploader = uploader_for(server, tmp_path)
    uploader.drain()
    uploader.close()
    status = uploader.status()
    assert status.halted and status.delivered == 0
    assert "redirect" in (status.last_error or "") and "new.example" in (status.last_error or "")


def test_the_upload_worker_survives_an_unexpected_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = filled_store(tmp_path, 3)
    uploader = Uploader(path, "http://127.0.0.1:9", lambda: None, sleep=lambda seconds: None, interval_s=0.05)

    def broken(body: bytes) -> None:
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(uploader, "_post", broken)
    uploader.start()
    deadline = time.monotonic() + 5
    while uploader.status().last_error is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert uploader._thread is not None and uploader._thread.is_alive()
    uploader.stop()
    assert "OverflowError" in (uploader.status().last_error or "")


# --- secrets ----------------------------------------------------------------------------------------------------


def test_a_token_file_with_two_lines_never_shows_the_token(serve: Serve, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("s3cr3t-line-one\ns3cr3t-line-two\n", encoding="utf-8")
    server = serve(http_reply(b"{}"))
    path, _ = filled_store(tmp_path, 3)
    uploader = Uploader(path, server.url, token_source(token_file, None), sleep=lambda seconds: None)
    uploader.drain()
    uploader.close()
    message = uploader.status().last_error or ""
    assert str(token_file) in message and "one line" in message
    assert "s3cr3t" not in message


# --- the help webhook -------------------------------------------------------------------------------------------


def notifier(url: str) -> HelpNotifier:
    return HelpNotifier(url, "kiosk-07", "Phường 1", timeout=1.0, retries=1, backoff=0.0, sleep=lambda s: None)


def test_a_webhook_redirect_is_not_delivered(serve) -> None:
    server = serve(http_reply(b"", "302 Found", {"Location": "https://new.example/hook"}))
    help_notice = notifier(server.url + "/hook")
    help_notice.notify()
    assert help_notice.wait_until_idle(10)
    help_notice.close()
    assert help_notice.delivered == 0 and help_notice.failed == 1
    assert "redirect" in help_notice.last_problem and "new.example" in help_notice.last_problem


def test_the_webhook_url_credentials_never_reach_logs_or_the_operator(
    serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    server = serve(http_reply(b"no", "404 Not Found"))
    url = f"http://user:pa55word@127.0.0.1:{server.port}/bot123456:SECRETTOKEN/sendMessage?key=QUERYSECRET"
    help_notice = notifier(url)
    with caplog.at_level(logging.DEBUG):
        help_notice.notify()
        assert help_notice.wait_until_idle(10)
    help_notice.close()
    said = help_notice.last_problem + caplog.text
    assert "404" in help_notice.last_problem
    for secret in ("pa55word", "SECRETTOKEN", "QUERYSECRET", "user:"):
        assert secret not in said


def test_a_gzip_webhook_reply_is_never_read(serve) -> None:
    server = serve(http_reply(gzip_bomb(20), headers={"Content-Encoding": "gzip"}))
    help_notice = notifier(server.url)
    help_notice.notify()
    assert help_notice.wait_until_idle(10)
    help_notice.close()
    assert help_notice.delivered == 1, help_notice.last_problem


def test_a_trickled_webhook_reply_meets_the_total_deadline(serve) -> None:
    server = serve(http_reply(b"ok" * 200), trickle_s=0.05)
    help_notice = notifier(server.url)  # 1 s in all per attempt, one retry
    started = time.monotonic()
    help_notice.notify()
    assert help_notice.wait_until_idle(10)
    help_notice.close()
    assert time.monotonic() - started < 4.0
    assert help_notice.failed == 1 and "ReadTimeout" in help_notice.last_problem
