"""Guardian consent in-process: paper consent recorded by the child's own teacher, a guardian
who sees and decides for their own child only, and what a decision changes in the room."""

from __future__ import annotations

from datetime import timedelta

import factories
import pytest
from factories import login_of
from support import suite_today


@pytest.fixture()
def world(db_session):
    w = factories.exchange_world()
    w["newcomer"] = factories.student_in(w["class"], first_name="Pia")  # no consent yet
    w["guardian"] = factories.guardian_of(w["student"], first_name="Hilde")
    return w


def paper(scopes, guardian_name="Ola Nilsen", signed_on=None) -> dict:
    return {"scopes": scopes, "guardian_name": guardian_name, "signed_on": (signed_on or suite_today()).isoformat()}


def consent_rows(teacher, class_id: int) -> dict[str, dict]:
    rows = teacher.get(f"/api/v1/classes/{class_id}/consent").json()["students"]
    return {row["student"]["first_name"]: row for row in rows}


def test_paper_consent_by_the_teacher_lets_the_student_in(world, as_user, as_live):
    teacher, student = as_user(login_of(world["teacher"])), as_user(login_of(world["newcomer"]))
    assert as_live(student).join(world["room"].id)["error"] == "consent_missing"
    signed = suite_today() - timedelta(days=2)
    r = teacher.post(f"/api/v1/students/{world['newcomer'].id}/consent/paper", paper(["exchanges"], signed_on=signed))
    assert r.status_code == 201, r.text
    assert r.json()["consent"]["exchanges"] == {
        "scope": "exchanges",
        "status": "granted",
        "method": "paper",
        "on": signed.isoformat(),
        "withdrawn_on": None,
    }
    assert r.json()["consent"]["expert_visits"]["status"] == "missing"
    assert as_live(student).join(world["room"].id)["ok"] is True


def test_paper_consent_refuses_a_future_date_and_an_unknown_scope(world, as_user):
    teacher = as_user(login_of(world["teacher"]))
    path = f"/api/v1/students/{world['newcomer'].id}/consent/paper"
    r = teacher.post(path, paper(["exchanges"], signed_on=suite_today() + timedelta(days=5)))
    assert r.status_code == 400 and r.json()["error"]["code"] == "date_in_future"
    r = teacher.post(path, paper(["chatting"]))
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_scope"


def test_the_partner_schools_teacher_cannot_record_consent(world, as_user):
    r = as_user(login_of(world["partner_teacher"])).post(
        f"/api/v1/students/{world['newcomer'].id}/consent/paper", paper(["exchanges"])
    )
    assert r.status_code == 403


def test_the_class_overview_says_who_is_missing_consent_and_why(world, as_user):
    rows = consent_rows(as_user(login_of(world["teacher"])), world["class"].id)
    assert rows["Pia"]["consent"]["exchanges"]["status"] == "missing"
    kept = {k["title"]: k["code"] for k in rows["Pia"]["kept_out"]}
    assert kept == {"Rivers and rain": "consent_missing"}
    assert rows["Oda"]["consent"]["exchanges"]["status"] == "granted" and rows["Oda"]["kept_out"] == []
    assert (
        as_user(login_of(world["partner_teacher"])).get(f"/api/v1/classes/{world['class'].id}/consent").status_code
        == 403
    )


def test_a_guardian_sees_their_own_child_only(world, as_user):
    guardian = as_user(login_of(world["guardian"]))
    assert [c["id"] for c in guardian.get("/api/v1/guardian/children").json()["children"]] == [world["student"].id]
    assert guardian.get(f"/api/v1/guardian/children/{world['student'].id}").status_code == 200
    for forged in (world["classmate"].id, world["partner_student"].id, 999999, world["teacher"].id):
        r = guardian.get(f"/api/v1/guardian/children/{forged}")
        assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_child"
        r = guardian.post(f"/api/v1/guardian/children/{forged}/consent", {"scope": "exchanges", "decision": "grant"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_child"


def test_a_guardian_withdraws_consent_and_the_child_is_kept_out(world, as_user, as_live):
    guardian = as_user(login_of(world["guardian"]))
    assert as_live(as_user(login_of(world["student"]))).join(world["room"].id)["ok"] is True
    r = guardian.post(
        f"/api/v1/guardian/children/{world['student'].id}/consent", {"scope": "exchanges", "decision": "withdraw"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["consent"]["exchanges"]["status"] == "withdrawn"
    assert {k["title"] for k in r.json()["kept_out"]} == {"Rivers and rain"}
    ack = as_live(as_user(login_of(world["student"]))).join(world["room"].id)
    assert ack["ok"] is False and ack["error"] == "consent_withdrawn"


def test_other_roles_have_no_guardian_pages(world, as_user):
    for who in (world["teacher"], world["student"], world["moderator"]):
        assert as_user(login_of(who)).get("/api/v1/guardian/children").status_code == 403
