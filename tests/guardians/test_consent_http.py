"""Consent over real HTTP and real Socket.IO clients: kept out without consent (cross-school only),
online consent through an invitation link, paper consent recorded by the teacher, the
teacher's overview, printable letters in several languages, and the authorisation matrix."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import ADMIN_OSLO, ADMIN_SYDNEY, EXPERT, MODERATOR, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id
from guardians_support import (
    HANNE,
    anonymous,
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


def html(client, path):
    return client.get(path, headers={"Accept": "text/html"})


def test_student_without_consent_is_kept_out_of_cross_school_room_only(api, live):
    teacher = api(TEACHER_OSLO)
    exchange_room = demo_room_id(teacher)
    class_room = demo_room_id(teacher, "9a class room")
    sander = live(api("sander.vik"))
    ack = sander.join(exchange_room)
    assert ack["ok"] is False and ack["error"] == "consent_missing" and "consent" in ack["message"]
    assert sander.join(class_room)["ok"] is True  # one school among itself: no consent needed
    assert exchange_room not in [r["id"] for r in api("sander.vik").get("/api/v1/rooms").json()["rooms"]]
    # Demo students with consent (online for Nora, paper for Elias and the Sydney class) are in.
    for who in ("nora.berg", "elias.haugen", "mia.thompson"):
        assert live(api(who)).join(exchange_room)["ok"] is True, who
    # The teacher sees who is missing consent and why Sander was kept out.
    rows = students_of(teacher, class_of(teacher)["id"])
    assert rows["Sander"]["consent"]["exchanges"]["status"] == "missing"
    kept = {k["title"]: k for k in rows["Sander"]["kept_out"]}
    assert kept["Oslo and Sydney: seasons and weather"]["code"] == "consent_missing"
    assert "No guardian consent yet" in kept["Oslo and Sydney: seasons and weather"]["message"]
    assert "9A class room" not in kept
    assert rows["Nora"]["consent"]["exchanges"] | {"on": None} == {
        "scope": "exchanges",
        "status": "granted",
        "method": "online",
        "on": None,
        "withdrawn_on": None,
    }
    assert rows["Elias"]["consent"]["file_sharing"]["method"] == "paper" and rows["Elias"]["kept_out"] == []
    page = html(teacher, f"/classes/{class_of(teacher)['id']}/consent")
    assert page.status_code == 200
    assert "Sander Vik" in page.text and "No guardian consent yet for: Exchanges with partner classes." in page.text
    assert "style=" not in page.text and "<script>" not in page.text


def test_online_consent_through_invitation_link(api, live, server):
    teacher = api(TEACHER_OSLO)
    room = demo_room_id(teacher)
    student_api, student_id = new_student(server, teacher)
    student = live(student_api)
    assert student.join(room)["error"] == "consent_missing"
    r = teacher.post(f"/api/v1/students/{student_id}/guardian-invitations", {"language": "nb"})
    assert r.status_code == 201 and r.json()["emailed"] is False
    token = r.json()["url"].rsplit("/", 1)[1]
    # Before anyone logs in, the link shows the child by first name and initial only.
    info = anonymous(server).get(f"/api/v1/guardian/invitations/{token}")
    assert (
        info.status_code == 200 and info.json()["student"] == "Testa N." and info.json()["school"] == "Fjordvik School"
    )
    assert "Testa N." in html(anonymous(server), f"/guardian/invite/{token}").text
    # A refused sign-up (that e-mail is taken) leaves the link unused; the next try works.
    taken = anonymous(server).post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {"first_name": "Marit", "email": HANNE, "password": "a-long-guardian-password"},
    )
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "login_taken"
    guardian = anonymous(server)
    r = guardian.post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {
            "first_name": "Marit",
            "last_name": "Nilsen",
            "email": f"marit.{student_id}@home.example",
            "password": "a-long-guardian-password",
        },
    )
    assert r.status_code == 201 and r.json()["student_id"] == student_id
    guardian.csrf = r.json()["csrf_token"]
    assert guardian.get("/api/v1/me").json()["role"] == "guardian"
    child = guardian.get(f"/api/v1/guardian/children/{student_id}").json()
    assert child["consent"]["exchanges"]["status"] == "missing"
    kept = {k["title"]: k["code"] for k in child["kept_out"]}
    assert kept["Oslo and Sydney: seasons and weather"] == "consent_missing"
    assert kept["Oslo and Sydney: winter and summer sports"] == "consent_missing"  # scheduled rooms count too
    assert "9A class room" not in kept and "Oslo and Sydney: our school lunches" not in kept  # own class; closed
    r = guardian.post(f"/api/v1/guardian/children/{student_id}/consent", {"scope": "exchanges", "decision": "grant"})
    assert r.status_code == 200 and r.json()["consent"]["exchanges"]["status"] == "granted"
    assert r.json()["kept_out"] == []
    assert student.join(room)["ok"] is True
    assert student.send(room, "Hei fra en ny elev")["ok"] is True
    # The link works once; a made-up one not at all.
    again = anonymous(server).post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {"first_name": "Other", "email": "other.person@home.example", "password": "another-long-password"},
    )
    assert again.status_code == 410 and again.json()["error"]["code"] == "invitation_used"
    assert anonymous(server).get("/api/v1/guardian/invitations/" + "x" * 43).status_code == 404
    row = students_of(teacher, class_of(teacher)["id"])["Testa"]
    assert row["consent"]["exchanges"]["method"] == "online" and row["guardians"] >= 1
    admin = api(ADMIN_OSLO)
    assert any(a["subject_id"] == str(student_id) for a in audit_actions(admin, "guardian.link"))
    assert any(
        a["subject_id"] == str(student_id) and a["after"]["scope"] == "exchanges"
        for a in audit_actions(admin, "consent.grant")
    )


def test_paper_consent_recorded_by_teacher(api, live, server):
    teacher = api(TEACHER_OSLO)
    room = demo_room_id(teacher)
    student_api, student_id = new_student(server, teacher, first="Pia")
    student = live(student_api)
    assert student.join(room)["ok"] is False
    today = suite_today()
    bad = teacher.post(
        f"/api/v1/students/{student_id}/consent/paper",
        {"scopes": ["exchanges"], "guardian_name": "Ola Nilsen", "signed_on": (today + timedelta(days=5)).isoformat()},
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "date_in_future"
    bad = teacher.post(
        f"/api/v1/students/{student_id}/consent/paper",
        {"scopes": ["chatting"], "guardian_name": "Ola Nilsen", "signed_on": today.isoformat()},
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_scope"
    # The partner school's teacher cannot record consent for an Oslo student.
    other = api(TEACHER_SYDNEY).post(
        f"/api/v1/students/{student_id}/consent/paper",
        {"scopes": ["exchanges"], "guardian_name": "Ola Nilsen", "signed_on": today.isoformat()},
    )
    assert other.status_code == 403
    signed = (today - timedelta(days=2)).isoformat()
    r = teacher.post(
        f"/api/v1/students/{student_id}/consent/paper",
        {"scopes": ["exchanges", "file_sharing"], "guardian_name": "Ola Nilsen", "signed_on": signed},
    )
    assert r.status_code == 201, r.text
    assert r.json()["consent"]["exchanges"] == {
        "scope": "exchanges",
        "status": "granted",
        "method": "paper",
        "on": signed,
        "withdrawn_on": None,
    }
    assert r.json()["consent"]["expert_visits"]["status"] == "missing"
    assert student.join(room)["ok"] is True
    page = html(teacher, f"/classes/{class_of(teacher)['id']}/consent").text
    assert signed in page and "on paper" in page
    records = audit_actions(api(ADMIN_OSLO), "consent.paper_record")
    assert {a["after"]["scope"] for a in records if a["subject_id"] == str(student_id)} == {"exchanges", "file_sharing"}


def test_paper_form_page_records_consent(api, server):
    teacher = api(TEACHER_OSLO)
    _student, student_id = new_student(server, teacher, first="Siri")
    page = html(teacher, f"/students/{student_id}/consent/paper")
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
    import re

    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    r = teacher.http.post(
        teacher.base + f"/students/{student_id}/consent/paper",
        data={
            "csrf_token": token,
            "decision": "grant",
            "scopes": ["exchanges", "expert_visits"],
            "guardian_name": "Siv Nilsen",
            "signed_on": suite_today().isoformat(),
        },
        allow_redirects=False,
    )
    assert r.status_code == 302, r.text[:500]
    row = students_of(teacher, class_of(teacher)["id"])["Siri"]
    assert (
        row["consent"]["expert_visits"]["status"] == "granted" and row["consent"]["file_sharing"]["status"] == "missing"
    )


@pytest.mark.parametrize(
    "lang,expect",
    [
        ("ar", ('lang="ar" dir="rtl"', "موافقة على مشاركة Elias Haugen")),
        ("nb", ('lang="nb" dir="ltr"', "Samtykke for at Elias Haugen")),
        ("sw", ('lang="sw" dir="ltr"', "Idhini ya Elias Haugen")),
        ("es", ('lang="es" dir="ltr"', "Consentimiento para que Elias Haugen")),
        ("en", ('lang="en" dir="ltr"', "Dear parent or guardian of Elias Haugen,")),
    ],
)
def test_printable_consent_letter_in_several_languages(api, lang, expect):
    teacher = api(TEACHER_OSLO)
    elias = students_of(teacher, class_of(teacher)["id"])["Elias"]["student"]["id"]
    r = html(teacher, f"/students/{elias}/consent-letter?lang={lang}")
    assert r.status_code == 200
    for text in expect:
        assert text in r.text, text
    assert "/static/css/guardians.css" in r.text and "style=" not in r.text
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]


def test_letter_defaults_to_the_schools_language_and_css_prints(api, server):
    teacher = api(TEACHER_OSLO)
    elias = students_of(teacher, class_of(teacher)["id"])["Elias"]["student"]["id"]
    assert 'lang="nb"' in html(teacher, f"/students/{elias}/consent-letter").text  # Oslo: Norwegian
    assert 'lang="nb"' in html(teacher, f"/students/{elias}/consent-letter?lang=zz").text
    css = anonymous(server).get("/static/css/guardians.css", headers={})
    assert css.status_code == 200 and "@media print" in css.text


ROLE_403 = ["nora.berg", EXPERT, MODERATOR]


def test_authorisation_matrix(api, server):
    oslo_teacher, sydney_teacher = api(TEACHER_OSLO), api(TEACHER_SYDNEY)
    oslo_class, sydney_class = class_of(oslo_teacher)["id"], class_of(sydney_teacher, "Year 9")["id"]
    oslo = students_of(oslo_teacher, oslo_class)
    sydney = students_of(sydney_teacher, sydney_class)
    nora, elias, mia = oslo["Nora"]["student"]["id"], oslo["Elias"]["student"]["id"], sydney["Mia"]["student"]["id"]
    hanne = api(HANNE)
    # A guardian sees their own child only; any other id, real or forged, is refused the same way.
    assert [c["id"] for c in hanne.get("/api/v1/guardian/children").json()["children"]] == [nora]
    assert hanne.get(f"/api/v1/guardian/children/{nora}").status_code == 200
    teacher_id = oslo_teacher.user["id"]
    for forged in (elias, mia, 999999, teacher_id, hanne.user["id"]):
        for method, path, body in (
            ("get", f"/api/v1/guardian/children/{forged}", None),
            ("post", f"/api/v1/guardian/children/{forged}/consent", {"scope": "exchanges", "decision": "grant"}),
            ("post", f"/api/v1/guardian/children/{forged}/consent", {"scope": "exchanges", "decision": "explode"}),
            ("get", f"/api/v1/guardian/children/{forged}/export?format=json", None),
            ("post", f"/api/v1/guardian/children/{forged}/deletion-requests", {"reason": "test"}),
            ("get", f"/guardian/children/{forged}/data", None),
        ):
            r = hanne.get(path) if method == "get" else hanne.post(path, body)
            assert r.status_code == 403, (forged, path, r.text)
            assert r.json()["error"]["code"] == "not_your_child"
    # Another family's guardian cannot see Nora.
    _student, other_child = new_student(server, oslo_teacher, first="Vera")
    other_guardian, _token = invite_and_accept(server, oslo_teacher, other_child)
    assert other_guardian.get(f"/api/v1/guardian/children/{nora}").status_code == 403
    assert other_guardian.get(f"/api/v1/guardian/children/{other_child}").status_code == 200
    # Guardians see their child's class updates only.
    assert hanne.get(f"/api/v1/classes/{oslo_class}/family-update").status_code == 200
    assert hanne.get(f"/api/v1/classes/{sydney_class}/family-update").status_code == 403
    # Students, experts and moderators have no guardian or consent routes at all.
    for who in ROLE_403:
        client = api(who)
        for path in (
            "/api/v1/guardian/children",
            f"/api/v1/classes/{oslo_class}/consent",
            f"/api/v1/classes/{oslo_class}/family-update",
            f"/api/v1/guardian/children/{nora}/export",
            "/api/v1/deletion-requests",
            "/api/v1/retention/settings",
        ):
            assert client.get(path).status_code == 403, (who, path)
        for path, body in (
            (f"/api/v1/students/{nora}/guardian-invitations", {}),
            (
                f"/api/v1/students/{nora}/consent/paper",
                {"scopes": ["exchanges"], "guardian_name": "X", "signed_on": suite_today().isoformat()},
            ),
            (f"/api/v1/guardian/children/{nora}/consent", {"scope": "exchanges", "decision": "grant"}),
            ("/api/v1/retention/run", {}),
        ):
            r = client.post(path, body)
            assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden", (who, path)
    # Teachers: their own classes' students only; admins: their own school's.
    assert oslo_teacher.get(f"/api/v1/classes/{sydney_class}/consent").status_code == 403
    assert sydney_teacher.get(f"/api/v1/classes/{oslo_class}/consent").status_code == 403
    assert (
        oslo_teacher.post(f"/api/v1/students/{mia}/guardian-invitations", {}).json()["error"]["code"]
        == "not_your_student"
    )
    assert oslo_teacher.post(f"/api/v1/students/{teacher_id}/guardian-invitations", {}).status_code == 403
    assert html(oslo_teacher, f"/students/{mia}/consent-letter").status_code == 403
    assert api(ADMIN_OSLO).get(f"/api/v1/classes/{oslo_class}/consent").status_code == 200
    assert api(ADMIN_OSLO).get(f"/api/v1/classes/{sydney_class}/consent").status_code == 403
    assert (
        api(ADMIN_SYDNEY)
        .post(
            f"/api/v1/students/{nora}/consent/paper",
            {"scopes": ["exchanges"], "guardian_name": "Someone Else", "signed_on": suite_today().isoformat()},
        )
        .status_code
        == 403
    )
    # Guardians cannot manage consent of a class, and nobody anonymous gets anywhere.
    assert hanne.get(f"/api/v1/classes/{oslo_class}/consent").status_code == 403
    assert hanne.post(f"/api/v1/students/{nora}/consent/paper", {}).status_code == 403
    anon = anonymous(server)
    assert anon.get("/api/v1/guardian/children").status_code == 401
    assert (
        anon.post(f"/api/v1/guardian/children/{nora}/consent", {"scope": "exchanges", "decision": "grant"}).status_code
        == 401
    )
    page = anon.get("/guardian", headers={"Accept": "text/html"}, allow_redirects=False)
    assert page.status_code == 302 and page.headers["Location"].endswith("/login")


def test_invitation_link_sent_by_email_through_the_outbox(api, server):
    import email
    from email import policy

    teacher = api(TEACHER_OSLO)
    _student, student_id = new_student(server, teacher, first="Maja")
    address = f"maja.family.{student_id}@home.example"
    r = teacher.post(f"/api/v1/students/{student_id}/guardian-invitations", {"email": address, "language": "sw"})
    assert r.status_code == 201 and r.json()["emailed"] is True and r.json()["language"] == "sw"
    mails = [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in (server.data_dir / "outbox").glob("*.eml")
    ]
    mine = [m for m in mails if m["To"] == address]
    assert len(mine) == 1
    body = mine[0].get_body(preferencelist=("plain",)).get_content()
    assert r.json()["url"] in body and "Maja N." in body and "Nilsen" not in body
    bad = teacher.post(f"/api/v1/students/{student_id}/guardian-invitations", {"email": "not-an-address"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_email"


def test_expert_visit_needs_its_own_scope_even_within_one_school(api, live, server):
    """A visit room counts as meeting someone from outside: consent to exchanges is not enough."""
    from guardians_support import run_in_app

    out = run_in_app(
        server,
        """
