"""Partnership agreements (memoranda of understanding): making one, amending it (a new version),
signing it for one side, ending it, renewal reminders, and who sees which.

Who acts for a side: the school's side is an administrator of that school; the organisation's side
a contact of that organisation (`organisations.is_member`). Teachers of either school read the
agreement; the district (the administrator of no school) reads every agreement. Anyone else gets a
404, as for an id that names nothing. Every change is audited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import or_, select

from .. import signals
from ..accounts.models import User
from ..clock import now, today
from ..db import db
from ..directory.models import School
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..ids import as_id, lookup
from ..outbox import link_root, send_email
from . import agreement_input
from . import agreement_rules as rules
from .agreement_models import Agreement, AgreementReminder, AgreementSignature, AgreementVersion
from .models import Organisation
from .organisations import clean_text, is_district, member_ids, organisations_of

log = logging.getLogger("exchange.partners")


# ---- who is who ---------------------------------------------------------------------------------


def may_create(user: User | None) -> bool:
    """A school's administrator, or the contact of an organisation, may propose an agreement."""
    return user is not None and (
        (user.role == "admin" and user.school_id is not None)
        or (user.role == "expert" and bool(organisations_of(user)))
    )


def require_creator(user: User | None) -> None:
    if not may_create(user):
        raise Forbidden(
            _("A school's administrator or an organisation's contact proposes an agreement."), code="forbidden"
        )


def party_sides(user: User | None, ag: Agreement) -> tuple[str, ...]:
    """The sides this person may sign and amend for: a school's administrator, an organisation's contact."""
    if user is None or not user.is_active:
        return ()
    sides = []
    if user.role == "admin" and user.school_id is not None:
        if user.school_id == ag.school_id:
            sides.append("school")
        if user.school_id == ag.partner_school_id:
            sides.append("partner_school")
    if user.role == "expert" and ag.organisation_id is not None and user.id in member_ids(ag.organisation_id):
        sides.append("organisation")
    return tuple(sides)


def _reader_of_school(user: User, ag: Agreement) -> bool:
    return user.role in ("admin", "teacher") and user.school_id in (ag.school_id, ag.partner_school_id)


def may_view(user: User | None, ag: Agreement) -> bool:
    return user is not None and (is_district(user) or _reader_of_school(user, ag) or bool(party_sides(user, ag)))


def is_partner(user: User | None, ag: Agreement) -> bool:
    """A person of the partnership (not the district): may write in its steering log."""
    return user is not None and (_reader_of_school(user, ag) or bool(party_sides(user, ag)))


def visible(user: User | None, agreement_id: object) -> Agreement:
    """The agreement, or 404 for one this person may not see (as for an id that names nothing)."""
    ag = lookup(Agreement, agreement_id)
    if ag is None or not may_view(user, ag):
        raise NotFound(_("No such agreement."), code="not_found")
    return ag


def managed(user: User, agreement_id: object) -> Agreement:
    ag = visible(user, agreement_id)
    if not party_sides(user, ag):
        raise Forbidden(
            _("Only the partners' school administrators and the organisation's contacts may change or sign it."),
            code="not_a_party",
        )
    return ag


# ---- reading ------------------------------------------------------------------------------------


def status_of(ag: Agreement, day: date | None = None) -> str:
    return rules.status(ag.state, ag.renew_on, day or today())


def versions(ag: Agreement) -> list[AgreementVersion]:
    """Every version, newest first."""
    return list(
        db.session.scalars(
            select(AgreementVersion)
            .where(AgreementVersion.agreement_id == ag.id)
            .order_by(AgreementVersion.number.desc())
        )
    )


def current_version(ag: Agreement) -> AgreementVersion:
    found = db.session.scalar(
        select(AgreementVersion).where(
            AgreementVersion.agreement_id == ag.id, AgreementVersion.number == ag.current_version
        )
    )
    assert found is not None, "an agreement always has its current version"
    return found


