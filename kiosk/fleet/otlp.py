"""Usage events as an OTLP/HTTP JSON `ExportLogsServiceRequest`, the body any OpenTelemetry Collector accepts.

The OTLP JSON mapping: field names in lowerCamelCase, 64-bit integers (times, intValue) as decimal strings,
enums as numbers. Each event becomes one log record: its time, body = the event name, every non-null field as an
attribute, and its UUID as `log.record.uid` so the receiving side can drop the duplicates a retry may send.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from kiosk.usage.events import UsageEvent
from kiosk.usage.schema import to_us

SERVICE_NAME = "kiosk-so"
SCOPE_NAME = "kiosk.usage"
SEVERITY_INFO = 9  # SEVERITY_NUMBER_INFO
FALLBACK_VERSION = "0.1.0"
# Fields carried elsewhere in the record: the UUID as log.record.uid, the time as timeUnixNano.
_NOT_ATTRIBUTES = frozenset({"event_id", "time"})


def kiosk_version() -> str:
    """The installed kiosk-so version, or the source tree's when it is not installed."""
    try:
        return metadata.version("kiosk-so")
    except metadata.PackageNotFoundError:
        return FALLBACK_VERSION


def any_value(value: bool | int | str) -> dict[str, Any]:
    """One OTLP AnyValue; bool before int, since a bool is an int in Python."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    return {"stringValue": value}


def key_value(key: str, value: bool | int | str) -> dict[str, Any]:
    return {"key": key, "value": any_value(value)}


def log_record(event: UsageEvent) -> dict[str, Any]:
    """One event as an OTLP LogRecord; observed time = event time, so a re-sent record is byte-identical."""
    nanos = str(to_us(event.time) * 1000)
    attributes = [key_value("log.record.uid", str(event.event_id))]
    for name, value in event:
        if name not in _NOT_ATTRIBUTES and value is not None:
            attributes.append(key_value(name, value))
    return {
        "timeUnixNano": nanos,
        "observedTimeUnixNano": nanos,
        "severityNumber": SEVERITY_INFO,
        "severityText": "INFO",
        "body": {"stringValue": event.name},
        "attributes": attributes,
    }


def export_request(events: Sequence[UsageEvent], kiosk_id: str, ward: str, version: str) -> dict[str, Any]:
    """The ExportLogsServiceRequest for one batch: one resource (this kiosk), one scope, one record per event."""
    resource = [
        key_value("service.name", SERVICE_NAME),
        key_value("service.version", version),
        key_value("kiosk.id", kiosk_id),
        key_value("kiosk.ward", ward),
    ]
    scope = {"name": SCOPE_NAME, "version": version}
    return {
        "resourceLogs": [
            {
                "resource": {"attributes": resource},
                "scopeLogs": [{"scope": scope, "logRecords": [log_record(event) for event in events]}],
            }
        ]
    }


def export_body(events: Sequence[UsageEvent], kiosk_id: str, ward: str, version: str) -> bytes:
    """The request as compact UTF-8 JSON bytes."""
    document = export_request(events, kiosk_id, ward, version)
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
