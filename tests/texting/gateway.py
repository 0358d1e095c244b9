"""A small text-message gateway for the tests: an HTTP server on 127.0.0.1 that records every
message the application posts to it (its JSON and its Authorization header), in a thread."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "gateway-token-for-tests-0123456789"


class RecordingGateway:
    """`with RecordingGateway() as gw:` … `gw.url`, `gw.received`, `gw.status = 500` to refuse."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.status = 200
        self.received: list[dict] = []
        self.lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                entry = {"auth": self.headers.get("Authorization"), "path": self.path}
                try:
                    entry.update(json.loads(raw))
                except ValueError:
                    entry["raw"] = raw
                with gateway.lock:
                    gateway.received.append(entry)
                ok = gateway.status == 200 and entry["auth"] == f"Bearer {gateway.token}"
                body = json.dumps({"id": f"gw-{len(gateway.received)}"} if ok else {"error": "refused"}).encode()
                self.send_response(200 if ok else (gateway.status if gateway.status != 200 else 401))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args) -> None:  # quiet: the test output stays readable
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/send"

    def start(self) -> RecordingGateway:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> RecordingGateway:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def to(self, number: str) -> list[dict]:
        with self.lock:
            return [m for m in self.received if m.get("to") == number]

    def wait_for(self, number: str, count: int = 1, timeout: float = 10) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.to(number)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        raise AssertionError(f"the gateway got {len(self.to(number))} texts for this number, not {count}")


def code_in(text: str) -> str:
    """The one-time code of a consent question ("Reply YES 4F7K2Q to agree…")."""
    found = re.search(r"\bYES ([A-Z2-9]{6})\b", text)
    assert found, text
    return found.group(1)
