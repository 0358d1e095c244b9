"""Vetting over real HTTP: every transition and who may make it, evidence seen by verifiers
only, the profile filters, the visit flow from offer to room, refusals for unverified
experts and teachers, and renewal reminders written to the outbox once."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import timedelta

from pathlib import Path

import factories
import pytest
from conftest import ADMIN_OSLO, MODERATOR, TEACHER_NAIROBI, TEACHER_OSLO, TEACHER_SYDNEY
from sqlalchemy import select
from support import suite_today
from vetting_steps import (
    DATE_OF_BIRTH,
    FIRST_NAMES,
    REFUSED,
    apply,
    class_id,
    move,
    publish,
    record_all,
    request_visit,
    verify,
    visit_consent,
    visit_room,
)

from exchange.accounts.models import User
from exchange.demo.vetting import load_vetting_demo
from exchange.directory.models import SchoolClass
from exchange.rooms.models import Room
from exchange.vetting.rules.checklist import add_months

pytestmark = pytest.mark.demo_data  # in-process, on the demo data
STUDENT = "nora.berg"


@pytest.fixture()
def api(as_user):
    return as_user


@pytest.fixture()
def make_experts(db_session, as_user):
    """`make_experts(n)`: n fresh expert accounts, logged in."""

    def make(n: int):
        people = [
            factories.user("expert", first_name=FIRST_NAMES[i % len(FIRST_NAMES)], last_name="Tester") for i in range(n)
        ]
        return [as_user(person.email) for person in people]

    return make


def load_demo_vetting(db_session) -> str:
    """Call the vetting demo loader as the demo command does (it runs once: "True", then "False")."""
    people = {u.email: u for u in db_session.scalars(select(User).where(User.email.is_not(None)).order_by(User.id))}
    classes = list(db_session.scalars(select(SchoolClass).order_by(SchoolClass.id)))
    rooms = list(db_session.scalars(select(Room).order_by(Room.id)))
    return str(load_vetting_demo(people, classes, rooms))


def read_mails(paths) -> list:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in paths]


def test_every_transition_needs_an_admin_and_a_reason(make_experts, api):
    admin = api(ADMIN_OSLO)
    a, b = make_experts(2)
    rec = apply(a)
    assert a.get("/api/v1/vetting/me").json()["record"]["state"] == "applied"
    body = {"target": "in_review", "reason": "Looks complete to me"}
    for who in (a, api(TEACHER_OSLO), api(STUDENT), api(MODERATOR)):
        assert who.post(f"/api/v1/vetting/records/{rec}/transition", body).status_code == 403
        assert who.post(f"/api/v1/vetting/records/{rec}/evidence", {"kind": "background"}).status_code == 403
        assert who.get("/api/v1/vetting/records").status_code == 403
        assert who.get(f"/api/v1/vetting/records/{rec}").status_code == 403
    r = admin.post(f"/api/v1/vetting/records/{rec}/transition", {"target": "verified", "reason": "Skipping the review"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_transition"
    for reason in (None, "", "ok"):
        r = admin.post(f"/api/v1/vetting/records/{rec}/transition", {"target": "in_review", "reason": reason})
        assert r.status_code == 400 and r.json()["error"]["code"] == "reason_required", r.text
    move(admin, rec, "in_review", "Starting the review")
    # in_review -> applied asks the expert for more; they see the verifier's reason.
    move(admin, rec, "applied", "Please send your safeguarding training certificate.")
    mine = a.get("/api/v1/vetting/me").json()["record"]
    assert mine["state"] == "applied" and mine["message"] == "Please send your safeguarding training certificate."
    move(admin, rec, "in_review", "Certificate received")
    r = admin.post(f"/api/v1/vetting/records/{rec}/transition", {"target": "verified", "reason": "All fine"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "evidence_incomplete"
    assert "Background check" in r.json()["error"]["message"]
    today = suite_today()
    # Evidence the rules refuse is not stored.
    r = admin.post(
        f"/api/v1/vetting/records/{rec}/evidence",
        {
            "kind": "identity",
            "document_type": "passport",
            "checked_on": today.isoformat(),
            "date_of_birth": (today - timedelta(days=365 * 16)).isoformat(),
        },
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "under_age"
    r = admin.post(
        f"/api/v1/vetting/records/{rec}/evidence",
        {
            "kind": "background",
            "provider": "National check",
            "reference": "X-1",
            "issued_on": (today + timedelta(days=3)).isoformat(),
        },
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "future_date"
    assert admin.get(f"/api/v1/vetting/records/{rec}").json()["evidence"] == []
    record_all(admin, rec, today - timedelta(days=5))
    verified = move(admin, rec, "verified", "All evidence checked and complete.")
    assert verified["cleared"] is True and verified["verified_since"]
    move(admin, rec, "suspended", "A school raised a concern; looking into it.")
    assert a.get("/api/v1/vetting/me").json()["cleared"] is False
    move(admin, rec, "verified", "Concern cleared after talking to the school.")
    assert a.get("/api/v1/vetting/me").json()["cleared"] is True
    move(admin, rec, "suspended", "A second concern, investigating.")
    move(admin, rec, "revoked", "The investigation upheld the concern.")
    r = admin.post(f"/api/v1/vetting/records/{rec}/transition", {"target": "in_review", "reason": "Try again?"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_transition"
    r = a.post(
        "/api/v1/vetting/application",
        {
            "display_name": "Dr. Lena Vogel",
            "organisation": "Deep Sea Institute",
            "expertise": "Marine biology",
            "languages": ["en"],
            "agree_code_of_conduct": True,
        },
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "vetting_revoked"
    history = admin.get(f"/api/v1/vetting/records/{rec}").json()["history"]
    assert [(h["before"], h["after"]) for h in history] == [
        ("applied", "in_review"),
        ("in_review", "applied"),
        ("applied", "in_review"),
        ("in_review", "verified"),
        ("verified", "suspended"),
        ("suspended", "verified"),
        ("verified", "suspended"),
        ("suspended", "revoked"),
    ]
    assert (
        history[-1]["reason"] == "The investigation upheld the concern."
        and history[-1]["actor"]["id"] == admin.user["id"]
    )
    audit = [
        x
        for x in admin.get("/api/v1/audit").json()["records"]
        if x["subject_type"] == "vetting_record"
        and x["subject_id"] == str(rec)
        and x["action"] != "vetting.evidence_record"
    ]
    assert [x["action"] for x in audit][-3:] == ["vetting.verified", "vetting.suspended", "vetting.revoked"]
    assert audit[-1]["reason"] == "The investigation upheld the concern." and audit[-1]["actor_id"] == admin.user["id"]
    # Evidence is audited by kind only, never its details.
    evidence_audit = json.dumps(
        [x for x in admin.get("/api/v1/audit").json()["records"] if x["action"] == "vetting.evidence_record"]
    )
    assert DATE_OF_BIRTH not in evidence_audit and f"NCR-{rec}-7731" not in evidence_audit

    # in_review -> rejected; a rejected expert may apply again: a new record.
    rec_b = apply(b)
    move(admin, rec_b, "in_review", "Starting the review")
    move(admin, rec_b, "rejected", "The references could not be confirmed.")
    again = apply(b)
    assert again != rec_b and b.get("/api/v1/vetting/me").json()["record"]["state"] == "applied"


def test_evidence_only_for_verifiers_badge_for_teachers_profile_for_students(make_experts, api):
    admin = api(ADMIN_OSLO)
    (expert,) = make_experts(1)
    rec = verify(admin, expert)
    eid = expert.user["id"]
    secret_ref = f"NCR-{rec}-7731"
    as_admin = admin.get(f"/api/v1/experts/{eid}").json()
    assert as_admin["vetting"]["evidence"] and DATE_OF_BIRTH in json.dumps(as_admin)
    teacher_api, student_api = api(TEACHER_OSLO), api(STUDENT)
    teacher = teacher_api.get(f"/api/v1/experts/{eid}")
    assert teacher.status_code == 200
    body = teacher.json()
    assert set(body) == {"profile", "badge"}
    assert body["badge"]["state"] == "verified" and body["badge"]["cleared"] is True
    assert body["badge"]["verified_since"] and body["badge"]["expires_on"]
    assert DATE_OF_BIRTH not in teacher.text and secret_ref not in teacher.text and "Ines Varga" not in teacher.text
    mod = api(MODERATOR).get(f"/api/v1/experts/{eid}").json()
    assert set(mod) == {"profile", "badge"}
    student = student_api.get(f"/api/v1/experts/{eid}")
    assert student.status_code == 200 and set(student.json()) == {"profile"}
    assert set(student.json()["profile"]) == {"id", "display_name", "organisation", "expertise", "languages", "bio"}
    assert "verified" not in student.text and DATE_OF_BIRTH not in student.text
    own = expert.get("/api/v1/vetting/me")
    assert own.json()["record"]["complete"] is True
    assert DATE_OF_BIRTH not in own.text and secret_ref not in own.text and "Ines Varga" not in own.text
    # Pages: the teacher's shows the badge and no evidence; the student's the profile only.
    page = teacher_api.get(f"/experts/{eid}", headers={"Accept": "text/html"})
    assert "Verified adult" in page.text and secret_ref not in page.text and DATE_OF_BIRTH not in page.text
    page = student_api.get(f"/experts/{eid}", headers={"Accept": "text/html"})
    assert "Deep Sea Institute" in page.text and "Verified adult" not in page.text and "anglerfish" in page.text
    assert teacher_api.get(f"/vetting/records/{rec}", headers={"Accept": "text/html"}).status_code == 403
    page = admin.get(f"/vetting/records/{rec}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and secret_ref in page.text
    # A student never sees an expert who is not cleared.
    (pending,) = make_experts(1)
    apply(pending)
    r = student_api.get(f"/api/v1/experts/{pending.user['id']}")
    assert r.status_code == 404
    assert teacher_api.get(f"/api/v1/experts/{pending.user['id']}").json()["badge"]["state"] == "not_verified"


def test_profile_is_sanitised_and_filtered(make_experts, api):
    (expert,) = make_experts(1)
    r = expert.post(
        "/api/v1/vetting/application",
        {
            "display_name": "Dr. Ana Lima",
            "organisation": "Rainforest Trust",
            "expertise": "Tropical botany",
            "languages": ["pt", "en"],
            "agree_code_of_conduct": True,
            "bio": "<p>I study <b>orchids</b>.<script>alert(1)</script><img src=x onerror=alert(2)></p>",
        },
    )
    assert r.status_code == 201, r.text
    bio = r.json()["profile"]["bio"]
    assert "<b>orchids</b>" in bio and "script" not in bio and "onerror" not in bio and "<img" not in bio
    r = expert.post(
        "/api/v1/vetting/application",
        {
            "display_name": "Dr. Ana Lima",
            "organisation": "Rainforest Trust",
            "expertise": "Tropical botany",
            "languages": ["pt"],
            "agree_code_of_conduct": True,
            "bio": "Write to me at ana.lima@example.com after class",
        },
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "bio_refused"
    r = expert.post(
        "/api/v1/vetting/application",
        {
            "display_name": "Dr. Ana Lima",
            "organisation": "Rainforest Trust",
            "expertise": "Tropical botany",
            "languages": ["pt"],
        },
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "code_of_conduct_not_agreed"
    r = expert.post(
        "/api/v1/vetting/application",
        {
            "display_name": "you idiot",
            "organisation": "Rainforest Trust",
            "expertise": "Tropical botany",
            "languages": ["pt"],
            "agree_code_of_conduct": True,
        },
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "display_name_refused"
    r = api(STUDENT).post("/api/v1/vetting/application", {"display_name": "Nora"})
    assert r.status_code == 403
    r = api(TEACHER_OSLO).post("/api/v1/offers", {"topic": "x"})
    assert r.status_code == 403


def test_visit_flow_offer_request_accept_room(make_experts, api):
    admin = api(ADMIN_OSLO)
    expert, other = make_experts(2)
    verify(admin, expert)
    verify(admin, other, display_name="Dr. Omar Haddad", organisation="Desert Research Station")
    offer = publish(expert, topic="Life in the deep sea")
    teacher = api(TEACHER_OSLO)
    listed = {o["id"]: o for o in teacher.get("/api/v1/offers").json()["offers"]}
    assert listed[offer]["badge"]["state"] == "verified" and listed[offer]["expert"]["display_name"] == "Dr. Lena Vogel"
    assert "evidence" not in json.dumps(listed[offer])
    assert api(STUDENT).get("/api/v1/offers").status_code == 403
    oslo_9a = class_id(teacher)
    # Hosting experts needs a teacher verified by their school admin.
    nairobi = api(TEACHER_NAIROBI)
    r = request_visit(nairobi, offer, class_id(nairobi, "Grade 6"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "teacher_not_verified"
    sydney = api(TEACHER_SYDNEY)
    r = request_visit(sydney, offer, oslo_9a)
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_class"
    r = teacher.post(
        f"/api/v1/offers/{offer}/requests", {"class_id": oslo_9a, "proposed_start": "2020-01-01T10:00:00Z"}
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "start_in_past"
    r = request_visit(teacher, offer, oslo_9a)
    assert r.status_code == 201 and r.json()["status"] == "requested"
    req = r.json()["id"]
    incoming = {x["id"]: x for x in expert.get("/api/v1/visit-requests/incoming").json()["requests"]}
    assert incoming[req]["class"]["name"] == "9A Global Citizens" and incoming[req]["teacher"]["name"] == "Astrid Lunde"
    assert "Nora" not in json.dumps(incoming)  # no student data reaches the expert
    assert teacher.post(f"/api/v1/visit-requests/{req}/accept").status_code == 403
    r = other.post(f"/api/v1/visit-requests/{req}/accept")
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_request"
    r = expert.post(f"/api/v1/visit-requests/{req}/accept")
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    room = r.json()["room_id"]
    assert expert.post(f"/api/v1/visit-requests/{req}/accept").json()["error"]["code"] == "already_answered"
    as_teacher = teacher.get(f"/api/v1/rooms/{room}").json()
    assert (
        as_teacher["kind"] == "visit"
        and as_teacher["my_role"] == "teacher"
        and as_teacher["title"] == "Visit: Life in the deep sea"
    )
    student = api(STUDENT)
    visit_consent(teacher, student)  # visits need a guardian's consent (the guardians domain checks it)
    assert student.get(f"/api/v1/rooms/{room}").json()["my_role"] == "student"
    assert expert.get(f"/api/v1/rooms/{room}").json()["my_role"] == "expert"
    assert other.get(f"/api/v1/rooms/{room}").status_code == 403  # only the invited expert
    assert api(TEACHER_SYDNEY).get(f"/api/v1/rooms/{room}").status_code == 403
    sent = {x["id"]: x for x in teacher.get("/api/v1/visit-requests/sent").json()["requests"]}
    assert sent[req]["status"] == "accepted" and sent[req]["room_id"] == room
    # Decline and cancel.
    r2 = request_visit(teacher, publish(other, topic="Sand dunes and desert life"), oslo_9a)
    assert other.post(f"/api/v1/visit-requests/{r2.json()['id']}/decline").json()["status"] == "declined"
    r3 = request_visit(teacher, publish(other, topic="Water in the desert"), oslo_9a, hours=30)
    assert teacher.post(f"/api/v1/visit-requests/{r3.json()['id']}/cancel").json()["status"] == "cancelled"


def test_unverified_expert_cannot_be_invited_or_join(make_experts, api, as_live):
    live = as_live
    admin = api(ADMIN_OSLO)
    pending, cleared = make_experts(2)
    apply(pending)
    teacher = api(TEACHER_OSLO)
    oslo_9a = class_id(teacher)
    r = teacher.post(
        "/api/v1/rooms", {"title": "Guest from the lab", "class_ids": [oslo_9a], "expert_ids": [pending.user["id"]]}
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "expert_not_verified"
    offer = publish(pending, topic="Volcanoes up close")
    assert offer not in [o["id"] for o in teacher.get("/api/v1/offers").json()["offers"]]
    r = request_visit(teacher, offer, oslo_9a)
    assert r.status_code == 403 and r.json()["error"]["code"] == "expert_not_verified"

    rec = verify(admin, cleared)
    room = visit_room(cleared, teacher)
    client = live(cleared)
    assert client.join(room)["ok"] is True
    client.call("leave", {"room": room})
    move(admin, rec, "suspended", "Concern reported by a school; investigating.")
    ack = client.join(room)
    assert ack["ok"] is False and ack["error"] in REFUSED
    assert cleared.get(f"/api/v1/rooms/{room}").status_code == 403
    r = teacher.post(
        "/api/v1/rooms", {"title": "Another guest visit", "class_ids": [oslo_9a], "expert_ids": [cleared.user["id"]]}
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "expert_not_verified"
    assert teacher.get(f"/api/v1/experts/{cleared.user['id']}").json()["badge"]["state"] == "not_verified"
    move(admin, rec, "verified", "Concern cleared.")
    assert client.join(room)["ok"] is True


def test_reminder_written_to_outbox_once(make_experts, api, app):
    admin = api(ADMIN_OSLO)
    (expert,) = make_experts(1)
    today = suite_today()
    # The background check (12 months) was issued so that it expires in 10 days.
    issued = add_months(today, -12) + timedelta(days=10)
    rec = verify(admin, expert, day=today - timedelta(days=20), background_day=issued)
    for who in (expert, api(MODERATOR)):
        assert who.post("/api/v1/vetting/reminders").status_code == 403
        assert who.post("/api/v1/vetting/expire-due").status_code == 403
    item = next(i for i in expert.get("/api/v1/vetting/me").json()["record"]["items"] if i["slot"] == "background")
    assert item["due_for_reminder"] is True and item["days_left"] == 10
    outbox = Path(app.config["OUTBOX_DIR"])
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    sent = admin.post("/api/v1/vetting/reminders").json()["sent"]
    assert [(s["record_id"], s["slot"]) for s in sent if s["record_id"] == rec] == [(rec, "background")]
    mails = [m for m in read_mails(set(outbox.glob("*.eml")) - before) if m["To"] == expert.user["email"]]
    assert len(mails) == 1
    text = mails[0].get_body(preferencelist=("plain",)).get_content()
    assert "Background check" in text and add_months(issued, 12).isoformat() in text and "10 days left" in text
    again = admin.post("/api/v1/vetting/reminders").json()["sent"]
    assert not [s for s in again if s["record_id"] == rec]
    assert len([m for m in read_mails(set(outbox.glob("*.eml")) - before) if m["To"] == expert.user["email"]]) == 1
    assert admin.post("/api/v1/vetting/expire-due").json()["expired"] == []  # nothing has lapsed


def test_demo_data_has_a_review_and_a_bookable_expert(api, db_session):
    first = load_demo_vetting(db_session)
    assert load_demo_vetting(db_session) == "False"  # once only
    assert first in ("True", "False")  # False when the demo command already loaded it
    teacher = api(TEACHER_OSLO)
    kofi = next(o for o in teacher.get("/api/v1/offers").json()["offers"] if o["topic"] == "A tour of the night sky")
    assert kofi["expert"]["organisation"] == "Skylab Planetarium" and kofi["badge"]["state"] == "verified"
    r = request_visit(teacher, kofi["id"], class_id(teacher))
    assert r.status_code == 201, r.text
    kofi_api = api("kofi.mensah@skylab.example")  # the demo password
    assert kofi_api.post(f"/api/v1/visit-requests/{r.json()['id']}/accept").json()["room_id"]
    selma = api("selma.ortiz@marinelab.example").get("/api/v1/vetting/me").json()
    assert selma["profile"]["organisation"] == "Coral Coast Marine Lab" and selma["record"]["state"] == "in_review"
    assert selma["cleared"] is False and "background" in selma["record"]["missing"]
