"""Consent by text message on a running server whose gateway is a small recording HTTP server
on 127.0.0.1 (issue 22, "for homes without internet"). The must-show: a consent request answered
by text through the gateway, with the one-time code, is recorded as consent; the same reply
without the code is not (it is kept as a message for the teacher). Also: the webhook's token, an
unknown number, bad input, who may ask and read, the guardian's form, and an expired code on the
suite's clock (the server restarted at a later instant on the same data)."""

from __future__ import annotations

import random
import sys
from datetime import timedelta
from pathlib import Path

import phonenumbers
import pytest
import requests
from conftest import ADMIN_OSLO, TEACHER_OSLO, TEACHER_SYDNEY
from gateway import TOKEN, RecordingGateway, code_in
from support import Api, ServerProcess, iso_z

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "guardians"))
from guardians_support import audit_actions, class_of, invite_and_accept, new_student  # noqa: E402

INBOUND = "inbound-token-for-tests-9876543210"
FAST = {"EXCHANGE_RATE_BURST": "500", "EXCHANGE_RATE_PER_MINUTE": "60000"}


class Site:
    """The module's server (replaced by a later one in the expiry test) and its gateway."""

    def __init__(self, gateway: RecordingGateway):
        self.gateway = gateway
        self.env = dict(
            FAST,
            EXCHANGE_SMS_BACKEND="http",
            EXCHANGE_SMS_URL=gateway.url,
            EXCHANGE_SMS_TOKEN=TOKEN,
            EXCHANGE_SMS_INBOUND_TOKEN=INBOUND,
        )
        self.server = ServerProcess(env=self.env).start()

    def inbound(self, sender, body, token: str | None = INBOUND, **kw):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.post(
            self.server.url + "/api/v1/sms/inbound",
            json={"from": sender, "body": body},
            headers=headers,
            timeout=15,
            **kw,
        )


@pytest.fixture(scope="module")
def site():
    with RecordingGateway() as gateway:
        made = Site(gateway)
        yield made
        made.server.stop()


def mobile() -> str:
    """A Norwegian mobile number no other test uses (valid for phonenumbers)."""
    while True:
        number = f"+479{random.randrange(1000000, 9999999)}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number)):
            return number


def family(site: Site, scope_phone: str | None = None) -> tuple[Api, Api, int, str]:
    """The Oslo teacher, a new student of theirs, and the guardian (invited in English) with a mobile number."""
    teacher = Api(site.server.url).login(TEACHER_OSLO)
    _student, student_id = new_student(site.server, teacher, first="Sms")
    guardian, _token = invite_and_accept(site.server, teacher, student_id, language="en")
    number = scope_phone or mobile()
    r = guardian.post("/api/v1/guardian/phone", {"number": number, "channel": "sms"})
    assert r.status_code == 200, r.text
    assert r.json() == {"has_phone": True, "number": "•••• " + number[-3:], "verified": False, "channel": "sms"}
    return teacher, guardian, student_id, number


def consent_of(teacher: Api, student_id: int, scope: str) -> dict:
    rows = teacher.get(f"/api/v1/classes/{class_of(teacher)['id']}/consent").json()["students"]
    return next(r for r in rows if r["student"]["id"] == student_id)["consent"][scope]


def ask(site: Site, teacher: Api, student_id: int, number: str, scope: str = "file_sharing") -> str:
    before = len(site.gateway.to(number))
    r = teacher.post(f"/api/v1/students/{student_id}/consent-requests/text", {"scope": scope})
    assert r.status_code == 201 and r.json()["sent"] == 1, r.text
    text = site.gateway.wait_for(number, before + 1)[-1]
    assert text["auth"] == f"Bearer {TOKEN}"
    assert "Reply YES" in text["body"] and "to refuse" in text["body"] and "Sms" in text["body"]
    return code_in(text["body"])


def test_consent_by_text_with_the_code_is_recorded_and_without_it_is_not(site):
    teacher, guardian, student_id, number = family(site)
    code = ask(site, teacher, student_id, number)
    assert consent_of(teacher, student_id, "file_sharing")["status"] == "missing"

    # The same reply without the code: not consent, kept as a message for the teacher.
    r = site.inbound(number, "YES")
    assert r.status_code == 200 and r.json() == {"ok": True, "outcome": "message"}
    assert consent_of(teacher, student_id, "file_sharing")["status"] == "missing"
    texts = teacher.get(f"/api/v1/students/{student_id}/texts")
    assert texts.status_code == 200 and [(t["body"], t["outcome"]) for t in texts.json()["texts"]] == [
        ("YES", "message")
    ]
    assert texts.json()["texts"][0]["guardian"]["name"] == "Marit Nilsen"
    assert number[3:] not in texts.text  # the teacher reads the words, never the number

    # With the code, from the guardian's number: recorded as consent, by text.
    r = site.inbound(number, f"yes {code.lower()}")
    assert r.status_code == 200 and r.json() == {"ok": True, "outcome": "granted"}
    state = consent_of(teacher, student_id, "file_sharing")
    assert state["status"] == "granted" and state["method"] == "sms"
    thanks = site.gateway.wait_for(number, 2)[-1]["body"]
    assert "Thank you" in thanks and code not in thanks
    grants = [
        a
        for a in audit_actions(Api(site.server.url).login(ADMIN_OSLO), "consent.grant")
        if a["subject_id"] == str(student_id)
    ]
    assert grants and grants[-1]["after"]["method"] == "sms" and grants[-1]["actor_id"] == guardian.user["id"]
    # The code came back from the number: it is confirmed. A code works once.
    assert guardian.post("/api/v1/guardian/phone", {"number": number, "channel": "sms"}).json()["verified"] is True
    assert site.inbound(number, f"YES {code}").json()["outcome"] == "closed"
    assert [t["outcome"] for t in teacher.get(f"/api/v1/students/{student_id}/texts").json()["texts"]] == [
        "closed",
        "message",
    ]


