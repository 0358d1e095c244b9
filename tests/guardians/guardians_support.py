"""Helpers for the guardians tests: the demo families, fresh students of a demo class, a guardian
who came in through an invitation link, and audit look-ups. All through the real server."""

from __future__ import annotations

import subprocess
import sys
import uuid

from support import DEMO_PASSWORD, ROOT, Api

STUDENT_PASSWORD = "a-long-student-password"
GUARDIAN_PASSWORD = "a-long-guardian-password"
HANNE = "guardian.berg@home.example"


# Loads the demo families into a running demo server's database. exchange/demo.py calls
# load_guardians_demo once the lead wires it in; the call is idempotent, so this stays harmless.
_SEED = """
from sqlalchemy import select
from exchange import create_app
from exchange.db import db
from exchange.accounts.models import User
from exchange.directory.models import SchoolClass
from exchange.rooms.models import Room
from exchange.demo.guardians import load_guardians_demo
app = create_app()
with app.app_context():
    people = {u.email: u for u in db.session.scalars(select(User).where(User.email.is_not(None)))}
    classes = list(db.session.scalars(select(SchoolClass).order_by(SchoolClass.id)))[:3]
    rooms = list(db.session.scalars(select(Room).order_by(Room.id)))
    load_guardians_demo(people, classes, rooms)
"""


def run_in_app(server, code: str) -> str:
    """Run Python with an app context against the server's own database (setup that has no API)."""
    env = dict(server.env, EXCHANGE_ASYNC_MODE="threading")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def ensure_guardians_demo(server) -> None:
    if anonymous(server).post("/api/v1/auth/login", {"login": HANNE, "password": DEMO_PASSWORD}).status_code == 200:
        return  # the demo already has its families
    run_in_app(server, _SEED)


def anonymous(server) -> Api:
    client = Api(server.url)
    client.csrf = client.http.get(server.url + "/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
    return client


def class_of(teacher: Api, name_part: str = "9A") -> dict:
    return next(c for c in teacher.get("/api/v1/classes").json()["classes"] if name_part in c["name"])


def new_student(server, teacher: Api, name_part: str = "9A", first: str = "Testa") -> tuple[Api, int]:
    """A new student who joined a class of this teacher with its code and was approved."""
    cls = class_of(teacher, name_part)
    username = "stu." + uuid.uuid4().hex[:8]
    r = anonymous(server).post(
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
    return Api(server.url).login(username, STUDENT_PASSWORD), r.json()["user_id"]


def invite_and_accept(server, teacher: Api, student_id: int, **invite) -> tuple[Api, str]:
    """The teacher creates an invitation link; a guardian follows it and creates an account (logged in)."""
    r = teacher.post(f"/api/v1/students/{student_id}/guardian-invitations", invite or {})
    assert r.status_code == 201, r.text
    url = r.json()["url"]
    assert url.startswith(server.url + "/guardian/invite/")
    token = url.rsplit("/", 1)[1]
    guardian = anonymous(server)
    email = f"family.{uuid.uuid4().hex[:8]}@home.example"
    r = guardian.post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {
            "first_name": "Marit",
            "last_name": "Nilsen",
            "email": email,
            "password": GUARDIAN_PASSWORD,
            "relation": "mother",
        },
    )
    assert r.status_code == 201, r.text
    guardian.csrf = r.json()["csrf_token"]  # the session was renewed at log-in
    guardian.user = r.json()["guardian"]
    return guardian, token


def students_of(teacher: Api, class_id: int) -> dict[str, dict]:
    """Consent overview rows by the student's first name."""
    rows = teacher.get(f"/api/v1/classes/{class_id}/consent").json()["students"]
    return {row["student"]["first_name"]: row for row in rows}


def audit_actions(admin: Api, action: str, room: int | None = None) -> list[dict]:
    path = "/api/v1/audit" + (f"?room={room}" if room else "")
    return [r for r in admin.get(path).json()["records"] if r["action"] == action]
