"""Reply slips on printed letters, notices by text the platform sends on its own, and what the
outreach log counts (issue 22). In-process on the demo data; texts go to the small recording
gateway on 127.0.0.1 (the app's SMS settings point at it), and the outreach rows are read through
their model.

Must show: the letter's slip (reference, tick boxes); a "yes" slip gives consent (the room that
needs it lets the child in), a "no" slip does not; a question slip is kept, a blocked one refused;
another school's teacher refused; the page button texts the consent question; the family update
reaches a guardian by text and lists a paper family; a session held texts the family once; the
export holds the family's texts and slips, and an approved erasure removes them."""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

import pytest
from conftest import ADMIN_OSLO, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id
from gateway import TOKEN, RecordingGateway, code_in
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "guardians"))
from guardians_support import GUARDIAN_PASSWORD, HANNE, STUDENT_PASSWORD, class_of  # noqa: E402

pytestmark = pytest.mark.demo_data

INBOUND = "inbound-token-for-tests-9876543210"


@pytest.fixture()
def gateway(app):
    """The app texts through a recording gateway (the http backend), and takes replies with INBOUND."""
    with RecordingGateway() as gw:
        app.config.update(SMS_BACKEND="http", SMS_URL=gw.url, SMS_TOKEN=TOKEN, SMS_INBOUND_TOKEN=INBOUND)
        yield gw


def today(app) -> str:
    from exchange.db import utcnow

    with app.app_context():
        return utcnow().date().isoformat()


def new_student(as_user, teacher, first: str = "Slipa"):
    cls = class_of(teacher)
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
    return r.json()["user_id"]


def new_guardian(as_user, teacher, student_id: int, first: str = "Marit"):
    r = teacher.post(f"/api/v1/students/{student_id}/guardian-invitations", {"language": "en"})
    assert r.status_code == 201, r.text
    token = r.json()["url"].rsplit("/", 1)[1]
    guardian = as_user(None)
    r = guardian.post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {
            "first_name": first,
            "last_name": "Nilsen",
            "email": f"family.{uuid.uuid4().hex[:8]}@home.example",
            "password": GUARDIAN_PASSWORD,
        },
    )
    assert r.status_code == 201, r.text
    guardian.csrf, guardian.user = r.json()["csrf_token"], r.json()["guardian"]
    return guardian


def html(client, path: str):
    return client.get(path, headers={"Accept": "text/html"})


def rows(db_session, **where):
    from exchange.outreach.models import OutreachEvent

    q = select(OutreachEvent)
    for key, value in where.items():
        q = q.where(getattr(OutreachEvent, key) == value)
    db_session.expire_all()
    return list(db_session.scalars(q.order_by(OutreachEvent.id)))


def slip_of(student_id: int) -> str:
    from exchange.guardians.slip_rules import slip_ref

    return slip_ref("consent", student_id)


# ---- the slip on paper -----------------------------------------------------------------------


def test_the_consent_letter_and_the_family_update_carry_a_reply_slip(as_user, db_session):
    from exchange.guardians.slip_rules import slip_ref

    teacher = as_user(TEACHER_OSLO)
    student_id = new_student(as_user, teacher, first="Printa")
    r = html(teacher, f"/students/{student_id}/consent-letter?lang=en")
    assert r.status_code == 200
    page = r.text
    slip = slip_of(student_id)
    assert 'class="reply-slip"' in page and f'data-slip="{slip}"' in page and f">{slip}</strong>" in page
    assert "Reply slip: cut here and return this part to Astrid Lunde" in page
    slip_part = page[page.index('class="reply-slip"') :]
    assert "Printa Nilsen" in slip_part and "9A" in slip_part
    assert slip_part.count("<tr data-scope=") == 5 and slip_part.count("☐") == 11  # 5 × agree/do not, 1 question
    assert "I agree" in slip_part and "I do not agree" in slip_part
    assert "I have a question, please contact me:" in slip_part and 'class="write-lines"' in slip_part
    assert "Signature" in slip_part and "style=" not in page
    assert "Jeg samtykker ikke" in html(teacher, f"/students/{student_id}/consent-letter?lang=nb").text
    # Printing the letter is counted once a day per language: paper, kind letter.
    html(teacher, f"/students/{student_id}/consent-letter?lang=en")
    letters = rows(db_session, ref=f"letter:{slip}")
    assert [(e.channel, e.kind, e.language) for e in letters] == [("paper", "letter", "en"), ("paper", "letter", "nb")]
    # The family update's slip asks questions only, with the class's own reference.
    oslo = class_of(teacher)["id"]
    update = html(as_user(HANNE), f"/classes/{oslo}/family-update").text
    assert f'data-slip="{slip_ref("update", oslo)}"' in update and "I have a question" in update
    assert "<tr data-scope=" not in update