def signatures(ag: Agreement) -> list[AgreementSignature]:
    return list(
        db.session.scalars(
            select(AgreementSignature).where(AgreementSignature.agreement_id == ag.id).order_by(AgreementSignature.id)
        )
    )


def signed_sides(ag: Agreement, version: AgreementVersion) -> frozenset[str]:
    return rules.signed_sides(((s.version_id, s.side) for s in signatures(ag)), version.id)


def party_names(ag: Agreement) -> dict[str, str]:
    """Side → the name of the school or organisation that signs for it."""
    names = {"school": _school_name(ag.school_id)}
    if ag.partner_school_id is not None:
        names["partner_school"] = _school_name(ag.partner_school_id)
    if ag.organisation_id is not None:
        org = db.session.get(Organisation, ag.organisation_id)
        names["organisation"] = org.name if org is not None else ""
    return names


def _school_name(school_id: int) -> str:
    school = db.session.get(School, school_id)
    return school.name if school is not None else ""


@dataclass(frozen=True)
class Listed:
    agreement: Agreement
    status: str
    parties: dict[str, str]


def listing(user: User) -> list[Listed]:
    """The agreements this person sees, with each one's state today: the district every one; a
    school's administrators and teachers their school's; a contact their organisation's."""
    stmt = select(Agreement).order_by(Agreement.renew_on, Agreement.id)
    if not is_district(user):
        conditions = []
        if user.role in ("admin", "teacher") and user.school_id is not None:
            conditions += [Agreement.school_id == user.school_id, Agreement.partner_school_id == user.school_id]
        if user.role == "expert":
            org_ids = [o.id for o in organisations_of(user)]
            if org_ids:
                conditions.append(Agreement.organisation_id.in_(org_ids))
        if not conditions:
            return []
        stmt = stmt.where(or_(*conditions))
    day = today()
    return [Listed(ag, status_of(ag, day), party_names(ag)) for ag in db.session.scalars(stmt)]


def _version_row(ag: Agreement, number: int, text: rules.Text, author: User) -> AgreementVersion:
    return AgreementVersion(
        agreement_id=ag.id, number=number, created_by=author.id, created_at=now(), **agreement_input.stored(text)
    )


def _audit(user_id: int | None, ag: Agreement, action: str, *, after=None, before=None, reason: str = "") -> None:
    signals.audit(
        "partners",
        actor_id=user_id,
        action=action,
        subject_type="agreement",
        subject_id=ag.id,
        reason=reason,
        before=before,
        after=after,
        school_id=ag.school_id,
        school_ids=[ag.partner_school_id] if ag.partner_school_id is not None else None,
    )


# ---- changes ------------------------------------------------------------------------------------


def _other_party(user: User, data: dict) -> tuple[str, int, int | None, int | None]:
    """(kind, school id, organisation id, partner school id) for a new agreement, or a refusal."""
    kind = data.get("kind")
    if kind not in rules.KINDS:
        raise Invalid(_("Choose whom the agreement is with: an organisation or another school."), code="invalid_kind")
    if user.role == "admin" and user.school_id is not None:
        if kind == "school_org":
            return kind, user.school_id, _open_organisation(data.get("organisation")).id, None
        partner = lookup(School, data.get("partner_school"))
        if partner is None:
            raise NotFound(_("No such school."), code="no_such_school")
        if partner.id == user.school_id:
            raise Invalid(_("A school-to-school agreement is with another school."), code="same_school")
        return kind, user.school_id, None, partner.id
    if user.role == "expert":
        if kind != "school_org":
            raise Invalid(_("An organisation makes agreements with a school."), code="invalid_kind")
        org = _open_organisation(data.get("organisation"))
        if user.id not in member_ids(org.id):
            raise Forbidden(
                _("You may make agreements only for an organisation you are a contact of."), code="forbidden"
            )
        school = lookup(School, data.get("school"))
        if school is None:
            raise NotFound(_("No such school."), code="no_such_school")
        return kind, school.id, org.id, None
    raise Forbidden(
        _("Agreements are made by a school's administrator or an organisation's contact."), code="not_a_party"
    )


