"""static/js/sio.js against a real Flask-SocketIO server, in headless Chromium.

The server (sio_echo_server.py) runs in a subprocess so a test can kill, freeze and
restart it; the page (pages/sio_test.*) writes every client event into #log under a
strict CSP, and the tests read that text.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "sio_echo_server.py")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 5000


def free_port():
    """A port the kernel just handed out on loopback; the server binds it a moment later."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EchoServer:
    """One sio_echo_server.py process that can be killed, frozen and started again on its port."""

    def __init__(self, *extra_args, port=None):
        self.port = port or free_port()
        self.extra_args = list(extra_args)
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, SERVER, "--port", str(self.port), *self.extra_args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"echo server exited: {self.process.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("echo server did not start within 15 s")

    def kill(self):
        """Die abruptly, as a crashed or redeployed server would: no goodbye packets."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self):
        self.kill()
        if self.process and self.process.stderr:
            self.process.stderr.close()


@pytest.fixture(scope="module")
def echo_server():
    server = EchoServer().start()
    yield server
    server.stop()


@pytest.fixture
def open_page(browser):
    """Open the test page with query parameters; fail the test on any uncaught page error."""
    contexts, errors = [], []

    def _open(server, query=""):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{server.url}/{query}")
        return page

    yield _open
    for context in contexts:
        context.close()
    assert errors == []


def log_lines(page):
    return page.locator("#log li").all_inner_texts()


def line(page, text):
    """Locator for log lines equal to text (exact match, not substring)."""
    return page.locator("#log li").filter(has_text=re.compile(f"^{re.escape(text)}$"))


def test_connect_ack_push_and_server_ack(echo_server, open_page):
    page = open_page(echo_server, "?token=t1")
    expect(page.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
    expect(page.locator("#sid")).not_to_have_text("")
    # The auth payload reached the connect handler.
    expect(line(page, "welcome: token=t1")).to_have_count(1)

    page.click("#echo")
    page.click("#echo")
    expect(line(page, 'ack echo: {"ok":true,"echo":{"text":"hello 1"}}')).to_have_count(1)
    expect(line(page, 'ack echo: {"ok":true,"echo":{"text":"hello 2"}}')).to_have_count(1)
    page.click("#echo-promise")
    expect(line(page, 'promise echo: {"ok":true,"echo":{"text":"promised"}}')).to_have_count(1)

    page.click("#push")
    expect(line(page, "news: 3")).to_have_count(1)
    news = [text for text in log_lines(page) if text.startswith("news")]
    assert news == ["news: 1", "news: 2", "news: 3"]

    # The server asks the browser for an ack; the reply comes back through the server.
    page.click("#ask")
    expect(line(page, "question: ready?")).to_have_count(1)
    expect(line(page, 'answer_received: [{"answer":"READY?"}]')).to_have_count(1)
    assert not any(text.startswith(("csp:", "error:", "disconnect")) for text in log_lines(page))


def test_ack_timeout_calls_back_once_with_error(echo_server, open_page):
    page = open_page(echo_server)
    expect(page.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
    page.click("#slow")
    expect(line(page, 'ack slow: {"ok":false,"error":"timeout"}')).to_have_count(1, timeout=2000)
    # The real ack arrives after 1 s and must be ignored, not delivered a second time.
    page.wait_for_timeout(1200)
    assert [t for t in log_lines(page) if t.startswith("ack slow")] == ['ack slow: {"ok":false,"error":"timeout"}']
    page.click("#echo")
    expect(line(page, 'ack echo: {"ok":true,"echo":{"text":"hello 1"}}')).to_have_count(1)


def test_binary_packet_is_refused_and_connection_survives(echo_server, open_page):
    page = open_page(echo_server)
    expect(page.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
    page.click("#binary")
    expect(line(page, "after_blob")).to_have_count(1)
    expect(line(page, "error: binary packets are not supported")).to_have_count(1)
    expect(page.locator("#state")).to_have_text("connected")
    assert not any(text.startswith("blob") for text in log_lines(page))


def test_debug_drop_reconnects_with_new_session(echo_server, open_page):
    page = open_page(echo_server)
    expect(page.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
    first_sid = page.locator("#sid").inner_text()
    page.click("#echo")
    expect(line(page, 'ack echo: {"ok":true,"echo":{"text":"hello 1"}}')).to_have_count(1)

    page.click("#drop")
    expect(line(page, "disconnect: transport close")).to_have_count(1)
    expect(line(page, "reconnecting: 1")).to_have_count(1)
    expect(page.locator("#connects")).to_have_text("2", timeout=WAIT_MS)
    expect(page.locator("#state")).to_have_text("connected")
    assert page.locator("#sid").inner_text() not in ("", first_sid)
    page.click("#echo")
    expect(line(page, 'ack echo: {"ok":true,"echo":{"text":"hello 2"}}')).to_have_count(1)


def test_reconnects_after_server_killed_and_restarted(open_page):
    server = EchoServer().start()
    try:
        page = open_page(server, "?delay=200&max=1000")
        expect(page.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
        server.kill()
        expect(line(page, "disconnect: transport close")).to_have_count(1, timeout=WAIT_MS)
        # While the server is down every attempt fails and the next waits longer.
        expect(line(page, "reconnecting: 3")).to_have_count(1, timeout=WAIT_MS)
        page.click("#echo")
        expect(line(page, 'ack echo: {"ok":false,"error":"not_connected"}')).to_have_count(1)

        server.start()
        expect(page.locator("#connects")).to_have_text("2", timeout=WAIT_MS)
        page.click("#echo")
        expect(line(page, 'ack echo: {"ok":true,"echo":{"text":"hello 2"}}')).to_have_count(1)
    finally:
        server.stop()


def test_silent_server_is_detected_by_ping_timeout(open_page):
    """A frozen server keeps the TCP connection open; only the missing pings reveal it."""
    server = EchoServer("--ping-interval", "1", "--ping-timeout", "0.5").start()
    try:
        page = open_page(server, "?delay=200&max=500&open=700")
        expect(page.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
        page.wait_for_timeout(2500)  # several ping rounds answered: no false alarm
        expect(page.locator("#state")).to_have_text("connected")
        expect(page.locator("#connects")).to_have_text("1")
        server.process.send_signal(signal.SIGSTOP)
        expect(line(page, "disconnect: ping timeout")).to_have_count(1, timeout=WAIT_MS)
        # The frozen server accepts TCP but never answers: the open timeout retries.
        expect(line(page, "connect_error: timeout")).not_to_have_count(0, timeout=WAIT_MS)
        server.process.send_signal(signal.SIGCONT)
        expect(page.locator("#connects")).to_have_text("2", timeout=WAIT_MS)
        expect(page.locator("#state")).to_have_text("connected")
    finally:
        server.stop()


@pytest.mark.parametrize(
    "token, message",
    [
        ("bad", "bad token"),  # ConnectionRefusedError("bad token")
        ("false", "Connection rejected by server"),  # connect handler returned False
    ],
)
def test_connect_error_surfaces_message_and_backs_off(echo_server, open_page, token, message):
    page = open_page(echo_server, f"?token={token}")
    # the first refusal surfaces (on a loaded machine the second may already be there when the page is read)
    expect(line(page, f"connect_error: {message}").first).to_be_visible(timeout=WAIT_MS)
    page.wait_for_timeout(3000)
    # Default backoff (0.5 s doubling, +/-50 % jitter): at most 4 attempts in ~3 s,
    # where an eager client would make dozens.
    errors = [t for t in log_lines(page) if t.startswith("connect_error")]
    assert 2 <= len(errors) <= 4, errors
    assert set(errors) == {f"connect_error: {message}"}
    expect(page.locator("#connects")).to_have_text("0")
    expect(line(page, "reconnecting: 2")).to_have_count(1)


def test_server_disconnect_and_close_stop_reconnection(echo_server, open_page):
    kicked = open_page(echo_server, "?delay=100")
    expect(kicked.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
    kicked.click("#kick")
    expect(line(kicked, "disconnect: io server disconnect")).to_have_count(1)

    closed = open_page(echo_server, "?delay=100")
    expect(closed.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
    closed.click("#close")
    expect(line(closed, "disconnect: io client disconnect")).to_have_count(1)

    kicked.wait_for_timeout(800)
    for page in (kicked, closed):
        assert not any(t.startswith("reconnecting") for t in log_lines(page))
        expect(page.locator("#connects")).to_have_text("1")
    # connect() after close() opens a fresh session.
    closed.click("#connect")
    expect(closed.locator("#connects")).to_have_text("2", timeout=WAIT_MS)


def test_threading_async_mode(open_page):
    """The client speaks the same protocol to Flask-SocketIO's threading mode (Werkzeug)."""
    server = EchoServer("--async-mode", "threading").start()
    try:
        page = open_page(server)
        expect(page.locator("#state")).to_have_text("connected", timeout=WAIT_MS)
        page.click("#echo")
        expect(line(page, 'ack echo: {"ok":true,"echo":{"text":"hello 1"}}')).to_have_count(1)
        page.click("#ask")
        expect(line(page, 'answer_received: [{"answer":"READY?"}]')).to_have_count(1)
    finally:
        server.stop()