# ---- recording returned slips ------------------------------------------------------------------


def test_a_yes_slip_gives_consent_and_a_no_slip_does_not(app, as_user, db_session):
    from exchange.accounts.models import User
    from exchange.guardians import consent
    from exchange.rooms.models import Room

    teacher = as_user(TEACHER_OSLO)
    yes_id, no_id = new_student(as_user, teacher, first="Yesa"), new_student(as_user, teacher, first="Noa")
    room = db_session.get(Room, demo_room_id(teacher))
    yes_child = db_session.get(User, yes_id)
    needs = [s for s, _cross in consent.room_needs(room, consent.accepted_classes(room.id))]
    assert consent.room_refusal(yes_child, room) is not None  # nothing signed yet
    for scope in needs:
        r = teacher.post(
            f"/api/v1/students/{yes_id}/paper-replies",
            {
                "slip": f"Slip {slip_of(yes_id).lower()}",
                "kind": "consent",
                "scope": scope,
                "answer": "yes",
                "guardian_name": "Marit Nilsen",
                "signed_on": today(app),
            },
        )
        assert r.status_code == 201, r.text
        assert r.json()["slip"] == slip_of(yes_id) and r.json()["answer"] == "yes"
    db_session.expire_all()
    assert consent.room_refusal(yes_child, room) is None  # the child may join the cross-school room
    states = consent.consent_states([yes_id])[yes_id]
    assert all(states[s].status == "granted" and states[s].method == "paper" for s in needs)

    r = teacher.post(
        f"/api/v1/students/{no_id}/paper-replies",
        {
            "slip": slip_of(no_id),
            "kind": "consent",
            "scope": needs[0],
            "answer": "no",
            "guardian_name": "Per Nilsen",
            "signed_on": today(app),
        },
    )
    assert r.status_code == 201, r.text
    db_session.expire_all()
    assert consent.consent_states([no_id])[no_id][needs[0]].status == "withdrawn"
    assert consent.room_refusal(db_session.get(User, no_id), room) is not None
    actions = [
        a for a in as_user(ADMIN_OSLO).get("/api/v1/audit").json()["records"] if a["action"] == "paper_reply.record"
    ]
    assert actions and actions[0]["subject_id"] in (str(yes_id), str(no_id))


def test_a_question_slip_is_kept_and_a_blocked_one_refused(app, as_user):
    from exchange.guardians import slips

    teacher = as_user(TEACHER_OSLO)
    student_id = new_student(as_user, teacher, first="Aska")
    body = {"slip": slip_of(student_id), "kind": "question", "guardian_name": "Marit Nilsen"}
    r = teacher.post(
        f"/api/v1/students/{student_id}/paper-replies", dict(body, body="Can she bring her drawings on Friday?")
    )
    assert r.status_code == 201 and r.json()["kind"] == "question", r.text
    r = teacher.post(f"/api/v1/students/{student_id}/paper-replies", dict(body, body="I will kill you"))
    assert r.status_code == 400 and r.json()["error"]["code"] == "question_blocked"
    assert "cannot be kept" in r.json()["error"]["message"]
    with app.app_context():
        kept = slips.paper_questions(student_id)
    assert [q.body for q in kept] == ["Can she bring her drawings on Friday?"]
    listed = teacher.get(f"/api/v1/students/{student_id}/paper-replies").json()["replies"]
    assert [x["body"] for x in listed] == ["Can she bring her drawings on Friday?"]
    # The page records the same, with the CSRF token, and lists what came back.
    page = teacher.post(
        f"/students/{student_id}/paper-replies",
        data={
            "csrf_token": teacher.csrf,
            "slip": slip_of(student_id),
            "kind": "question",
            "scope": "",
            "answer": "",
            "guardian_name": "Marit Nilsen",
            "body": "When is the next session?",
        },
        headers={"Accept": "text/html"},
    )
    assert page.status_code == 302
    assert "When is the next session?" in html(teacher, f"/students/{student_id}/paper-replies").text


