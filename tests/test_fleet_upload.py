"""The usage upload against real local HTTP servers: every failure ends with each event delivered exactly once."""

from __future__ import annotations

import email.utils
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from kiosk.config import KioskConfig
from kiosk.fleet.otlp import export_body
from kiosk.fleet.uploader import TokenError, Uploader, token_source, uploader_from_config
from kiosk.usage.events import UsageEvent
from kiosk.usage.store import STORE_FILE, open_store
from tests.fleet_support import (
    ScriptedServer,
    assert_delivered_exactly_once,
    filled_store,
    free_port,
    record_uids,
    records,
    self_signed_tls,
)
from tests.usage_support import WallClock

TOKEN = "s3cret-token-value"
EVENTS = 23
BATCH = 10


class Collector:
    """A pytest-httpserver handler that records every body and answers from a script, then 200."""

    def __init__(self, script: list[Response] | None = None) -> None:
        self.script = list(script or [])
        self.bodies: list[bytes] = []
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.bodies.append(request.get_data())
        self.requests.append(request)
        if self.script:
            return self.script.pop(0)
        return Response("{}", status=200, content_type="application/json")


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, list[UsageEvent]]:
    return filled_store(tmp_path, EVENTS)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_uploader(store: tuple[Path, list[UsageEvent]], sleeps: list[float]) -> Iterator[Callable[..., Uploader]]:
    made: list[Uploader] = []

    def make(endpoint: str, **options: object) -> Uploader:
        settings: dict[str, object] = {
            "batch_size": BATCH,
            "timeout_s": 0.2,
            "clock": WallClock(),
            "sleep": sleeps.append,
            "random": lambda: 0.5,
            "kiosk_id": "k1",
            "ward": "Phường Bến Thành",
        }
        uploader = Uploader(store[0], endpoint, lambda: TOKEN, **(settings | options))  # type: ignore[arg-type]
        made.append(uploader)
        return uploader

    yield make
    for uploader in made:
        uploader.stop()
        uploader.close()


def serve(httpserver: HTTPServer, collector: Collector) -> str:
    httpserver.expect_request("/v1/logs", method="POST").respond_with_handler(collector)
    return httpserver.url_for("/").rstrip("/")


def test_normal_delivery(httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store, sleeps) -> None:
    collector = Collector()
    uploader = make_uploader(serve(httpserver, collector))
    assert uploader.status().backlog is None
    uploader.drain()
    assert_delivered_exactly_once(collector.bodies, *store)
    assert [len(records(body)) for body in collector.bodies] == [10, 10, 3]
    request = collector.requests[0]
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    status = uploader.status()
    assert (status.backlog, status.delivered, status.last_error, sleeps) == (0, EVENTS, None, [])
    assert status.last_success == WallClock().now


def test_batches_go_oldest_first_and_only_undelivered(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store
) -> None:
    collector = Collector()
    uploader = make_uploader(serve(httpserver, collector))
    uploader.drain()
    uploader.drain()  # nothing left: no request
    assert len(collector.bodies) == 3
    sent = [uid for body in collector.bodies for uid in record_uids(body)]
    assert sent == [str(event.event_id) for event in store[1]]


def test_every_body_is_valid_otlp_with_the_kiosk_resource(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader]
) -> None:
    from google.protobuf.json_format import Parse
    from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest

    collector = Collector()
    make_uploader(serve(httpserver, collector)).drain()
    assert collector.bodies
    for body in collector.bodies:
        request = Parse(body, ExportLogsServiceRequest())
        resource = {a.key: a.value.string_value for a in request.resource_logs[0].resource.attributes}
        assert resource["service.name"] == "kiosk-so"
        assert resource["kiosk.id"] == "k1"
        assert resource["kiosk.ward"] == "Phường Bến Thành"
        assert resource["service.version"]
        scope = request.resource_logs[0].scope_logs[0]
        assert scope.scope.name == "kiosk.usage"
        record = scope.log_records[0]
        assert record.severity_number == 9 and record.severity_text == "INFO"
        assert record.body.string_value == "step_viewed"
        assert record.time_unix_nano >= 1_793_671_200_000_000_000
        attributes = {a.key: a.value for a in record.attributes}
        assert attributes["step_index"].WhichOneof("value") == "int_value"
        assert attributes["assisted"].WhichOneof("value") == "bool_value"
        assert attributes["tutorial_id"].string_value == "vneid"
        assert "correct" not in attributes  # null fields are left out


