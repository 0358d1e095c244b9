"""Community partners in process, on the demo data (issue 21): an organisation registers and the
district verifies it against its evidence; only then may it publish; a learner's way (interest,
endorsement, consent online or on paper, confirmation) with capacity and a waiting list; who may
take which step; what the organisation learns of a student; lapsed evidence takes an organisation
off the list; reminders go once. The Chromium walk of the same way is in test_partners_live.py."""

from __future__ import annotations

from datetime import timedelta

import factories
import pytest
from conftest import TEACHER_OSLO
from sqlalchemy import select
from support import suite_now

from exchange.partners import verification
from exchange.storage import audit_log
from exchange.partners.models import Interest, Opportunity, Organisation, OrganisationEvidence

pytestmark = pytest.mark.demo_data

HTML = {"Accept": "text/html"}
MUSEUM_CONTACT = "henrik.solberg@auroramuseum.example"
BUSINESS_CONTACT = "lena.okafor@harbourside-robotics.example"
GUARDIAN_NORA = "guardian.berg@home.example"


def _district(db_session):
    return factories.user("admin", email="district.office@exchange.example", first_name="Dagny")


def _evidence_for_all(district_api, org_id: int, day) -> None:
    for kind in ("registration", "safeguarding_policy", "insurance", "safeguarding_lead"):
        r = district_api.post(
            f"/api/v1/organisations/{org_id}/evidence",
            {
                "kind": kind,
                "detail": f"checked {kind.replace('_', ' ')}",
                "expires_on": (day + timedelta(days=200)).isoformat(),
            },
        )
        assert r.status_code == 201, r.text


def _opportunity_body(org_id: int, day, **over) -> dict:
    body = {
        "organisation_id": org_id,
        "kind": "service_learning",
        "title": "Beach clean-up and a litter survey",
        "description": "Students count and sort what the sea brings in, then share the results with the town.",
        "learning": "Sampling, sorting data, presenting to adults.",
        "grade_bands": ["9-10"],
        "min_age": 14,
        "starts_on": (day + timedelta(days=10)).isoformat(),
        "ends_on": (day + timedelta(days=12)).isoformat(),
        "online": False,
        "place": "North beach car park",
        "capacity": 1,
        "supervisor": "Ola Strand, ranger",
        "ratio_adults": 1,
        "ratio_students": 8,
    }
    body.update(over)
    return body


def test_registered_organisation_publishes_only_once_the_district_verifies_it(as_user, db_session):
    day = suite_now().date()
    anonymous = as_user(None)
    page = anonymous.get("/organisations/register", headers=HTML)
    assert page.status_code == 200 and "safeguarding lead" in page.text
    form = {
        "csrf_token": anonymous.csrf,
        "name": "Tidewater Marine Trust",
        "kind": "nonprofit",
        "mission": "We look after the coast with the people who live by it.",
        "offers": "Service learning on the shore.",
        "languages": "en, no",
        "regions": "Oslo",
        "first_name": "Petra",
        "last_name": "Lindqvist",
        "email": "petra.lindqvist@tidewater.example",
        "password": "tidewater-pass-1",
        "safeguarding": "y",
    }
    r = anonymous.http.post("/organisations/register", data=form, headers=HTML)
    assert r.status_code == 302, r.get_data(as_text=True)[:400]
    org = db_session.scalar(select(Organisation).where(Organisation.name == "Tidewater Marine Trust"))
    assert org is not None and org.state == "applied"
    # The same name again: a sentence, nothing stored twice.
    again = as_user(None)
    r = again.http.post(
        "/organisations/register",
        data={**form, "csrf_token": again.csrf, "email": "second@tidewater.example"},
        headers=HTML,
    )
    assert r.status_code == 409 and "already registered" in r.get_data(as_text=True)

    contact = as_user("petra.lindqvist@tidewater.example", "tidewater-pass-1")
    # Not verified: its own page says so; learners don't see it; it may not publish.
    own = contact.get(f"/organisations/{org.id}", headers=HTML)
    assert own.status_code == 200 and "Waiting for the district" in own.text
    student = as_user("nora.berg")
    assert student.get(f"/organisations/{org.id}", headers=HTML).status_code == 404
    r = contact.post("/api/v1/opportunities", _opportunity_body(org.id, day))
    assert r.status_code == 403 and "verified" in r.json()["error"]["message"]

    district = as_user(_district(db_session).email)
    r = district.post(f"/api/v1/organisations/{org.id}/decision", {"decision": "verify"})
    assert r.status_code == 409 and "safeguarding lead" in r.json()["error"]["message"]
    r = district.post(
        f"/api/v1/organisations/{org.id}/evidence",
        {"kind": "insurance", "detail": "Public liability", "expires_on": (day - timedelta(days=1)).isoformat()},
    )
    assert r.status_code == 400 and "expired" in r.json()["error"]["message"]
    _evidence_for_all(district, org.id, day)
    # A school's admin is not the district.
    assert (
        as_user("admin@fjordvik.example")
        .post(f"/api/v1/organisations/{org.id}/decision", {"decision": "verify"})
        .status_code
        == 403
    )
    r = district.post(f"/api/v1/organisations/{org.id}/decision", {"decision": "verify"})
    assert r.status_code == 200 and r.json()["status"] == "verified"

    r = contact.post("/api/v1/opportunities", _opportunity_body(org.id, day))
    assert r.status_code == 201, r.text
    titles = [o["title"] for o in student.get("/api/v1/opportunities?q=litter").json()["opportunities"]]
    assert titles == ["Beach clean-up and a litter survey"]
    assert student.get("/api/v1/opportunities?q=litter&online=yes").json()["opportunities"] == []
    # Suspended: off the list at once, and the district's reason is required.
    r = district.post(f"/api/v1/organisations/{org.id}/decision", {"decision": "suspend"})
    assert r.status_code == 400 and "Reason" in r.json()["error"]["message"]
    assert (
        district.post(
            f"/api/v1/organisations/{org.id}/decision", {"decision": "suspend", "reason": "Insurance query"}
        ).status_code
        == 200
    )
    assert student.get("/api/v1/opportunities?q=litter").json()["opportunities"] == []


