"""Partnership agreements and the steering view on a running demo server (issue 21): who may make,
read, amend and sign an agreement; an amendment is a new version that every side signs again; the
printed document; the district's list of every agreement with its state; the steering log through
the content filter; renewal reminders sent once per slot on an injected clock; bad input answered
with a clear 4xx, never a 500."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta

import pytest
from conftest import ADMIN_OSLO, ADMIN_SYDNEY, EXPERT, TEACHER_OSLO, TEACHER_SYDNEY
from support import Api, ServerProcess, iso_z, suite_now, suite_today

ADMIN_NAIROBI = "admin@jacaranda.example"
MUSEUM_CONTACT = "henrik.solberg@auroramuseum.example"
DISTRICT, DISTRICT_PASSWORD = "district.admin@exchange.example", "district-admin-pass-1"
FAST = {"EXCHANGE_RATE_BURST": "500", "EXCHANGE_RATE_PER_MINUTE": "60000"}
GOALS = "Students compare how their towns use water and publish a shared guide."
SAFEGUARDING = "A teacher of each school supervises every room; students use the platform only."


def _text(title: str, *, renew_in: int = 400, **changes) -> dict:
    day = suite_today()
    body = {
        "title": title,
        "start_on": day.isoformat(),
        "renew_on": (day + timedelta(days=renew_in)).isoformat(),
        "goals": GOALS,
        "roles": "Each school plans one term of activities and reviews its own students' work.",
        "contacts": "Astrid Lunde, astrid.lunde@fjordvik.example, +47 22 33 44 55",
        "data_sharing": {
            "data_items": ["First names and last initials", "Messages in the shared rooms"],
            "purpose": "To run the exchange and evaluate it together.",
            "retention": "One school year after the exchange ends",
            "no_onward_sharing": True,
        },
        "safeguarding": SAFEGUARDING,
    }
    body.update(changes)
    return body


def _district(server) -> Api:
    server.run_cli("admin", "create", "--email", DISTRICT, "--password", DISTRICT_PASSWORD, check=False)
    return Api(server.url).login(DISTRICT, DISTRICT_PASSWORD)


def _school_id(api, login: str) -> int:
    return api(login).user["school_id"]


def _museum_id(contact: Api) -> int:
    rows = contact.get("/api/v1/organisations").json()["organisations"]
    return next(o["id"] for o in rows if o["name"] == "Aurora Natural History Museum")


def _sign(client: Api, agreement_id: int, role: str, **extra):
    body = {"name": client.user["first_name"] + " " + client.user["last_name"], "role": role, **extra}
    return client.post(f"/api/v1/agreements/{agreement_id}/signatures", body)


def _html(client: Api, path: str) -> str:
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 200, r.text[:500]
    return r.text


@pytest.fixture(scope="module")
def oslo_nairobi(server) -> int:
    """An agreement of Fjordvik and Jacaranda: version 1 signed by both, amended, version 2 signed by both."""
    oslo, nairobi = Api(server.url).login(ADMIN_OSLO), Api(server.url).login(ADMIN_NAIROBI)
    r = oslo.post(
        "/api/v1/agreements",
        _text("Water in our towns", kind="school_school", partner_school=nairobi.user["school_id"]),
    )
    assert r.status_code == 201, r.text
    agreement = r.json()["id"]
    assert _sign(oslo, agreement, "Head of international work").status_code == 201
    assert _sign(nairobi, agreement, "Deputy head").status_code == 201
    r = nairobi.post(f"/api/v1/agreements/{agreement}/versions", {"goals": GOALS + " Both classes meet monthly."})
    assert r.status_code == 201 and r.json()["number"] == 2
    assert _sign(nairobi, agreement, "Deputy head", version=2).status_code == 201
    assert _sign(oslo, agreement, "Head of international work", version=2).status_code == 201
    return agreement


# ---- who may --------------------------------------------------------------------------------------


def test_who_may_make_read_sign_and_amend_an_agreement(server, api):
    sydney, nairobi = api(ADMIN_SYDNEY), api(ADMIN_NAIROBI)
    r = sydney.post(
        "/api/v1/agreements", _text("Weather diaries", kind="school_school", partner_school=nairobi.user["school_id"])
    )
    assert r.status_code == 201, r.text
    made = r.json()
    agreement, path = made["id"], f"/api/v1/agreements/{made['id']}"
    assert (made["state"], made["version"], made["state_label"]) == ("draft", 1, "Draft: not signed yet")
    # Its schools' teachers read it but sign nothing; another school's people and an outside expert see nothing.
    teacher = api(TEACHER_SYDNEY)
    assert teacher.get(path).json()["title"] == "Weather diaries"
    assert _sign(teacher, agreement, "Teacher").status_code == 403
    assert teacher.post(path + "/versions", {"goals": "Other goals."}).status_code == 403
    page = _html(teacher, f"/agreements/{agreement}")
    assert "Weather diaries" in page and "Sign version 1" not in page
    for outsider in (api(TEACHER_OSLO), api(ADMIN_OSLO), api(EXPERT)):
        assert outsider.get(path).status_code == 404
        assert agreement not in [a["id"] for a in outsider.get("/api/v1/agreements").json()["agreements"]]
    assert _sign(api(ADMIN_OSLO), agreement, "Head").status_code == 404
    assert api(TEACHER_OSLO).get(f"/agreements/{agreement}/print", headers={"Accept": "text/html"}).status_code == 404
    # Signing: one side, then the other; a side signs once.
    r = _sign(sydney, agreement, "Principal")
    assert r.status_code == 201 and r.json()["state"] == "awaiting" and r.json()["signed"] == ["school"]
    r = _sign(sydney, agreement, "Principal")
    assert r.status_code == 409 and "already signed" in r.json()["error"]["message"]
    r = _sign(nairobi, agreement, "Deputy head")
    assert r.status_code == 201 and r.json()["state"] == "active" and r.json()["signed"] == ["partner_school", "school"]
    # An amendment is version 2, unsigned: version 1 keeps its signatures, and they do not carry over.
    r = sydney.post(path + "/versions", {"safeguarding": SAFEGUARDING + " Cameras stay off unless both agree."})
    assert r.status_code == 201 and r.json()["number"] == 2 and r.json()["signatures"] == []
    shown = sydney.get(path).json()
    assert (shown["state"], shown["version"], shown["signed"]) == ("draft", 2, [])
    assert [v["number"] for v in shown["versions"]] == [2, 1]
    assert sorted(s["role"] for s in shown["versions"][1]["signatures"]) == ["Deputy head", "Principal"]
    r = _sign(nairobi, agreement, "Deputy head", version=1)  # read version 1, but version 2 is current
    assert r.status_code == 409 and "version 2" in r.json()["error"]["message"]
    r = sydney.post(path + "/versions", {"safeguarding": SAFEGUARDING + " Cameras stay off unless both agree."})
    assert r.status_code == 400 and r.json()["error"]["code"] == "unchanged"
    # Ending it: either side; it stays readable.
    r = nairobi.post(path + "/end", {"reason": "The exchange moved to a new class."})
    assert r.status_code == 200 and r.json()["state"] == "ended"
    assert _sign(sydney, agreement, "Principal").status_code == 409


def test_an_organisation_and_a_school_sign_their_agreement(server, api):
    sydney = api(ADMIN_SYDNEY)
    contact = Api(server.url).login(MUSEUM_CONTACT)
    museum = _museum_id(contact)
    r = contact.post(
        "/api/v1/agreements",
        _text("Young curators at the museum", kind="school_org", organisation=museum, school=sydney.user["school_id"]),
    )
    assert r.status_code == 201, r.text
    agreement = r.json()["id"]
    assert r.json()["organisation"]["name"] == "Aurora Natural History Museum"
    # Another expert may not act for the museum, nor see its agreements.
    r = api(EXPERT).post(
        "/api/v1/agreements",
        _text("Not ours", kind="school_org", organisation=museum, school=sydney.user["school_id"]),
    )
    assert r.status_code == 403 and "contact" in r.json()["error"]["message"]
    assert api(EXPERT).get(f"/api/v1/agreements/{agreement}").status_code == 404
    assert _sign(contact, agreement, "Head of learning").json()["signed"] == ["organisation"]
    r = _sign(sydney, agreement, "Principal")
    assert r.status_code == 201 and r.json()["state"] == "active"
    steering = _html(contact, f"/partnerships/{agreement}")
    assert "Opportunities and this school" in steering and "Young curators at the museum" in steering


def test_the_pages_make_sign_and_note_an_agreement(server, api):
    """The forms a school's administrator uses: a new agreement with an organisation still waiting
    for the district's check, signing it, and a decision in the steering log."""
    admin = api(ADMIN_OSLO)
    page = _html(admin, "/agreements/new")
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    business = next(
        line.split('value="', 1)[1].split('"', 1)[0]
        for line in page.split("<option")[1:]
        if "Harbourside Robotics" in line
    )
    assert business.startswith("organisation:")
    body = _text("Robots on the farm")
    form = {
        "csrf_token": token,
        "partner": business,
        **{k: body[k] for k in ("title", "start_on", "renew_on", "goals", "roles", "contacts", "safeguarding")},
        "data_items": "\n".join(body["data_sharing"]["data_items"]),
        "purpose": body["data_sharing"]["purpose"],
        "retention": body["data_sharing"]["retention"],
    }
    r = admin.http.post(server.url + "/agreements/new", data=form, timeout=15)  # the affirmation is not ticked
    assert r.status_code == 400 and "not passed on to anyone else" in r.text
    r = admin.http.post(server.url + "/agreements/new", data=dict(form, no_onward_sharing="y"), timeout=15)
    assert r.status_code == 200 and "saved as a draft" in r.text and "Robots on the farm" in r.text
    assert "Draft: not signed yet" in r.text and "Sign version 1" in r.text
    agreement = int(r.url.rstrip("/").rsplit("/", 1)[1])
    r = admin.http.post(
        server.url + f"/agreements/{agreement}/sign",
        data={"csrf_token": token, "name": "Ingrid Dahl", "role": "School administrator", "version": "1"},
        timeout=15,
    )
    assert "Signed. Thank you." in r.text and "Awaiting signatures" in r.text and "School administrator" in r.text
    r = admin.http.post(
        server.url + f"/partnerships/{agreement}/notes",
        data={"csrf_token": token, "kind": "decision", "body": "We start with a visit to the robot workshop."},
        timeout=15,
    )
    assert "Added to the steering log." in r.text and "We start with a visit to the robot workshop." in r.text


