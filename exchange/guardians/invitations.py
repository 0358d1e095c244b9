"""Invitations to guardians: a teacher's one-time link (optionally e-mailed) that lets a guardian
open an account, or use theirs, linked to one student. Only the token's hash is stored."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, cast

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import CursorResult, select, update

from .. import outreach
from ..accounts.models import User
from ..accounts.services import EMAIL_RE, create_user, hash_password, validate_password
from ..db import db, utcnow
from ..directory.models import School
from ..errors import DomainError, Forbidden, Invalid, NotFound
from ..outbox import outbox
from ..signals import audit
from . import letters, rules
from .emails import invitation_email, ui_languages
from .models import GuardianInvitation, GuardianLink
from .students import managed_student

log = logging.getLogger("exchange.guardians")


def invitation_days() -> int:
    return int(current_app.config.get("GUARDIAN_INVITATION_DAYS", rules.INVITATION_DAYS))


def clean_language(language, student: User | None = None) -> str:
    """The family's language code as given, else the school's first language with a letter."""
    code = letters.normalise(language if isinstance(language, str) else "")
    if not code and student is not None:
        school = db.session.get(School, student.school_id) if student.school_id else None
        code = letters.choose(None, school.languages if school else ())
    if not code.isalpha() or len(code) > 8:
        raise Invalid(_("Give the family's language as a code such as en, nb or sw."), code="invalid_language")
    return code


def create_invitation(
    actor: User,
    student_id,
    *,
    email: str | None = None,
    language: str | None = None,
    link_base: str,
    bulk: bool = False,
) -> tuple[GuardianInvitation, str, bool]:
    """A one-time link (valid some days) that lets a guardian open an account linked to this student.

    Returns (invitation, link, e-mailed). The token is in the link only, never stored; with an
    e-mail address the link also goes through the outbox (a failing outbox does not lose the link).
    `bulk` (the roster import): flushed, not committed, and not audited one by one; the caller
    commits in batches and writes one audit record naming every invitation.
    """
    student = managed_student(actor, student_id)
    email = (email or "").strip().lower() or None
    if email and not EMAIL_RE.match(email):
        raise Invalid(_("That e-mail address does not look right."), code="invalid_email")
    token, hashed = rules.new_token()
    now = utcnow()
    inv = GuardianInvitation(
        student_id=student.id,
        email=email,
        token_hash=hashed,
        language=clean_language(language, student),
        created_by=actor.id,
        created_at=now,
        expires_at=now + timedelta(days=invitation_days()),
    )
    db.session.add(inv)
    if bulk:
        db.session.flush()
    else:
        db.session.commit()
        audit(
            "guardians",
            actor_id=actor.id,
            action="guardian.invite",
            subject_type="student",
            subject_id=student.id,
            school_id=student.school_id,
            after={"invitation_id": inv.id, "by_email": bool(email)},
        )
    url = link_base.rstrip("/") + "/guardian/invite/" + token
    emailed = False
    if email:
        subject, text = invitation_email(inv, student, url)
        try:
            outbox().send(to=email, subject=subject, text=text)
            emailed = True
            log.info("invitation mailed invitation=%s", inv.id)
        except Exception:  # the teacher still has the link on screen
            log.exception("invitation mail failed invitation=%s", inv.id)
    if emailed:  # counted in the outreach log; a bulk import commits it with its batch
        outreach.record(
            channel="email",
            kind="invitation",
            school_id=student.school_id,
            language=inv.language,
            sender_id=actor.id,
            ref=f"invitation:{inv.id}",
        )
        if not bulk:
            db.session.commit()
    return inv, url, emailed


def open_invitation(token: str) -> GuardianInvitation:
    """The invitation behind a token if it is still usable; clear 404/410 errors otherwise."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise NotFound(_("This invitation link is not valid."), code="invitation_unknown")
    inv = db.session.scalar(select(GuardianInvitation).where(GuardianInvitation.token_hash == rules.token_hash(token)))
    if inv is None:
        raise NotFound(_("This invitation link is not valid."), code="invitation_unknown")
    problem = rules.invitation_problem(expires_at=inv.expires_at, used_at=inv.used_at, now=utcnow())
    if problem == "invitation_used":
        raise Invalid(_("This invitation has already been used. Log in to see your child."), code=problem, status=410)
    if problem == "invitation_expired":
        raise Invalid(_("This invitation has expired. Ask the teacher for a new one."), code=problem, status=410)
    return inv


def accept_invitation(
    token: str, *, guardian: User | None = None, account: dict | None = None, relation: str = ""
) -> tuple[User, GuardianLink]:
    """Link the student to a guardian: the logged-in guardian, or a new guardian account from `account`."""
    inv = open_invitation(token)
    student = db.session.get(User, inv.student_id)
    if student is None or student.role != "student":
        raise NotFound(_("This invitation link is not valid."), code="invitation_unknown")
    relation = " ".join(str(relation or "").split())[:40]
    if guardian is not None and guardian.role != "guardian":
        raise Forbidden(_("Only a guardian account can accept this invitation. Log out first."), code="not_a_guardian")
    account = account or {}
    # The new password is hashed before anything is written: scrypt runs off the event loop, which
    # must not happen while this request holds SQLite's write lock (`exchange.blocking`).
    password_hash = None if guardian is not None else hash_password(validate_password(account.get("password") or ""))
    # Claim the link first, atomically: two tabs racing on one link link one guardian only, and a
    # refused sign-up (login taken, weak password) rolls the claim back with it.
    # An UPDATE's result is a CursorResult (it has rowcount); SQLAlchemy types `execute` as the base Result.
    claimed = cast(
        CursorResult[Any],
        db.session.execute(
            update(GuardianInvitation)
            .where(GuardianInvitation.id == inv.id, GuardianInvitation.used_at.is_(None))
            .values(used_at=utcnow())
        ),
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise Invalid(
            _("This invitation has already been used. Log in to see your child."), code="invitation_used", status=410
        )
    if guardian is None:
        try:
            guardian = create_user(
                role="guardian",
                email=account.get("email"),
                password="",
                password_hash=password_hash,
                first_name=account.get("first_name") or "",
                last_name=account.get("last_name") or "",
                timezone=student.timezone or "UTC",
                locale=inv.language if inv.language in ui_languages() else "en",
            )
        except DomainError:
            db.session.rollback()
            raise
    inv.used_by = guardian.id
    link = db.session.scalar(
        select(GuardianLink).where(GuardianLink.guardian_user_id == guardian.id, GuardianLink.student_id == student.id)
    )
    if link is None:
        link = GuardianLink(
            guardian_user_id=guardian.id, student_id=student.id, relation=relation, invited_by=inv.created_by
        )
        db.session.add(link)
    db.session.commit()
    audit(
        "guardians",
        actor_id=guardian.id,
        action="guardian.link",
        subject_type="student",
        subject_id=student.id,
        school_id=student.school_id,
        after={"invitation_id": inv.id, "guardian_id": guardian.id},
    )
    return guardian, link