def test_a_no_by_text_records_the_refusal(site):
    teacher, _guardian, student_id, number = family(site)
    code = ask(site, teacher, student_id, number, scope="expert_visits")
    assert site.inbound(number, f"NO {code}").json()["outcome"] == "refused"
    state = consent_of(teacher, student_id, "expert_visits")
    assert state["status"] == "withdrawn" and state["method"] == "sms"


def test_the_code_counts_only_from_the_guardians_number_and_unknown_numbers_change_nothing(site):
    teacher, _guardian, student_id, number = family(site)
    code = ask(site, teacher, student_id, number)
    stranger = mobile()
    for body in (f"YES {code}", "YES", "Hello, who is this?"):
        r = site.inbound(stranger, body)
        assert r.status_code == 200 and r.json() == {"ok": True, "outcome": "ignored"}
    assert site.inbound("not a number", f"YES {code}").json()["outcome"] == "ignored"
    assert consent_of(teacher, student_id, "file_sharing")["status"] == "missing"
    assert teacher.get(f"/api/v1/students/{student_id}/texts").json()["texts"] == []  # nothing kept of strangers
    # A wrong code from the right number is a message, not consent; the right one still works.
    assert site.inbound(number, "YES ABCDEF").json()["outcome"] == "message"
    assert consent_of(teacher, student_id, "file_sharing")["status"] == "missing"
    assert site.inbound(number, f"YES {code}").json()["outcome"] == "granted"


def test_the_webhook_answers_the_gateway_only(site):
    for token in (None, "wrong", INBOUND[:-1], INBOUND + "x"):
        r = site.inbound("+4791234567", "YES ABCDEF", token=token)
        assert r.status_code == 401 and r.json()["error"]["code"] == "sms_token_refused", r.text
        assert "+4791234567" not in r.text
    r = requests.post(
        site.server.url + "/api/v1/sms/inbound",
        json={"from": "+4791234567", "body": "YES"},
        headers={"Authorization": f"Basic {INBOUND}"},
        timeout=15,
    )
    assert r.status_code == 401
    # A logged-in browser session is not the gateway either.
    teacher = Api(site.server.url).login(TEACHER_OSLO)
    assert teacher.post("/api/v1/sms/inbound", {"from": "+4791234567", "body": "YES"}).status_code == 401


@pytest.mark.parametrize(
    "payload, status, code",
    [
        ({"from": 4791234567, "body": "YES"}, 400, "wrong_type"),
        ({"from": "+4791234567", "body": ["YES"]}, 400, "wrong_type"),
        ({"from": "+4791234567"}, 400, "missing_field"),
        ({"from": "+4791234567", "body": "y" * 1601}, 413, "too_large"),
        ({"from": "+47" + "9" * 40, "body": "YES"}, 400, "invalid_number"),
        ([1, 2], 400, "malformed_json"),
    ],
)
def test_bad_input_to_the_webhook_is_a_clear_4xx(site, payload, status, code):
    r = requests.post(
        site.server.url + "/api/v1/sms/inbound",
        json=payload,
        headers={"Authorization": f"Bearer {INBOUND}"},
        timeout=15,
    )
    assert r.status_code == status and r.json()["error"]["code"] == code, r.text


def test_unicode_tricks_and_odd_bodies_are_refused_or_cleaned(site):
    auth = {"Authorization": f"Bearer {INBOUND}", "Content-Type": "application/json"}
    url = site.server.url + "/api/v1/sms/inbound"
    r = requests.post(url, data=b'{"from": "+4791234567", "body": "\\ud800"}', headers=auth, timeout=15)
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_text"
    r = requests.post(url, data=b"YES", headers=dict(auth, **{"Content-Type": "text/plain"}), timeout=15)
    assert r.status_code == 415 and r.json()["error"]["message"]
    r = requests.post(url, data=b"{" + b" " * 9000 + b"}", headers=auth, timeout=15)
    assert r.status_code == 413
    teacher, _guardian, student_id, number = family(site)
    r = site.inbound(number, "Ca\u202ell me\u200b after\x00 school")
    assert r.json()["outcome"] == "message"
    kept = teacher.get(f"/api/v1/students/{student_id}/texts").json()["texts"][0]["body"]
    assert kept == "Call me after school"


