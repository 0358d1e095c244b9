"""The district's verification of an organisation: evidence with expiry days (registration, a
safeguarding policy, insurance, a named safeguarding lead), its decisions (verify, suspend,
reinstate, reject) and the renewal reminders. Every change is audited; contacts are told by e-mail.
"""

from __future__ import annotations

import logging
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..clock import now, today
from ..db import db
from ..errors import Conflict, Invalid
from ..outbox import send_email
from ..outreach import record
from . import rules
from .models import Organisation, OrganisationEvidence, OrganisationReminder
from .organisations import (
    clean_text,
    evidence_label,
    evidence_map,
    member_ids,
    organisation_or_404,
    require_district,
)

log = logging.getLogger("exchange.partners")


def record_evidence(user: User, org_id, data: dict) -> OrganisationEvidence:
    """One piece of evidence (registration, safeguarding policy, insurance, the named safeguarding
    lead) with its expiry day; a renewal is a newer piece of the same kind."""
    require_district(user)
    org = organisation_or_404(org_id)
    kind = data.get("kind")
    if kind not in rules.EVIDENCE_KINDS:
        raise Invalid(_("Choose which evidence this is."), code="invalid_kind")
    detail = clean_text(data.get("detail"), _("Detail"), 200, required=True)
    raw = data.get("expires_on")
    try:
        expires_on = date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        raise Invalid(_("Give the expiry date as YYYY-MM-DD."), code="invalid_date") from None
    if expires_on is None:
        raise Invalid(_("Give the day this evidence expires, so it is renewed in time."), code="invalid_date")
    if expires_on < today():
        raise Invalid(_("This evidence has already expired; ask the organisation for a current one."), code="lapsed")
    row = OrganisationEvidence(
        organisation_id=org.id, kind=kind, detail=detail, expires_on=expires_on, recorded_by=user.id
    )
    db.session.add(row)
    signals.audit(
        "partners",
        actor_id=user.id,
        action="organisation.evidence",
        subject_type="organisation",
        subject_id=org.id,
        after={"kind": kind, "expires_on": expires_on.isoformat()},
    )
    db.session.commit()
    return row


def evidence_rows(org_id: int) -> list[OrganisationEvidence]:
    return list(
        db.session.scalars(
            select(OrganisationEvidence)
            .where(OrganisationEvidence.organisation_id == org_id)
            .order_by(OrganisationEvidence.id.desc())
        )
    )


def decide(user: User, org_id, decision: str, reason: str = "") -> Organisation:
    """verify (every kind of evidence present and current), suspend, reject, or reinstate."""
    require_district(user)
    org = organisation_or_404(org_id)
    targets = {"verify": "verified", "suspend": "suspended", "reject": "rejected", "reinstate": "verified"}
    if decision not in targets:
        raise Invalid(_("Unknown decision."), code="invalid_decision")
    reason = clean_text(reason, _("Reason"), 500, required=decision in ("suspend", "reject"))
    if decision in ("verify", "reinstate"):
        problem = rules.may_verify(evidence_map(org.id), today())
        if problem == "missing":
            raise Conflict(
                _(
                    "Record every piece of evidence first: registration, safeguarding policy, insurance and the safeguarding lead."
                ),
                code="evidence_missing",
            )
        if problem == "lapsed":
            raise Conflict(_("Some evidence has expired; record the renewed evidence first."), code="evidence_lapsed")
    if org.state == "rejected":
        raise Conflict(_("This organisation was rejected; it may register again."), code="final")
    before = org.state
    org.state, org.state_reason = targets[decision], reason
    if org.state == "verified":
        org.verified_at, org.verified_by = now(), user.id
    signals.audit(
        "partners",
        actor_id=user.id,
        action=f"organisation.{decision}",
        subject_type="organisation",
        subject_id=org.id,
        reason=reason,
        before={"state": before},
        after={"state": org.state},
    )
    db.session.commit()
    log.info("organisation %s id=%s by=%s", decision, org.id, user.id)
    for uid in member_ids(org.id):
        contact = db.session.get(User, uid)
        if contact is not None and contact.email:
            send_email(
                contact.email,
                _("Your organisation on Classroom Exchange"),
                (
                    _("%(name)s is verified. You can publish opportunities for learners now.", name=org.name)
                    if org.state == "verified"
                    else _("The district changed the standing of %(name)s: %(reason)s", name=org.name, reason=reason)
                )
                + "\n",
            )
            record(
                channel="email",
                kind="partner",
                audience="community",
                school_id=None,
                recipient_id=contact.id,
                sender_id=user.id,
                ref=f"org_standing:{org.id}",
            )
    db.session.commit()  # the outreach rows
    return org


def send_reminders(actor_id: int | None = None) -> int:
    """E-mail each organisation's contacts about evidence expiring within 30 days, once per expiry day.
    Run daily (`exchange partners remind`); returns how many reminders were sent."""
    sent_count = 0
    day = today()
    for org in db.session.scalars(select(Organisation).where(Organisation.state == "verified")):
        sent = {
            (r.kind, r.expires_on)
            for r in db.session.scalars(
                select(OrganisationReminder).where(OrganisationReminder.organisation_id == org.id)
            )
        }
        due = rules.reminders_due(evidence_map(org.id), day, sent)
        if not due:
            continue
        lines = [
            _("- %(item)s expires on %(day)s.", item=evidence_label(kind), day=expires.isoformat())
            for kind, expires in due
        ]
        for uid in member_ids(org.id):
            contact = db.session.get(User, uid)
            if contact is not None and contact.email:
                send_email(
                    contact.email,
                    _("Please renew your organisation's evidence"),
                    "\n".join(
                        [
                            _(
                                "Some evidence of %(name)s expires soon. Learners can take part only while all of it is current:",
                                name=org.name,
                            ),
                            "",
                            *lines,
                            "",
                            _("Please send the renewed evidence to the district before these dates."),
                        ]
                    )
                    + "\n",
                )
        for kind, expires in due:
            db.session.add(OrganisationReminder(organisation_id=org.id, kind=kind, expires_on=expires))
            sent_count += 1
        signals.audit(
            "partners",
            actor_id=actor_id,
            action="organisation.remind",
            subject_type="organisation",
            subject_id=org.id,
            after={"kinds": [k for k, _d in due]},
        )
    db.session.commit()
    return sent_count
