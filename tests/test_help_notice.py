"""The ward webhook for "Gọi hỗ trợ", against a real local HTTP server: delivered, retried, never blocking."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from kiosk.fleet.help_notice import HelpNotifier

TAP_TIME = datetime(2026, 11, 24, 2, 30, 5, tzinfo=UTC)
NOTICE = {"kiosk_id": "ben-thanh-01", "ward": "Phường Bến Thành", "time": "2026-11-24T02:30:05Z"}


MADE: list[HelpNotifier] = []


@pytest.fixture(autouse=True)
def _close_notifiers() -> Iterator[None]:
    yield
    while MADE:
        MADE.pop().close()


def notifier(url: str, sleeps: list[float] | None = None, **options: float) -> HelpNotifier:
    recorded = sleeps if sleeps is not None else []
    made = HelpNotifier(
        url, "ben-thanh-01", "Phường Bến Thành", clock=lambda: TAP_TIME, sleep=recorded.append, **options
    )
    MADE.append(made)
    return made


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_the_notice_arrives_as_json(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/help", method="POST", json=NOTICE).respond_with_data("ok")
    help_notice = notifier(httpserver.url_for("/help"))
    help_notice.notify()
    assert help_notice.wait_until_idle(10)
    httpserver.check_assertions()
    assert (help_notice.delivered, help_notice.failed, help_notice.last_problem) == (1, 0, "")
    request = httpserver.log[0][0]
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.data) == NOTICE  # nothing else: no resident data, no session id


def test_notify_returns_at_once_while_the_server_is_slow(httpserver: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(10)
        return Response("ok")

    httpserver.expect_oneshot_request("/help", method="POST").respond_with_handler(slow)
    help_notice = notifier(httpserver.url_for("/help"))
    started = time.perf_counter()
    help_notice.notify()
    elapsed = time.perf_counter() - started
    assert not help_notice.wait_until_idle(0.2)  # the worker is still waiting for the server
    release.set()
    assert help_notice.wait_until_idle(10)
    assert elapsed < 0.05
    assert help_notice.delivered == 1


def test_a_server_error_is_retried_and_the_notice_delivered_once(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/help", method="POST", json=NOTICE).respond_with_data("busy", status=500)
    httpserver.expect_oneshot_request("/help", method="POST", json=NOTICE).respond_with_data("ok", status=200)
    sleeps: list[float] = []
    help_notice = notifier(httpserver.url_for("/help"), sleeps)
    help_notice.notify()
    assert help_notice.wait_until_idle(10)
    httpserver.check_assertions()
    assert len(httpserver.log) == 2
    assert (help_notice.delivered, help_notice.failed) == (1, 0)
    assert sleeps == [1.0]


def test_a_server_that_is_down_costs_nothing_but_a_logged_failure() -> None:
    sleeps: list[float] = []
    help_notice = notifier(f"http://127.0.0.1:{closed_port()}/help", sleeps, timeout=0.5)
    started = time.perf_counter()
    help_notice.notify()
    assert time.perf_counter() - started < 0.05
    assert help_notice.wait_until_idle(20)
    assert (help_notice.delivered, help_notice.failed) == (0, 1)
    assert help_notice.last_problem.startswith("cannot reach http://127.0.0.1:")
    assert sleeps == [1.0, 2.0, 4.0]  # three retries with exponential backoff


def test_a_rejected_notice_is_not_sent_again(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/help", method="POST").respond_with_data("no", status=404)
    help_notice = notifier(httpserver.url_for("/help"))
    help_notice.notify()
    assert help_notice.wait_until_idle(10)
    assert len(httpserver.log) == 1
    assert help_notice.last_problem.endswith("answered 404")


def test_two_calls_are_two_notices_on_one_thread(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/help", method="POST", json=NOTICE).respond_with_data("ok")
    help_notice = notifier(httpserver.url_for("/help"))
    help_notice.notify()
    worker = help_notice._thread
    help_notice.notify()
    assert help_notice.wait_until_idle(10)
    assert help_notice.delivered == 2
    assert worker is not None and worker.name == "help-webhook" and help_notice._thread is worker


def test_httpx_is_not_imported_until_a_notice_is_sent() -> None:
    probe = "import sys, kiosk.fleet.help_notice; print('httpx' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