# ---- the document, the district, the log -----------------------------------------------------------


def test_the_printed_document_shows_every_section_and_the_signatures(api, oslo_nairobi):
    page = _html(api(TEACHER_OSLO), f"/agreements/{oslo_nairobi}/print")
    for words in (
        "Water in our towns",
        "Both classes meet monthly.",  # version 2's goals
        "Each school plans one term",
        "astrid.lunde@fjordvik.example",  # contacts hold e-mail addresses: adults read the agreement
        "First names and last initials",
        "To run the exchange and evaluate it together.",
        "One school year after the exchange ends",
        "not passed on to anyone else",
        SAFEGUARDING,
        "Version 2",
        "Head of international work",
        "Deputy head",
        "Ingrid Dahl",
        "Faith Mwangi",
        'class="brand-mark"',
    ):
        assert words in page, words
    assert "not signed yet" not in page
    assert suite_today().strftime("%Y") in page  # the signature dates


def test_the_district_sees_every_agreement_with_its_state(server, api, oslo_nairobi):
    district = _district(server)
    rows = {a["id"]: a for a in district.get("/api/v1/agreements").json()["agreements"]}
    assert rows[oslo_nairobi]["state"] == "active"
    for admin in (ADMIN_OSLO, ADMIN_SYDNEY, ADMIN_NAIROBI):  # every school's agreements, and more
        assert {a["id"] for a in api(admin).get("/api/v1/agreements").json()["agreements"]} <= set(rows)
    page = _html(district, "/agreements")
    assert "Every partnership agreement in the district" in page and "Water in our towns" in page and "Active" in page
    assert _html(district, f"/partnerships/{oslo_nairobi}")  # reads the steering view too
    # The district reads; it neither signs nor writes in a partnership's log.
    assert _sign(district, oslo_nairobi, "District").status_code == 403
    r = district.post(f"/api/v1/partnerships/{oslo_nairobi}/notes", {"kind": "note", "body": "Looks good."})
    assert r.status_code == 403
    # A school's admin sees their school's agreements only.
    assert oslo_nairobi not in [a["id"] for a in api(ADMIN_SYDNEY).get("/api/v1/agreements").json()["agreements"]]