def test_a_learners_way_with_capacity_waiting_list_and_privacy(as_user, db_session, app):
    day = suite_now().date()
    museum = db_session.scalar(select(Organisation).where(Organisation.name == "Aurora Natural History Museum"))
    contact = as_user(MUSEUM_CONTACT)
    opp = contact.post("/api/v1/opportunities", _opportunity_body(museum.id, day)).json()
    assert opp["places_left"] == 1 and opp["ratio"] == "1:8"

    nora, teacher, guardian = as_user("nora.berg"), as_user(TEACHER_OSLO), as_user(GUARDIAN_NORA)
    r = nora.post(f"/api/v1/opportunities/{opp['id']}/interest", {"note": "I collect sea glass every summer."})
    assert r.status_code == 201 and r.json()["state"] == "interested"
    assert nora.post(f"/api/v1/opportunities/{opp['id']}/interest", {}).status_code == 409
    interest = r.json()["id"]
    # Steps out of order, or by the wrong person, are refused with a sentence.
    assert guardian.post(f"/api/v1/opportunity-requests/{interest}/consent").status_code == 409
    assert contact.post(f"/api/v1/opportunity-requests/{interest}/confirm").status_code == 409
    other_teacher = as_user("liam.carter@wattlecreek.example")
    r = other_teacher.post(f"/api/v1/opportunity-requests/{interest}/endorse", {"age_confirmed": True})
    assert r.status_code == 403 and "not in one of your classes" in r.json()["error"]["message"]
    r = teacher.post(f"/api/v1/opportunity-requests/{interest}/endorse", {})
    assert r.status_code == 400 and "at least 14 years old" in r.json()["error"]["message"]
    assert (
        teacher.post(f"/api/v1/opportunity-requests/{interest}/endorse", {"age_confirmed": True}).json()["state"]
        == "endorsed"
    )
    assert (
        as_user("kofi.mensah@skylab.example").post(f"/api/v1/opportunity-requests/{interest}/confirm").status_code
        == 403  # an expert who is no contact of the museum
    )
    r = guardian.post(f"/api/v1/opportunity-requests/{interest}/consent")
    assert r.status_code == 200 and r.json()["state"] == "consented"
    # The outreach log counts the consent question (e-mail to the family, answered) and the museum's notice.
    from exchange.outreach.models import OutreachEvent  # why: the domain's table, read after the app is set up

    asked = db_session.scalars(select(OutreachEvent).where(OutreachEvent.ref == f"opp_consent:{interest}")).all()
    assert [(e.channel, e.kind, e.audience, e.replied_at is not None) for e in asked] == [
        ("email", "consent_request", "family", True)
    ]
    told = db_session.scalars(select(OutreachEvent).where(OutreachEvent.ref == f"opp_ready:{interest}")).all()
    assert told and {(e.kind, e.audience) for e in told} == {("partner", "community")}

    # The organisation sees who is ready, by first name and initial and school, never the child's words.
    applicants = contact.get(f"/api/v1/opportunities/{opp['id']}/applicants").json()["applicants"]
    assert [(a["student"], a["school"], a["state"]) for a in applicants] == [
        ("Nora B.", "Fjordvik School", "consented")
    ]
    assert (
        "note" not in applicants[0]
        and "sea glass" not in contact.get(f"/opportunities/{opp['id']}/applicants", headers=HTML).text
    )
    # Another organisation's contact may not look or decide.
    stranger = as_user(BUSINESS_CONTACT)
    assert stranger.get(f"/api/v1/opportunities/{opp['id']}/applicants").status_code == 403
    assert stranger.post(f"/api/v1/opportunity-requests/{interest}/confirm").status_code == 403
    assert contact.post(f"/api/v1/opportunity-requests/{interest}/confirm").json()["state"] == "confirmed"

    # A second learner, consent on paper, finds the one place taken: the waiting list.
    elias = as_user("elias.haugen")
    second = elias.post(f"/api/v1/opportunities/{opp['id']}/interest", {}).json()["id"]
    teacher.post(f"/api/v1/opportunity-requests/{second}/endorse", {"age_confirmed": True})
    future = (day + timedelta(days=2)).isoformat()
    r = teacher.post(f"/api/v1/opportunity-requests/{second}/paper", {"signed_on": future, "agree": "yes"})
    assert r.status_code == 400 and "future" in r.json()["error"]["message"]
    r = teacher.post(f"/api/v1/opportunity-requests/{second}/paper", {"signed_on": day.isoformat(), "agree": "yes"})
    assert r.json()["state"] == "consented"
    assert contact.post(f"/api/v1/opportunity-requests/{second}/confirm").json()["state"] == "waitlisted"
    r = contact.post(f"/api/v1/opportunity-requests/{second}/confirm")
    assert r.status_code == 409 and "waiting list" in r.json()["error"]["message"]
    # Nora withdraws: the place goes to the first learner waiting.
    assert nora.post(f"/api/v1/opportunity-requests/{interest}/withdraw").json()["state"] == "withdrawn"
    states = {
        a["student"]: a["state"]
        for a in contact.get(f"/api/v1/opportunities/{opp['id']}/applicants").json()["applicants"]
    }
    assert states == {"Elias H.": "confirmed"}
    # Every step is in the audit log.
    with app.app_context():
        actions = [r.action for r in audit_log().records() if r.subject_type == "interest"]
    for step in (
        "interest.express",
        "interest.endorse",
        "interest.consent",
        "interest.confirm",
        "interest.waitlist",
        "interest.withdraw",
        "interest.promote",
    ):
        assert step in actions, step


