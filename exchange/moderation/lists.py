"""Learning from moderators: "false alarm: allow this" and "missed: block this" add an entry to a
school's list or the platform's, which every process applies to the next message at once.

Who may: platform-wide moderators and admins for platform entries and any school's; a school's
moderators and admins for their own school's. Every add and undo is audited and can be undone.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..authz import ensure
from ..db import db, utcnow
from ..errors import Conflict, Invalid, NotFound
from ..ids import lookup
from ..signals import audit
from . import services
from .models import LIST_KINDS, Flag, SafetyListEntry
from .safety_lists import cache

LIST_CATEGORIES = ("profanity", "bullying", "hate", "sexual", "violence", "self_harm", "grooming")
MAX_PHRASE = 200
_SYNTAX = re.compile(r"[()\[\]{}|*?\t\n]")


def may_manage_lists(user: User) -> bool:
    return user.role in ("moderator", "admin")


def ensure_may_manage(user: User, school_id: int | None) -> None:
    """Platform entries only by the platform's own moderators and admins; a school's by its own."""
    ensure(may_manage_lists(user), _("Only moderators and admins can change the safety lists."))
    if user.platform_wide:
        return
    if school_id is None:
        ensure(False, _("Only a platform-wide moderator or admin can change the platform-wide list."))
    ensure(school_id == user.school_id, _("You can change only your own school's list."))


def clean_phrase(phrase) -> str:
    if not isinstance(phrase, str):
        raise Invalid(_("Write the word or phrase the list should hold."), code="invalid_phrase")
    phrase = " ".join(phrase.split())
    if sum(c.isalnum() for c in phrase) < 2:
        raise Invalid(_("Write the word or phrase the list should hold (at least two letters)."), code="invalid_phrase")
    if len(phrase) > MAX_PHRASE:
        raise Invalid(_("A phrase can be at most %(n)d characters.", n=MAX_PHRASE), code="invalid_phrase")
    if _SYNTAX.search(phrase):
        raise Invalid(
            _("Write plain words: no brackets, bars, braces, stars or question marks."), code="invalid_phrase"
        )
    return phrase


def _scope(actor: User, scope, school_id, flag: Flag | None) -> int | None:
    """The school the entry is for: None for the platform; by default the flag's or the actor's school."""
    if scope == "platform":
        return None
    if scope not in (None, "", "school"):
        raise Invalid(_("The scope is either your school or the platform."), code="invalid_scope")
    if school_id is not None and (isinstance(school_id, bool) or not isinstance(school_id, int)):
        raise Invalid(_("A school id is a number."), code="invalid_school")
    chosen = (
        school_id
        if school_id is not None
        else (actor.school_id if actor.school_id is not None else flag.school_id if flag is not None else None)
    )
    if chosen is None:
        raise Invalid(_("Say which school's list this is for, or choose the platform-wide list."), code="invalid_scope")
    return chosen


def add_entry(
    actor: User,
    *,
    phrase,
    kind,
    category=None,
    severity=None,
    scope=None,
    school_id=None,
    flag: Flag | None = None,
    reason=None,
) -> SafetyListEntry:
    """Add an allow or deny entry; it applies to the next message on every process."""
    reason = services.require_reason(reason)
    if kind not in LIST_KINDS:
        raise Invalid(_("Choose allow (a false alarm) or deny (a miss)."), code="invalid_kind")
    phrase = clean_phrase(phrase)
    if kind == "deny":
        if category not in LIST_CATEGORIES:
            raise Invalid(_("Choose the kind of harm this phrase is."), code="invalid_category")
        if isinstance(severity, bool) or not isinstance(severity, int) or not 1 <= severity <= 4:
            raise Invalid(_("Severity is a whole number from 1 (mild) to 4 (severe)."), code="invalid_severity")
    else:
        category, severity = category if category in LIST_CATEGORIES else "", 0
    school = _scope(actor, scope, school_id, flag)
    ensure_may_manage(actor, school)
    duplicate = db.session.scalar(
        select(SafetyListEntry).where(
            SafetyListEntry.undone_at.is_(None),
            SafetyListEntry.kind == kind,
            SafetyListEntry.phrase == phrase,
            SafetyListEntry.school_id.is_(None) if school is None else SafetyListEntry.school_id == school,
        )
    )
    if duplicate is not None:
        raise Conflict(_("This phrase is already on that list."), code="already_listed")
    entry = SafetyListEntry(
        school_id=school,
        phrase=phrase,
        kind=kind,
        category=category or "",
        severity=severity,
        reason=reason,
        flag_id=flag.id if flag is not None else None,
        created_by=actor.id,
    )
    db.session.add(entry)
    db.session.commit()
    cache().changed()
    audit(
        "moderation",
        actor_id=actor.id,
        action=f"safety_list.{kind}",
        subject_type="safety_list_entry",
        subject_id=entry.id,
        reason=reason,
        school_id=school,
        room_id=flag.room_id if flag is not None else None,
        after={
            "phrase": phrase,
            "kind": kind,
            "category": entry.category,
            "severity": severity,
            "scope": "platform" if school is None else "school",
            "flag_id": entry.flag_id,
        },
    )
    return entry


def get_entry(entry_id) -> SafetyListEntry:
    entry = lookup(SafetyListEntry, entry_id) if isinstance(entry_id, int) else None
    if entry is None:
        raise NotFound(_("No such list entry."), code="no_such_entry")
    return entry


def undo_entry(actor: User, entry: SafetyListEntry, reason=None) -> SafetyListEntry:
    """Take an entry off its list (it stays as a record); applies to the next message everywhere."""
    ensure_may_manage(actor, entry.school_id)
    reason = reason.strip()[:1000] if isinstance(reason, str) and reason.strip() else ""
    if entry.undone_at is not None:
        raise Conflict(_("This entry was already undone."), code="already_undone")
    entry.undone_at, entry.undone_by = utcnow(), actor.id
    db.session.commit()
    cache().changed()
    audit(
        "moderation",
        actor_id=actor.id,
        action="safety_list.undo",
        subject_type="safety_list_entry",
        subject_id=entry.id,
        reason=reason,
        school_id=entry.school_id,
        before={"phrase": entry.phrase, "kind": entry.kind, "undone": False},
        after={"undone": True},
    )
    return entry


def entries_for(reader: User, *, include_undone: bool = True) -> list[SafetyListEntry]:
    """The platform's list and the reader's school's (every school's for the platform's own staff)."""
    ensure(may_manage_lists(reader), _("Only moderators and admins can see the safety lists."))
    q = select(SafetyListEntry)
    if not reader.platform_wide:
        q = q.where((SafetyListEntry.school_id.is_(None)) | (SafetyListEntry.school_id == reader.school_id))
    if not include_undone:
        q = q.where(SafetyListEntry.undone_at.is_(None))
    return list(db.session.scalars(q.order_by(SafetyListEntry.undone_at.is_not(None), SafetyListEntry.id.desc())))
