"""Fixtures shared by the suite: one demo server per test module, logged-in clients."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import SUITE_NOW, Api, Live, ServerProcess, iso_z, suite_now  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

TEACHER_OSLO = "astrid.lunde@fjordvik.example"
TEACHER_SYDNEY = "liam.carter@wattlecreek.example"
TEACHER_NAIROBI = "amani.wanjiru@jacaranda.example"
ADMIN_OSLO = "admin@fjordvik.example"
ADMIN_SYDNEY = "admin@wattlecreek.example"
MODERATOR = "moderator@exchange.example"
EXPERT = "selma.ortiz@marinelab.example"


@pytest.fixture(scope="session", autouse=True)
def suite_clock():
    """Code of ours run inside the test process (storage contracts, outboxes) reads the suite's clock too."""
    from exchange import clock

    clock.configure(iso_z(SUITE_NOW), testing=True)
    yield
    clock.configure(None, testing=False)


@pytest.fixture(scope="module")
def server():
    # Generous rate limits here: the shared server sees many messages from the same demo
    # students across tests; the rate-limit test runs its own server with the defaults.
    srv = ServerProcess(env={"EXCHANGE_RATE_BURST": "500", "EXCHANGE_RATE_PER_MINUTE": "60000"}).start()
    yield srv
    srv.stop()


@pytest.fixture()
def api(server):
    def login(who: str, password: str | None = None) -> Api:
        client = Api(server.url)
        return client.login(who, password) if password else client.login(who)
    return login


@pytest.fixture()
def live(server):
    opened: list[Live] = []

    def connect(api: Api) -> Live:
        client = Live(api).connect()
        opened.append(client)
        return client

    yield connect
    for c in opened:
        c.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def new_context(browser, **options):
    """A browser context whose JavaScript clock reads the suite's time, as the servers do: pages
    that compare a date with "today" see the same day as the server. Time then flows naturally."""
    context = browser.new_context(**options)
    context.clock.install(time=suite_now())
    return context


def demo_room_id(api: Api, title_part: str = "seasons") -> int:
    rooms = api.get("/api/v1/rooms").json()["rooms"]
    return next(r["id"] for r in rooms if title_part in r["title"].lower())
