"""A partnership's shared log of notes and decisions, beside its agreement.

The partners write in it (the schools' administrators and teachers, the organisation's contacts);
the district reads it. Entries are adults' words for adults, still through the content filter, as
everything partners write.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..clock import now
from ..db import db
from ..errors import Forbidden, Invalid
from . import agreement_rules as rules
from .agreement_models import Agreement, PartnershipNote
from .agreements import is_partner, visible
from .organisations import clean_text


def entries(user: User, agreement_id: object) -> tuple[Agreement, list[tuple[PartnershipNote, str]]]:
    """The agreement and its log, newest first, each entry with its author's name."""
    ag = visible(user, agreement_id)
    rows = list(
        db.session.scalars(
            select(PartnershipNote).where(PartnershipNote.agreement_id == ag.id).order_by(PartnershipNote.id.desc())
        )
    )
    ids = {r.author_id for r in rows}
    names = {u.id: u.full_name for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    return ag, [(r, names.get(r.author_id, "")) for r in rows]


def writable(user: User, agreement_id: object) -> Agreement:
    """The agreement whose log this person may write in (404 if they may not see it, 403 if they only read)."""
    ag = visible(user, agreement_id)
    if not is_partner(user, ag):
        raise Forbidden(_("Only the partners write in their steering log."), code="not_a_party")
    return ag


def add(user: User, agreement_id: object, kind: object, body: object) -> PartnershipNote:
    ag = writable(user, agreement_id)
    if kind not in rules.NOTE_KINDS:
        raise Invalid(_("Choose whether this is a note or a decision."), code="invalid_kind")
    text = clean_text(body, _("Note"), rules.LIMITS["note"], required=True)
    row = PartnershipNote(agreement_id=ag.id, kind=str(kind), body=text, author_id=user.id, at=now())
    db.session.add(row)
    db.session.flush()
    signals.audit(
        "partners",
        actor_id=user.id,
        action=f"agreement.{kind}",
        subject_type="agreement",
        subject_id=ag.id,
        after={"entry": row.id, "kind": kind},
        school_id=ag.school_id,
        school_ids=[ag.partner_school_id] if ag.partner_school_id is not None else None,
    )
    db.session.commit()
    return row
