"""What the awareness survey (evaluation, below partners) asks the partners domain: which schools a
community partner's contact works with, through their organisations' agreements (issue 22).
Installed by `exchange.wiring`."""

from __future__ import annotations

from sqlalchemy import select

from ..db import db
from .agreement_models import Agreement
from .models import OrganisationMember


def contact_schools(user_id: int) -> frozenset[int] | None:
    """None when the person acts for no organisation; else the schools of their organisations'
    agreements that have not ended (a draft counts: the school and the partner are working on it)."""
    orgs = list(
        db.session.scalars(select(OrganisationMember.organisation_id).where(OrganisationMember.user_id == user_id))
    )
    if not orgs:
        return None
    schools = db.session.scalars(
        select(Agreement.school_id).where(Agreement.organisation_id.in_(orgs), Agreement.state != "ended")
    )
    return frozenset(schools)
