"""Expiry on an injected clock, end to end: the server runs with EXCHANGE_FAKE_NOW on the last
valid day of an expert's background check, then again (same data) on the day after. Cleared
before, refused after with a clear error; the expiry job records it as the system; a
verifier renews it. Also the remaining transitions that need lapsed evidence."""

from __future__ import annotations

import pytest

import email
import email.policy
from datetime import date

from conftest import ADMIN_OSLO, TEACHER_OSLO
from support import Api, Live, ServerProcess
from vetting_steps import (
    EXPERT_PASSWORD,
    REFUSED,
    class_id,
    make_experts,
    move,
    publish,
    request_visit,
    verify,
    visit_room,
)

LAST_VALID = "2026-03-10T12:00:00Z"  # background check issued 2025-03-10, valid 12 months, through this day
DAY_AFTER = "2026-03-11T00:00:05Z"
EVIDENCE_DAY = date(2025, 3, 10)
FAST = {"EXCHANGE_RATE_BURST": "500", "EXCHANGE_RATE_PER_MINUTE": "60000"}


def fake_clock_server(now: str, **kw) -> ServerProcess:
    return ServerProcess(env=dict(FAST, EXCHANGE_TESTING="1", EXCHANGE_FAKE_NOW=now), **kw).start()


def join_once(api: Api, room: int) -> dict:
    client = Live(api).connect()
    try:
        return client.join(room)
    finally:
        client.close()


def test_expiry_by_injected_clock():
    before = fake_clock_server(LAST_VALID)
    after = None
    try:
        admin, teacher = Api(before.url).login(ADMIN_OSLO), Api(before.url).login(TEACHER_OSLO)
        a, b, c = make_experts(before, 3)
        rec_a = verify(admin, a, day=EVIDENCE_DAY)
        rec_b = verify(admin, b, day=EVIDENCE_DAY)
        rec_c = verify(admin, c, day=EVIDENCE_DAY)
        mine = a.get("/api/v1/vetting/me").json()
        background = next(i for i in mine["record"]["items"] if i["slot"] == "background")
        assert mine["cleared"] is True and background["expires_on"] == "2026-03-10" and background["days_left"] == 0
        badge = teacher.get(f"/api/v1/experts/{a.user['id']}").json()["badge"]
        assert badge["state"] == "verified" and badge["expires_on"] == "2026-03-10"
        # The visit starts after midnight, so its room is still open (opened early) on the day after.
        room = visit_room(a, teacher, hours=13, now=before.now())
        later = request_visit(
            teacher, publish(a, topic="Coral reefs at night"), class_id(teacher), hours=48, now=before.now()
        )
        assert later.status_code == 201
        assert join_once(a, room)["ok"] is True
        move(admin, rec_c, "suspended", "Investigating a complaint.")
        # The reminder for the item expiring today goes out once.
        sent = admin.post("/api/v1/vetting/reminders").json()["sent"]
        assert {(s["record_id"], s["slot"]) for s in sent} >= {(rec_a, "background"), (rec_b, "background")}
        assert rec_c not in [s["record_id"] for s in sent]
        mails = [
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in (before.data_dir / "outbox").glob("*.eml")
        ]
        to_a = [m for m in mails if m["To"] == a.user["email"]]
        assert len(to_a) == 1 and "2026-03-10" in to_a[0].get_body(preferencelist=("plain",)).get_content()
        assert not [s for s in admin.post("/api/v1/vetting/reminders").json()["sent"] if s["record_id"] == rec_a]
        before.stop()

        after = fake_clock_server(DAY_AFTER, data_dir=before.data_dir, database_url=before.database_url)
        admin, teacher = Api(after.url).login(ADMIN_OSLO), Api(after.url).login(TEACHER_OSLO)
        a = Api(after.url).login(a.user["email"], EXPERT_PASSWORD)
        ack = join_once(a, room)
        assert ack["ok"] is False and ack["error"] in REFUSED and ack["message"]
        mine = a.get("/api/v1/vetting/me").json()
        background = next(i for i in mine["record"]["items"] if i["slot"] == "background")
        assert mine["cleared"] is False and mine["record"]["state"] == "expired"
        assert background["valid"] is False and background["problems"][0]["code"] == "expired"
        badge = teacher.get(f"/api/v1/experts/{a.user['id']}").json()["badge"]
        assert badge["state"] == "expired" and badge["cleared"] is False
        r = teacher.post(
            "/api/v1/rooms",
            {"title": "Reef visit again", "class_ids": [class_id(teacher)], "expert_ids": [a.user["id"]]},
        )
        assert r.status_code == 403 and r.json()["error"]["code"] == "expert_not_verified"
        assert a.user["id"] not in [o["expert_id"] for o in teacher.get("/api/v1/offers").json()["offers"]]
        r = a.post(f"/api/v1/visit-requests/{later.json()['id']}/accept")
        assert r.status_code == 403 and r.json()["error"]["code"] == "expert_not_verified"

        # The expiry job writes what access checks already knew, as the system, audited.
        assert sorted(admin.post("/api/v1/vetting/expire-due").json()["expired"]) == [rec_a, rec_b]
        assert admin.post("/api/v1/vetting/expire-due").json()["expired"] == []  # once only
        for rec in (rec_a, rec_b):
            detail = admin.get(f"/api/v1/vetting/records/{rec}").json()
            last = detail["history"][-1]
            assert detail["stored_state"] == "expired"
            assert (last["before"], last["after"], last["actor_role"], last["actor"]["id"]) == (
                "verified",
                "expired",
                "system",
                None,
            )
            assert last["reason"].startswith("Evidence lapsed: background")
        audit = [
            x
            for x in admin.get("/api/v1/audit").json()["records"]
            if x["action"] == "vetting.expired" and x["subject_id"] == str(rec_a)
        ]
        assert len(audit) == 1 and audit[0]["actor_id"] is None and audit[0]["after"]["actor_role"] == "system"

        # expired -> in_review -> verified with a renewed background check: access is back.
        move(admin, rec_a, "in_review", "Renewed background check received.")
        r = admin.post(
            f"/api/v1/vetting/records/{rec_a}/evidence",
            {
                "kind": "background",
                "provider": "National criminal-record check",
                "reference": "NCR-RENEW-1",
                "issued_on": "2026-03-11",
            },
        )
        assert r.status_code == 201, r.text
        move(admin, rec_a, "verified", "Renewal checked.")
        assert join_once(a, room)["ok"] is True
        # expired -> revoked, and suspended -> expired (then revoked).
        move(admin, rec_b, "revoked", "Will not renew; closing the record.")
        move(admin, rec_c, "expired", "Complaint unfounded, but the evidence lapsed meanwhile.")
        move(admin, rec_c, "revoked", "The expert asked to close their account.")
    finally:
        before.stop()
        if after is not None:
            after.stop()


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
