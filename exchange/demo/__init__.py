"""Fictional demo data: three schools on three continents (one in the southern hemisphere),
their teachers, classes and students, an admin, a moderator, an expert awaiting vetting,
and an exchange room open now. Every name and address here is invented."""

from __future__ import annotations

from datetime import timedelta
from typing import TypedDict

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.services import create_user, hash_password
from ..db import db, utcnow
from ..directory import services as directory
from ..directory.models import ClassMembership
from ..rooms import admin as rooms
from .activities import load_activities_demo
from .conversations import load_conversations_demo
from .evaluation import load_evaluation_demo
from .guardians import load_guardians_demo
from .scheduling import load_scheduling_demo
from .agreements import seed_agreements
from .partners import load_partners_demo
from .outreach import load_outreach_demo  # the outreach log and awareness survey (issue 22)
from .showcase import load_showcase_demo
from .vetting import load_vetting_demo

DEMO_PASSWORD = "exchange-demo"


class DemoSchool(TypedDict):
    """A demo school: `key` names it in PEOPLE and CLASSES, the rest is `create_school`'s arguments."""

    key: str
    name: str
    country: str
    region: str
    timezone: str
    languages: list[str]


SCHOOLS: list[DemoSchool] = [
    dict(
        key="oslo", name="Fjordvik School", country="NO", region="Oslo", timezone="Europe/Oslo", languages=["no", "en"]
    ),
    dict(
        key="sydney",
        name="Wattle Creek High School",
        country="AU",
        region="New South Wales",
        timezone="Australia/Sydney",
        languages=["en"],
    ),
    dict(
        key="nairobi",
        name="Jacaranda Academy",
        country="KE",
        region="Nairobi",
        timezone="Africa/Nairobi",
        languages=["en", "sw"],
    ),
]

# (school key, role, login, first, last, verified teacher)
PEOPLE = [
    ("oslo", "admin", "admin@fjordvik.example", "Ingrid", "Dahl", False),
    ("oslo", "teacher", "astrid.lunde@fjordvik.example", "Astrid", "Lunde", True),
    ("sydney", "admin", "admin@wattlecreek.example", "Graham", "Pike", False),
    ("sydney", "teacher", "liam.carter@wattlecreek.example", "Liam", "Carter", True),
    ("nairobi", "admin", "admin@jacaranda.example", "Faith", "Mwangi", False),
    ("nairobi", "teacher", "amani.wanjiru@jacaranda.example", "Amani", "Wanjiru", False),
    (None, "moderator", "moderator@exchange.example", "Rafael", "Moreno", False),
    (None, "expert", "selma.ortiz@marinelab.example", "Selma", "Ortiz", False),
]

CLASSES = [
    # teacher login, name, grade band, languages, topics, students (username, first, last)
    (
        "astrid.lunde@fjordvik.example",
        "9A Global Citizens",
        "9-10",
        ["en", "no"],
        ["climate", "seasons", "food"],
        [("nora.berg", "Nora", "Berg"), ("elias.haugen", "Elias", "Haugen")],
    ),
    (
        "liam.carter@wattlecreek.example",
        "Year 9 Geography",
        "9-10",
        ["en"],
        ["climate", "oceans", "sport"],
        [("mia.thompson", "Mia", "Thompson"), ("jack.nguyen", "Jack", "Nguyen")],
    ),
    (
        "amani.wanjiru@jacaranda.example",
        "Grade 6 Explorers",
        "6-8",
        ["en", "sw"],
        ["animals", "water"],
        [("zawadi.otieno", "Zawadi", "Otieno")],
    ),
]


def load_demo() -> bool:
    """Create the demo data once; returns False when it is already there."""
    if db.session.scalar(select(User.id).where(User.email == "astrid.lunde@fjordvik.example")):
        return False
    hashed = hash_password(DEMO_PASSWORD)  # one hash for every demo login keeps start-up fast
    schools = {
        s["key"]: directory.create_school(
            name=s["name"], country=s["country"], region=s["region"], timezone=s["timezone"], languages=s["languages"]
        )
        for s in SCHOOLS
    }
    people = {}
    for key, role, login, first, last, verified in PEOPLE:
        u = create_user(
            role=role,
            email=login,
            password="",
            password_hash=hashed,
            first_name=first,
            last_name=last,
            school_id=schools[key].id if key else None,
            timezone=schools[key].timezone if key else "UTC",
        )
        if verified:
            u.teacher_verified_at = utcnow()
        people[login] = u
    db.session.commit()
    classes = []
    for teacher_login, name, band, langs, topics, students in CLASSES:
        cls = directory.create_class(people[teacher_login], name=name, grade_band=band, languages=langs, topics=topics)
        for username, first, last in students:
            s = create_user(
                role="student",
                username=username,
                password="",
                password_hash=hashed,
                first_name=first,
                last_name=last,
                school_id=cls.school_id,
                timezone=cls.timezone,
            )
            db.session.add(ClassMembership(class_id=cls.id, user_id=s.id, status="approved", decided_at=utcnow()))
        classes.append(cls)
    db.session.commit()
    oslo, sydney, nairobi = classes
    now = utcnow()
    room = rooms.create_room(
        people["astrid.lunde@fjordvik.example"],
        title="Oslo and Sydney: seasons and weather",
        class_ids=[oslo.id, sydney.id],
        opens_at=now - timedelta(minutes=5),
        closes_at=now + timedelta(days=30),
    )
    rooms.answer_invitation(people["liam.carter@wattlecreek.example"], room, sydney.id, True)
    rooms.create_room(
        people["astrid.lunde@fjordvik.example"],
        title="9A class room",
        class_ids=[oslo.id],
        opens_at=now - timedelta(minutes=5),
        closes_at=now + timedelta(days=30),
    )
    db.session.commit()
    load_scheduling_demo(people, classes, [room])
    load_vetting_demo(people, classes, [room], password_hash=hashed)
    load_guardians_demo(people, classes, [room])
    load_activities_demo(people, room)
    load_evaluation_demo(people, room)
    load_showcase_demo(people, classes)
    museum = load_partners_demo(people, classes, password_hash=hashed)
    seed_agreements(people, museum.id)
    load_outreach_demo()  # the outreach log and awareness survey (issue 22)
    load_conversations_demo(classes)  # family messages and an announcement (issue 22)
    return True
