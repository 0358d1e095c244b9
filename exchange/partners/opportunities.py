"""Opportunities for learners: a verified organisation publishes; learners and families search the
published list; who may see which opportunity, and which student may ask for it (`interests.py`
follows each request from there)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import signals
from ..accounts.models import User
from ..clock import today
from ..db import db
from ..directory.models import ClassMembership, SchoolClass
from ..errors import Forbidden, Invalid, NotFound
from ..ids import lookup
from . import organisations, rules
from .models import Interest, Opportunity, Organisation

log = logging.getLogger("exchange.partners")


# ---- publishing ----------------------------------------------------------------------------------


def _int(value, label: str, low: int, high: int, *, required: bool = True) -> int | None:
    if value in (None, "") and not required:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid(_("%(field)s must be a whole number.", field=label), code="invalid_field") from None
    if not low <= number <= high:
        raise Invalid(
            _("%(field)s must be between %(low)d and %(high)d.", field=label, low=low, high=high), code="invalid_field"
        )
    return number


def parse_day(value, label: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Invalid(_("%(field)s must be a date written YYYY-MM-DD.", field=label), code="invalid_date") from None


def _values(data: dict) -> dict:
    clean = organisations.clean_text
    kind = data.get("kind")
    if kind not in rules.OPPORTUNITY_KINDS:
        raise Invalid(_("Choose what kind of opportunity this is."), code="invalid_kind")
    bands = data.get("grade_bands") or []
    if isinstance(bands, str):
        bands = [b.strip() for b in bands.split(",") if b.strip()]
    if not isinstance(bands, list) or any(b not in rules.GRADE_BANDS for b in bands):
        raise Invalid(_("Grade bands must be chosen from the list."), code="invalid_field")
    schools = data.get("school_ids") or []
    if not isinstance(schools, list) or len(schools) > 200:
        raise Invalid(_("Schools must be a list of school ids."), code="invalid_field")
    school_ids = [_int(s, _("School"), 1, 2**31 - 1) for s in schools]
    starts_on, ends_on = (
        parse_day(data.get("starts_on"), _("Start date")),
        parse_day(data.get("ends_on"), _("End date")),
    )
    problem = rules.dates_problem(starts_on, ends_on, today())
    if problem == "order":
        raise Invalid(_("The end date comes before the start date."), code="invalid_date")
    if problem == "past":
        raise Invalid(_("The end date has already passed."), code="invalid_date")
    online = data.get("online") in (True, "true", "1", "on", "y")
    place = clean(data.get("place"), _("Place"), 200, required=not online)
    capacity = _int(data.get("capacity"), _("Places"), 1, 500)
    adults = _int(data.get("ratio_adults", 1), _("Adults"), 1, 50)
    students = _int(data.get("ratio_students"), _("Students per adult group"), 1, 500)
    assert capacity is not None and adults is not None and students is not None
    if rules.ratio_problem(adults, students, capacity):
        raise Invalid(_("At least one adult for every 30 students."), code="invalid_ratio")
    return {
        "kind": kind,
        "title": " ".join(clean(data.get("title"), _("Title"), 120, required=True).split()),
        "description": clean(data.get("description"), _("Description"), 4000, required=True),
        "learning": clean(data.get("learning"), _("What students will learn"), 2000, required=True),
        "grade_bands": bands,
        "min_age": _int(data.get("min_age"), _("Minimum age"), 5, 19, required=False),
        "school_ids": [s for s in school_ids if s is not None],
        "starts_on": starts_on,
        "ends_on": ends_on,
        "online": online,
        "place": place,
        "capacity": capacity,
        "supervisor": clean(data.get("supervisor"), _("Supervising adult"), 120, required=True),
        "ratio_adults": adults,
        "ratio_students": students,
    }


def publish(user: User, org_id, data: dict) -> Opportunity:
    """A contact of an organisation in good standing publishes; the list shows it at once."""
    org = organisations.managed(user, org_id)
    if not organisations.in_good_standing(org):
        raise Forbidden(
            _("Your organisation can publish once the district has verified it and its evidence is current."),
            code="not_verified",
        )
    opp = Opportunity(organisation_id=org.id, created_by=user.id, state="published", **_values(data))
    db.session.add(opp)
    db.session.flush()
    signals.audit(
        "partners",
        actor_id=user.id,
        action="opportunity.publish",
        subject_type="opportunity",
        subject_id=opp.id,
        after={"organisation_id": org.id, "kind": opp.kind, "capacity": opp.capacity},
    )
    db.session.commit()
    log.info("opportunity published id=%s org=%s", opp.id, org.id)
    return opp


def close(user: User, opp_id) -> Opportunity:
    opp = opportunity_or_404(opp_id)
    organisations.managed(user, opp.organisation_id)
    opp.state = "closed"
    signals.audit(
        "partners", actor_id=user.id, action="opportunity.close", subject_type="opportunity", subject_id=opp.id
    )
    db.session.commit()
    return opp


def opportunity_or_404(opp_id) -> Opportunity:
    opp = lookup(Opportunity, opp_id)
    if opp is None:
        raise NotFound(_("No such opportunity."), code="not_found")
    return opp


def is_listed(opp: Opportunity, org: Organisation | None = None) -> bool:
    """Shown to learners and families: published, not over, its organisation in good standing."""
    org = org or db.session.get(Organisation, opp.organisation_id)
    return (
        opp.state == "published" and opp.ends_on >= today() and org is not None and organisations.in_good_standing(org)
    )


def visible(user: User | None, opp_id) -> Opportunity:
    """A listed opportunity, or any of one's own organisation's, or any for the district; else 404."""
    opp = lookup(Opportunity, opp_id)
    if opp is None or not (
        is_listed(opp) or organisations.is_district(user) or organisations.is_member(user, opp.organisation_id)
    ):
        raise NotFound(_("No such opportunity."), code="not_found")
    return opp


@dataclass(frozen=True)
class Listed:
    opportunity: Opportunity
    organisation: Organisation
    confirmed: int
    eligible: str | None  # for a student: None when they may say they are interested, else why not


def _confirmed_counts(opp_ids: list[int]) -> dict[int, int]:
    if not opp_ids:
        return {}
    rows = db.session.execute(
        select(Interest.opportunity_id, func.count())
        .where(Interest.opportunity_id.in_(opp_ids), Interest.state == "confirmed")
        .group_by(Interest.opportunity_id)
    )
    return {opp_id: n for opp_id, n in rows}


def student_class(student: User) -> SchoolClass | None:
    """The student's class for eligibility and endorsement: their first approved class."""
    return db.session.scalar(
        select(SchoolClass)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .where(ClassMembership.user_id == student.id, ClassMembership.status == "approved")
        .order_by(SchoolClass.id)
        .limit(1)
    )


