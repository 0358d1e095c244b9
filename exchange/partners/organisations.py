"""Organisations: registering, the profile, the district's verification with expiring evidence,
renewal reminders. Every change is audited; the district (the platform's administrator) decides.

Who may see what: the public list shows verified organisations in good standing; a contact sees
their own organisation in every state; the district sees all, with the evidence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..accounts.services import create_user
from ..clock import now, today
from ..db import db
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..ids import lookup
from ..outbox import link_root, send_email
from ..safety import UploadRejected, check_field, inspect_upload
from ..storage import BlobNotFound, blob_store
from ..vetting.clearance import expert_cleared
from ..vetting.models import ExpertOffer
from . import rules
from .models import Organisation, OrganisationEvidence, OrganisationMember

log = logging.getLogger("exchange.partners")

MAX_LOGO_BYTES = 1024 * 1024
TEXT_LIMITS = {"name": 120, "mission": 2000, "offers": 2000, "website": 200, "contact_phone": 32}


def is_district(user: User | None) -> bool:
    """The district's staff who verify partners: the administrator of no single school."""
    return user is not None and user.role == "admin" and user.school_id is None


def require_district(user: User) -> None:
    if not is_district(user):
        raise Forbidden(_("Only the district's administrator may do this."), code="forbidden")


def clean_text(value, label: str, limit: int, *, required: bool = False) -> str:
    """Plain text a partner writes: trimmed, bounded and through the filter (students read it)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s must be text.", field=label), code="invalid_field")
    value = value.strip()
    if required and not value:
        raise Invalid(_("%(field)s is required.", field=label), code="invalid_field")
    if len(value) > limit:
        raise Invalid(_("%(field)s may have up to %(n)d characters.", field=label, n=limit), code="invalid_field")
    if value and check_field(value, audience="under13").action != "allow":
        raise Invalid(_("%(field)s did not pass the safety check. Please reword it.", field=label), code="unsafe_text")
    return value


def _choices(value, allowed, label: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or len(value) > 20:
        raise Invalid(_("%(field)s must be a list of short words.", field=label), code="invalid_field")
    if allowed is not None and any(v not in allowed for v in value):
        raise Invalid(_("%(field)s holds a value that is not offered.", field=label), code="invalid_field")
    return [clean_text(v, label, 60) for v in value]


@dataclass(frozen=True)
class Standing:
    organisation: Organisation
    status: rules.OrganisationStatus


def evidence_map(org_id: int) -> dict[str, date | None]:
    """Kind → expiry day of the newest evidence of each kind."""
    rows = db.session.scalars(
        select(OrganisationEvidence)
        .where(OrganisationEvidence.organisation_id == org_id)
        .order_by(OrganisationEvidence.id)
    )
    return {row.kind: row.expires_on for row in rows}


def status_of(org: Organisation) -> rules.OrganisationStatus:
    return rules.organisation_status(org.state, evidence_map(org.id), today())


def in_good_standing(org: Organisation) -> bool:
    return status_of(org).active


def organisation_or_404(org_id) -> Organisation:
    org = lookup(Organisation, org_id)
    if org is None:
        raise NotFound(_("No such organisation."), code="not_found")
    return org


def member_ids(org_id: int) -> list[int]:
    return list(
        db.session.scalars(select(OrganisationMember.user_id).where(OrganisationMember.organisation_id == org_id))
    )


def is_member(user: User | None, org_id: int) -> bool:
    return user is not None and user.id in member_ids(org_id)


@dataclass(frozen=True)
class StaffMember:
    user: User
    role: str
    cleared: bool  # through the expert vetting, today


def staff(org_id: int) -> list[StaffMember]:
    """The adults who act for the organisation, each with whether vetting clears them to meet students."""
    rows = db.session.execute(
        select(User, OrganisationMember.role)
        .join(OrganisationMember, OrganisationMember.user_id == User.id)
        .where(OrganisationMember.organisation_id == org_id)
        .order_by(User.first_name, User.id)
    )
    return [StaffMember(user, role, expert_cleared(user)) for user, role in rows]


def visit_offers(org_id: int) -> list[ExpertOffer]:
    """Virtual visits the organisation proposes: active offers of its staff whom vetting clears."""
    cleared = [m.user.id for m in staff(org_id) if m.cleared]
    if not cleared:
        return []
    return list(
        db.session.scalars(
            select(ExpertOffer)
            .where(ExpertOffer.expert_id.in_(cleared), ExpertOffer.active.is_(True))
            .order_by(ExpertOffer.topic)
        )
    )


def add_staff(actor: User, org_id, email) -> StaffMember:
    """A contact adds a colleague who already has an expert account; meeting students stays with
    the colleague's own vetting."""
    org = managed(actor, org_id)
    if not isinstance(email, str) or not email.strip():
        raise Invalid(_("Give your colleague's e-mail address."), code="invalid_email")
    person = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if person is None or person.role != "expert":
        raise NotFound(
            _("No expert account has that address. Ask your colleague to register as an expert first."),
            code="no_such_expert",
        )
    if is_member(person, org.id):
        raise Conflict(_("%(name)s already acts for this organisation.", name=person.full_name), code="already_member")
    db.session.add(OrganisationMember(organisation_id=org.id, user_id=person.id, role="staff"))
    signals.audit(
        "partners",
        actor_id=actor.id,
        action="organisation.staff",
        subject_type="organisation",
        subject_id=org.id,
        after={"user_id": person.id},
    )
    db.session.commit()
    return StaffMember(person, "staff", expert_cleared(person))


