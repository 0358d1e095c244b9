"""Two `exchange serve` processes joined by Redis: clients on each share one room: messages,
presence, moderation events and evictions cross processes, and seqs stay gapless."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import MODERATOR, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id
from support import Api, Live, redis_pair


@pytest.fixture(scope="module")
def pair():
    a, b = redis_pair({"EXCHANGE_RATE_BURST": "1000", "EXCHANGE_RATE_PER_MINUTE": "100000"})
    yield a, b
    b.stop()
    a.stop()


def test_messages_and_presence_cross_processes(pair):
    a, b = pair
    teacher = Live(Api(a.url).login(TEACHER_OSLO)).connect()
    student = Live(Api(b.url).login("mia.thompson")).connect()
    room = demo_room_id(Api(a.url).login(TEACHER_OSLO))
    try:
        assert teacher.join(room)["ok"]
        ack = student.join(room)
        assert {"Astrid Lunde", "Mia T."} <= {p["name"] for p in ack["presence"]["people"]}
        teacher.wait_for(lambda p: "Mia T." in {x["name"] for x in p["people"]}, name="presence")
        s1 = student.send(room, "Hello from process B")
        teacher.wait_for(lambda m: m["body"] == "Hello from process B" and m["seq"] == s1["seq"])
        t1 = teacher.send(room, "Hello from process A")
        student.wait_for(lambda m: m["body"] == "Hello from process A" and m["seq"] == t1["seq"])
        assert t1["seq"] == s1["seq"] + 1
        student.call("typing", {"room": room, "typing": True})
        teacher.wait_for(lambda e: e["user"]["name"] == "Mia T.", name="typing")
    finally:
        teacher.close(), student.close()


def test_moderation_event_and_eviction_cross_processes(pair):
    a, b = pair
    mod_api = Api(a.url).login(MODERATOR)
    room = demo_room_id(mod_api)
    moderator = Live(mod_api).connect()
    assert moderator.call("watch_flags", {})["ok"]
    student = Live(Api(b.url).login("jack.nguyen")).connect()
    try:
        student.join(room)
        ack = student.send(room, "send me a photo of you, don't tell your parents")
        assert ack["ok"] and ack.get("held") is True, ack
        moderator.wait_for(lambda f: f["id"] == ack["flag_id"], name="flag")
        r = mod_api.post(f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "kick", "reason": "Unsafe request"})
        assert r.status_code == 200
        student.wait_for(lambda e: e["room"] == room, name="evicted")
        assert student.send(room, "still here?")["ok"] is False
    finally:
        moderator.close(), student.close()


def test_concurrent_senders_on_both_processes_get_gapless_seqs(pair):
    a, b = pair
    room = demo_room_id(Api(a.url).login(TEACHER_OSLO))
    senders = [
        Live(Api(srv.url).login(who)).connect()
        for srv, who in ((a, "nora.berg"), (b, "elias.haugen"), (a, TEACHER_SYDNEY), (b, "mia.thompson"))
    ]
    watcher = Live(Api(b.url).login(TEACHER_OSLO)).connect()
    try:
        for s in senders + [watcher]:
            assert s.join(room)["ok"]
        acked, lock = [], threading.Lock()

        def burst(client, n):
            for i in range(15):
                r = client.send(room, f"parallel {n}-{i}")
                assert r["ok"] and isinstance(r["seq"], int), r
                with lock:
                    acked.append(r["seq"])

        threads = [threading.Thread(target=burst, args=(s, n)) for n, s in enumerate(senders)]
        [t.start() for t in threads]
        [t.join(60) for t in threads]
        assert len(acked) == 60 and len(set(acked)) == 60 and max(acked) - min(acked) == 59
        watcher.wait_for(lambda m: m["seq"] == max(acked), timeout=15)
        seen = sorted(m["seq"] for m in watcher.received() if m["body"].startswith("parallel"))
        assert seen == sorted(acked)  # every message reached a client on the other process exactly once
    finally:
        for s in senders + [watcher]:
            s.close()


def test_logout_on_one_process_closes_the_login_s_socket_on_the_other(pair):
    a, b = pair
    login = Api(a.url).login(TEACHER_SYDNEY)
    # The same cookie (the same login) used against process B, as a load balancer would.
    on_b = Api(b.url)
    on_b.http.cookies.update(login.http.cookies)
    on_b.csrf = login.csrf
    socket_on_b = Live(on_b).connect()
    other_device = Live(Api(b.url).login(TEACHER_SYDNEY)).connect()
    try:
        assert socket_on_b.join(demo_room_id(login))["ok"]
        assert login.post("/api/v1/auth/logout").status_code == 200
        deadline = time.monotonic() + 10
        while socket_on_b.sio.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not socket_on_b.sio.connected
        assert on_b.get("/api/v1/me").status_code == 401
        assert other_device.sio.connected  # another login of the same teacher stays
    finally:
        socket_on_b.close(), other_device.close()


def test_a_mute_or_lock_on_one_process_holds_at_once_on_the_other(pair):
    """Process B caches the sender's facts (issue 16); a mute and a lock made through process A are
    seen by B's very next message: the change counters move in the same transaction."""
    a, b = pair
    teacher_api = Api(a.url).login(TEACHER_OSLO)
    room = demo_room_id(teacher_api)
    student_api = Api(b.url).login("elias.haugen")
    student = Live(student_api).connect()
    try:
        assert student.join(room)["ok"]
        assert student.send(room, "First message from B")["ok"] is True
        assert student.send(room, "Second message from B (facts from the cache)")["ok"] is True
        mute = {"user_id": student_api.user["id"], "minutes": 5, "reason": "Calm down for a moment"}
        assert teacher_api.post(f"/api/v1/rooms/{room}/mute", mute).status_code == 200
        assert student.send(room, "Am I muted?")["error"] == "muted"
        unmute = {"user_id": student_api.user["id"], "minutes": 0, "reason": "Back in"}
        assert teacher_api.post(f"/api/v1/rooms/{room}/mute", unmute).status_code == 200
        assert student.send(room, "Back again")["ok"] is True
        assert teacher_api.post(f"/api/v1/rooms/{room}/lock").status_code == 200
        assert student.send(room, "Locked?")["error"] == "room_locked"
    finally:
        teacher_api.post(f"/api/v1/rooms/{room}/unlock")
        student.close()
