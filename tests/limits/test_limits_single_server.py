"""Limits on one server (memory storage): typing floods, wrong class codes, one password tried
over many accounts, unknown invitation and calendar links. Small limits via the environment so
the tests run fast; a refusal is a clear sentence, a 429 says when to come back."""

from __future__ import annotations

import re
import time
import uuid

import pytest
import requests
from conftest import TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id
from support import Api, Live, ServerProcess

TYPING = 3
JOIN_WINDOW = 3  # seconds
WRONG_CODES = 5
WRONG_LOGINS = 6
WRONG_LINKS = 4


@pytest.fixture(scope="module")
def server():
    srv = ServerProcess(
        env={
            "EXCHANGE_RATE_BURST": "500",
            "EXCHANGE_RATE_PER_MINUTE": "60000",
            "EXCHANGE_TYPING_LIMIT": f"{TYPING} per 1 minute",
            "EXCHANGE_JOIN_CODE_LIMIT": f"{WRONG_CODES} per {JOIN_WINDOW} seconds",
            "EXCHANGE_LOGIN_ADDRESS_LIMIT": f"{WRONG_LOGINS} per 10 minutes",
            "EXCHANGE_SECRET_LINK_LIMIT": f"{WRONG_LINKS} per 10 minutes",
        }
    ).start()
    yield srv
    srv.stop()


def anonymous(server) -> Api:
    client = Api(server.url)
    client.csrf = client.http.get(server.url + "/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
    return client


def test_typing_flood_is_refused_and_not_broadcast(server):
    room = demo_room_id(Api(server.url).login(TEACHER_OSLO))
    typist = Live(Api(server.url).login("nora.berg")).connect()
    reader = Live(Api(server.url).login("mia.thompson")).connect()
    try:
        assert typist.join(room)["ok"] and reader.join(room)["ok"]
        acks = [typist.call("typing", {"room": room, "typing": i % 2 == 0}) for i in range(20)]
        assert [ack["ok"] for ack in acks[:TYPING]] == [True] * TYPING
        assert {ack.get("error") for ack in acks[TYPING:]} == {"rate_limited"}
        assert acks[TYPING]["message"] == "You are sending typing notices too fast. Wait a moment."
        # A chat message after the flood is a barrier: every typing event broadcast before it
        # reaches the reader first (one process, one socket: in order).
        sent = typist.send(room, "done typing")
        assert sent["ok"], sent
        reader.wait_for(lambda m: m["seq"] == sent["seq"])
        from_typist = [e for e in reader.received("typing") if e["user"]["name"] == "Nora B."]
        assert len(from_typist) == TYPING  # exactly the accepted notices, none of the refused ones
    finally:
        typist.close(), reader.close()
    assert "rate limited limit=typing key=user:" in server.log()


def _join(client: Api, code: str):
    return client.post(
        "/api/v1/join",
        {
            "code": code,
            "username": "kid" + uuid.uuid4().hex[:8],
            "password": "a-long-password",
            "first_name": "Kari",
            "last_name": "Nordmann",
        },
    )


def test_wrong_class_codes_are_throttled_then_a_right_code_works(server):
    teacher = Api(server.url).login(TEACHER_SYDNEY)
    code = teacher.get("/api/v1/classes").json()["classes"][0]["join_code"]
    guesser = anonymous(server)
    answers = []
    started = time.monotonic()
    for i in range(40):
        r = _join(guesser, f"WRONG{i:03d}")
        answers.append(r)
        if r.status_code == 429:
            break
    statuses = [r.status_code for r in answers]
    assert statuses == [400] * WRONG_CODES + [429], statuses  # 429 long before the 40th
    refused = answers[-1]
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused.json()["error"]["message"] == (
        "Too many wrong class codes. Try again in 1 minute, or ask your teacher for the code."
    )
    wait = int(refused.headers["Retry-After"])
    spent = int(time.monotonic() - started) + 1  # the window started with the first wrong code
    assert max(1, JOIN_WINDOW - spent) <= wait <= JOIN_WINDOW
    assert _join(guesser, code).status_code == 429  # even the right code waits: no oracle while refused
    time.sleep(wait)
    r = _join(guesser, code)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "pending"


@pytest.fixture()
def own_server():
    """Its own server: once the address has used up its wrong logins, no one there logs in."""
    srv = ServerProcess(env={"EXCHANGE_LOGIN_ADDRESS_LIMIT": f"{WRONG_LOGINS} per 10 minutes"}).start()
    yield srv
    srv.stop()


def test_one_password_over_many_accounts_from_one_address(own_server):
    server = own_server
    guesser = anonymous(server)
    logins = [
        "nora.berg",
        "mia.thompson",
        "elias.haugen",
        "jack.nguyen",
        TEACHER_OSLO,
        TEACHER_SYDNEY,
        "admin@fjordvik.example",
        "nobody." + uuid.uuid4().hex[:6],
    ]
    statuses, last = [], None
    started = time.monotonic()
    for login in logins:
        last = guesser.post("/api/v1/auth/login", {"login": login, "password": "Summer2026!"})
        statuses.append(last.status_code)
    assert statuses == [401] * WRONG_LOGINS + [429] * (len(logins) - WRONG_LOGINS), statuses
    assert last.json()["error"]["code"] == "rate_limited"
    assert last.json()["error"]["message"].startswith("Too many failed logins from this network. Try again in ")
    spent = int(time.monotonic() - started) + 1
    assert 600 - spent <= int(last.headers["Retry-After"]) <= 600  # ten minutes from the first failure
    # The login page says the same to a person, with a 429.
    page = requests.Session()
    page.headers["Accept-Language"] = "en"
    form = page.get(server.url + "/login", timeout=10).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form) or re.search(
        r'name="csrf_token" value="([^"]+)"', form
    )
    r = page.post(
        server.url + "/login",
        data={"csrf_token": token.group(1), "login": "nora.berg", "password": "exchange-demo"},
        timeout=10,
    )
    assert r.status_code == 429 and "Too many failed logins from this network." in r.text
    assert "Retry-After" in r.headers
    assert "rate limited limit=login_address key=addr:" in server.log() and "127.0.0.1" not in _limit_lines(server)


def _limit_lines(server) -> str:
    return "\n".join(line for line in server.log().splitlines() if "rate limited" in line)


def test_unknown_invitation_and_feed_links_are_throttled(server):
    feed = Api(server.url).login(TEACHER_OSLO).post("/api/v1/calendar/feed")
    assert feed.status_code in (200, 201), feed.text
    feed_path = feed.json()["url"].removeprefix(server.url)
    guesser = anonymous(server)
    assert [guesser.get(feed_path).status_code for _ in range(WRONG_LINKS + 2)] == [200] * (WRONG_LINKS + 2)  # free
    paths = [f"/api/v1/guardian/invitations/{'x' * 24}{i}" for i in range(2)]
    paths += [f"/calendar/{'y' * 24}{i}.ics" for i in range(2)]
    paths += [f"/guardian/invite/{'z' * 30}"]
    statuses = [guesser.get(p).status_code for p in paths]
    assert statuses == [404] * WRONG_LINKS + [429], statuses
    r = guesser.post(
        f"/api/v1/guardian/invitations/{'w' * 30}/accept",
        {"first_name": "A", "email": "a@b.example", "password": "a-long-password"},
    )
    assert r.status_code == 429 and r.json()["error"]["message"].startswith("Too many invalid links from this network.")
    assert int(r.headers["Retry-After"]) >= 1


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