def test_slips_are_refused_for_other_schools_and_wrong_references(app, as_user):
    teacher = as_user(TEACHER_OSLO)
    student_id, other_id = new_student(as_user, teacher, first="Refa"), new_student(as_user, teacher, first="Otha")
    body = {
        "slip": slip_of(student_id),
        "kind": "consent",
        "scope": "exchanges",
        "answer": "yes",
        "guardian_name": "Marit Nilsen",
        "signed_on": today(app),
    }
    r = as_user(TEACHER_SYDNEY).post(f"/api/v1/students/{student_id}/paper-replies", body)
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_student"
    assert as_user(TEACHER_SYDNEY).get(f"/students/{student_id}/paper-replies").status_code == 403
    r = teacher.post(f"/api/v1/students/{other_id}/paper-replies", body)  # Refa's slip on Otha's page
    assert r.status_code == 400 and r.json()["error"]["code"] == "slip_not_this_student"
    for bad, code in (({"slip": "no"}, "invalid_slip"), ({"answer": "maybe"}, "invalid_answer")):
        r = teacher.post(f"/api/v1/students/{student_id}/paper-replies", dict(body, **bad))
        assert r.status_code == 400 and r.json()["error"]["code"] == code, r.text


# ---- texts: the page button, the family update, a session held ----------------------------------


def test_the_page_button_texts_the_consent_question_and_the_answer_is_counted(app, as_user, db_session, gateway):
    teacher = as_user(TEACHER_OSLO)
    student_id = new_student(as_user, teacher, first="Butta")
    guardian = new_guardian(as_user, teacher, student_id)
    # No number yet: the sentence says so, nothing is sent.
    r = teacher.post(
        f"/students/{student_id}/consent-requests/text",
        data={"csrf_token": teacher.csrf, "scope": "expert_visits"},
        headers={"Accept": "text/html"},
    )
    assert r.status_code == 302
    assert "No guardian of this student has given a mobile number." in html(teacher, r.headers["Location"]).text
    assert guardian.post("/api/v1/guardian/phone", {"number": "+4791234571", "channel": "sms"}).status_code == 200
    r = teacher.post(
        f"/students/{student_id}/consent-requests/text",
        data={"csrf_token": teacher.csrf, "scope": "expert_visits"},
        headers={"Accept": "text/html"},
    )
    assert r.status_code == 302
    assert "The question went by text message to 1 guardian of Butta." in html(teacher, r.headers["Location"]).text
    text = gateway.wait_for("+4791234571")[-1]
    assert "Butta" in text["body"] and text["auth"] == f"Bearer {TOKEN}"
    sent = rows(db_session, kind="consent_request", recipient_id=guardian.user["id"])
    assert [(e.channel, e.replied_at) for e in sent] == [("sms", None)] and sent[0].ref.startswith("consent_sms:")
    r = teacher.http.post(
        "/api/v1/sms/inbound",
        json={"from": "+4791234571", "body": f"YES {code_in(text['body'])}"},
        headers={"Authorization": f"Bearer {INBOUND}"},
    )
    assert r.status_code == 200 and r.get_json()["outcome"] == "granted"
    assert rows(db_session, ref=sent[0].ref)[0].replied_at is not None
    # The form without its CSRF token is refused.
    assert (
        teacher.http.post(f"/students/{student_id}/consent-requests/text", data={"scope": "exchanges"}).status_code
        == 400
    )