def eligibility(student: User, opp: Opportunity, cls: SchoolClass | None) -> str | None:
    return rules.eligibility_problem(
        grade_bands=list(opp.grade_bands or []),
        school_ids=list(opp.school_ids or []),
        student_band=cls.grade_band if cls else None,
        student_school_id=student.school_id,
    )


def listing(
    user: User | None, *, query: str = "", kind: str = "", online: str = "", band: str = "", mine: bool = False
) -> list[Listed]:
    """The published, searchable list; with `mine`, an organisation contact's own in every state."""
    stmt = select(Opportunity, Organisation).join(Organisation, Organisation.id == Opportunity.organisation_id)
    if mine:
        own = [o.id for o in organisations.organisations_of(user)] if user else []
        stmt = stmt.where(Opportunity.organisation_id.in_(own or [-1]))
    else:
        stmt = stmt.where(Opportunity.state == "published", Opportunity.ends_on >= today())
    if kind:
        stmt = stmt.where(Opportunity.kind == kind)
    if online in ("yes", "no"):
        stmt = stmt.where(Opportunity.online.is_(online == "yes"))
    rows = list(db.session.execute(stmt.order_by(Opportunity.starts_on, Opportunity.id)))
    needle = (query or "").strip().casefold()
    standing: dict[int, bool] = {}
    cls = student_class(user) if user is not None and user.role == "student" else None
    counts = _confirmed_counts([opp.id for opp, _org in rows])
    out = []
    for opp, org in rows:
        if not mine:
            if org.id not in standing:
                standing[org.id] = organisations.in_good_standing(org)
            if not standing[org.id]:
                continue
        if band and opp.grade_bands and band not in opp.grade_bands:
            continue
        if needle and needle not in f"{opp.title} {opp.description} {opp.learning} {org.name}".casefold():
            continue
        eligible = eligibility(user, opp, cls) if cls is not None and user is not None else None
        out.append(Listed(opp, org, counts.get(opp.id, 0), eligible))
    return out


def confirmed_count(opp_id: int) -> int:
    return _confirmed_counts([opp_id]).get(opp_id, 0)
