"""What goes over the wire of text messages: a guardian's own phone settings (the number masked:
a shared computer shows only its last digits) and the replies a teacher reads."""

from __future__ import annotations

from ..accounts.models import User
from ..db import db
from .presenters import iso
from .texting_models import GuardianPhone, InboundText
from .texting_rules import masked


def phone_view(phone: GuardianPhone | None) -> dict:
    if phone is None or not phone.number:  # no row, or paper chosen without a number
        return {"has_phone": False, "number": None, "verified": False, "channel": phone.channel if phone else "email"}
    return {"has_phone": True, "number": masked(phone.number), "verified": phone.verified, "channel": phone.channel}


def inbound_view(text: InboundText) -> dict:
    """A reply as the teacher sees it: who sent it and what it says, never the number."""
    guardian = db.session.get(User, text.guardian_id) if text.guardian_id else None
    return {
        "id": text.id,
        "guardian": {"id": guardian.id, "name": guardian.full_name} if guardian else None,
        "body": text.body,
        "outcome": text.outcome,
        "request_id": text.request_id,
        "received_at": iso(text.received_at),
    }