def test_the_family_update_texts_one_family_and_lists_a_paper_one(app, as_user, db_session, gateway):
    teacher = as_user(TEACHER_OSLO)
    texted_child, paper_child = new_student(as_user, teacher, first="Texa"), new_student(as_user, teacher, first="Papa")
    by_text = new_guardian(as_user, teacher, texted_child, first="Sigrid")
    on_paper = new_guardian(as_user, teacher, paper_child, first="Ingrid")
    assert by_text.post("/api/v1/guardian/phone", {"number": "+4791234572", "channel": "sms"}).status_code == 200
    assert on_paper.post("/api/v1/guardian/phone", {"number": "+4791234575", "channel": "paper"}).status_code == 200
    oslo = class_of(teacher)
    r = teacher.post(f"/api/v1/classes/{oslo['id']}/family-update/send")
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["texted"] == 1 and "Ingrid Nilsen" in result["paper"] and result["sent"] >= 1
    body = gateway.wait_for("+4791234572")[-1]["body"]
    assert oslo["name"] in body and "Texa" in body
    mine = {e.recipient_id: e for e in rows(db_session, kind="family_update")}
    assert (mine[by_text.user["id"]].channel, mine[on_paper.user["id"]].channel) == ("sms", "paper")
    assert mine[on_paper.user["id"]].language == "en" and mine[by_text.user["id"]].school_id is not None
    page = teacher.post(
        f"/classes/{oslo['id']}/family-update/send", data={"csrf_token": teacher.csrf}, headers={"Accept": "text/html"}
    )
    assert page.status_code == 302
    shown = html(teacher, page.headers["Location"]).text
    assert "print this update for them: " in shown and "Ingrid Nilsen" in shown


def test_a_session_held_is_texted_once_per_child_and_room(app, as_user, db_session, gateway):
    from exchange.accounts.models import User
    from exchange.guardians import texting

    hanne = db_session.scalar(select(User).where(User.email == HANNE))
    texting.set_phone(hanne, "+47 912 34 573", "sms")
    teacher = as_user(TEACHER_OSLO)
    room_id = demo_room_id(teacher)
    assert teacher.post(f"/api/v1/rooms/{room_id}/close").status_code == 200
    got = gateway.wait_for("+4791234573")
    assert len(got) == 1 and "Nora" in got[0]["body"] and "seasons and weather" in got[0]["body"]
    counted = [e for e in rows(db_session, kind="text", recipient_id=hanne.id) if e.ref.startswith("session_held:")]
    assert [(e.channel, e.ref.startswith(f"session_held:{room_id}:")) for e in counted] == [("sms", True)]
    # Reopened and closed again: the family was already told.
    assert teacher.post(f"/api/v1/rooms/{room_id}/open").status_code == 200
    assert teacher.post(f"/api/v1/rooms/{room_id}/close").status_code == 200
    assert len(gateway.to("+4791234573")) == 1


def test_a_letter_coming_home_is_texted_once_a_day(app, as_user, db_session, gateway):
    teacher = as_user(TEACHER_OSLO)
    child = new_student(as_user, teacher, first="Letta")
    guardian = new_guardian(as_user, teacher, child, first="Gunn")
    assert guardian.post("/api/v1/guardian/phone", {"number": "+4791234581", "channel": "sms"}).status_code == 200
    assert html(teacher, f"/students/{child}/consent-letter").status_code == 200
    assert html(teacher, f"/students/{child}/consent-letter?lang=nb").status_code == 200  # printed again, same day
    got = gateway.wait_for("+4791234581")
    assert len(got) == 1 and "letter about Letta" in got[0]["body"]
    counted = rows(db_session, recipient_id=guardian.user["id"], channel="sms")
    assert [(e.kind, e.ref) for e in counted] == [("text", f"letter_text:{slip_of(child)}")]