def _open_organisation(value: object) -> Organisation:
    org = lookup(Organisation, value)
    if org is None:
        raise NotFound(_("No such organisation."), code="no_such_organisation")
    if org.state == "rejected":
        raise Conflict(_("The district rejected this organisation; it cannot enter an agreement."), code="rejected")
    return org


def _open_between(school_id: int, org_id: int | None, partner_id: int | None) -> bool:
    """Do these partners already have an agreement that has not ended (either school may have made it)?"""
    stmt = select(Agreement.id).where(Agreement.state != "ended")
    if org_id is not None:
        stmt = stmt.where(Agreement.school_id == school_id, Agreement.organisation_id == org_id)
    else:
        pair = [school_id, partner_id]
        stmt = stmt.where(Agreement.school_id.in_(pair), Agreement.partner_school_id.in_(pair))
    return db.session.scalar(stmt.limit(1)) is not None


def create(user: User, data: dict) -> Agreement:
    """A new agreement in draft, version 1, with the other party named."""
    kind, school_id, org_id, partner_id = _other_party(user, data)
    text = agreement_input.read_text(data)
    clash = _open_between(school_id, org_id, partner_id)
    if clash:
        raise Conflict(
            _("These partners already have an agreement in force or in draft. Amend it instead."), code="exists"
        )
    ag = Agreement(
        kind=kind,
        school_id=school_id,
        organisation_id=org_id,
        partner_school_id=partner_id,
        title=text.title,
        state="draft",
        start_on=text.start_on,
        renew_on=text.renew_on,
        current_version=1,
        created_by=user.id,
        created_at=now(),
        updated_at=now(),
    )
    db.session.add(ag)
    db.session.flush()
    db.session.add(_version_row(ag, 1, text, user))
    _audit(user.id, ag, "agreement.create", after={"kind": kind, "version": 1})
    db.session.commit()
    log.info("agreement created id=%s by=%s", ag.id, user.id)
    return ag


def edit(user: User, agreement_id: object, data: dict) -> AgreementVersion:
    """Amend the text: a new version that nobody has signed yet (signatures stay with the old one)."""
    ag = managed(user, agreement_id)
    if ag.state == "ended":
        raise Conflict(_("This agreement has ended; make a new one instead."), code="ended")
    old = current_version(ag)
    merged = {**agreement_input.as_raw(old), **data}
    if isinstance(data.get("data_sharing"), dict):
        merged["data_sharing"] = {**old.data_sharing, **data["data_sharing"]}
    text = agreement_input.read_text(merged)
    if agreement_input.stored(text) == agreement_input.as_raw(old):
        raise Invalid(_("Nothing was changed, so no new version was made."), code="unchanged")
    version = _version_row(ag, old.number + 1, text, user)
    db.session.add(version)
    before = {"version": old.number, "state": ag.state}
    ag.current_version, ag.title, ag.start_on, ag.renew_on = version.number, text.title, text.start_on, text.renew_on
    ag.state, ag.updated_at = "draft", now()
    _audit(user.id, ag, "agreement.edit", before=before, after={"version": version.number, "state": ag.state})
    db.session.commit()
    return version