def test_json_mapping_uses_strings_for_64_bit_integers(store) -> None:
    event = store[1][0]
    body = json.loads(export_body([event], "k1", "", "1.0"))
    record = body["resourceLogs"][0]["scopeLogs"][0]["logRecords"][0]
    assert record["timeUnixNano"] == "1793671200000000000"
    assert record["observedTimeUnixNano"] == record["timeUnixNano"]
    step_index = next(a for a in record["attributes"] if a["key"] == "step_index")
    assert step_index["value"] == {"intValue": "0"}
    uid = next(a for a in record["attributes"] if a["key"] == "log.record.uid")
    assert uid["value"] == {"stringValue": str(event.event_id)}


def test_server_down_then_up(make_uploader: Callable[..., Uploader], store, sleeps) -> None:
    port = free_port()
    server = HTTPServer(host="127.0.0.1", port=port)
    collector = Collector()
    server.expect_request("/v1/logs", method="POST").respond_with_handler(collector)

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 3:
            server.start()  # the server comes up during the third wait

    uploader = make_uploader(f"http://127.0.0.1:{port}", sleep=sleep)
    try:
        uploader.drain()
    finally:
        server.stop() if server.is_running() else None
    assert sleeps == [0.5, 1.0, 2.0]  # full jitter (random 0.5) of 1, 2, 4 s
    assert_delivered_exactly_once(collector.bodies, *store)


def test_backoff_is_capped(make_uploader: Callable[..., Uploader], sleeps) -> None:
    uploader = make_uploader(f"http://127.0.0.1:{free_port()}", max_backoff_s=3, random=lambda: 1.0)

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 5:
            uploader.stop()

    uploader._sleep = sleep
    uploader.drain()
    assert sleeps == [1.0, 2.0, 3.0, 3.0, 3.0]
    assert "cannot reach the upload server 127.0.0.1" in (uploader.status().last_error or "")


def test_500_is_not_retried_until_the_operator_retries(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store, sleeps
) -> None:
    """The OTLP spec allows retries only for 429, 502, 503, 504: a 500 stops and is reported."""
    collector = Collector([Response("boom", status=500)])
    uploader = make_uploader(serve(httpserver, collector))
    uploader.drain()
    status = uploader.status()
    assert len(collector.bodies) == 1 and sleeps == []
    assert status.halted and "HTTP 500" in (status.last_error or "")
    assert status.backlog == EVENTS
    uploader.drain()  # still halted: nothing sent
    assert len(collector.bodies) == 1
    uploader.retry_now()
    uploader.drain()
    assert_delivered_exactly_once(collector.bodies, *store)
    assert not uploader.status().halted


def test_503_waits_what_retry_after_says(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store, sleeps
) -> None:
    collector = Collector([Response("busy", status=503, headers={"Retry-After": "7"})])
    make_uploader(serve(httpserver, collector)).drain()
    assert sleeps == [7.0]
    assert_delivered_exactly_once(collector.bodies, *store)


def test_retry_after_as_an_http_date(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store, sleeps
) -> None:
    clock = WallClock()
    when = email.utils.format_datetime(clock.now.replace(second=30), usegmt=True)
    collector = Collector([Response("busy", status=503, headers={"Retry-After": when})])
    make_uploader(serve(httpserver, collector), clock=clock).drain()
    assert sleeps == [30.0]
    assert_delivered_exactly_once(collector.bodies, *store)


@pytest.mark.parametrize("code", [429, 502, 504])
def test_retryable_statuses_back_off(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store, sleeps, code: int
) -> None:
    collector = Collector([Response("", status=code), Response("", status=code)])
    uploader = make_uploader(serve(httpserver, collector))
    uploader.drain()
    assert sleeps == [0.5, 1.0]
    assert_delivered_exactly_once(collector.bodies, *store)
    assert uploader.status().last_error is None


def test_timeout_is_retried(make_uploader: Callable[..., Uploader], store, sleeps) -> None:
    server = ScriptedServer(["hang"])
    try:
        uploader = make_uploader(server.url)
        uploader.drain()
    finally:
        server.close()
    assert sleeps == [0.5]
    assert len(server.bodies) == 4  # the batch that timed out, sent again, then two more
    assert_delivered_exactly_once(server.bodies, *store)