def test_an_opportunity_asks_a_texting_family_by_text_instead_of_e_mail(app, as_user, db_session, gateway):
    teacher = as_user(TEACHER_OSLO)
    child = new_student(as_user, teacher, first="Oppa")
    guardian = new_guardian(as_user, teacher, child, first="Randi")
    assert guardian.post("/api/v1/guardian/phone", {"number": "+4791234582", "channel": "sms"}).status_code == 200
    from exchange.partners.interests import endorse, express_interest
    from exchange.partners.models import Opportunity

    with app.test_request_context():
        from exchange.accounts.models import User

        opp = db_session.scalar(select(Opportunity).order_by(Opportunity.id).limit(1))
        student = db_session.get(User, child)
        interest = express_interest(student, opp.id)
        endorse(db_session.scalar(select(User).where(User.email == TEACHER_OSLO)), interest.id, age_confirmed=True)
    got = gateway.wait_for("+4791234582")
    assert "needs your approval for Oppa" in got[-1]["body"] and opp.title in got[-1]["body"]
    asked = rows(db_session, ref=f"opp_consent:{interest.id}", recipient_id=guardian.user["id"])
    assert [(e.channel, e.kind) for e in asked] == [("sms", "consent_request")]


# ---- data rights ---------------------------------------------------------------------------------


def test_export_holds_the_familys_texts_and_slips_and_erasure_removes_them(app, as_user, db_session, gateway):
    from exchange.guardians.slip_models import PaperReply
    from exchange.guardians.texting_models import InboundText

    teacher = as_user(TEACHER_OSLO)
    student_id = new_student(as_user, teacher, first="Expa")
    guardian = new_guardian(as_user, teacher, student_id)
    assert guardian.post("/api/v1/guardian/phone", {"number": "+4791234574", "channel": "sms"}).status_code == 200
    r = teacher.post(f"/api/v1/students/{student_id}/consent-requests/text", {"scope": "exchanges"})
    assert r.status_code == 201, r.text
    reply = teacher.http.post(
        "/api/v1/sms/inbound",
        json={"from": "+4791234574", "body": "Is the session after school?"},
        headers={"Authorization": f"Bearer {INBOUND}"},
    )
    assert reply.get_json()["outcome"] == "message"
    r = teacher.post(
        f"/api/v1/students/{student_id}/paper-replies",
        {
            "slip": slip_of(student_id),
            "kind": "question",
            "guardian_name": "Marit Nilsen",
            "body": "Who is the partner class?",
        },
    )
    assert r.status_code == 201 and r.json()["guardian_id"] == guardian.user["id"]  # the name matched the account
    data = guardian.get(f"/api/v1/guardian/children/{student_id}/export?format=json")
    exported = json.loads(data.text)
    assert [t["body"] for t in exported["texts"]] == ["Is the session after school?"]
    assert "+4791234574" not in data.text
    assert [p["body"] for p in exported["paper_replies"]] == ["Who is the partner class?"]
    csv_text = guardian.get(f"/api/v1/guardian/children/{student_id}/export?format=csv").text
    assert "text_reply" in csv_text and "paper_reply" in csv_text and "Who is the partner class?" in csv_text
    assert "Who is the partner class?" in html(guardian, f"/guardian/children/{student_id}/data").text

    r = guardian.post(f"/api/v1/guardian/children/{student_id}/deletion-requests", {"reason": "Moving school"})
    assert r.status_code == 201, r.text
    r = as_user(ADMIN_OSLO).post(f"/api/v1/deletion-requests/{r.json()['id']}/approve")
    assert r.status_code == 200, r.text
    db_session.expire_all()
    assert db_session.scalar(select(InboundText.id).where(InboundText.student_id == student_id)) is None
    assert db_session.scalar(select(PaperReply.id).where(PaperReply.student_id == student_id)) is None
    exported = json.loads(guardian.get(f"/api/v1/guardian/children/{student_id}/export?format=json").text)
    assert exported["texts"] == [] and exported["paper_replies"] == []
