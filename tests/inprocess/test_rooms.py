"""Rooms in-process, on a small world made by the factories: who may join and post, the room
policy's refusals, messages held or delivered, history and retries. Socket.IO through
Flask-SocketIO's test client; HTTP through Flask's."""

from __future__ import annotations

import factories
import pytest
from factories import login_of

THREAT = "I will punch you in the face"  # held for review in a teen room


@pytest.fixture()
def world(db_session):
    return factories.exchange_world()


class People(dict):
    """Logged-in JSON clients of the world's people by the world's names, each logged in when first asked for."""

    def __init__(self, world, as_user):
        super().__init__()
        self.world, self.as_user = world, as_user

    def __missing__(self, name):
        self[name] = self.as_user(login_of(self.world[name]))
        return self[name]


@pytest.fixture()
def people(world, as_user):
    return People(world, as_user)


def test_socket_refused_without_login(app, as_live, as_user):
    assert as_live(as_user(None)).connected is False


def test_partner_classes_exchange_messages_in_order(world, people, as_live):
    room = world["room"].id
    writer, reader = as_live(people["student"]), as_live(people["partner_student"])
    assert writer.join(room)["ok"] and reader.join(room)["ok"]
    seqs = [writer.send(room, f"Hei Arequipa {i}")["seq"] for i in range(4)]
    assert seqs == sorted(seqs) and seqs[-1] - seqs[0] == 3
    got = [m for m in reader.received() if m["body"].startswith("Hei Arequipa")]
    assert [m["seq"] for m in got] == seqs
    assert {m["author"]["name"] for m in got} == {f"Oda {world['student'].last_name[0]}."}  # first name and initial
    assert world["student"].last_name not in str(reader.received())


def test_teacher_of_another_school_is_not_a_member(world, as_user, as_live, db_session):
    outsider = factories.user(
        "teacher", school_of=factories.school("Kowhai Bay School", country="NZ", timezone="Pacific/Auckland")
    )
    ack = as_live(as_user(login_of(outsider))).join(world["room"].id)
    assert ack == {"ok": False, "error": "not_a_member", "message": "You are not a member of this room."}
    r = as_user(login_of(outsider)).get(f"/api/v1/rooms/{world['room'].id}/messages?after=0")
    assert r.status_code in (403, 404)


def test_rooms_list_shows_a_member_only_their_rooms(world, people, as_user, db_session):
    other_class = factories.school_class(world["partner_teacher"], name="4to Secundaria A")
    factories.room(world["partner_teacher"], [other_class], title="Only for 4to A")
    titles = [r["title"] for r in people["student"].get("/api/v1/rooms").json()["rooms"]]
    assert titles == ["Rivers and rain"]
    assert "Only for 4to A" in [r["title"] for r in people["partner_teacher"].get("/api/v1/rooms").json()["rooms"]]


def test_student_without_consent_is_kept_out_of_the_cross_school_room(world, as_user, as_live, db_session):
    newcomer = factories.student_in(world["class"], first_name="Ylva")
    ack = as_live(as_user(login_of(newcomer))).join(world["room"].id)
    assert ack["ok"] is False and ack["error"] == "consent_missing"


def test_withdrawn_consent_keeps_the_student_out(world, as_user, as_live, db_session):
    factories.consent(world["classmate"], "exchanges", by=world["teacher"], status="withdrawn")
    ack = as_live(as_user(login_of(world["classmate"]))).join(world["room"].id)
    assert ack["ok"] is False and ack["error"] == "consent_withdrawn"


def test_room_not_open_yet_refuses_messages(world, people, as_live, db_session):
    later = factories.room(
        world["teacher"], [world["class"], world["partner_class"]], title="Next week", open_now=False
    )
    student = as_live(people["student"])
    ack = student.join(later.id)
    if ack["ok"]:
        ack = student.send(later.id, "Anyone here?")
    assert ack["ok"] is False and ack["error"] == "room_not_open"


def test_locked_room_refuses_messages_until_unlocked(world, people, as_live):
    room = world["room"].id
    student = as_live(people["student"])
    assert student.join(room)["ok"]
    assert people["student"].post(f"/api/v1/rooms/{room}/lock").status_code == 403
    assert people["teacher"].post(f"/api/v1/rooms/{room}/lock").status_code == 200
    assert student.send(room, "Can you hear me?")["error"] == "room_locked"
    assert people["teacher"].post(f"/api/v1/rooms/{room}/unlock").status_code == 200
    assert student.send(room, "Can you hear me now?")["ok"] is True


def test_muted_student_cannot_send(world, people, as_live):
    room = world["room"].id
    student = as_live(people["partner_student"])
    assert student.join(room)["ok"]
    r = people["partner_teacher"].post(
        f"/api/v1/rooms/{room}/mute", {"user_id": world["partner_student"].id, "minutes": 5}
    )
    assert r.status_code == 200, r.text
    assert student.send(room, "hola")["error"] == "muted"
    assert as_live(people["student"]).join(room)["ok"]  # the others go on