def test_connection_dropped_mid_request(make_uploader: Callable[..., Uploader], store, sleeps) -> None:
    server = ScriptedServer(["drop-after-headers"])
    try:
        make_uploader(server.url).drain()
    finally:
        server.close()
    assert sleeps == [0.5]
    assert len(server.bodies) == 3
    assert_delivered_exactly_once(server.bodies, *store)


def test_a_200_the_kiosk_never_saw_sends_the_batch_twice(make_uploader: Callable[..., Uploader], store, sleeps) -> None:
    server = ScriptedServer(["drop-after-body"])
    try:
        make_uploader(server.url).drain()
    finally:
        server.close()
    assert len(server.bodies) == 4
    assert server.bodies[0] == server.bodies[1]  # the same batch, byte for byte
    assert len(record_uids(server.bodies[0])) == BATCH
    assert_delivered_exactly_once(server.bodies, *store)


def test_400_stops_and_says_why(httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store) -> None:
    collector = Collector([Response("bad", status=400)])
    uploader = make_uploader(serve(httpserver, collector))
    uploader.drain()
    status = uploader.status()
    assert status.halted and "malformed (HTTP 400)" in (status.last_error or "")
    uploader.retry_now()
    uploader.drain()
    assert_delivered_exactly_once(collector.bodies, *store)


@pytest.mark.parametrize(("code", "words"), [(401, "upload token"), (403, "does not allow")])
def test_auth_failures_stop_and_never_show_the_token(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], code: int, words: str
) -> None:
    collector = Collector([Response("no", status=code)])
    uploader = make_uploader(serve(httpserver, collector))
    uploader.drain()
    status = uploader.status()
    assert status.halted and words in (status.last_error or "")
    assert TOKEN not in repr(status)


def test_413_halves_the_batch(httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store, sleeps) -> None:
    collector = Collector([Response("", status=413), Response("", status=413)])
    uploader = make_uploader(serve(httpserver, collector))
    uploader.drain()
    assert [len(records(body)) for body in collector.bodies[:3]] == [10, 5, 2]
    assert uploader.status().batch_size == 2
    assert sleeps == []
    assert_delivered_exactly_once(collector.bodies, *store)
    uploader.retry_now()
    assert uploader.status().batch_size == BATCH


def test_413_for_a_single_event_stops(httpserver: HTTPServer, make_uploader: Callable[..., Uploader]) -> None:
    collector = Collector([Response("", status=413)] * 5)
    uploader = make_uploader(serve(httpserver, collector), batch_size=2)
    uploader.drain()
    status = uploader.status()
    assert [len(records(body)) for body in collector.bodies] == [2, 1]
    assert status.halted and "even for a single event" in (status.last_error or "")


def test_partial_success_is_delivered_not_resent_and_reported(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store
) -> None:
    rejection = {"partialSuccess": {"rejectedLogRecords": "2", "errorMessage": "attribute too long"}}
    collector = Collector([Response(json.dumps(rejection), status=200, content_type="application/json")])
    uploader = make_uploader(serve(httpserver, collector))
    uploader.drain()
    assert len(collector.bodies) == 3  # the batch with rejections was not sent again
    assert_delivered_exactly_once(collector.bodies, *store)
    status = uploader.status()
    assert status.rejected == 2
    assert status.last_error is None  # the later, fully accepted batches cleared it


def test_partial_success_message_is_shown(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], tmp_path: Path
) -> None:
    rejection = {"partialSuccess": {"rejectedLogRecords": "1", "errorMessage": "attribute too long"}}
    collector = Collector([Response(json.dumps(rejection), status=200)])
    uploader = make_uploader(serve(httpserver, collector), batch_size=100)
    uploader.drain()
    status = uploader.status()
    assert "rejected 1 events: attribute too long" in (status.last_error or "")
    assert status.backlog == 0


def test_a_token_that_cannot_be_read_stops_without_sending(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], tmp_path: Path
) -> None:
    collector = Collector()
    missing = tmp_path / "token"
    uploader = make_uploader(serve(httpserver, collector))
    uploader._token = token_source(missing, None)
    uploader.drain()
    status = uploader.status()
    assert status.halted and str(missing) in (status.last_error or "")
    assert collector.bodies == []


def test_token_source_reads_file_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(f"{TOKEN}\n", encoding="utf-8")
    assert token_source(token_file, "UNUSED")() == TOKEN
    monkeypatch.setenv("KIOSK_TOKEN", TOKEN)
    assert token_source(None, "KIOSK_TOKEN")() == TOKEN
    assert token_source(None, None)() is None
    monkeypatch.delenv("KIOSK_TOKEN")
    with pytest.raises(TokenError, match="KIOSK_TOKEN") as raised:
        token_source(None, "KIOSK_TOKEN")()
    token_file.write_text("", encoding="utf-8")
    with pytest.raises(TokenError, match="is empty"):
        token_source(token_file, None)()
    assert TOKEN not in str(raised.value)


