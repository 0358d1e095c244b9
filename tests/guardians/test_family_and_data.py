"""Family updates (e-mail to the outbox, printable page), data rights (export of one's own child's
messages as JSON and CSV, deletion approved by an admin), and retention through the admin API.
In-process, on the demo data (which has the demo families)."""

from __future__ import annotations

import csv
import email
import io
import json
import uuid
from datetime import date
from email import policy
from pathlib import Path

import pytest
from conftest import ADMIN_OSLO, ADMIN_SYDNEY, MODERATOR, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id
from guardians_support import GUARDIAN_PASSWORD, HANNE, STUDENT_PASSWORD, audit_actions, class_of
from support import unique_words

from exchange.directory.models import SchoolClass

pytestmark = pytest.mark.demo_data


@pytest.fixture()
def api(as_user):
    return as_user


def new_student(as_user, teacher, name_part: str = "9A", first: str = "Testa"):
    """A new student who joined a class of this teacher with its code and was approved."""
    cls = class_of(teacher, name_part)
    username = "stu." + uuid.uuid4().hex[:8]
    r = as_user(None).post(
        "/api/v1/join",
        {
            "code": cls["join_code"],
            "username": username,
            "password": STUDENT_PASSWORD,
            "first_name": first,
            "last_name": "Nilsen",
        },
    )
    assert r.status_code == 201, r.text
    assert teacher.post(f"/api/v1/memberships/{r.json()['membership_id']}/approve").status_code == 200
    return as_user(username, STUDENT_PASSWORD), r.json()["user_id"]


def invite_and_accept(as_user, teacher, student_id: int):
    """The teacher creates an invitation link; a guardian follows it and creates an account (logged in)."""
    r = teacher.post(f"/api/v1/students/{student_id}/guardian-invitations", {})
    assert r.status_code == 201, r.text
    token = r.json()["url"].rsplit("/", 1)[1]
    guardian = as_user(None)
    r = guardian.post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {
            "first_name": "Marit",
            "last_name": "Nilsen",
            "email": f"family.{uuid.uuid4().hex[:8]}@home.example",
            "password": GUARDIAN_PASSWORD,
            "relation": "mother",
        },
    )
    assert r.status_code == 201, r.text
    guardian.csrf = r.json()["csrf_token"]  # the session was renewed at log-in
    return guardian


def outbox_messages(app) -> dict:
    folder = Path(app.config["OUTBOX_DIR"])
    return (
        {p.name: email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in sorted(folder.glob("*.eml"))}
        if folder.exists()
        else {}
    )


def test_family_update_by_email_and_as_printable_letter(api, app):
    teacher = api(TEACHER_OSLO)
    oslo = class_of(teacher)["id"]
    before = set(outbox_messages(app))
    r = teacher.post(f"/api/v1/classes/{oslo}/family-update/send")
    assert r.status_code == 200 and r.json()["sent"] >= 1
    new = {k: v for k, v in outbox_messages(app).items() if k not in before}
    assert len(new) == r.json()["sent"]
    to_hanne = [m for m in new.values() if m["To"] == HANNE]
    assert len(to_hanne) == 1
    msg = to_hanne[0]
    assert msg["Subject"] == "News from 9A Global Citizens" and msg["Message-ID"] and msg["Date"]
    text = msg.get_body(preferencelist=("plain",)).get_content()
    assert "Dear Hanne Berg," in text
    assert "Oslo and Sydney: our school lunches" in text and "with Wattle Creek High School (AU)" in text
    assert "Oslo and Sydney: winter and summer sports" in text and "(Europe/Oslo)" in text  # the guardian's own zone
    assert "Mia" not in text and "Thompson" not in text  # no partner students in family news
    assert "News from 9A Global Citizens" in msg.get_body(preferencelist=("html",)).get_content()
    # The same update as a printable page, for the guardian and the teacher.
    page = api(HANNE).get(f"/classes/{oslo}/family-update", headers={"Accept": "text/html"})
    assert page.status_code == 200
    for part in (
        "Sessions held",
        "Oslo and Sydney: our school lunches",
        "What comes next",
        "Work the class shared",
        "/static/css/guardians.css",
        "data-print",
    ):
        assert part in page.text, part
    assert "Send to families by e-mail" not in page.text  # that button is for the teacher
    assert (
        "Send to families by e-mail"
        in teacher.get(f"/classes/{oslo}/family-update", headers={"Accept": "text/html"}).text
    )
    data = api(HANNE).get(f"/api/v1/classes/{oslo}/family-update").json()
    held = {s["topic"]: s for s in data["sessions_held"]}
    assert held["Oslo and Sydney: our school lunches"]["partners"] == [
        {"school": "Wattle Creek High School", "country": "AU"}
    ]
    assert "Oslo and Sydney: seasons and weather" not in held  # still open: happening now, not held
    assert "Oslo and Sydney: seasons and weather" in [s["topic"] for s in data["happening_now"]]
    upcoming = [s for s in data["coming_next"] if s["topic"] == "Oslo and Sydney: winter and summer sports"]
    assert len(upcoming) == 1 and upcoming[0]["opens_at"].endswith("Z")
    # Sending is the teacher's: not a guardian's, not another school's teacher's.
    assert api(HANNE).post(f"/api/v1/classes/{oslo}/family-update/send").status_code == 403
    assert api(TEACHER_SYDNEY).post(f"/api/v1/classes/{oslo}/family-update/send").status_code == 403
    assert any(a["subject_id"] == str(oslo) for a in audit_actions(api(ADMIN_OSLO), "family_update.send"))


