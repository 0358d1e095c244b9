"""Directory rules: schools, classes with join codes, students joining and teachers approving."""

from __future__ import annotations

import secrets
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..accounts.services import create_user, validate_name
from ..db import db, utcnow
from ..errors import Forbidden, Invalid, NotFound
from ..ids import lookup
from ..signals import audit
from .models import GRADE_BANDS, ClassMembership, School, SchoolClass
from .school_rules import country_code

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are read aloud in class
LANGUAGE_CODES = frozenset(
    "en es fr pt de ar hi ru zh ja sw id it nl no sv da fi pl tr uk he fa ur bn ta te ko th vi ms tl am yo ig ha zu el cs hu ro".split()
)


def valid_timezone(name: str) -> str:
    if not isinstance(name, str) or name not in _zones():
        raise Invalid(_("Choose a time zone from the list (for example Europe/Oslo)."), code="invalid_timezone")
    try:
        ZoneInfo(name)
    except ZoneInfoNotFoundError as exc:
        raise Invalid(_("Unknown time zone."), code="invalid_timezone") from exc
    return name


_ZONES: set[str] | None = None


def _zones() -> set[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = set(available_timezones())
    return _ZONES


def clean_languages(values) -> list[str]:
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").split(",")]
    if not isinstance(values, (list, tuple)):
        raise Invalid(_("Languages must be a list of codes such as en, fr."), code="invalid_languages")
    out = []
    for v in values:
        code = str(v).strip().lower()
        if code and code not in out:
            if code not in LANGUAGE_CODES:
                raise Invalid(_("Unknown language code: %(code)s", code=code[:8]), code="invalid_languages")
            out.append(code)
    if not out:
        raise Invalid(_("Give at least one language."), code="invalid_languages")
    return out


def clean_topics(values) -> list[str]:
    if isinstance(values, str):
        values = values.split(",")
    if not isinstance(values, (list, tuple)):
        raise Invalid(_("Topics must be a list."), code="invalid_topics")
    out = []
    for v in values[:20]:
        topic = " ".join(str(v).split()).lower()[:40]
        if topic and topic not in out:
            out.append(validate_name(topic, _("Topic")))
    return out


def parse_time(value, field: str) -> time:
    if isinstance(value, time):
        return value
    try:
        hh, mm = str(value).split(":")[:2]
        return time(int(hh), int(mm))
    except (ValueError, TypeError) as exc:
        raise Invalid(_("%(field)s must be a time like 08:30.", field=field), code="invalid_time") from exc


def school_fields(*, name: str, country: str, timezone: str, languages, region: str = "") -> dict:
    """A school's fields checked and cleaned (for a new school or an application to become one)."""
    code = country_code(country)
    if code is None:
        raise Invalid(_("Country must be an ISO 3166 two-letter code such as NO or KE."), code="invalid_country")
    zone, langs = valid_timezone(timezone), clean_languages(languages)  # before the name's text filter: cheaper
    return {
        "name": validate_name(name, _("School name")),
        "country": code,
        "region": (region or "")[:120],
        "timezone": zone,
        "languages": langs,
    }


def create_school(*, name: str, country: str, timezone: str, languages, region: str = "") -> School:
    school = School(**school_fields(name=name, country=country, timezone=timezone, languages=languages, region=region))
    db.session.add(school)
    db.session.flush()
    return school


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not db.session.scalar(select(SchoolClass.id).where(SchoolClass.join_code == code)):
            return code


def create_class(
    teacher: User,
    *,
    name: str,
    grade_band: str,
    languages,
    topics=(),
    timezone: str | None = None,
    school_days=None,
    day_start="08:30",
    day_end="15:00",
    description: str = "",
) -> SchoolClass:
    """A teacher opens a class and gets a join code to hand out to students."""
    if teacher.role != "teacher" or teacher.school_id is None:
        raise Forbidden(_("Only a teacher of a school can create a class."), code="not_teacher")
    if grade_band not in GRADE_BANDS:
        raise Invalid(_("Choose a grade band."), code="invalid_grade_band")
    school = db.session.get(School, teacher.school_id)
    if school is None:  # a school id names a row (foreign key); refuse rather than fail if it ever does not
        raise Forbidden(_("Only a teacher of a school can create a class."), code="not_teacher")
    days = school_days if school_days is not None else [1, 2, 3, 4, 5]
    if not isinstance(days, (list, tuple)) or not days or not all(isinstance(d, int) and 1 <= d <= 7 for d in days):
        raise Invalid(_("School days are weekday numbers 1 (Monday) to 7 (Sunday)."), code="invalid_days")
    start, end = parse_time(day_start, _("Start of the school day")), parse_time(day_end, _("End of the school day"))
    if end <= start:
        raise Invalid(_("The school day must end after it starts."), code="invalid_time")
    cls = SchoolClass(
        school_id=school.id,
        teacher_id=teacher.id,
        name=validate_name(name, _("Class name")),
        grade_band=grade_band,
        languages=clean_languages(languages),
        topics=clean_topics(list(topics)),
        timezone=valid_timezone(timezone or school.timezone),
        school_days=sorted(set(days)),
        day_start=start,
        day_end=end,
        description=(description or "")[:2000],
        join_code=new_join_code(),
    )
    db.session.add(cls)
    db.session.commit()
    audit(
        "directory",
        actor_id=teacher.id,
        action="class.create",
        subject_type="class",
        subject_id=cls.id,
        school_id=school.id,
    )
    return cls


def get_class(class_id) -> SchoolClass:
    cls = lookup(SchoolClass, class_id)
    if cls is None:
        raise NotFound(_("No such class."))
    return cls


def can_manage_class(user: User, cls: SchoolClass) -> bool:
    return user.is_active and (
        (user.role == "teacher" and cls.teacher_id == user.id)
        or (user.role == "admin" and user.school_id == cls.school_id)
    )


def classes_for(user: User) -> list[SchoolClass]:
    """The classes a user teaches, belongs to, or (admins) that their school holds."""
    q = select(SchoolClass).order_by(SchoolClass.name)
    if user.role == "teacher":
        q = q.where(SchoolClass.teacher_id == user.id)
    elif user.role == "admin":
        q = q.where(SchoolClass.school_id == user.school_id)
    elif user.role == "student":
        q = q.join(ClassMembership, ClassMembership.class_id == SchoolClass.id).where(
            ClassMembership.user_id == user.id, ClassMembership.status == "approved"
        )
    else:
        return []
    return list(db.session.scalars(q))


def join_with_code(
    *, code: str, username: str, password: str, first_name: str, last_name: str
) -> tuple[User, ClassMembership]:
    """A student signs up with the class code; the membership waits for the teacher."""
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    cls = db.session.scalar(select(SchoolClass).where(SchoolClass.join_code == code)) if code else None
    if cls is None:
        raise Invalid(_("That class code is not valid. Check it with your teacher."), code="invalid_join_code")
    student = create_user(
        role="student",
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        school_id=cls.school_id,
        timezone=cls.timezone,
    )
    membership = ClassMembership(class_id=cls.id, user_id=student.id, status="pending")
    db.session.add(membership)
    db.session.commit()
    return student, membership


def add_student(cls: SchoolClass, student: User, approved_by: User | None = None) -> ClassMembership:
    membership = ClassMembership(
        class_id=cls.id,
        user_id=student.id,
        status="approved" if approved_by else "pending",
        decided_at=utcnow() if approved_by else None,
    )
    db.session.add(membership)
    db.session.flush()
    return membership


def decide_membership(actor: User, membership_id, approve: bool) -> ClassMembership:
    membership = lookup(ClassMembership, membership_id)
    if membership is None:
        raise NotFound(_("No such request."))
    if not can_manage_class(actor, membership.school_class):
        raise Forbidden(_("Only the class teacher can decide this."), code="not_your_class")
    membership.status = "approved" if approve else "removed"
    membership.decided_at = utcnow()
    db.session.commit()
    audit(
        "directory",
        actor_id=actor.id,
        action="class.member_" + ("approve" if approve else "reject"),
        subject_type="class_membership",
        subject_id=membership.id,
        school_id=membership.school_class.school_id,
    )
    return membership


def members(cls: SchoolClass, status: str | None = None) -> list[ClassMembership]:
    q = select(ClassMembership).where(ClassMembership.class_id == cls.id).order_by(ClassMembership.id)
    if status:
        q = q.where(ClassMembership.status == status)
    return list(db.session.scalars(q))


def pending_for_teacher(teacher: User) -> list[ClassMembership]:
    return list(
        db.session.scalars(
            select(ClassMembership)
            .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
            .where(SchoolClass.teacher_id == teacher.id, ClassMembership.status == "pending")
            .order_by(ClassMembership.id)
        )
    )


def class_summary(cls: SchoolClass, viewer: User) -> dict:
    """What a viewer may see of a class; the join code only for those who manage it."""
    out = {
        "id": cls.id,
        "name": cls.name,
        "grade_band": cls.grade_band,
        "languages": cls.languages,
        "topics": cls.topics,
        "timezone": cls.timezone,
        "school_days": cls.school_days,
        "day_start": cls.day_start.strftime("%H:%M"),
        "day_end": cls.day_end.strftime("%H:%M"),
        "school": {"id": cls.school.id, "name": cls.school.name, "country": cls.school.country},
        "teacher": {"id": cls.teacher.id, "name": cls.teacher.full_name},
    }
    if can_manage_class(viewer, cls):
        out["join_code"] = cls.join_code
    return out


def school_summary(school: School) -> dict:
    return {
        "id": school.id,
        "name": school.name,
        "country": school.country,
        "region": school.region,
        "timezone": school.timezone,
        "languages": school.languages,
    }
