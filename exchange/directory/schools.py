"""Schools from zero: create one, list them, find one by id or name, and give it its people.

The use cases behind `exchange school create`, `exchange school list` and `exchange user create`
(and the platform administrator's pages). The field rules are pure, in `school_rules.py`;
here they meet the database and become sentences a person can act on.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from ..accounts.models import ROLES, User
from ..accounts.services import create_user, find_by_login
from ..db import db, utcnow
from ..errors import Conflict, Invalid, NotFound
from ..ids import lookup
from ..signals import audit
from . import services
from .models import School, SchoolClass
from .school_rules import SCHOOL_NEEDED, clean_region, is_time_zone, name_key, school_reference, school_refusal


def check_school(*, name: str, country: str, timezone: str, languages, region: str = "") -> dict:
    """A school's fields checked field by field (the cheap checks first) and cleaned; the same
    sentences for the command line, the platform administrator's page and a school's application.

    Its name must differ from every other school's (spaces and case aside): people and scripts
    name a school by it (`--school`)."""
    if not is_time_zone(timezone):
        raise Invalid(
            _(
                "%(zone)s is not a time zone name: use an IANA name such as Europe/Oslo or Africa/Nairobi.",
                zone=(timezone or "")[:64],
            ),
            code="invalid_timezone",
        )
    cleaned_region = clean_region(region)
    if cleaned_region is None:
        raise Invalid(_("The region must be at most 120 characters."), code="invalid_region")
    if any(name_key(other) == name_key(name) for other in db.session.scalars(select(School.name))):
        raise Conflict(
            _("A school called %(name)s already exists.", name=" ".join((name or "").split())), code="school_exists"
        )
    return services.school_fields(
        name=name, country=country, timezone=timezone, languages=languages, region=cleaned_region
    )


def create_school(
    *,
    name: str,
    country: str,
    timezone: str,
    languages,
    region: str = "",
    actor_id: int | None = None,
    terms_accepted: bool = False,
) -> School:
    """A new school, checked (`check_school`), committed and audited. `terms_accepted`: the person
    creating it on a page ticked the terms (the command line records none)."""
    fields = check_school(name=name, country=country, timezone=timezone, languages=languages, region=region)
    school = School(**fields, terms_accepted_at=utcnow() if terms_accepted else None)
    db.session.add(school)
    db.session.commit()
    audit(
        "directory",
        actor_id=actor_id,
        action="school.create",
        subject_type="school",
        subject_id=school.id,
        school_id=school.id,
        after=dict(services.school_summary(school), terms_accepted=terms_accepted),
    )
    return school


def list_schools() -> list[School]:
    return list(db.session.scalars(select(School).order_by(School.id)))


def school_counts() -> dict[int, dict[str, int]]:
    """Per school id: how many teachers and classes it has (two grouped counts, not one per school)."""
    counts: dict[int, dict[str, int]] = {}
    teachers = db.session.execute(
        select(User.school_id, func.count(User.id)).where(User.role == "teacher").group_by(User.school_id)
    )
    for school_id, n in teachers:
        if school_id is not None:
            counts.setdefault(school_id, {"teachers": 0, "classes": 0})["teachers"] = n
    classes = db.session.execute(
        select(SchoolClass.school_id, func.count(SchoolClass.id)).group_by(SchoolClass.school_id)
    )
    for school_id, n in classes:
        counts.setdefault(school_id, {"teachers": 0, "classes": 0})["classes"] = n
    return counts


def school_admins(school_id: int) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.role == "admin", User.school_id == school_id).order_by(User.id))
    )


def find_school(value: str | None) -> School:
    """The school `value` names: its id ('12' or '#12') or its exact name."""
    ref = school_reference(value)
    if ref is None:
        raise Invalid(_("Name a school by its id or its exact name."), code="school_required")
    if isinstance(ref, int):
        school = lookup(School, ref)
        if school is None:
            raise NotFound(_("There is no school with id %(id)s.", id=ref), code="no_such_school")
        return school
    found = list(db.session.scalars(select(School).where(School.name == ref).order_by(School.id)))
    if not found:
        raise NotFound(_("There is no school called %(name)s.", name=ref), code="no_such_school")
    if len(found) > 1:
        raise Invalid(
            ngettext(
                "%(n)d school is called %(name)s: name the one you mean by its id.",
                "%(n)d schools are called %(name)s: name the one you mean by its id.",
                len(found),
                n=len(found),
                name=ref,
            ),
            code="school_ambiguous",
        )
    return found[0]


def create_school_user(
    *,
    role: str,
    password: str,
    first_name: str,
    last_name: str = "",
    email: str | None = None,
    username: str | None = None,
    school: str | None = None,
    verified: bool = False,
) -> User:
    """An account for a school's teacher, student or admin, an expert, a guardian or a moderator.

    Checked before anything is written: the role, whether the role belongs to a school, the school
    itself; then `create_user`'s own checks (login, password, names). A verified teacher's
    verification is audited like a school admin's."""
    if role not in SCHOOL_NEEDED:
        raise Invalid(
            _("Unknown role %(role)s: choose one of %(roles)s.", role=role[:20], roles=", ".join(ROLES)),
            code="invalid_role",
        )
    found = find_school(school) if school_reference(school) is not None else None
    refusal = school_refusal(role, found is not None)
    if refusal == "school_required":
        if role == "admin":
            raise Invalid(
                _(
                    "A school admin needs a school (--school); "
                    "a platform administrator is created with `exchange admin create`."
                ),
                code="school_required",
            )
        raise Invalid(_("A %(role)s needs a school (--school).", role=role), code="school_required")
    if refusal == "school_not_allowed":
        raise Invalid(_("A %(role)s belongs to no school: leave out --school.", role=role), code="school_not_allowed")
    if verified and role != "teacher":
        raise Invalid(_("Only teachers are verified (--verified)."), code="invalid_verified")
    _login_free(email, username)
    user = create_user(
        role=role,
        email=email,
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        school_id=found.id if found else None,
        timezone=found.timezone if found else "UTC",
    )
    if verified:
        user.teacher_verified_at = utcnow()
    db.session.commit()
    if verified:  # the audit log commits on its own: after the change it records
        audit(
            "accounts",
            actor_id=None,
            action="teacher.verify",
            subject_type="user",
            subject_id=user.id,
            school_id=user.school_id,
            before={"verified": False},
            after={"verified": True},
        )
    return user


def create_platform_admin(*, email: str, password: str, first_name: str, last_name: str = "") -> User:
    """The platform administrator: an admin of no school (`User.platform_wide`), the way the
    platform's moderators are expressed too. Only the command line creates one."""
    if not (email or "").strip():
        raise Invalid(_("A platform administrator logs in with an e-mail address (--email)."), code="invalid_email")
    _login_free(email, None)
    user = create_user(
        role="admin", email=email, password=password, first_name=first_name, last_name=last_name, school_id=None
    )
    db.session.commit()
    return user


def _login_free(email: str | None, username: str | None) -> None:
    """Whoever runs a command may learn that a login exists (unlike a sign-up form): say which."""
    for value, sentence in (
        (
            email,
            _(
                "An account with the e-mail address %(login)s already exists.",
                login=(email or "").strip().lower()[:254],
            ),
        ),
        (
            username,
            _("An account with the username %(login)s already exists.", login=(username or "").strip().lower()[:64]),
        ),
    ):
        if value and value.strip() and find_by_login(value):
            raise Conflict(sentence, code="login_taken")
