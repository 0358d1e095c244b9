"""Moderation end to end with real clients: holds seen live, approve and remove, reports,
mutes, pre-moderation, the authorisation matrix, and a tamper-evident audit log."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import ADMIN_OSLO, MODERATOR, TEACHER_NAIROBI, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id
from support import Api, Live, ServerProcess, unique_words

ABUSE = "I will punch you in the face"  # a threat: held for review in a teen room


def audit_records(api_mod: Api, room: int, action: str) -> list:
    return [r for r in api_mod.get(f"/api/v1/audit?room={room}").json()["records"] if r["action"] == action]


def test_held_message_seen_live_then_approved_into_room(api, live):
    mod_api = api(MODERATOR)
    room = demo_room_id(mod_api)
    mod = live(mod_api)
    assert mod.call("watch_flags", {})["ok"]
    teacher, student = live(api(TEACHER_SYDNEY)), live(api("jack.nguyen"))
    teacher.join(room), student.join(room)
    ack = student.send(room, ABUSE)
    assert ack["ok"] and ack["held"] is True and ack["seq"] is None
    flag = mod.wait_for(lambda f: f["id"] == ack["flag_id"], name="flag")
    assert flag["body"] == ABUSE and flag["status"] == "open" and flag["verdict"] == "hold"
    teacher.wait_for(lambda f: f["id"] == ack["flag_id"], name="flag")  # the supervising teacher hears of it
    assert not [m for m in teacher.received() if m["body"] == ABUSE]  # nothing delivered yet
    before = len(audit_records(mod_api, room, "moderation.approve"))
    r = mod_api.post(
        f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "approve", "reason": "Friendly teasing between pen pals"}
    )
    assert r.status_code == 200 and r.json()["flag"]["status"] == "approved"
    seq = r.json()["seq"]
    got = teacher.wait_for(lambda m: m["body"] == ABUSE)
    assert got["seq"] == seq and got["author"]["name"] == "Jack N."
    assert len(audit_records(mod_api, room, "moderation.approve")) == before + 1
    # Acting twice on the same flag is refused.
    again = mod_api.post(f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "approve", "reason": "once more please"})
    assert again.status_code == 409


def test_held_message_removed_never_reaches_room(api, live):
    mod_api = api(MODERATOR)
    room = demo_room_id(mod_api)
    student, watcher = live(api("elias.haugen")), live(api("mia.thompson"))
    student.join(room), watcher.join(room)
    ack = student.send(room, ABUSE + " really")
    r = mod_api.post(f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "remove", "reason": "Insult"})
    assert r.status_code == 200 and r.json()["flag"]["status"] == "removed"
    student.wait_for(lambda e: e["room"] == room, name="held_rejected")
    history = mod_api.get(f"/api/v1/rooms/{room}/messages?after=0").json()["messages"]
    assert ABUSE + " really" not in [m["body"] for m in history]
    assert not [m for m in watcher.received() if m["body"] == ABUSE + " really"]


def test_report_then_remove_is_gone_for_everyone(api, live):
    room = demo_room_id(api(TEACHER_OSLO))
    writer, reader = live(api("nora.berg")), live(api("mia.thompson"))
    writer.join(room), reader.join(room)
    ack = writer.send(room, "Your drawing looks like a potato")
    assert ack["ok"]
    reporter = api("mia.thompson")
    r = reporter.post(
        "/api/v1/reports", {"room": room, "seq": ack["seq"], "category": "grooming", "reason": "This made me uneasy"}
    )
    assert r.status_code == 201
    flag_id = r.json()["flag_id"]
    # Students never see the queue.
    assert reporter.get("/api/v1/flags").status_code == 403
    teacher = api(TEACHER_OSLO)
    queue = teacher.get("/api/v1/flags").json()["flags"]
    flag = next(f for f in queue if f["id"] == flag_id)
    assert flag["source"] == "report" and flag["severity"] == 3 and flag["body"] == "Your drawing looks like a potato"
    assert any(c["seq"] == ack["seq"] for c in flag["context"])
    r = teacher.post(f"/api/v1/flags/{flag_id}/actions", {"action": "remove", "reason": "Not appropriate"})
    assert r.status_code == 200
    removal = reader.wait_for(lambda m: m["kind"] == "removal" and m["meta"]["target_seq"] == ack["seq"])
    assert removal["seq"] > ack["seq"]
    stored = teacher.get(f"/api/v1/rooms/{room}/messages?after={ack['seq'] - 1}").json()["messages"][0]
    assert stored["seq"] == ack["seq"] and stored["body"] == "" and stored["meta"]["removed"] is True


def test_mute_action_is_enforced(api, live):
    room = demo_room_id(api(TEACHER_OSLO))
    s = live(api("jack.nguyen"))
    s.join(room)
    ack = s.send(room, ABUSE + " again")
    mod = api(MODERATOR)
    r = mod.post(f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "mute", "reason": "Cool down", "minutes": 5})
    assert r.status_code == 200 and r.json()["flag"]["status"] == "actioned"
    assert s.send(room, "sorry")["error"] == "muted"
    assert len(audit_records(mod, room, "moderation.mute")) == 1
    api(TEACHER_SYDNEY).post(f"/api/v1/rooms/{room}/mute", {"user_id": api("jack.nguyen").user["id"], "minutes": 0})


def test_action_requires_reason_and_valid_action(api, live):
    room = demo_room_id(api(TEACHER_OSLO))
    s = live(api("nora.berg"))
    s.join(room)
    ack = s.send(room, ABUSE + " no reason")
    mod = api(MODERATOR)
    r = mod.post(f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "approve", "reason": ""})
    assert r.status_code == 400 and r.json()["error"]["code"] == "reason_required"
    r = mod.post(f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "explode", "reason": "because"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_action"
    assert mod.post("/api/v1/flags/999999/actions", {"action": "approve", "reason": "because"}).status_code == 404


def test_authorisation_matrix_for_flags(api, live):
    room = demo_room_id(api(TEACHER_OSLO))
    s = live(api("nora.berg"))
    s.join(room)
    flag_id = s.send(room, ABUSE + " matrix")["flag_id"]
    body = {"action": "dismiss", "reason": "checking who may"}
    assert api("nora.berg").post(f"/api/v1/flags/{flag_id}/actions", body).status_code == 403
    assert api(TEACHER_NAIROBI).post(f"/api/v1/flags/{flag_id}/actions", body).status_code == 403  # not their room
    assert api("selma.ortiz@marinelab.example").get("/api/v1/flags").status_code == 403
    assert api(TEACHER_SYDNEY).post(f"/api/v1/flags/{flag_id}/claim").status_code == 200  # partner teacher supervises
    assert api(MODERATOR).post(f"/api/v1/flags/{flag_id}/claim").json()["error"]["code"] == "already_claimed"
    assert api(TEACHER_SYDNEY).post(f"/api/v1/flags/{flag_id}/actions", body).status_code == 200
    assert api("nora.berg").get("/moderation", headers={"Accept": "text/html"}).status_code == 403
    assert api(ADMIN_OSLO).get("/api/v1/audit").status_code == 200
    assert api(TEACHER_OSLO).get("/api/v1/audit").status_code == 403


def test_premoderation_in_under13_room(api, live):
    teacher_api = api(TEACHER_NAIROBI)
    cls = teacher_api.get("/api/v1/classes").json()["classes"][0]
    r = teacher_api.post(
        "/api/v1/rooms",
        {"title": "Grade six talk " + unique_words(), "class_ids": [cls["id"]], "opens_at": "2020-01-01T00:00:00Z"},
    )
    assert r.status_code == 201 and r.json()["premoderated"] is True and r.json()["audience"] == "under13"
    room = r.json()["id"]
    teacher, student = live(teacher_api), live(api("zawadi.otieno"))
    teacher.join(room), student.join(room)
    ack = student.send(room, "Jambo! We saw elephants on our trip.")
    assert ack["ok"] and ack["held"] is True
    flag = teacher.wait_for(lambda f: f["id"] == ack["flag_id"], name="flag")
    assert flag["source"] == "premoderation"
    assert (
        teacher_api.post(
            f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "approve", "reason": "Lovely"}
        ).status_code
        == 200
    )
    got = student.wait_for(lambda m: m["body"] == "Jambo! We saw elephants on our trip.")
    assert got["seq"] >= 1 and got["author"]["name"] == "Zawadi O."
    # The teacher's own messages are not held.
    assert teacher.send(room, "Well done, class!")["seq"] >= 2


def test_transcript_and_audit_exports(api, live):
    room = demo_room_id(api(TEACHER_OSLO))
    s = live(api("mia.thompson"))
    s.join(room)
    s.send(room, "Transcript line from Sydney")
    oslo = api(TEACHER_OSLO)
    csv_text = oslo.get(f"/api/v1/rooms/{room}/transcript?format=csv").text
    assert csv_text.splitlines()[0] == "seq,at,kind,author,body,removed"
    line = next(l for l in csv_text.splitlines() if "Transcript line from Sydney" in l)
    assert "Mia T." in line and "Thompson" not in line  # a partner-school student stays first name and initial
    assert api("mia.thompson").get(f"/api/v1/rooms/{room}/transcript").status_code == 403
    mod = api(MODERATOR)
    records = mod.get(f"/api/v1/audit?room={room}").json()["records"]
    assert records and all(r["room_id"] == room for r in records)
    assert records[-1]["action"] == "transcript.export"
    csv_audit = mod.get(f"/api/v1/audit?room={room}&format=csv")
    assert csv_audit.headers["Content-Type"].startswith("text/csv") and "transcript.export" in csv_audit.text


@pytest.mark.sqlite_only
def test_tampered_audit_log_fails_verification():
    srv = ServerProcess().start()
    try:
        mod = Api(srv.url).login(MODERATOR)
        room = demo_room_id(mod)
        s = Live(Api(srv.url).login("nora.berg")).connect()
        s.join(room)
        flag_id = s.send(room, ABUSE)["flag_id"]
        mod.post(f"/api/v1/flags/{flag_id}/actions", {"action": "dismiss", "reason": "Harmless"})
        s.close()
        ok = srv.run_cli("audit", "verify")
        assert ok.returncode == 0 and "Audit log OK" in ok.stdout
        db = sqlite3.connect(srv.data_dir / "exchange.db")
        db.execute("UPDATE audit_log SET reason = 'nothing to see' WHERE action = 'moderation.dismiss'")
        db.commit()
        db.close()
        bad = srv.run_cli("audit", "verify", check=False)
        assert bad.returncode == 1 and "BROKEN" in bad.stderr
    finally:
        srv.stop()
