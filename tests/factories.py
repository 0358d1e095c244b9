"""Test objects for in-process tests: schools, classes, people of each role, rooms with members,
guardian consent, vetted experts. Plain functions over the models, inside an app context (use the
`db_session` fixture); every name is fictional. Each returns the row, committed, so a route sees it."""

from __future__ import annotations

import itertools
from datetime import timedelta
from functools import lru_cache

from support import DEMO_PASSWORD

_serial = itertools.count(1)


def _n() -> int:
    return next(_serial)


@lru_cache(maxsize=1)
def password_hash() -> str:
    """One hash of DEMO_PASSWORD for every factory person. Production hashes are slow on purpose
    (scrypt); a test login need not be, and the stored hash names its own method, so a cheap one
    is checked the same way by the same code."""
    from werkzeug.security import generate_password_hash

    return generate_password_hash(DEMO_PASSWORD, method="pbkdf2:sha256:1")


def _save(row):
    from exchange.db import db

    db.session.add(row)
    db.session.commit()
    return row


def school(name: str | None = None, *, country: str = "NO", timezone: str = "Europe/Oslo", languages=("en",)):
    from exchange.directory.models import School

    return _save(
        School(
            name=name or f"Lindholm School {_n()}",
            country=country,
            region="",
            timezone=timezone,
            languages=list(languages),
        )
    )


def user(
    role: str,
    *,
    school_of=None,
    first_name: str = "Tove",
    last_name: str | None = None,
    email: str | None = None,
    username: str | None = None,
    verified: bool = True,
    **fields,
):
    """A person of `role` (teacher, student, admin, moderator, expert, guardian) who logs in with
    DEMO_PASSWORD, by e-mail or, for students, by username. Teachers are verified unless told."""
    from exchange.accounts.models import User
    from exchange.db import utcnow

    n = _n()
    if role == "student":
        username = username or f"pupil{n}"
    else:
        email = email or f"{role}{n}@example.test"
    person = User(
        role=role,
        email=email,
        username=username,
        password_hash=password_hash(),
        first_name=first_name,
        last_name=last_name or f"Sample{n}",
        school_id=school_of.id if school_of else None,
        timezone=school_of.timezone if school_of else "UTC",
        **fields,
    )
    if role == "teacher" and verified:
        person.teacher_verified_at = utcnow()
    return _save(person)


def login_of(person) -> str:
    return person.email or person.username


def school_class(teacher, *, name: str | None = None, grade_band: str = "9-10", languages=("en",), students=()):
    """A class taught by `teacher`, with `students` approved members."""
    from exchange.db import db, utcnow
    from exchange.directory.models import ClassMembership, SchoolClass

    n = _n()
    cls = _save(
        SchoolClass(
            school_id=teacher.school_id,
            teacher_id=teacher.id,
            name=name or f"Class {n}",
            grade_band=grade_band,
            languages=list(languages),
            topics=["climate"],
            timezone=teacher.timezone,
            join_code=f"TESTC{n:03d}"[:8],
        )
    )
    for pupil in students:
        db.session.add(ClassMembership(class_id=cls.id, user_id=pupil.id, status="approved", decided_at=utcnow()))
    db.session.commit()
    return cls


def student_in(cls, **fields):
    """A new student, approved member of `cls`."""
    from exchange.db import db, utcnow
    from exchange.directory.models import ClassMembership

    from exchange.directory.models import School

    pupil = user("student", school_of=db.session.get(School, cls.school_id), **fields)
    db.session.add(ClassMembership(class_id=cls.id, user_id=pupil.id, status="approved", decided_at=utcnow()))
    db.session.commit()
    return pupil


def room(
    creator,
    classes,
    *,
    title: str = "Rivers and rain",
    open_now: bool = True,
    premoderated: bool = False,
    audience: str = "teen",
    adults=(),
):
    """A room of `classes` (all accepted), open now for 30 days unless `open_now` is False (then it
    opens tomorrow); `adults` (experts) are named members."""
    from exchange.db import db, utcnow
    from exchange.rooms.models import Room, RoomClass, RoomMember

    now = utcnow()
    opens = now - timedelta(minutes=5) if open_now else now + timedelta(days=1)
    r = _save(
        Room(
            title=title,
            kind="exchange",
            state="scheduled",
            opens_at=opens,
            closes_at=opens + timedelta(days=30),
            premoderated=premoderated,
            audience=audience,
            owner_class_id=classes[0].id,
            created_by=creator.id,
        )
    )
    for cls in classes:
        db.session.add(RoomClass(room_id=r.id, class_id=cls.id, status="accepted"))
    for adult in adults:
        db.session.add(RoomMember(room_id=r.id, user_id=adult.id, invited=True))
    db.session.commit()
    return r


def guardian_of(pupil, *, relation: str = "mother", first_name: str = "Hilde"):
    """A guardian account linked to `pupil`."""
    from exchange.guardians.models import GuardianLink

    parent = user("guardian", first_name=first_name)
    _save(GuardianLink(guardian_user_id=parent.id, student_id=pupil.id, relation=relation))
    return parent


def consent(pupil, scope: str = "exchanges", *, by=None, status: str = "granted", method: str = "paper"):
    """A consent decision for `pupil` and `scope` (exchanges, expert_visits, file_sharing), recorded
    by `by` (a teacher on paper, or a guardian online); the newest row per scope counts."""
    from exchange.db import utcnow
    from exchange.guardians.models import Consent

    row = Consent(
        student_id=pupil.id,
        scope=scope,
        status=status,
        method=method,
        given_by=by.id if by else pupil.id,
        guardian_name="Hilde Sample" if method == "paper" else "",
        signed_on=utcnow().date(),  # the injected clock's day
    )
    if status == "withdrawn":
        row.withdrawn_at, row.withdrawn_by, row.withdrawn_method = utcnow(), row.given_by, method
    return _save(row)


def exchange_world():
    """Two schools, a verified teacher, a class with two students each, a room of both classes,
    a platform moderator: the smallest exchange. Returns a dict of the rows by name."""
    oslo = school("Fjellheim School")
    lima = school("Colegio Arequipa Sur", country="PE", timezone="America/Lima", languages=("es", "en"))
    t1 = user("teacher", school_of=oslo, first_name="Sigrid")
    t2 = user("teacher", school_of=lima, first_name="Lucía")
    c1 = school_class(t1, name="9B Weather Watchers")
    c2 = school_class(t2, name="3ro Secundaria B")
    s1, s2 = student_in(c1, first_name="Oda"), student_in(c1, first_name="Jonas")
    s3 = student_in(c2, first_name="Mateo")
    moderator = user("moderator", first_name="Rune")
    for pupil in (s1, s2, s3):  # a cross-school room needs the guardians' consent to exchanges
        consent(pupil, "exchanges", by=t1 if pupil is not s3 else t2)
    r = room(t1, [c1, c2])
    return {
        "schools": (oslo, lima),
        "teacher": t1,
        "partner_teacher": t2,
        "class": c1,
        "partner_class": c2,
        "student": s1,
        "classmate": s2,
        "partner_student": s3,
        "moderator": moderator,
        "room": r,
    }