def test_guardian_exports_only_own_childs_messages(api, as_live):
    live = as_live
    room = demo_room_id(api(TEACHER_OSLO))
    nora, elias = live(api("nora.berg")), live(api("elias.haugen"))
    nora.join(room), elias.join(room)
    mine, theirs = f"Nora writes {unique_words()}", f"Elias writes {unique_words()}"
    assert nora.send(room, mine)["ok"] and elias.send(room, theirs)["ok"]
    hanne = api(HANNE)
    nora_id = hanne.get("/api/v1/guardian/children").json()["children"][0]["id"]
    r = hanne.get(f"/api/v1/guardian/children/{nora_id}/export?format=json")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    data = json.loads(r.content)
    bodies = [m["body"] for m in data["messages"]]
    assert mine in bodies and theirs not in bodies
    assert data["student"]["first_name"] == "Nora"
    # Nora's rooms only: this one, and the session last week where the demo has her line about lunch.
    assert "Oslo and Sydney: seasons and weather" in {m["room_title"] for m in data["messages"]}
    assert {m["room_title"] for m in data["messages"]} <= {
        "Oslo and Sydney: seasons and weather",
        "Oslo and Sydney: our school lunches",
    }
    r = hanne.get(f"/api/v1/guardian/children/{nora_id}/export?format=csv")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert mine in [row["body"] for row in rows] and theirs not in r.text
    # Messages and files, then what else she wrote (the demo has her reflection, survey lines and her
    # words on why she asked for the museum's mentoring).
    assert all(row["type"] in ("message", "file", "reflection", "survey_answer", "opportunity_request") for row in rows)
    assert any(row["type"] == "opportunity_request" and "fossil" in row["body"] for row in rows)
    page = hanne.get(f"/guardian/children/{nora_id}/data", headers={"Accept": "text/html"})
    assert page.status_code == 200 and mine in page.text and theirs not in page.text
    assert hanne.get(f"/api/v1/guardian/children/{nora_id}/export?format=xml").status_code == 400
    assert any(a["subject_id"] == str(nora_id) for a in audit_actions(api(ADMIN_OSLO), "data.export"))