def organisations_of(user: User) -> list[Organisation]:
    return list(
        db.session.scalars(
            select(Organisation)
            .join(OrganisationMember, OrganisationMember.organisation_id == Organisation.id)
            .where(OrganisationMember.user_id == user.id)
            .order_by(Organisation.name)
        )
    )


def may_see(user: User | None, org: Organisation) -> bool:
    """Anyone sees an organisation in good standing; its contacts and the district see it always."""
    return in_good_standing(org) or is_district(user) or is_member(user, org.id)


def visible(user: User | None, org_id) -> Organisation:
    """The organisation, or 404 for one this person may not see (as for an id that names nothing)."""
    org = lookup(Organisation, org_id)
    if org is None or not may_see(user, org):
        raise NotFound(_("No such organisation."), code="not_found")
    return org


def managed(user: User, org_id) -> Organisation:
    """An organisation this person acts for (its contact); the district may edit too."""
    org = visible(user, org_id)
    if not (is_member(user, org.id) or is_district(user)):
        raise Forbidden(_("Only the organisation's contacts may change it."), code="not_your_organisation")
    return org


def listing(user: User | None, *, query: str = "", kind: str = "", state: str = "") -> list[Standing]:
    """The list a person sees: good standing for everyone; every state for the district."""
    stmt = select(Organisation).order_by(Organisation.name)
    if kind:
        stmt = stmt.where(Organisation.kind == kind)
    out = []
    needle = (query or "").strip().casefold()
    mine = {o.id for o in organisations_of(user)} if user is not None else set()
    for org in db.session.scalars(stmt):
        status = status_of(org)
        if not (status.active or is_district(user) or org.id in mine):
            continue
        if state and status.label != state:
            continue
        if needle and needle not in f"{org.name} {org.mission} {org.offers}".casefold():
            continue
        out.append(Standing(org, status))
    return out


def _profile_values(data: dict) -> dict:
    kind = data.get("kind")
    if kind not in rules.ORGANISATION_KINDS:
        raise Invalid(_("Choose what kind of organisation this is."), code="invalid_kind")
    values = {
        "name": " ".join(clean_text(data.get("name"), _("Name"), TEXT_LIMITS["name"], required=True).split()),
        "kind": kind,
        "mission": clean_text(data.get("mission"), _("Mission"), TEXT_LIMITS["mission"]),
        "offers": clean_text(data.get("offers"), _("What you offer"), TEXT_LIMITS["offers"]),
        "website": clean_text(data.get("website"), _("Website"), TEXT_LIMITS["website"]),
        "contact_phone": clean_text(data.get("contact_phone"), _("Phone"), TEXT_LIMITS["contact_phone"]),
        "languages": _choices(data.get("languages"), None, _("Languages")),
        "regions": _choices(data.get("regions"), None, _("Regions")),
    }
    website = values["website"]
    if website and not website.startswith(("https://", "http://")):
        raise Invalid(_("The website must start with https:// or http://."), code="invalid_website")
    return values


def register(data: dict, user: User | None = None) -> tuple[Organisation, User]:
    """A new organisation, waiting for the district. Without a signed-in adult, its first contact's
    account is made here (an expert-role account: adults outside schools; meeting students still
    needs the expert vetting). The district is told by e-mail."""
    values = _profile_values(data)
    if db.session.scalar(select(Organisation.id).where(Organisation.name == values["name"])):
        raise Conflict(_("An organisation of that name is already registered."), code="name_taken")
    if user is None:
        user = create_user(
            role="expert",
            password=data.get("password") or "",
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
            email=data.get("email") or "",
        )
    elif user.role != "expert":
        raise Forbidden(
            _("Register an organisation with its own contact's account, not a school account."), code="forbidden"
        )
    org = Organisation(**values, contact_email=user.email or "", created_by=user.id, state="applied")
    db.session.add(org)
    db.session.flush()
    db.session.add(OrganisationMember(organisation_id=org.id, user_id=user.id, role="contact"))
    signals.audit(
        "partners",
        actor_id=user.id,
        action="organisation.register",
        subject_type="organisation",
        subject_id=org.id,
        after={"kind": org.kind},
    )
    db.session.commit()
    log.info("organisation registered id=%s by=%s", org.id, user.id)
    _tell_district(org)
    return org, user


