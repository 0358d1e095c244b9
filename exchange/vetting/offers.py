"""The visits an expert offers to classes: published while their record is not closed,
shown to teachers only while the expert is cleared (see `presenters.browse_offers`).
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..accounts.services import validate_name
from ..db import db
from ..directory.models import GRADE_BANDS
from ..directory.services import clean_languages
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..ids import lookup
from ..signals import audit
from .applications import get_profile, refuse_unsafe
from .clearance import clock, current_record
from .messages import state_label
from .models import ExpertOffer
from .rules.states import TERMINAL_STATES


def _clean_grade_bands(values) -> list[str]:
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",")]
    if not isinstance(values, (list, tuple)) or not values:
        raise Invalid(_("Choose at least one grade band."), code="invalid_grade_bands")
    out = []
    for v in values:
        if v not in GRADE_BANDS:
            raise Invalid(_("Unknown grade band: %(band)s", band=str(v)[:8]), code="invalid_grade_bands")
        if v not in out:
            out.append(v)
    return [b for b in GRADE_BANDS if b in out]


def publish_offer(expert: User, *, topic, grade_bands, languages, length_minutes, availability="") -> ExpertOffer:
    """An expert offers a visit; teachers see it while the expert is cleared."""
    if expert is None or expert.role != "expert":
        raise Forbidden(_("Only experts publish offers."), code="not_expert")
    if get_profile(expert.id) is None:
        raise Conflict(_("Fill in your expert profile first."), code="profile_required")
    record = current_record(expert.id)
    if record is not None and record.state in TERMINAL_STATES:
        raise Forbidden(
            _("Your verification was %(state)s: you cannot offer visits.", state=state_label(record.state)),
            code="expert_not_verified",
        )
    if not isinstance(topic, str) or len(" ".join(topic.split())) < 3:
        raise Invalid(_("The topic needs at least 3 characters."), code="invalid_topic")
    topic = validate_name(topic, _("Topic"))
    if isinstance(length_minutes, bool) or not isinstance(length_minutes, int) or not 15 <= length_minutes <= 240:
        raise Invalid(_("A visit lasts 15 to 240 minutes."), code="invalid_length")
    if availability is not None and not isinstance(availability, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="availability"), code="wrong_type")
    availability = " ".join((availability or "").split())[:500]
    refuse_unsafe(availability, "availability", _("Availability"))
    offer = ExpertOffer(
        expert_id=expert.id,
        topic=topic,
        grade_bands=_clean_grade_bands(grade_bands),
        languages=clean_languages(languages if languages is not None else []),
        length_minutes=length_minutes,
        availability=availability,
        active=True,
        created_at=clock(),
    )
    db.session.add(offer)
    db.session.commit()
    audit("vetting", actor_id=expert.id, action="offer.publish", subject_type="expert_offer", subject_id=offer.id)
    return offer


def get_offer(offer_id) -> ExpertOffer:
    offer = lookup(ExpertOffer, offer_id)
    if offer is None:
        raise NotFound(_("No such offer."), code="no_such_offer")
    return offer


def set_offer_active(expert: User, offer_id, active: bool) -> ExpertOffer:
    offer = get_offer(offer_id)
    if offer.expert_id != expert.id:
        raise Forbidden(_("This is not your offer."), code="not_your_offer")
    offer.active = bool(active)
    db.session.commit()
    audit(
        "vetting",
        actor_id=expert.id,
        action="offer." + ("activate" if active else "withdraw"),
        subject_type="expert_offer",
        subject_id=offer.id,
    )
    return offer


def offers_of(expert: User) -> list[ExpertOffer]:
    return list(
        db.session.scalars(
            select(ExpertOffer).where(ExpertOffer.expert_id == expert.id).order_by(ExpertOffer.id.desc())
        )
    )