def sign(user: User, agreement_id: object, data: dict) -> AgreementSignature:
    """Sign the current version for this person's side, with their name and role, on today's date.
    `version` (optional) is the version the signer read: a newer one refuses, so nobody signs unseen text."""
    ag = managed(user, agreement_id)
    name = clean_text(data.get("name"), _("Name"), rules.LIMITS["signer_name"], required=True)
    role_title = clean_text(data.get("role"), _("Role or title"), rules.LIMITS["signer_role"], required=True)
    seen = data.get("version")
    if seen is not None and as_id(seen) is None:
        raise Invalid(_("Give the number of the version you read."), code="invalid_version")
    if ag.state == "ended":
        raise Conflict(_("This agreement has ended; it cannot be signed."), code="ended")
    version = current_version(ag)
    if seen is not None and as_id(seen) != version.number:
        raise Conflict(
            _("The agreement was amended while you read it. Read version %(n)d and sign that.", n=version.number),
            code="version_changed",
        )
    done = signed_sides(ag, version)
    open_sides = [s for s in party_sides(user, ag) if s not in done]
    if not open_sides:
        raise Conflict(_("Your side has already signed this version."), code="already_signed")
    row = AgreementSignature(
        agreement_id=ag.id,
        version_id=version.id,
        side=open_sides[0],
        user_id=user.id,
        name=name,
        role_title=role_title,
        signed_on=today(),
        at=now(),
    )
    db.session.add(row)
    before = ag.state
    ag.state, ag.updated_at = rules.state_after(ag.kind, done | {row.side}), now()
    _audit(
        user.id,
        ag,
        "agreement.sign",
        before={"state": before},
        after={"version": version.number, "side": row.side, "state": ag.state},
    )
    db.session.commit()
    log.info("agreement signed id=%s version=%s side=%s", ag.id, version.number, row.side)
    return row


def end(user: User, agreement_id: object, reason: object = "") -> Agreement:
    """End the partnership's agreement (either side may); it stays readable, with its log."""
    ag = managed(user, agreement_id)
    if ag.state == "ended":
        raise Conflict(_("This agreement has already ended."), code="ended")
    why = clean_text(reason, _("Reason"), rules.LIMITS["reason"])
    before = ag.state
    ag.state, ag.ended_by, ag.ended_at, ag.end_reason, ag.updated_at = "ended", user.id, now(), why, now()
    _audit(user.id, ag, "agreement.end", before={"state": before}, after={"state": "ended"}, reason=why)
    db.session.commit()
    return ag


# ---- renewal reminders --------------------------------------------------------------------------


def signer_emails(ag: Agreement) -> list[str]:
    """Who is told of a renewal: every side's signers-to-be (the schools' administrators, the
    organisation's contacts)."""
    school_ids = [s for s in (ag.school_id, ag.partner_school_id) if s is not None]
    wanted = (User.role == "admin") & User.school_id.in_(school_ids)
    if ag.organisation_id is not None:
        wanted = wanted | User.id.in_(member_ids(ag.organisation_id))
    return sorted({e for e in db.session.scalars(select(User.email).where(wanted, User.status == "active")) if e})


def send_reminders(actor_id: int | None = None) -> int:
    """E-mail the partners of each agreement in force 60 and 14 days before its renewal date, once per
    slot and renewal date. Run daily (`exchange partners remind`); returns how many agreements were reminded."""
    day = today()
    reminded = 0
    for ag in db.session.scalars(select(Agreement).where(Agreement.state == "active").order_by(Agreement.id)):
        sent = [
            (r.slot, r.renew_on)
            for r in db.session.scalars(select(AgreementReminder).where(AgreementReminder.agreement_id == ag.id))
        ]
        due = rules.reminders_due(ag.state, ag.renew_on, day, sent)
        if not due:
            continue
        days_left = (ag.renew_on - day).days
        body = "\n".join(
            [
                _(
                    "The partnership agreement “%(title)s” is due for renewal on %(day)s, in %(n)d days.",
                    title=ag.title,
                    day=ag.renew_on.isoformat(),
                    n=days_left,
                ),
                "",
                _(
                    "Review it with your partner, amend what has changed and sign the renewed version at %(url)s",
                    url=f"{link_root()}/agreements/{ag.id}",
                ),
            ]
        )
        for address in signer_emails(ag):
            send_email(address, _("A partnership agreement is due for renewal"), body + "\n")
        for slot in due:
            db.session.add(AgreementReminder(agreement_id=ag.id, slot=slot, renew_on=ag.renew_on, sent_at=now()))
        _audit(actor_id, ag, "agreement.remind", after={"slots": list(due), "renew_on": ag.renew_on.isoformat()})
        db.session.commit()
        reminded += 1
    return reminded
