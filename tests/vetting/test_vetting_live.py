"""Vetting with real Socket.IO clients in a visit room: revoking a connected expert removes
them at once, and the supervision rule pauses the visit while no teacher is connected."""

from __future__ import annotations

from conftest import ADMIN_OSLO, TEACHER_OSLO
from vetting_steps import REFUSED, make_experts, move, verify, visit_consent, visit_room

STUDENT = "nora.berg"


def forget(client) -> None:
    """Drop what a client received so far, so the next wait sees only new events."""
    with client.lock:
        client.events.clear()


def test_revocation_evicts_connected_expert_at_once(server, api, live):
    admin, teacher_api = api(ADMIN_OSLO), api(TEACHER_OSLO)
    (expert_api,) = make_experts(server, 1)
    rec = verify(admin, expert_api)
    room = visit_room(expert_api, teacher_api)
    student_api = api(STUDENT)
    visit_consent(teacher_api, student_api)
    teacher, student, expert = live(teacher_api), live(student_api), live(expert_api)
    assert teacher.join(room)["ok"] and student.join(room)["ok"]
    joined = expert.join(room)
    assert joined["ok"] is True and joined["room"]["my_role"] == "expert"
    ack = expert.send(room, "Hello 9A! Today we dive into the deep sea.")
    assert ack["ok"] is True and ack["seq"] >= 1
    student.wait_for(lambda m: m["body"] == "Hello 9A! Today we dive into the deep sea.")

    move(admin, rec, "revoked", "Background check provider reported a disqualifying record.")
    evicted = expert.wait_for(lambda e: e["room"] == room, name="evicted", timeout=5)
    assert evicted == {"room": room, "error": "expert_not_cleared"}
    ack = expert.send(room, "Are you still there?")
    assert ack["ok"] is False and ack["error"] in ("not_joined", *REFUSED)
    again = expert.join(room)
    assert again["ok"] is False and again["error"] in REFUSED
    # The room saw them leave and never got the later message.
    student.wait_for(
        lambda p: p["room"] == room and expert_api.user["id"] not in [x["id"] for x in p["people"]], name="presence"
    )
    assert "Are you still there?" not in [m["body"] for m in student.received()]
    assert teacher.send(room, "Our guest had to leave. Thank you all!")["ok"] is True


def test_supervision_pauses_visit_without_teacher(server, api, live):
    admin, teacher_api = api(ADMIN_OSLO), api(TEACHER_OSLO)
    (expert_api,) = make_experts(server, 1)
    verify(admin, expert_api)
    room = visit_room(expert_api, teacher_api)
    student_api = api(STUDENT)
    visit_consent(teacher_api, student_api)
    teacher, student, expert = live(teacher_api), live(student_api), live(expert_api)
    assert teacher.join(room)["ok"]
    assert student.join(room)["room"]["paused"] is False
    assert expert.join(room)["ok"]
    assert expert.send(room, "Welcome, everyone!")["ok"] is True

    forget(student)
    teacher.close()  # the supervising teacher drops out
    student.wait_for(lambda s: s["id"] == room and s["paused"] is True, name="room_state")
    ack = expert.send(room, "Who wants to see an anglerfish?")
    assert ack["ok"] is False and ack["error"] == "room_paused"
    assert student.send(room, "Me!")["error"] == "room_paused"

    forget(student)
    back = live(teacher_api)
    assert back.join(room)["room"]["paused"] is False
    student.wait_for(lambda s: s["id"] == room and s["paused"] is False, name="room_state")
    assert expert.send(room, "Here it is!")["ok"] is True
    student.wait_for(lambda m: m["body"] == "Here it is!")