def test_the_steering_log_takes_notes_and_decisions_through_the_filter(api, oslo_nairobi):
    notes = f"/api/v1/partnerships/{oslo_nairobi}/notes"
    teacher, nairobi = api(TEACHER_OSLO), api(ADMIN_NAIROBI)
    r = teacher.post(notes, {"kind": "note", "body": "Both classes finished the water survey."})
    assert r.status_code == 201 and r.json()["author"] == "Astrid Lunde"
    r = nairobi.post(notes, {"kind": "decision", "body": "The shared guide is published in May."})
    assert r.status_code == 201
    r = teacher.post(notes, {"kind": "note", "body": "The partner teachers are idiots and useless"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "unsafe_text"
    assert "did not pass the safety check" in r.json()["error"]["message"]
    shown = teacher.get(notes).json()["notes"]
    assert [(n["kind"], n["body"]) for n in shown[:2]] == [
        ("decision", "The shared guide is published in May."),
        ("note", "Both classes finished the water survey."),
    ]
    assert all("idiots" not in n["body"] for n in shown)
    assert api(TEACHER_SYDNEY).get(notes).status_code == 404
    page = _html(teacher, f"/partnerships/{oslo_nairobi}")
    assert "The shared guide is published in May." in page and "Decision" in page and "Active" in page


# ---- bad input ------------------------------------------------------------------------------------


def test_bad_input_gets_a_clear_4xx(server, api, oslo_nairobi):
    admin = api(ADMIN_OSLO)
    nairobi = admin.get(f"/api/v1/agreements/{oslo_nairobi}").json()["partner_school"]["id"]
    base = _text("Another try", kind="school_school", partner_school=nairobi)
    sharing = base["data_sharing"]
    cases = [
        ({**base, "kind": "pen_pals"}, 400, "invalid_kind"),
        ({**base, "partner_school": "abc"}, 404, "no_such_school"),
        ({**base, "partner_school": 99999999999}, 404, "no_such_school"),
        ({**base, "partner_school": True}, 404, "no_such_school"),
        ({**base, "kind": "school_org", "organisation": 2147483647}, 404, "no_such_organisation"),
        ({**base, "goals": 42}, 400, "invalid_field"),
        ({**base, "goals": "x" * 4001}, 400, "invalid_field"),
        ({**base, "data_sharing": "all of it"}, 400, "invalid_data_sharing"),
        ({**base, "data_sharing": {**sharing, "data_items": {"a": 1}}}, 400, "invalid_data_items"),
        ({**base, "data_sharing": {**sharing, "no_onward_sharing": "yes"}}, 400, "onward_sharing_not_excluded"),
        ({**base, "data_sharing": {**sharing, "retention": ""}}, 400, "retention_missing"),
        ({**base, "renew_on": base["start_on"]}, 400, "renew_before_start"),
        ({**base, "renew_on": "2031-13-01"}, 400, "invalid_date"),
        ({**base, "renew_on": (suite_today() + timedelta(days=3 * 366)).isoformat()}, 400, "term_too_long"),
        ({**base, "partner_school": admin.user["school_id"]}, 400, "same_school"),
        ({**base}, 409, "exists"),  # Fjordvik and Jacaranda already have one
    ]
    for body, status, code in cases:
        r = admin.post("/api/v1/agreements", body)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), (body, r.text)
        assert " " in r.json()["error"]["message"]  # a sentence, not a code
    path = f"/api/v1/agreements/{oslo_nairobi}"
    for r, status in (
        (admin.post("/api/v1/agreements", [1, 2]), 400),
        (admin.http.post(server.url + "/api/v1/agreements", data="kind=x", headers={"X-CSRFToken": admin.csrf}), 415),
        (admin.post("/api/v1/agreements", {"goals": "x" * 70000}), 413),
        (admin.get("/api/v1/agreements/99999999999"), 404),
        (admin.get("/api/v1/agreements/0"), 404),
        (admin.post(path + "/signatures", {"name": ["Ingrid"], "role": "Head"}), 400),
        (admin.post(path + "/signatures", {"name": "Ingrid Dahl", "role": "Head", "version": "two"}), 400),
        (admin.post(path + "/versions", {"title": ""}), 400),
        (admin.post(path + "/versions", {"data_sharing": None}), 400),
        (admin.post(f"/api/v1/partnerships/{oslo_nairobi}/notes", {"kind": "memo", "body": "Hello there."}), 400),
        (admin.post(f"/api/v1/partnerships/{oslo_nairobi}/notes", {"kind": "note", "body": "y" * 2001}), 400),
        (admin.post(f"/api/v1/partnerships/{oslo_nairobi}/notes", {"kind": 7, "body": "Hello there."}), 400),
    ):
        assert r.status_code == status, r.text
        assert " " in r.json()["error"]["message"]


# ---- renewal reminders on an injected clock ------------------------------------------------------------


def _mails(srv: ServerProcess, subject: str) -> list[email.message.EmailMessage]:
    found = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in (srv.data_dir / "outbox").glob("*.eml")
    ]
    return [m for m in found if m["Subject"] == subject]


