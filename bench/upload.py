"""Draining a days-long upload backlog: time and peak memory to send 100,000 events in batches of 500.

Run: .venv/bin/python bench/upload.py [--events 100000] [--batch 500]
The receiving server is a tiny http.server in a separate process (so its memory is not counted), answering 200
and counting the log.record.uid it received. Pass 1 measures time; pass 2 re-marks every event undelivered and
drains again under tracemalloc for the Python peak. ru_maxrss is the whole process's peak resident size.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.fleet.uploader import Uploader
from kiosk.usage.events import UsageEvent
from kiosk.usage.store import STORE_FILE, open_store

SERVER = r"""
import http.server, sys
received = 0
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global received
        body = self.rfile.read(int(self.headers["Content-Length"]))
        received += body.count(b'"log.record.uid"')
        self._reply(b"{}")
    def do_GET(self):
        self._reply(str(received).encode())
    def _reply(self, data):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def fill(path: Path, count: int) -> None:
    store = open_store(path).store
    start = datetime(2026, 11, 1, tzinfo=UTC)
    session = uuid.uuid4().hex
    for first in range(0, count, 10_000):
        store.append(
            [
                UsageEvent(
                    event_id=uuid.uuid4(),
                    kiosk_id="kiosk-01",
                    session_id=session,
                    time=start + timedelta(seconds=number),
                    name="step_viewed",
                    tutorial_id="vneid-cai-dat",
                    step_id=f"buoc-{number % 9}",
                    step_index=number % 9,
                    language="vi",
                    dwell_ms=4000 + number % 5000,
                    text_size=125,
                )
                for number in range(first, min(first + 10_000, count))
            ]
        )
    store.close()


def reset(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("UPDATE events SET delivered_at = NULL")
    connection.commit()
    connection.close()


def drain(path: Path, url: str, batch: int) -> tuple[float, int]:
    uploader = Uploader(path, url, lambda: "bench-token", batch_size=batch)
    started = time.perf_counter()
    uploader.drain()
    elapsed = time.perf_counter() - started
    uploader.close()
    status = uploader.status()
    assert status.backlog == 0 and status.last_error is None, status
    return elapsed, status.delivered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / STORE_FILE
            fill(path, args.events)
            size_mb = path.stat().st_size / 1e6
            elapsed, delivered = drain(path, url, args.batch)
            reset(path)
            tracemalloc.start()
            drain(path, url, args.batch)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        received = int(urllib.request.urlopen(url).read())
    finally:
        server.terminate()
        server.wait()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store: {args.events} events, {size_mb:.1f} MB; batch {args.batch}")
    print(f"drain: {elapsed:.2f} s ({delivered / elapsed:,.0f} events/s, {args.events // args.batch} requests)")
    print(f"server received {received} records over both passes (expected {2 * args.events})")
    print(f"peak memory: tracemalloc {peak / 1e6:.1f} MB (Python objects), ru_maxrss {rss_mb:.0f} MB (whole process)")


if __name__ == "__main__":
    main()