def test_eligibility_forged_ids_and_wrong_types_get_sentences(as_user, db_session):
    day = suite_now().date()
    museum = db_session.scalar(select(Organisation).where(Organisation.name == "Aurora Natural History Museum"))
    contact = as_user(MUSEUM_CONTACT)
    seniors = contact.post("/api/v1/opportunities", _opportunity_body(museum.id, day, grade_bands=["11-12"])).json()
    r = as_user("nora.berg").post(f"/api/v1/opportunities/{seniors['id']}/interest", {})
    assert r.status_code == 403 and "other grades" in r.json()["error"]["message"]
    for bad in (
        {"capacity": "many"},
        {"ratio_adults": 1, "ratio_students": 31},
        {"ends_on": (day - timedelta(days=1)).isoformat(), "starts_on": (day - timedelta(days=3)).isoformat()},
        {"grade_bands": ["13-14"]},
        {"title": ""},
        {"online": False, "place": ""},
    ):
        r = contact.post("/api/v1/opportunities", _opportunity_body(museum.id, day, **bad))
        assert r.status_code == 400 and r.json()["error"]["message"].endswith("."), (bad, r.text)
    assert contact.post("/api/v1/opportunities", _opportunity_body(10**12, day)).status_code == 404
    assert as_user("nora.berg").get("/api/v1/opportunities/999999").status_code == 404
    assert as_user(TEACHER_OSLO).post("/api/v1/opportunity-requests/999999/endorse", {}).status_code == 404
    r = as_user(TEACHER_OSLO).post("/api/v1/opportunity-requests/1/decline", {"reason": ["x"]})
    assert r.status_code == 400 and r.json()["error"]["code"] == "wrong_type"
    # A teacher's school admin cannot register an organisation as themselves.
    r = as_user("admin@fjordvik.example").get("/organisations/register", headers=HTML)
    assert r.status_code == 403


def test_lapsed_evidence_takes_the_organisation_off_the_list_and_reminders_go_once(as_user, db_session, app):
    student = as_user("nora.berg")
    titles = {o["organisation"]["name"] for o in student.get("/api/v1/opportunities").json()["opportunities"]}
    assert "Aurora Natural History Museum" in titles
    with app.test_request_context():
        assert verification.send_reminders() == 1  # the demo museum's insurance expires within 30 days
        assert verification.send_reminders() == 0
    museum = db_session.scalar(select(Organisation).where(Organisation.name == "Aurora Natural History Museum"))
    insurance = db_session.scalar(
        select(OrganisationEvidence).where(
            OrganisationEvidence.organisation_id == museum.id, OrganisationEvidence.kind == "insurance"
        )
    )
    insurance.expires_on = suite_now().date() - timedelta(days=1)
    db_session.commit()
    assert student.get("/api/v1/opportunities").json()["opportunities"] == []
    assert student.get(f"/organisations/{museum.id}", headers=HTML).status_code == 404
    district = as_user(_district(db_session).email)
    page = district.get(f"/organisations/{museum.id}", headers=HTML).text
    assert "Evidence lapsed" in page and "Lapsed:" in page