def test_renewal_reminders_go_once_per_slot_by_the_injected_clock():
    subject = "A partnership agreement is due for renewal"
    start = suite_now()
    first = ServerProcess(env=dict(FAST, EXCHANGE_FAKE_NOW=iso_z(start))).start()
    later = None
    try:
        oslo, sydney, nairobi = (Api(first.url).login(who) for who in (ADMIN_OSLO, ADMIN_SYDNEY, ADMIN_NAIROBI))
        district = _district(first)
        made = {}
        for admin, title, days in ((oslo, "Renewal in fifty days", 50), (sydney, "Renewal in thirty days", 30)):
            body = _text(title, renew_in=days, kind="school_school", partner_school=nairobi.user["school_id"])
            made[title] = admin.post("/api/v1/agreements", body).json()["id"]
            _sign(admin, made[title], "Principal")
            assert _sign(nairobi, made[title], "Deputy head").json()["state"] == "renewal_due"
        assert district.post("/api/v1/agreements/reminders").json()["reminded"] >= 2  # the 60-day slot
        mails = _mails(first, subject)
        fifty = [m for m in mails if "Renewal in fifty days" in m.get_body(("plain",)).get_content()]
        assert sorted(m["To"] for m in fifty) == sorted([ADMIN_NAIROBI, ADMIN_OSLO])
        assert "in 50 days" in fifty[0].get_body(("plain",)).get_content()
        assert district.post("/api/v1/agreements/reminders").json()["reminded"] == 0  # once only
        assert len(_mails(first, subject)) == len(mails)
        assert oslo.post("/api/v1/agreements/reminders").status_code == 403  # a school's admin is not the district
        first.stop()

        # Forty days on: 10 days before the first renewal (the 14-day slot), the second lapsed.
        later = ServerProcess(
            env=dict(FAST, EXCHANGE_FAKE_NOW=iso_z(start + timedelta(days=40))),
            data_dir=first.data_dir,
            database_url=first.database_url,
        ).start()
        district = Api(later.url).login(DISTRICT, DISTRICT_PASSWORD)
        before = len(_mails(later, subject))
        assert district.post("/api/v1/agreements/reminders").json()["reminded"] == 1
        assert district.post("/api/v1/agreements/reminders").json()["reminded"] == 0
        texts = [m.get_body(("plain",)).get_content() for m in _mails(later, subject)]
        assert sum("in 10 days" in t for t in texts) == 2 and len(texts) == before + 2
        rows = {a["id"]: a["state"] for a in district.get("/api/v1/agreements").json()["agreements"]}
        assert rows[made["Renewal in fifty days"]] == "renewal_due"
        assert rows[made["Renewal in thirty days"]] == "lapsed"
        page = _html(Api(later.url).login(ADMIN_SYDNEY), f"/agreements/{made['Renewal in thirty days']}")
        assert "Lapsed: past its renewal date" in page and "The renewal date has passed" in page
    finally:
        first.stop()
        if later is not None:
            later.stop()


# ---- the demo ---------------------------------------------------------------------------------------


def test_the_demo_partnerships_have_their_agreements(api):
    oslo = api(ADMIN_OSLO)
    rows = {a["title"]: a for a in oslo.get("/api/v1/agreements").json()["agreements"]}
    schools = rows["Fjordvik and Wattle Creek: seasons, weather and school life"]
    museum = rows["Fjordvik School and the Aurora Natural History Museum"]
    assert (schools["state"], schools["version"]) == ("active", 2)
    assert museum["state"] == "awaiting"
    shown = oslo.get(f"/api/v1/agreements/{schools['id']}").json()
    assert [len(v["signatures"]) for v in shown["versions"]] == [2, 1]  # version 1 was superseded
    assert [n["kind"] for n in oslo.get(f"/api/v1/partnerships/{schools['id']}/notes").json()["notes"]] == [
        "decision",
        "note",
    ]
    assert api(MUSEUM_CONTACT).get(f"/api/v1/agreements/{museum['id']}").json()["signed"] == ["school"]
