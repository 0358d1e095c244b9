"""Moderation in-process: who sees which flags (the queue is scoped to the rooms a person
supervises), and what approve, remove and report do, as the people in the room see it."""

from __future__ import annotations

import factories
import pytest
from factories import login_of

THREAT = "I will punch you in the face"  # held for review in a teen room


@pytest.fixture()
def two_rooms(db_session):
    """The factories' exchange, and a second room of an unrelated school with its own held message."""
    world = factories.exchange_world()
    far = factories.school("Baobab Hill School", country="KE", timezone="Africa/Nairobi")
    far_teacher = factories.user("teacher", school_of=far, first_name="Wanjiku")
    far_class = factories.school_class(far_teacher, name="Form 2 North")
    far_student = factories.student_in(far_class, first_name="Baraka")
    world.update(
        far_teacher=far_teacher,
        far_student=far_student,
        far_room=factories.room(far_teacher, [far_class], title="Our own river"),
    )
    return world


def held(as_user, as_live, who, room_id: int, body: str = THREAT) -> int:
    """`who` says something that is held; returns the flag's id."""
    writer = as_live(as_user(login_of(who)))
    assert writer.join(room_id)["ok"]
    ack = writer.send(room_id, body)
    assert ack["ok"] and ack["held"] is True, ack
    return ack["flag_id"]


def queue_ids(client) -> set[int]:
    r = client.get("/api/v1/flags")
    assert r.status_code == 200, r.text
    return {f["id"] for f in r.json()["flags"]}


def test_each_teacher_sees_the_flags_of_their_own_rooms_only(two_rooms, as_user, as_live):
    w = two_rooms
    ours = held(as_user, as_live, w["student"], w["room"].id)
    theirs = held(as_user, as_live, w["far_student"], w["far_room"].id)
    assert queue_ids(as_user(login_of(w["teacher"]))) >= {ours} and theirs not in queue_ids(
        as_user(login_of(w["teacher"]))
    )
    assert ours in queue_ids(as_user(login_of(w["partner_teacher"])))  # the partner teacher supervises too
    far_queue = queue_ids(as_user(login_of(w["far_teacher"])))
    assert theirs in far_queue and ours not in far_queue
    assert {ours, theirs} <= queue_ids(as_user(login_of(w["moderator"])))  # a platform moderator sees all


def test_a_school_moderator_sees_only_rooms_where_the_school_takes_part(two_rooms, as_user, as_live, db_session):
    w = two_rooms
    ours = held(as_user, as_live, w["student"], w["room"].id)
    theirs = held(as_user, as_live, w["far_student"], w["far_room"].id)
    school_mod = factories.user("moderator", school_of=w["schools"][0], first_name="Eirik")
    seen = queue_ids(as_user(login_of(school_mod)))
    assert ours in seen and theirs not in seen
    r = as_user(login_of(school_mod)).post(
        f"/api/v1/flags/{theirs}/actions", {"action": "dismiss", "reason": "not ours"}
    )
    assert r.status_code in (403, 404)


def test_students_and_experts_never_see_the_queue(two_rooms, as_user, db_session):
    expert = factories.user("expert", first_name="Marisol")
    for who in (two_rooms["student"], expert):
        assert as_user(login_of(who)).get("/api/v1/flags").status_code == 403


def test_teacher_of_another_school_cannot_act_on_a_flag(two_rooms, as_user, as_live):
    w = two_rooms
    flag = held(as_user, as_live, w["student"], w["room"].id)
    r = as_user(login_of(w["far_teacher"])).post(
        f"/api/v1/flags/{flag}/actions", {"action": "approve", "reason": "looks fine to me"}
    )
    assert r.status_code == 403
    assert (
        as_user(login_of(w["student"]))
        .post(f"/api/v1/flags/{flag}/actions", {"action": "approve", "reason": "mine"})
        .status_code
        == 403
    )


def test_approval_releases_the_held_message_into_the_room(two_rooms, as_user, as_live):
    w = two_rooms
    reader = as_live(as_user(login_of(w["partner_student"])))
    reader.join(w["room"].id)
    flag = held(as_user, as_live, w["student"], w["room"].id)
    teacher = as_user(login_of(w["teacher"]))
    r = teacher.post(
        f"/api/v1/flags/{flag}/actions", {"action": "approve", "reason": "Friendly teasing between pen pals"}
    )
    assert r.status_code == 200 and r.json()["flag"]["status"] == "approved"
    history = teacher.get(f"/api/v1/rooms/{w['room'].id}/messages?after=0").json()["messages"]
    assert THREAT in [m["body"] for m in history]
    assert [m["seq"] for m in reader.received() if m["body"] == THREAT] == [r.json()["seq"]]
    again = teacher.post(f"/api/v1/flags/{flag}/actions", {"action": "approve", "reason": "once more please"})
    assert again.status_code == 409


def test_removed_held_message_never_reaches_the_room(two_rooms, as_user, as_live):
    w = two_rooms
    flag = held(as_user, as_live, w["student"], w["room"].id, THREAT + " really")
    mod = as_user(login_of(w["moderator"]))
    r = mod.post(f"/api/v1/flags/{flag}/actions", {"action": "remove", "reason": "Insult"})
    assert r.status_code == 200 and r.json()["flag"]["status"] == "removed"
    history = mod.get(f"/api/v1/rooms/{w['room'].id}/messages?after=0").json()["messages"]
    assert THREAT + " really" not in [m["body"] for m in history]


def test_an_action_needs_a_reason_and_a_known_name(two_rooms, as_user, as_live):
    w = two_rooms
    flag = held(as_user, as_live, w["student"], w["room"].id)
    mod = as_user(login_of(w["moderator"]))
    r = mod.post(f"/api/v1/flags/{flag}/actions", {"action": "approve", "reason": ""})
    assert r.status_code == 400 and r.json()["error"]["code"] == "reason_required"
    r = mod.post(f"/api/v1/flags/{flag}/actions", {"action": "explode", "reason": "because"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_action"
    assert mod.post("/api/v1/flags/999999/actions", {"action": "approve", "reason": "because"}).status_code == 404


def test_a_report_by_a_student_reaches_the_teachers_queue(two_rooms, as_user, as_live):
    w = two_rooms
    writer = as_live(as_user(login_of(w["student"])))
    writer.join(w["room"].id)
    ack = writer.send(w["room"].id, "Your drawing looks like a potato")
    assert ack["ok"] and ack.get("held") is not True
    reporter = as_user(login_of(w["partner_student"]))
    r = reporter.post(
        "/api/v1/reports",
        {"room": w["room"].id, "seq": ack["seq"], "category": "bullying", "reason": "This made me sad"},
    )
    assert r.status_code == 201, r.text
    flag = next(
        f
        for f in as_user(login_of(w["teacher"])).get("/api/v1/flags").json()["flags"]
        if f["id"] == r.json()["flag_id"]
    )
    assert flag["source"] == "report" and flag["body"] == "Your drawing looks like a potato"
