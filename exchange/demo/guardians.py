"""Fictional families for the demo: a guardian who gave consent online, paper consent for most
demo students, one student without consent (so the teacher sees "kept out"), and two sessions
so the family update has news. Every name here is invented."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.services import create_user
from ..db import db, utcnow
from ..directory.models import ClassMembership
from ..guardians.models import Consent, GuardianLink
from ..rooms.admin import answer_invitation, create_room

DEMO_GUARDIAN = "guardian.berg@home.example"


def load_guardians_demo(people: dict, classes: list, rooms: list) -> bool:
    """Fictional families: Hanne Berg (guardian of Nora, consent given online), paper consent for the other
    demo students, and one Oslo student, Sander Vik, without consent, so the teacher sees "kept out".

    `people` maps demo logins to users, `classes` are the demo classes (Oslo first, then Sydney, Nairobi),
    `rooms` the demo rooms. Runs once; returns False when the families are already there.
    """
    if db.session.scalar(select(User.id).where(User.email == DEMO_GUARDIAN)):
        return False
    oslo_teacher = people["astrid.lunde@fjordvik.example"]
    hashed = oslo_teacher.password_hash  # demo logins share one password
    oslo, sydney = classes[0], classes[1]
    nairobi = classes[2] if len(classes) > 2 else None
    students = {u.username: u for u in db.session.scalars(select(User).where(User.role == "student"))}
    hanne = create_user(
        role="guardian",
        email=DEMO_GUARDIAN,
        password="",
        password_hash=hashed,
        first_name="Hanne",
        last_name="Berg",
        timezone=oslo.timezone,
    )
    db.session.add(
        GuardianLink(
            guardian_user_id=hanne.id,
            student_id=students["nora.berg"].id,
            relation="parent",
            invited_by=oslo_teacher.id,
        )
    )
    sander = create_user(
        role="student",
        username="sander.vik",
        password="",
        password_hash=hashed,
        first_name="Sander",
        last_name="Vik",
        school_id=oslo.school_id,
        timezone=oslo.timezone,
    )
    db.session.add(ClassMembership(class_id=oslo.id, user_id=sander.id, status="approved", decided_at=utcnow()))
    now = utcnow()
    db.session.add(
        Consent(
            student_id=students["nora.berg"].id,
            scope="exchanges",
            status="granted",
            method="online",
            given_by=hanne.id,
            recorded_at=now - timedelta(days=3),
        )
    )
    base = ("exchanges", "expert_visits", "file_sharing")
    # Public showing differs by family, so a public exhibition shows some work and leaves some out:
    # Elias's work may be shown, Mia's too with pictures of her face, Jack's and Zawadi's not.
    paper = [
        ("elias.haugen", oslo, "Kari Haugen", base + ("public_showing",)),
        ("mia.thompson", sydney, "Olivia Thompson", base + ("public_showing", "public_faces")),
        ("jack.nguyen", sydney, "Linh Nguyen", base),
    ]
    if nairobi is not None:
        paper.append(("zawadi.otieno", nairobi, "Grace Otieno", base))
    for username, cls, guardian_name, scopes in paper:
        student = students.get(username)
        if student is None:
            continue
        for scope in scopes:
            db.session.add(
                Consent(
                    student_id=student.id,
                    scope=scope,
                    status="granted",
                    method="paper",
                    given_by=cls.teacher_id,
                    guardian_name=guardian_name,
                    signed_on=(now - timedelta(days=10)).date(),
                    recorded_at=now - timedelta(days=9),
                )
            )
    db.session.commit()
    _demo_sessions(oslo_teacher, people.get("liam.carter@wattlecreek.example"), oslo, sydney, now)
    return True


def _demo_sessions(oslo_teacher: User, sydney_teacher: User | None, oslo, sydney, now: datetime) -> None:
    """A session held last week and one planned for next week, so the family update has news."""
    if sydney_teacher is None:
        return
    for title, opens, hours in (
        ("Oslo and Sydney: our school lunches", now - timedelta(days=8), 1),
        ("Oslo and Sydney: winter and summer sports", now + timedelta(days=7), 1),
    ):
        room = create_room(
            oslo_teacher,
            title=title,
            class_ids=[oslo.id, sydney.id],
            opens_at=opens,
            closes_at=opens + timedelta(hours=hours),
        )
        answer_invitation(sydney_teacher, room, sydney.id, True)
