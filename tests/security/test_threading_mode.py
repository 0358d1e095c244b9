"""Issue 13 part 6: the threading mode (Werkzeug's development server with simple-websocket).

A closing WebSocket used to be read as a new HTTP request ("code 400, message Bad request
syntax ('\\x88...')" in the log) and the client, whose close frame was swallowed, waited about
3 s. `exchange serve` now closes such a connection at once, and says that the mode is for
development only.
"""

from __future__ import annotations

import time

import pytest
from support import Api, Live, ServerProcess


@pytest.fixture(scope="module")
def threading_server():
    srv = ServerProcess(async_mode="threading").start()
    yield srv
    srv.stop()


def test_websocket_close_is_quick_and_logs_no_bad_request(threading_server):
    api = Api(threading_server.url).login("nora.berg")
    took = []
    for _ in range(5):
        live = Live(api).connect()
        assert live.call("leave", {"room": 1})["ok"]
        started = time.monotonic()
        live.sio.disconnect()
        took.append(time.monotonic() - started)
    time.sleep(0.5)
    log = threading_server.log_path.read_text(errors="replace")
    assert max(took) < 1.0, f"disconnects took {took}"
    assert "Bad request syntax" not in log and " 400 -" not in log, log[-2000:]
    assert api.get("/api/v1/me").status_code == 200  # plain HTTP keep-alive still works afterwards


def test_serve_says_threading_mode_is_for_development(threading_server):
    assert "threading mode runs Werkzeug's development server" in threading_server.log_path.read_text(errors="replace")


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
