"""Staff invitations: a school's admin invites teachers (one by one or from a CSV), the platform
administrator invites a school's first admin. A one-time link, valid some days, optionally
e-mailed; only the token's hash is stored. Accepting it opens the account, already a member of
the school (a teacher invited by the school's admin is verified: the admin vouched for them)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import CursorResult, select, update

from ..accounts.models import User
from ..accounts.services import create_user, find_by_login, hash_password, validate_name, validate_password
from ..db import db, utcnow
from ..errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from ..ids import lookup
from ..outbox import outbox
from ..signals import audit
from . import onboarding_rules as rules
from .emails import staff_invitation_email
from .models import School, StaffInvitation

log = logging.getLogger("exchange.directory")


@dataclass
class Invited:
    invitation: StaffInvitation
    url: str  # shown once: the token is nowhere else
    emailed: bool


def invitation_days() -> int:
    return int(current_app.config.get("STAFF_INVITATION_DAYS", rules.INVITATION_DAYS))


def may_invite(actor: User | None, school: School, role: str) -> bool:
    """A school's admin invites its teachers; the platform administrator invites a school's admin."""
    if actor is None or not actor.is_active or actor.role != "admin":
        return False
    if role == "admin":
        return actor.platform_wide
    return role == "teacher" and actor.school_id == school.id


def get_school(school_id) -> School:
    school = lookup(School, school_id)
    if school is None:
        raise NotFound(_("There is no such school."), code="no_such_school")
    return school


def check_invitee(email: str | None) -> str:
    cleaned = rules.clean_email(email)
    if cleaned is None:
        raise Invalid(_("That e-mail address does not look right."), code="invalid_email")
    if find_by_login(cleaned) is not None:
        raise Conflict(
            _("An account with the e-mail address %(login)s already exists.", login=cleaned), code="login_taken"
        )
    return cleaned


def _optional_name(value: str | None, field: str) -> str:
    value = " ".join((value or "").split())
    return validate_name(value, field) if value else ""


def _new_invitation(
    actor: User, school: School, role: str, email: str, first: str, last: str
) -> tuple[StaffInvitation, str]:
    token, hashed = rules.new_token()
    now = utcnow()
    inv = StaffInvitation(
        school_id=school.id,
        role=role,
        email=email,
        first_name=first,
        last_name=last,
        token_hash=hashed,
        created_by=actor.id,
        created_at=now,
        expires_at=now + timedelta(days=invitation_days()),
    )
    db.session.add(inv)
    return inv, token


def _after_commit(
    actor: User, school: School, inv: StaffInvitation, token: str, link_base: str, action: str = "staff.invite"
) -> Invited:
    """Audit and e-mail one committed invitation; a failing outbox does not lose the link."""
    audit(
        "directory",
        actor_id=actor.id,
        action=action,
        subject_type="invitation",
        subject_id=inv.id,
        school_id=school.id,
        after={"role": inv.role, "expires_at": inv.expires_at.isoformat()},
    )
    url = link_base.rstrip("/") + "/invitations/" + token
    emailed = False
    subject, text = staff_invitation_email(inv, school, actor, url)
    try:
        outbox().send(to=inv.email, subject=subject, text=text)
        emailed = True
        log.info("staff invitation mailed invitation=%s", inv.id)
    except Exception:  # the inviter still has the link on screen
        log.exception("staff invitation mail failed invitation=%s", inv.id)
    return Invited(inv, url, emailed)


def invite_staff(
    actor: User, school_id, *, role: str, email: str | None, first_name: str = "", last_name: str = "", link_base: str
) -> Invited:
    """One invitation: a teacher of the admin's own school, or (platform administrator) a school's admin."""
    school = get_school(school_id)
    if role not in rules.STAFF_ROLES:
        raise Invalid(_("Unknown role."), code="invalid_role")
    if not may_invite(actor, school, role):
        if role == "admin":
            raise Forbidden(_("Only the platform administrator invites a school's admin."), code="not_platform_admin")
        raise Forbidden(_("You can invite teachers of your own school only."), code="not_your_school")
    cleaned = check_invitee(email)
    first, last = _optional_name(first_name, _("First name")), _optional_name(last_name, _("Last name"))
    inv, token = _new_invitation(actor, school, role, cleaned, first, last)
    db.session.commit()
    return _after_commit(actor, school, inv, token, link_base)


def csv_problem_sentence(problem: rules.CsvProblem) -> str:
    """One problem of an uploaded CSV as a sentence, with its line number when it has one."""
    code, value = problem.code, problem.value
    whole = {
        "csv_too_large": _("The file is too large: at most %(n)d rows of teachers.", n=rules.CSV_MAX_ROWS),
        "csv_encoding": _("The file is not UTF-8 text. Save it as \u201cCSV UTF-8\u201d and try again."),
        "csv_unreadable": _("The file could not be read as CSV."),
        "csv_empty": _("The file has no teachers in it."),
        "csv_too_many": _(
            "The file has %(count)s rows; at most %(n)d can be added at once.", count=value, n=rules.CSV_MAX_ROWS
        ),
    }
    if code in whole:
        return whole[code]
    line = problem.line
    if code == "csv_header":
        return _(
            "Line %(line)d: the first line must name the columns first_name,last_name,email (it is %(found)s).",
            line=line,
            found=value or _("empty"),
        )
    if code == "wrong_columns":
        return _("Line %(line)d: expected 3 columns, found %(n)s.", line=line, n=value)
    if code == "bad_first_name":
        return _("Line %(line)d: a first name of 1 to 80 characters is needed.", line=line)
    if code == "bad_last_name":
        return _("Line %(line)d: the last name must be at most 80 characters.", line=line)
    if code == "bad_email":
        return _("Line %(line)d: %(email)s is not an e-mail address.", line=line, email=value or _("(empty)"))
    if code == "duplicate_email":
        email, _sep, first_line = value.partition("|")
        return _("Line %(line)d: %(email)s is already on line %(first)s.", line=line, email=email, first=first_line)
    if code == "login_taken":
        return _("Line %(line)d: an account with the e-mail address %(email)s already exists.", line=line, email=value)
    return _("Line %(line)d: %(problem)s", line=line, problem=value)


def invite_many(actor: User, data: bytes, *, link_base: str) -> tuple[list[Invited], list[str]]:
    """A teacher invitation for every row of a CSV, or none: (invited, problems as sentences).

    Every row is checked first (columns, names, addresses, duplicates, existing accounts, the
    names' text filter); with any problem nothing is created and every problem is listed."""
    school = get_school(actor.school_id) if actor.school_id is not None else None
    if school is None or not may_invite(actor, school, "teacher"):
        raise Forbidden(_("You can invite teachers of your own school only."), code="not_your_school")
    rows, problems = rules.read_teacher_csv(data)
    sentences = [csv_problem_sentence(p) for p in problems]
    if problems:
        return [], sentences
    taken = {
        email
        for email in db.session.scalars(select(User.email).where(User.email.in_([row.email for row in rows])))
        if email
    }
    checked = []
    for row in rows:
        if row.email in taken:
            sentences.append(csv_problem_sentence(rules.CsvProblem(row.line, "login_taken", row.email)))
            continue
        try:
            first = validate_name(row.first_name, _("First name"))
            last = validate_name(row.last_name, _("Last name")) if row.last_name else ""
        except DomainError as exc:
            sentences.append(_("Line %(line)d: %(problem)s", line=row.line, problem=exc.message))
            continue
        checked.append((row.email, first, last))
    if sentences:
        return [], sentences
    made = [_new_invitation(actor, school, "teacher", email, first, last) for email, first, last in checked]
    db.session.commit()  # all rows in one transaction: all or nothing
    return [_after_commit(actor, school, inv, token, link_base) for inv, token in made], []


def open_invitation(token) -> tuple[StaffInvitation, School]:
    """The invitation behind a token if it can still be used; clear 404/410 errors otherwise."""
    if not rules.token_shape_ok(token):
        raise NotFound(
            _("This invitation link is not valid. Check that you copied all of it."), code="invitation_unknown"
        )
    inv = db.session.scalar(select(StaffInvitation).where(StaffInvitation.token_hash == rules.token_hash(token)))
    if inv is None:
        raise NotFound(
            _("This invitation link is not valid. Check that you copied all of it."), code="invitation_unknown"
        )
    problem = rules.invitation_problem(expires_at=inv.expires_at, used_at=inv.used_at, now=utcnow())
    if problem == "invitation_used":
        raise Invalid(
            _("This invitation has already been used. Log in with the e-mail address it was sent to."),
            code=problem,
            status=410,
        )
    if problem == "invitation_expired":
        raise Invalid(
            _("This invitation has expired. Ask your school's administrator for a new one."), code=problem, status=410
        )
    return inv, get_school(inv.school_id)


def accept_invitation(token, *, first_name: str, last_name: str, password: str) -> User:
    """Open the invited account: the invitee's own name and password, the invitation's school and role."""
    inv, school = open_invitation(token)
    # The password is hashed before anything is written: scrypt runs off the event loop, which must
    # not happen while this request holds SQLite's write lock (`exchange.blocking`).
    password_hash = hash_password(validate_password(password))
    # Claim the link first, atomically: two tabs racing on one link open one account, and a refused
    # sign-up (weak password, a refused name) rolls the claim back with it.
    claimed = cast(
        CursorResult[Any],
        db.session.execute(
            update(StaffInvitation)
            .where(StaffInvitation.id == inv.id, StaffInvitation.used_at.is_(None))
            .values(used_at=utcnow())
        ),
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise Invalid(
            _("This invitation has already been used. Log in with the e-mail address it was sent to."),
            code="invitation_used",
            status=410,
        )
    try:
        user = create_user(
            role=inv.role,
            email=inv.email,
            password="",
            password_hash=password_hash,
            first_name=first_name,
            last_name=last_name,
            school_id=school.id,
            timezone=school.timezone,
            actor_id=inv.created_by,
        )
    except DomainError:
        db.session.rollback()
        raise
    verified = inv.role == "teacher"
    if verified:
        user.teacher_verified_at = utcnow()
        user.teacher_verified_by = inv.created_by
    inv.used_by = user.id
    db.session.commit()
    audit(
        "directory",
        actor_id=user.id,
        action="staff.join",
        subject_type="invitation",
        subject_id=inv.id,
        school_id=school.id,
        after={"user_id": user.id, "role": inv.role},
    )
    if verified:
        audit(
            "accounts",
            actor_id=inv.created_by,
            action="teacher.verify",
            subject_type="user",
            subject_id=user.id,
            school_id=school.id,
            reason="invited by the school's admin",
            before={"verified": False},
            after={"verified": True},
        )
    return user


def pending_invitations(school_id: int) -> list[StaffInvitation]:
    """Invitations of a school not used yet, newest first (expired ones too: they say so)."""
    return list(
        db.session.scalars(
            select(StaffInvitation)
            .where(StaffInvitation.school_id == school_id, StaffInvitation.used_at.is_(None))
            .order_by(StaffInvitation.id.desc())
            .limit(200)
        )
    )


def _pending(actor: User, invitation_id) -> tuple[StaffInvitation, School]:
    """An unused invitation the actor may manage (the school's admin for teachers, the platform
    administrator for admins); another school's invitation reads as missing."""
    inv = db.session.get(StaffInvitation, invitation_id) if isinstance(invitation_id, int) else None
    school = db.session.get(School, inv.school_id) if inv is not None else None
    if inv is None or school is None or not may_invite(actor, school, inv.role):
        raise NotFound(_("There is no such invitation."), code="no_such_invitation")
    if inv.used_at is not None:
        raise Conflict(_("This invitation was already used: the account exists."), code="invitation_used")
    return inv, school


def withdraw_invitation(actor: User, invitation_id) -> StaffInvitation:
    """Take back a link not used yet (a typo in the address, someone who left): it stops working."""
    inv, school = _pending(actor, invitation_id)
    db.session.delete(inv)
    audit(
        "directory",
        actor_id=actor.id,
        action="staff.invite.withdraw",
        subject_type="invitation",
        subject_id=inv.id,
        school_id=school.id,
        before={"role": inv.role, "expires_at": inv.expires_at.isoformat()},
    )
    db.session.commit()
    return inv


def resend_invitation(actor: User, invitation_id, *, link_base: str) -> Invited:
    """A new link for the same person (the old one stops working), valid for the usual days from now."""
    inv, school = _pending(actor, invitation_id)
    token, hashed = rules.new_token()
    inv.token_hash = hashed
    inv.created_by = actor.id
    inv.expires_at = utcnow() + timedelta(days=invitation_days())
    db.session.commit()
    return _after_commit(actor, school, inv, token, link_base, action="staff.invite.resend")