def test_without_a_token_no_authorization_header(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader]
) -> None:
    collector = Collector()
    uploader = make_uploader(serve(httpserver, collector))
    uploader._token = lambda: None
    uploader.drain()
    assert "Authorization" not in collector.requests[0].headers


def test_events_written_while_uploading_are_sent_next_round(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], store
) -> None:
    collector = Collector()
    uploader = make_uploader(serve(httpserver, collector))
    uploader.drain()
    more_path, more = filled_store(store[0].parent / "more", 4)
    writer = open_store(store[0]).store  # the kiosk's own connection keeps writing to the same file
    writer.append(more)
    writer.close()
    uploader.drain()
    assert_delivered_exactly_once(collector.bodies, store[0], store[1] + more)
    assert more_path != store[0]


def test_the_background_thread_drains_and_stops(httpserver: HTTPServer, store, tmp_path: Path) -> None:
    arrived = threading.Event()
    collector = Collector()

    def handler(request: Request) -> Response:
        response = collector(request)
        if len(collector.bodies) == 3:
            arrived.set()
        return response

    httpserver.expect_request("/v1/logs", method="POST").respond_with_handler(handler)
    uploader = Uploader(store[0], httpserver.url_for("/"), lambda: TOKEN, batch_size=BATCH, interval_s=3600)
    uploader.start()
    assert arrived.wait(10)
    uploader.stop()
    assert threading.current_thread().name != "usage-upload"
    assert_delivered_exactly_once(collector.bodies, *store)
    assert uploader.status().backlog == 0


def test_a_missing_store_is_waited_for(httpserver: HTTPServer, tmp_path: Path) -> None:
    uploader = Uploader(tmp_path / "none" / STORE_FILE, httpserver.url_for("/"), lambda: TOKEN)
    uploader.drain()
    assert uploader.status().backlog is None
    assert not (tmp_path / "none").exists()


def test_from_config_is_off_by_default(tmp_path: Path) -> None:
    assert uploader_from_config(KioskConfig(data_dir=tmp_path), tmp_path / STORE_FILE) is None
    config = KioskConfig(data_dir=tmp_path, upload_endpoint="https://otel.example.org:4318/", upload_batch_size=7)
    uploader = uploader_from_config(config, tmp_path / STORE_FILE)
    assert uploader is not None
    assert uploader.url == "https://otel.example.org:4318/v1/logs"
    assert uploader.status().batch_size == 7 and uploader.status().enabled


def test_a_missing_ca_file_stops_and_says_which(
    httpserver: HTTPServer, make_uploader: Callable[..., Uploader], tmp_path: Path
) -> None:
    collector = Collector()
    uploader = make_uploader(serve(httpserver, collector), ca_file=tmp_path / "ca.pem")
    uploader.drain()
    status = uploader.status()
    assert status.halted and f"the CA file {tmp_path / 'ca.pem'} cannot be used" in (status.last_error or "")
    assert collector.bodies == []


def test_tls_is_verified_and_a_ca_file_is_honoured(tmp_path: Path, store, sleeps: list[float]) -> None:
    """An https server with a certificate nobody trusts gets nothing; with its CA in upload_ca_file it gets all."""
    context, ca_file = self_signed_tls(tmp_path)
    server = HTTPServer(host="localhost", port=0, ssl_context=context)
    collector = Collector()
    server.expect_request("/v1/logs", method="POST").respond_with_handler(collector)
    server.start()
    try:
        url = f"https://localhost:{server.port}"
        untrusted = Uploader(store[0], url, lambda: TOKEN, sleep=lambda seconds: untrusted.stop(), timeout_s=2)
        untrusted.drain()
        assert collector.bodies == []
        assert "CERTIFICATE_VERIFY_FAILED" in (untrusted.status().last_error or "")
        trusted = Uploader(store[0], url, lambda: TOKEN, ca_file=ca_file, sleep=sleeps.append, timeout_s=2)
        trusted.drain()
        trusted.close()
    finally:
        server.stop()
    assert sleeps == []
    assert_delivered_exactly_once(collector.bodies, *store)