def test_threat_is_held_not_delivered_and_reaches_the_queue(world, people, as_live):
    room = world["room"].id
    writer, reader = as_live(people["student"]), as_live(people["partner_student"])
    writer.join(room), reader.join(room)
    ack = writer.send(room, THREAT)
    assert ack["ok"] and ack["held"] is True and ack["seq"] is None
    assert THREAT not in [m["body"] for m in reader.received()]
    history = people["partner_student"].get(f"/api/v1/rooms/{room}/messages?after=0").json()["messages"]
    assert THREAT not in [m["body"] for m in history]
    queue = people["teacher"].get("/api/v1/flags").json()["flags"]
    flag = next(f for f in queue if f["id"] == ack["flag_id"])
    assert flag["body"] == THREAT and flag["status"] == "open" and flag["verdict"] == "hold"


def test_malformed_payloads_get_clear_errors_and_the_socket_lives_on(world, people, as_live):
    room = world["room"].id
    student = as_live(people["student"])
    assert student.call("join", {"room": 987654})["error"] == "no_such_room"
    assert student.call("join", {"room": "1 OR 1=1"})["error"] == "invalid_room"
    assert student.call("join", "not an object")["error"] == "invalid_payload"
    assert student.call("send_message", {"room": room, "body": "hi", "client_msg_id": "x"})["error"] == "not_joined"
    assert student.join(room)["ok"]
    assert student.call("send_message", {"room": room, "body": 12, "client_msg_id": "x"})["error"] == "invalid_payload"
    assert (
        student.call("send_message", {"room": room, "body": "y" * 2001, "client_msg_id": "long"})["error"]
        == "message_too_long"
    )
    assert (
        student.call("send_message", {"room": room, "body": "   ", "client_msg_id": "blank"})["error"]
        == "empty_message"
    )
    assert student.send(room, "still here")["ok"]


def test_retry_with_same_client_msg_id_is_stored_once(world, people, as_live):
    room = world["room"].id
    student = as_live(people["classmate"])
    student.join(room)
    first = student.send(room, "only once please", "retry-1")
    second = student.send(room, "only once please", "retry-1")
    assert first["ok"] and second["ok"] and second["seq"] == first["seq"] and second["duplicate"] is True
    history = people["teacher"].get(f"/api/v1/rooms/{room}/messages?after=0").json()["messages"]
    assert [m["client_msg_id"] for m in history].count("retry-1") == 1
    # A retry that arrives after the room was locked still learns its message was stored.
    assert people["teacher"].post(f"/api/v1/rooms/{room}/lock").status_code == 200
    late = student.send(room, "only once please", "retry-1")
    assert late["ok"] and late["duplicate"] is True and late["seq"] == first["seq"]
    assert student.send(room, "a new one", "retry-2")["error"] == "room_locked"
    assert people["teacher"].post(f"/api/v1/rooms/{room}/unlock").status_code == 200


def test_resume_returns_what_a_fresh_fetch_returns(world, people, as_live):
    room = world["room"].id
    writer = as_live(people["student"])
    writer.join(room)
    reader = as_live(people["partner_student"])
    last = reader.join(room)["room"]["last_seq"]
    reader.close()
    sent = [writer.send(room, f"while you were away {i}")["seq"] for i in range(3)]
    ack = as_live(people["partner_student"]).join(room, last_seq=last)
    assert ack["ok"] and ack["resync"] is False
    assert [m["seq"] for m in ack["messages"]][-3:] == sent
    fresh = people["partner_student"].get(f"/api/v1/rooms/{room}/messages?after={last}").json()["messages"]
    assert ack["messages"] == fresh


def test_retries_of_a_held_message_get_the_held_answer_then_the_approved_seq(world, people, as_live):
    """A held message's flag is looked up only off the delivery path: a retry while it waits gets the
    same flag and no second one; after the teacher approves it, a retry learns its seq and the room
    holds it once."""
    room = world["room"].id
    student = as_live(people["student"])
    student.join(room)
    first = student.send(room, THREAT, "held-1")
    again = student.send(room, THREAT, "held-1")
    assert first["held"] is True and again["held"] is True and again["flag_id"] == first["flag_id"]
    queue = people["teacher"].get("/api/v1/flags").json()["flags"]
    assert [f["id"] for f in queue if f["body"] == THREAT] == [first["flag_id"]]
    approved = people["teacher"].post(
        f"/api/v1/flags/{first['flag_id']}/actions", {"action": "approve", "reason": "a quote from our play"}
    )
    assert approved.status_code == 200
    seq = approved.json()["seq"]
    late = student.send(room, THREAT, "held-1")
    assert late["ok"] and late["seq"] == seq and late["duplicate"] is True
    history = people["teacher"].get(f"/api/v1/rooms/{room}/messages?after=0").json()["messages"]
    assert [m["client_msg_id"] for m in history].count("held-1") == 1
