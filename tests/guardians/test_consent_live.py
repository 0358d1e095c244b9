"""Withdrawal takes effect at once: a student connected to a cross-school room with a real
python-socketio client is evicted the moment consent is withdrawn (online or on paper)."""

from __future__ import annotations

import pytest
from conftest import ADMIN_OSLO, TEACHER_OSLO, demo_room_id
from guardians_support import (
    audit_actions,
    class_of,
    ensure_guardians_demo,
    invite_and_accept,
    new_student,
    students_of,
)
from support import suite_today


@pytest.fixture(scope="module", autouse=True)
def families(server):
    ensure_guardians_demo(server)


def test_guardian_withdraws_online_and_connected_student_is_evicted(api, live, server):
    teacher = api(TEACHER_OSLO)
    room = demo_room_id(teacher)
    class_room = demo_room_id(teacher, "9a class room")
    student_api, student_id = new_student(server, teacher, first="Live")
    guardian, _token = invite_and_accept(server, teacher, student_id)
    assert (
        guardian.post(
            f"/api/v1/guardian/children/{student_id}/consent", {"scope": "exchanges", "decision": "grant"}
        ).status_code
        == 200
    )
    student, partner = live(student_api), live(api("mia.thompson"))
    assert student.join(room)["ok"] is True and partner.join(room)["ok"] is True
    assert student.join(class_room)["ok"] is True
    assert student.send(room, "Hello Sydney, I am new here")["ok"] is True
    r = guardian.post(f"/api/v1/guardian/children/{student_id}/consent", {"scope": "exchanges", "decision": "withdraw"})
    assert r.status_code == 200 and r.json()["consent"]["exchanges"]["status"] == "withdrawn"
    evicted = student.wait_for(lambda e: e["room"] == room, name="evicted")
    assert evicted["error"] == "consent_withdrawn"
    ack = student.send(room, "Am I still here?")
    assert ack["ok"] is False and ack["error"] in ("not_joined", "not_a_member")
    assert not [m for m in partner.received() if m["body"] == "Am I still here?"]
    again = student.join(room)
    assert again["ok"] is False and again["error"] == "consent_withdrawn"
    # Only the cross-school room is lost: the class's own room stays.
    assert not [e for e in student.received("evicted") if e["room"] == class_room]
    assert student.send(class_room, "Still in my own class")["ok"] is True
    row = students_of(teacher, class_of(teacher)["id"])["Live"]
    assert row["consent"]["exchanges"]["status"] == "withdrawn"
    assert {k["code"] for k in row["kept_out"]} == {"consent_withdrawn"}
    withdrawals = [a for a in audit_actions(api(ADMIN_OSLO), "consent.withdraw") if a["subject_id"] == str(student_id)]
    assert withdrawals and withdrawals[-1]["after"]["method"] == "online"
    # Giving consent again lets the student back in.
    guardian.post(f"/api/v1/guardian/children/{student_id}/consent", {"scope": "exchanges", "decision": "grant"})
    assert student.join(room)["ok"] is True


def test_paper_withdrawal_recorded_by_teacher_evicts_at_once(api, live, server):
    teacher = api(TEACHER_OSLO)
    room = demo_room_id(teacher)
    student_api, student_id = new_student(server, teacher, first="Papir")
    paper = {"scopes": ["exchanges"], "guardian_name": "Per Nilsen", "signed_on": suite_today().isoformat()}
    assert teacher.post(f"/api/v1/students/{student_id}/consent/paper", paper).status_code == 201
    student = live(student_api)
    assert student.join(room)["ok"] is True
    r = teacher.post(f"/api/v1/students/{student_id}/consent/paper", dict(paper, decision="withdraw"))
    assert r.status_code == 201 and r.json()["consent"]["exchanges"]["status"] == "withdrawn"
    assert student.wait_for(lambda e: e["room"] == room, name="evicted")["error"] == "consent_withdrawn"
    assert student.send(room, "hello?")["ok"] is False