def _tell_district(org: Organisation) -> None:
    admins = db.session.scalars(
        select(User).where(User.role == "admin", User.school_id.is_(None), User.status == "active")
    )
    for admin in admins:
        if admin.email:
            send_email(
                admin.email,
                _("A community partner asks to be verified"),
                _(
                    "%(name)s registered as a community partner. Check its evidence and verify it at %(url)s",
                    name=org.name,
                    url=f"{link_root()}/organisations/{org.id}",
                )
                + "\n",
            )


def update_profile(user: User, org_id, data: dict) -> Organisation:
    org = managed(user, org_id)
    values = _profile_values({**_as_dict(org), **data})
    clash = db.session.scalar(
        select(Organisation.id).where(Organisation.name == values["name"], Organisation.id != org.id)
    )
    if clash:
        raise Conflict(_("An organisation of that name is already registered."), code="name_taken")
    before = {k: getattr(org, k) for k in values}
    for key, value in values.items():
        setattr(org, key, value)
    org.updated_at = now()
    signals.audit(
        "partners",
        actor_id=user.id,
        action="organisation.update",
        subject_type="organisation",
        subject_id=org.id,
        before={k: v for k, v in before.items() if k in ("name", "kind")},
        after={"name": org.name, "kind": org.kind},
    )
    db.session.commit()
    return org


def _as_dict(org: Organisation) -> dict:
    return {
        "name": org.name,
        "kind": org.kind,
        "mission": org.mission,
        "offers": org.offers,
        "website": org.website,
        "contact_phone": org.contact_phone,
        "languages": list(org.languages or []),
        "regions": list(org.regions or []),
    }


def set_logo(user: User, org_id, data: bytes, filename: str) -> Organisation:
    """The logo takes the inspected upload path: type from the bytes, metadata stripped, a picture."""
    org = managed(user, org_id)
    if len(data) > MAX_LOGO_BYTES:
        raise Invalid(_("A logo may have up to 1 MB."), code="too_large", status=413)
    try:
        clean = inspect_upload(data, filename or "logo")
    except UploadRejected:
        raise Invalid(_("The logo must be a picture (PNG, JPEG, WebP or GIF)."), code="not_a_picture") from None
    if clean.kind != "image":
        raise Invalid(_("The logo must be a picture (PNG, JPEG, WebP or GIF)."), code="not_a_picture")
    old = org.logo_blob_id
    org.logo_blob_id = blob_store().put(clean.data, content_type=clean.mime, filename=clean.filename)
    org.logo_mime, org.updated_at = clean.mime, now()
    signals.audit(
        "partners",
        actor_id=user.id,
        action="organisation.logo",
        subject_type="organisation",
        subject_id=org.id,
        after={"mime": clean.mime, "bytes": len(clean.data)},
    )
    db.session.commit()
    if old:
        blob_store().delete(old)
    return org


def logo(user: User | None, org_id) -> tuple[bytes, str] | None:
    org = visible(user, org_id)
    if not org.logo_blob_id:
        return None
    try:
        return blob_store().get(org.logo_blob_id), org.logo_mime or "application/octet-stream"
    except BlobNotFound:
        return None


def evidence_label(kind: str) -> str:
    return {
        "registration": _("Registration"),
        "safeguarding_policy": _("Safeguarding policy"),
        "insurance": _("Insurance"),
        "safeguarding_lead": _("Named safeguarding lead"),
    }.get(kind, kind)


def kind_label(kind: str) -> str:
    return {
        "business": _("Business"),
        "university": _("University or college"),
        "museum": _("Museum"),
        "library": _("Library"),
        "nonprofit": _("Non-profit"),
        "faith": _("Faith-based organisation"),
        "government": _("Local government"),
        "recreation": _("Recreation"),
    }.get(kind, kind)


def status_label(label: str) -> str:
    return {
        "applied": _("Waiting for the district"),
        "verified": _("Verified"),
        "expiring": _("Verified, evidence expiring soon"),
        "lapsed": _("Evidence lapsed"),
        "suspended": _("Suspended"),
        "rejected": _("Rejected"),
    }.get(label, label)


def as_json(org: Organisation, status: rules.OrganisationStatus, *, full: bool) -> dict:
    out = {
        "id": org.id,
        "name": org.name,
        "kind": org.kind,
        "mission": org.mission,
        "offers": org.offers,
        "website": org.website,
        "languages": org.languages or [],
        "regions": org.regions or [],
        "has_logo": bool(org.logo_blob_id),
        "status": status.label,
    }
    if full:
        out.update(
            {
                "contact_email": org.contact_email,
                "contact_phone": org.contact_phone,
                "missing": list(status.missing),
                "lapsed": list(status.lapsed),
                "expiring": list(status.expiring),
                "next_expiry": status.next_expiry.isoformat() if status.next_expiry else None,
            }
        )
    return out