def test_deletion_approved_by_admin_empties_the_childs_messages_for_everyone(api, as_live):
    live = as_live
    teacher = api(TEACHER_OSLO)
    room = demo_room_id(teacher)
    student_api, student_id = new_student(api, teacher, first="Erase")
    guardian = invite_and_accept(api, teacher, student_id)
    guardian.post(f"/api/v1/guardian/children/{student_id}/consent", {"scope": "exchanges", "decision": "grant"})
    student, reader = live(student_api), live(api("jack.nguyen"))
    student.join(room), reader.join(room)
    secret = f"My walk home passes the {unique_words()}"
    seq = student.send(room, secret)["seq"]
    other = reader.send(room, "Jack keeps his words")["seq"]
    held = student.send(room, "I will punch you in the face")  # a flag keeps a snapshot of it
    assert held.get("held") is True
    r = guardian.post(f"/api/v1/guardian/children/{student_id}/deletion-requests", {"reason": "We are moving away"})
    assert r.status_code == 201 and r.json()["status"] == "pending"
    request_id = r.json()["id"]
    assert guardian.post(f"/api/v1/guardian/children/{student_id}/deletion-requests", {}).json()["id"] == request_id
    # The other school's admin neither sees nor decides it.
    assert request_id not in [q["id"] for q in api(ADMIN_SYDNEY).get("/api/v1/deletion-requests").json()["requests"]]
    assert api(ADMIN_SYDNEY).post(f"/api/v1/deletion-requests/{request_id}/approve", {}).status_code == 404
    assert api(TEACHER_OSLO).post(f"/api/v1/deletion-requests/{request_id}/approve", {}).status_code == 403
    admin = api(ADMIN_OSLO)
    pending = admin.get("/api/v1/deletion-requests?status=pending").json()["requests"]
    assert request_id in [q["id"] for q in pending]
    r = admin.post(f"/api/v1/deletion-requests/{request_id}/approve", {"reason": "Family moved"})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert r.json()["result"]["messages"] >= 1 and room in r.json()["result"]["rooms"]
    assert r.json()["result"]["flags"] >= 1  # counted by moderation's listener to signals.child_erased
    assert admin.post(f"/api/v1/deletion-requests/{request_id}/approve", {}).status_code == 409
    # Everyone's history shows the message emptied and removed; Jack's message is untouched.
    for viewer in (teacher, api("jack.nguyen")):
        history = {m["seq"]: m for m in viewer.get(f"/api/v1/rooms/{room}/messages?after={seq - 1}").json()["messages"]}
        assert history[seq]["body"] == "" and history[seq]["meta"]["removed"] is True
        assert history[other]["body"] == "Jack keeps his words"
    assert secret not in teacher.get(f"/api/v1/rooms/{room}/transcript").text
    flags = {f["id"]: f for f in api(MODERATOR).get(f"/api/v1/flags?room={room}").json()["flags"]}
    assert flags[held["flag_id"]]["body"] == ""  # moderation's copy of the child's words is gone too
    export = json.loads(guardian.get(f"/api/v1/guardian/children/{student_id}/export").content)
    assert export["messages"] and all(m["body"] == "" and m["removed"] for m in export["messages"])
    decisions = [a for a in audit_actions(admin, "deletion.approve") if a["subject_id"] == str(request_id)]
    assert len(decisions) == 1 and decisions[0]["after"]["student_id"] == student_id
    assert [
        a for a in audit_actions(admin, "data.erase_room", room=room) if a["after"]["deletion_request"] == request_id
    ]


def test_retention_run_purges_rooms_of_a_class_whose_term_ended(api, as_live, db_session):
    live = as_live
    teacher = api(TEACHER_OSLO)
    name = "Retention " + unique_words()
    r = teacher.post("/api/v1/classes", {"name": name, "grade_band": "9-10", "languages": ["no", "en"]})
    assert r.status_code == 201
    cls = r.json()["id"]
    student_api, _student_id = new_student(api, teacher, name_part=name, first="Old")
    r = teacher.post(
        "/api/v1/rooms", {"title": "Last spring's room", "class_ids": [cls], "opens_at": "2020-01-01T00:00:00Z"}
    )
    old_room = r.json()["id"]
    student = live(student_api)
    assert student.join(old_room)["ok"]
    seq = student.send(old_room, "An old message from last term")["seq"]
    demo_room = demo_room_id(teacher)
    nora = live(api("nora.berg"))
    nora.join(demo_room)
    kept_seq = nora.send(demo_room, "This term is still going")["seq"]
    # Term dates have no API yet (scheduling sets them); set this class's end of term directly.
    db_session.get(SchoolClass, cls).term_end = date(2020, 6, 20)
    db_session.commit()
    admin = api(ADMIN_OSLO)
    assert teacher.post("/api/v1/retention/run", {}).status_code == 403
    assert admin.post("/api/v1/retention/run", {"now": "2999-01-01T00:00:00Z"}).status_code == 400
    assert admin.post("/api/v1/retention/settings", {"days_after_term": 30}).json()["days_after_term"] == 30
    assert admin.get("/api/v1/retention/settings").json()["days_after_term"] == 30
    r = admin.post("/api/v1/retention/run", {})
    assert r.status_code == 200, r.text
    assert r.json()["rooms"] == [old_room] and r.json()["messages"] >= 1 and r.json()["classes"] == [cls]
    old = {m["seq"]: m for m in teacher.get(f"/api/v1/rooms/{old_room}/messages?after=0").json()["messages"]}
    assert old[seq]["body"] == "" and old[seq]["meta"]["retention"] is True
    current = {
        m["seq"]: m for m in teacher.get(f"/api/v1/rooms/{demo_room}/messages?after={kept_seq - 1}").json()["messages"]
    }
    assert current[kept_seq]["body"] == "This term is still going"
    purges = audit_actions(admin, "retention.purge_room", room=old_room)
    assert len(purges) == 1 and purges[0]["after"]["messages"] >= 1
    # Running again finds nothing new: no second purge record.
    assert admin.post("/api/v1/retention/run", {}).json()["rooms"] == []
    assert len(audit_actions(admin, "retention.purge_room", room=old_room)) == 1
    # A run "as of" before the term ended plus 30 days purges nothing.
    assert admin.post("/api/v1/retention/run", {"now": "2020-07-01T00:00:00Z"}).json()["classes"] == []
    page = admin.get("/admin/data-rights", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Retention" in page.text