def test_only_the_students_teacher_or_admin_asks_and_reads(site):
    teacher, guardian, student_id, number = family(site)
    sydney = Api(site.server.url).login(TEACHER_SYDNEY)
    for who, status in ((sydney, 403), (guardian, 403), (Api(site.server.url), 401)):
        if who.csrf is None:
            who.csrf = who.http.get(site.server.url + "/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
        assert (
            who.post(f"/api/v1/students/{student_id}/consent-requests/text", {"scope": "exchanges"}).status_code
            == status
        )
        assert who.get(f"/api/v1/students/{student_id}/texts").status_code == status
    assert site.gateway.to(number) == []
    # A forged id is refused before the body is read.
    assert sydney.post(f"/api/v1/students/{student_id}/consent-requests/text", data="nonsense").status_code == 403
    r = teacher.post(f"/api/v1/students/{student_id}/consent-requests/text", {"scope": "sunbathing"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_scope"
    admin = Api(site.server.url).login(ADMIN_OSLO)
    assert admin.post(f"/api/v1/students/{student_id}/consent-requests/text", {"scope": "exchanges"}).status_code == 201
    r = teacher.post(f"/api/v1/students/{student_id}/consent-requests/text", {"scope": "exchanges"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "recently_sent"
    _student, lonely = new_student(site.server, teacher, first="Nophone")
    r = teacher.post(f"/api/v1/students/{lonely}/consent-requests/text", {"scope": "exchanges"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "no_phone"


@pytest.mark.parametrize(
    "body, code",
    [
        ({"number": 4791234567, "channel": "sms"}, "wrong_type"),
        ({"number": "12", "channel": "sms"}, "invalid_number"),
        ({"number": "call me maybe", "channel": "sms"}, "invalid_number"),
        ({"number": "+4791234567", "channel": "pigeon"}, "invalid_channel"),
        ({"number": "", "channel": "sms"}, "number_required"),
        ({"number": "+4791234567", "channel": ["sms"]}, "wrong_type"),
    ],
)
def test_the_guardians_number_is_validated(site, body, code):
    _teacher, guardian, _student_id, _number = family(site)
    r = guardian.post("/api/v1/guardian/phone", body)
    assert r.status_code == 400 and r.json()["error"]["code"] == code, r.text


def test_the_guardian_sets_the_number_on_a_form_with_its_csrf_token(site):
    _teacher, guardian, _student_id, number = family(site)
    page = guardian.get("/guardian/phone", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "•••• " + number[-3:] in page.text and number not in page.text
    token = page.text.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    url = site.server.url + "/guardian/phone"
    r = guardian.http.post(url, data={"number": "41 23 45 67", "channel": "sms", "action": "save"}, timeout=15)
    assert r.status_code == 400 and "Reload the page" in r.text  # no CSRF token: refused
    r = guardian.http.post(
        url, data={"csrf_token": token, "number": "41 23 45 67", "channel": "sms", "action": "save"}, timeout=15
    )
    assert r.status_code == 200 and "•••• 567" in r.text  # read in Norway: the child's school is in Oslo
    r = guardian.http.post(url, data={"csrf_token": token, "number": "12", "channel": "sms"}, timeout=15)
    assert r.status_code == 400 and "not a phone number" in r.text
    r = guardian.http.post(url, data={"csrf_token": token, "action": "remove", "channel": "email"}, timeout=15)
    assert r.status_code == 200 and "was removed" in r.text
    assert guardian.post("/api/v1/guardian/phone", {"number": None, "channel": "email"}).json()["has_phone"] is False


def test_zz_an_expired_code_is_not_consent(site):
    """Last in the module: the server is restarted, on the same data, past the code's life."""
    teacher, _guardian, student_id, number = family(site)
    code = ask(site, teacher, student_id, number, scope="public_showing")
    later = site.server.now() + timedelta(days=8)
    site.server.stop()
    site.server = ServerProcess(
        env=dict(site.env, EXCHANGE_FAKE_NOW=iso_z(later)),
        data_dir=site.server.data_dir,
        database_url=site.server.database_url,
    ).start()
    teacher = Api(site.server.url).login(TEACHER_OSLO)
    r = site.inbound(number, f"YES {code}")
    assert r.status_code == 200 and r.json()["outcome"] == "expired"
    assert consent_of(teacher, student_id, "public_showing")["status"] == "missing"
    texts = teacher.get(f"/api/v1/students/{student_id}/texts").json()["texts"]
    assert texts[0]["outcome"] == "expired" and code not in texts[0]["body"]