from datetime import timedelta
from sqlalchemy import select
from exchange import create_app
from exchange.accounts.models import User
from exchange.clock import now
from exchange.db import db
from exchange.directory.models import SchoolClass
from exchange.rooms import admin as rooms
with create_app().app_context():
    teacher = db.session.scalar(select(User).where(User.email == "astrid.lunde@fjordvik.example"))
    cls = db.session.scalar(select(SchoolClass).where(SchoolClass.teacher_id == teacher.id).order_by(SchoolClass.id))
    room = rooms.create_room(teacher, title="Visit: life in the deep sea", class_ids=[cls.id], kind="visit",
                             opens_at=now() - timedelta(minutes=1), closes_at=now() + timedelta(hours=2))
    print(room.id)
""",
    )
    visit = int(out.strip().splitlines()[-1])
    nora = live(api("nora.berg"))  # exchanges granted online, expert visits not (yet)
    ack = nora.join(visit)
    assert ack["ok"] is False and ack["error"] == "consent_missing"
    assert live(api("elias.haugen")).join(visit)["ok"] is True  # paper consent for every scope
    teacher = api(TEACHER_OSLO)
    kept = {k["title"]: k for k in students_of(teacher, class_of(teacher)["id"])["Nora"]["kept_out"]}
    assert kept["Visit: life in the deep sea"]["scope"] == "expert_visits"
    hanne = api(HANNE)
    nora_id = hanne.get("/api/v1/guardian/children").json()["children"][0]["id"]
    r = hanne.post(f"/api/v1/guardian/children/{nora_id}/consent", {"scope": "expert_visits", "decision": "grant"})
    assert r.status_code == 200 and r.json()["consent"]["expert_visits"]["status"] == "granted"
    assert live(api("nora.berg")).join(visit)["ok"] is True
