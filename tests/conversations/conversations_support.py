"""Families for the message tests: a new student of the Oslo teacher's class 9A and a guardian who
accepted the teacher's invitation (in a language), with the login they chose."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from support import Api

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "guardians"))
from guardians_support import GUARDIAN_PASSWORD, anonymous, new_student  # noqa: E402

__all__ = ["GUARDIAN_PASSWORD", "Family", "new_family"]


class Family:
    def __init__(self, guardian: Api, guardian_id: int, email: str, student_id: int, first: str):
        self.guardian, self.guardian_id, self.email = guardian, guardian_id, email
        self.student_id, self.first = student_id, first


def new_family(server, teacher: Api, first: str, guardian_first: str, language: str = "en") -> Family:
    _student, student_id = new_student(server, teacher, first=first)
    r = teacher.post(f"/api/v1/students/{student_id}/guardian-invitations", {"language": language})
    assert r.status_code == 201, r.text
    token = r.json()["url"].rsplit("/", 1)[1]
    guardian = anonymous(server)
    email = f"family.{uuid.uuid4().hex[:8]}@home.example"
    r = guardian.post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {
            "first_name": guardian_first,
            "last_name": "Solheim",
            "email": email,
            "password": GUARDIAN_PASSWORD,
            "relation": "mother",
        },
    )
    assert r.status_code == 201, r.text
    guardian.csrf = r.json()["csrf_token"]
    return Family(guardian, r.json()["guardian"]["id"], email, student_id, first)