def test_a_childs_requests_are_in_the_export_and_leave_with_erasure(as_user, db_session, app):
    from exchange import signals

    nora = db_session.scalar(select(Interest).where(Interest.state == "interested"))  # the demo's request
    with app.test_request_context():
        rows = signals.collect_child_writings("guardians", user_id=nora.student_id)
        assert any(r["type"] == "opportunity_request" and "fossil" in r["body"] for r in rows)
        counts = signals.erase_child("guardians", user_id=nora.student_id, actor_id=None, request_id=0)
    assert counts.get("opportunity_requests") == 1
    assert db_session.scalar(select(Interest).where(Interest.student_id == nora.student_id)) is None
    assert db_session.scalar(select(Opportunity.id)) is not None  # the opportunity itself stays


def test_an_organisations_staff_keep_their_own_vetting_and_its_visits_show_on_its_page(as_user, db_session):
    museum = db_session.scalar(select(Organisation).where(Organisation.name == "Aurora Natural History Museum"))
    contact = as_user(MUSEUM_CONTACT)
    r = contact.post(f"/api/v1/organisations/{museum.id}/staff", {"email": "nobody@nowhere.example"})
    assert r.status_code == 404 and "register as an expert first" in r.json()["error"]["message"]
    r = contact.post(f"/api/v1/organisations/{museum.id}/staff", {"email": "kofi.mensah@skylab.example"})
    assert r.status_code == 201 and r.json()["cleared"] is True
    r = contact.post(f"/api/v1/organisations/{museum.id}/staff", {"email": "selma.ortiz@marinelab.example"})
    assert r.status_code == 201 and r.json()["cleared"] is False  # acting for a museum clears nobody
    page = contact.get(f"/organisations/{museum.id}", headers=HTML).text
    assert "A tour of the night sky" in page  # the cleared colleague's visit offer
    assert page.count("not cleared to meet students") == 2  # Henrik himself and Selma
    # A student sees the museum and its visits, not who works there.
    student_page = as_user("nora.berg").get(f"/organisations/{museum.id}", headers=HTML).text
    assert "A tour of the night sky" in student_page and "Selma" not in student_page
    # Another organisation's contact may not add people to the museum.
    r = as_user(BUSINESS_CONTACT).post(
        f"/api/v1/organisations/{museum.id}/staff", {"email": "kofi.mensah@skylab.example"}
    )
    assert r.status_code == 403


def test_a_paper_form_for_a_family_without_internet_in_their_language(as_user, db_session):
    nora = db_session.scalar(select(Interest).where(Interest.state == "interested"))  # the demo's request
    teacher = as_user(TEACHER_OSLO)
    r = teacher.get(f"/opportunity-requests/{nora.id}/letter", headers=HTML)
    assert r.status_code == 409 and "endorsed" in r.text  # not before the teacher supports it
    teacher.post(f"/api/v1/opportunity-requests/{nora.id}/endorse", {})
    r = teacher.get(f"/opportunity-requests/{nora.id}/letter?lang=es", headers=HTML)
    assert r.status_code == 200
    assert 'lang="es"' in r.text and "Ask a palaeontologist: online mentoring" in r.text
    assert "Consentimiento para Nora" in r.text and "Firma" in r.text  # the family's language, chosen
    assert "The class teacher, in the room with the mentor" in r.text  # the organisation's own words
    assert "Berg" not in r.text.split('id="letter"', 1)[1]  # the child by first name only
    r = teacher.get(f"/opportunity-requests/{nora.id}/letter?lang=en", headers=HTML)
    assert "I agree that my child takes part." in r.text
    # Another school's teacher, the guardian, the student: no form.
    assert (
        as_user("liam.carter@wattlecreek.example")
        .get(f"/opportunity-requests/{nora.id}/letter", headers=HTML)
        .status_code
        == 403
    )
    assert as_user(GUARDIAN_NORA).get(f"/opportunity-requests/{nora.id}/letter", headers=HTML).status_code == 403
    # The returned slip is recorded as the family's answer.
    r = teacher.post(
        f"/api/v1/opportunity-requests/{nora.id}/paper", {"signed_on": suite_now().date().isoformat(), "agree": "yes"}
    )
    assert r.json()["state"] == "consented"
