"""Issue 13 part 6: property-based fuzzing of every Socket.IO event (hypothesis).

Real python-socketio clients of several roles send random and malformed payloads (wrong types,
huge numbers, nested structures, unicode tricks, oversize strings) to a real demo server, for
every event in the server's handler table. Every ack must be `{ok: true, ...}` or
`{ok: false, error, message}`, never `server_error` and never a stack trace; afterwards the
server log must hold no ERROR line and no traceback.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from registry import client_events
from support import Api, Live, ServerProcess

EXAMPLES = int(os.environ.get("EXCHANGE_FUZZ_EXAMPLES", "80"))  # per event; CI keeps the default
ROLES = {
    "teacher": "astrid.lunde@fjordvik.example",
    "student": "nora.berg",
    "student_under13": "zawadi.otieno",
    "moderator": "moderator@exchange.example",
    "expert": "kofi.mensah@skylab.example",
    "admin": "admin@fjordvik.example",
    "guardian": "guardian.berg@home.example",
}

TRICKY = [
    "",
    " ",
    "\x00",
    "\u202e",
    "\u200b\u200d",
    "\ufeff",
    "\ud800",
    "\udfff",
    "e\u0301" * 40,
    "🧑‍🏫" * 20,
    "'; DROP TABLE rooms; --",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "%s%n",
    "../../etc/passwd",
    "NaN",
    "9" * 40,
    "-1",
    "1e309",
    "true",
    "null",
]
HUGE = [2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**40, -1, 0]

leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from(HUGE),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(TRICKY),
    st.integers(min_value=1000, max_value=12000).map(lambda n: "ä" * n),  # oversize text
)
json_value = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
KEYS = ["room", "last_seq", "body", "client_msg_id", "typing", "seq", "user_id", "file", "scope"]


def payloads(room: int):
    """Mostly well-shaped objects naming a real room (to get past the first checks), then anything."""
    room_value = st.one_of(st.just(room), st.just(room), st.just(str(room)), json_value)
    shaped = st.fixed_dictionaries(
        {"room": room_value},
        optional={
            "last_seq": st.one_of(st.integers(min_value=0, max_value=50), json_value),
            "body": st.one_of(st.text(min_size=1, max_size=200), st.sampled_from(TRICKY), json_value),
            "client_msg_id": st.one_of(st.uuids().map(str), json_value),
            "typing": st.one_of(st.booleans(), json_value),
        },
    )
    text = st.one_of(
        st.text(min_size=1, max_size=300),
        st.sampled_from(TRICKY),
        st.integers(min_value=1500, max_value=2500).map(lambda n: "ö" * n),
    )
    valid = st.fixed_dictionaries(
        {
            "room": st.just(room),
            "body": text,
            "client_msg_id": st.uuids().map(str),
            "last_seq": st.integers(min_value=0, max_value=2**64),
            "typing": st.booleans(),
        }
    )
    loose = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), json_value, max_size=6)
    return st.one_of(valid, valid, shaped, shaped, loose, json_value)


class Clients:
    def __init__(self, server: ServerProcess):
        self.server = server
        self.apis = {role: Api(server.url).login(login) for role, login in ROLES.items()}
        self.sockets: dict[str, Live] = {}

    def socket(self, role: str) -> Live:
        live = self.sockets.get(role)
        if live is None or not live.sio.connected:
            live = Live(self.apis[role]).connect()
            self.sockets[role] = live
        return live

    def close(self) -> None:
        for live in self.sockets.values():
            live.close()


@pytest.fixture(scope="module")
def fuzz_server():
    srv = ServerProcess(
        env={
            "EXCHANGE_RATE_BURST": "100000",
            "EXCHANGE_RATE_PER_MINUTE": "1000000",
            "EXCHANGE_TYPING_LIMIT": "100000 per 1 second",
        }
    ).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def clients(fuzz_server):
    c = Clients(fuzz_server)
    yield c
    c.close()


@pytest.fixture(scope="module")
def room_ids(clients):
    ids = set()
    for api in clients.apis.values():
        r = api.get("/api/v1/rooms")
        if r.status_code == 200:
            ids.update(room["id"] for room in r.json()["rooms"])
    return sorted(ids)


def _check_ack(event: str, payload, ack) -> None:
    where = f"{event} {payload!r:.300}"
    assert isinstance(ack, dict), f"{where}: ack {ack!r:.300}"
    assert "Traceback" not in repr(ack) and 'File "' not in repr(ack), f"{where}: {ack!r:.500}"
    if ack.get("ok") is True:
        return
    assert ack.get("ok") is False, f"{where}: {ack!r:.300}"
    assert isinstance(ack.get("error"), str) and isinstance(ack.get("message"), str), f"{where}: {ack!r:.300}"
    assert ack["error"] != "server_error", f"{where}: {ack!r:.300}"


@pytest.mark.parametrize("event", client_events())
def test_every_event_answers_any_payload_with_a_clear_ack(clients, room_ids, event):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(role=st.sampled_from(sorted(ROLES)), data=st.data())
    def run(role, data):
        room = data.draw(st.sampled_from(room_ids))
        payload = data.draw(payloads(room))
        live = clients.socket(role)
        live.call("join", {"room": room, "last_seq": 0}, timeout=20)  # so that room events reach deeper
        ack = live.call(event, payload, timeout=20)
        _check_ack(event, payload, ack)
        outcomes[ack.get("error") or "ok"] = outcomes.get(ack.get("error") or "ok", 0) + 1

    outcomes: dict[str, int] = {}
    run()
    print(event, dict(sorted(outcomes.items(), key=lambda kv: -kv[1])))


def test_reserved_event_names_from_a_client_change_nothing(clients, room_ids):
    """`connect` and `disconnect` sent as client events: the socket stays connected and present."""
    live = clients.socket("teacher")
    room = next(r for r in room_ids if live.join(r).get("ok"))
    me = clients.apis["teacher"].user["id"]
    for name in ("connect", "disconnect"):
        for payload in ({}, {"room": room}, "x", None, [1, 2]):
            live.sio.emit(name, payload)
        ack = live.call("presence", {"room": room})
        assert live.sio.connected and ack["ok"], ack
        assert me in [p["id"] for p in ack["presence"]["people"]], ack


def test_server_log_holds_no_error_after_the_fuzzing(fuzz_server, clients):
    """Last in the module: nothing the clients sent made the server log an error or a traceback."""
    log = fuzz_server.log_path.read_text(errors="replace")
    bad = [line for line in log.splitlines() if " ERROR " in line or line.startswith("Traceback")]
    assert not bad, "\n".join(bad[:20])
