"""Steps the vetting tests share: new expert accounts, an application, the evidence a verifier
records, and a visit room, all through the real server (HTTP, and the same Python functions
`exchange user create` uses for accounts)."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import date, datetime, timedelta

from support import ROOT, Api, iso_z, suite_now, suite_today

EXPERT_PASSWORD = "expert-pass-2026"
# What a join by an expert who is not cleared answers: "not_a_member" today; the rooms domain
# may give the more specific "expert_not_verified" (see docs/vetting.md).
REFUSED = ("not_a_member", "expert_not_verified")
DATE_OF_BIRTH = "1985-04-02"

_CREATE_EXPERTS = """
import json, sys
from exchange import create_app
from exchange.accounts.services import create_user
from exchange.db import db
app = create_app()
with app.app_context():
    for email, first, last in json.loads(sys.argv[1]):
        create_user(role="expert", email=email, password=sys.argv[2], first_name=first, last_name=last)
    db.session.commit()
"""

FIRST_NAMES = ["Kai", "Lena", "Omar", "Priya", "Mateo", "Yuki", "Ada", "Bruno", "Chiara", "Dara"]


_pool: dict[str, list[str]] = {}  # server url -> expert logins created and not yet handed out


def make_experts(server, n: int) -> list[Api]:
    """n fresh expert accounts, logged in. They are created in batches (one subprocess each)
    to keep the suite fast; every test still gets accounts nobody else used."""
    pool = _pool.setdefault(server.url, [])
    if len(pool) < n:
        people = [
            (f"expert-{uuid.uuid4().hex[:10]}@lab.example", FIRST_NAMES[i % len(FIRST_NAMES)], "Tester")
            for i in range(max(n, 12))
        ]
        done = subprocess.run(
            [sys.executable, "-c", _CREATE_EXPERTS, json.dumps(people), EXPERT_PASSWORD],
            env=server.env,
            cwd=str(ROOT),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        pool.extend(email for email, _, _ in people)
    taken, pool[:] = pool[:n], pool[n:]
    return [Api(server.url).login(email, EXPERT_PASSWORD) for email in taken]


def profile(**over) -> dict:
    body = {
        "display_name": "Dr. Lena Vogel",
        "organisation": "Deep Sea Institute",
        "expertise": "Marine biology: life in the deep sea",
        "languages": ["en", "de"],
        "bio": "I study animals that live where no sunlight reaches.\n\nAsk me about anglerfish!",
        "agree_code_of_conduct": True,
    }
    body.update(over)
    return body


def apply(expert: Api, **over) -> int:
    """The expert applies; returns the id of their vetting record."""
    r = expert.post("/api/v1/vetting/application", profile(**over))
    assert r.status_code == 201, r.text
    return r.json()["record"]["id"]


def move(admin: Api, record_id: int, target: str, reason: str = "Checked by the verifier today.") -> dict:
    r = admin.post(f"/api/v1/vetting/records/{record_id}/transition", {"target": target, "reason": reason})
    assert r.status_code == 200, r.text
    assert r.json()["stored_state"] == target
    return r.json()


def full_evidence(record_id: int, day: date, background_day: date | None = None) -> list[dict]:
    d = day.isoformat()
    return [
        {"kind": "identity", "document_type": "passport", "checked_on": d, "date_of_birth": DATE_OF_BIRTH},
        {
            "kind": "background",
            "provider": "National criminal-record check",
            "reference": f"NCR-{record_id}-7731",
            "issued_on": (background_day or day).isoformat(),
        },
        {"kind": "safeguarding_training", "provider": "Safer Classrooms online course", "completed_on": d},
        {"kind": "reference", "referee_name": "Ines Varga", "relation": "Head of department", "confirmed_on": d},
        {"kind": "reference", "referee_name": "Tomás Reyes", "relation": "Former colleague", "confirmed_on": d},
    ]


def record_all(admin: Api, record_id: int, day: date, background_day: date | None = None) -> None:
    for item in full_evidence(record_id, day, background_day):
        r = admin.post(f"/api/v1/vetting/records/{record_id}/evidence", item)
        assert r.status_code == 201, r.text


def verify(admin: Api, expert: Api, day: date | None = None, background_day: date | None = None, **profile_over) -> int:
    """Apply, review, record complete evidence and verify; returns the record id."""
    record_id = apply(expert, **profile_over)
    move(admin, record_id, "in_review", "Application received; starting the review.")
    record_all(admin, record_id, day or (suite_today() - timedelta(days=10)), background_day)
    move(admin, record_id, "verified", "All evidence checked and complete.")
    return record_id


def class_id(teacher: Api, name_part: str = "9A") -> int:
    return next(c["id"] for c in teacher.get("/api/v1/classes").json()["classes"] if name_part in c["name"])


def publish(expert: Api, topic: str = "Life in the deep sea", grade_bands=("9-10", "11-12"), languages=("en",)) -> int:
    r = expert.post(
        "/api/v1/offers",
        {
            "topic": topic,
            "grade_bands": list(grade_bands),
            "languages": list(languages),
            "length_minutes": 45,
            "availability": "Mondays 10:00-12:00 UTC",
        },
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def start_in(hours: float = 1, now: datetime | None = None) -> str:
    """`hours` after `now`: the server's clock (default: the suite's, which every server follows unless
    a test gives it its own)."""
    return iso_z(((now or suite_now()) + timedelta(hours=hours)).replace(microsecond=0))


def request_visit(teacher: Api, offer_id: int, cls: int, hours: float = 1, now: datetime | None = None):
    return teacher.post(
        f"/api/v1/offers/{offer_id}/requests",
        {"class_id": cls, "proposed_start": start_in(hours, now), "note": "We are studying the oceans this term."},
    )


def visit_room(
    expert: Api, teacher: Api, *, open_now: bool = True, hours: float = 1, now: datetime | None = None
) -> int:
    """Offer, request, accept: returns the visit room, starting `hours` after `now` (the server's clock),
    opened early by the teacher if asked."""
    offer = publish(expert)
    r = request_visit(teacher, offer, class_id(teacher), hours=hours, now=now)
    assert r.status_code == 201, r.text
    r = expert.post(f"/api/v1/visit-requests/{r.json()['id']}/accept")
    assert r.status_code == 200, r.text
    room = r.json()["room_id"]
    if open_now:
        r = teacher.post(f"/api/v1/rooms/{room}/open")
        assert r.status_code == 200 and r.json()["state"] == "open", r.text
    return room


def visit_consent(teacher: Api, student: Api) -> None:
    """The class teacher records the paper form a guardian signed: the student may meet experts."""
    r = teacher.post(
        f"/api/v1/students/{student.user['id']}/consent/paper",
        {
            "scopes": ["expert_visits"],
            "guardian_name": "Hanne Berg",
            "signed_on": suite_today().isoformat(),
            "decision": "grant",
        },
    )
    assert r.status_code == 201, r.text


_LOAD_DEMO = """
from sqlalchemy import select
from exchange import create_app
from exchange.accounts.models import User
from exchange.db import db
from exchange.directory.models import SchoolClass
from exchange.rooms.models import Room
from exchange.demo.vetting import load_vetting_demo
app = create_app()
with app.app_context():
    people = {u.email: u for u in db.session.scalars(select(User).where(User.email.is_not(None)).order_by(User.id))}
    classes = list(db.session.scalars(select(SchoolClass).order_by(SchoolClass.id)))
    rooms = list(db.session.scalars(select(Room).order_by(Room.id)))
    print(load_vetting_demo(people, classes, rooms))
"""


def load_vetting_demo(server) -> str:
    """Call the vetting demo loader as the demo command would (it runs once: "True", then "False")."""
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_DEMO], env=server.env, cwd=str(ROOT), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]
