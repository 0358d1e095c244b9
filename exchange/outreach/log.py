"""Recording and marking outreach. The caller commits: a record joins the transaction of the
send it describes, so a send that rolls back leaves no count behind."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from ..db import db, utcnow
from .models import OutreachEvent

CHANNELS = ("email", "sms", "paper", "web")
AUDIENCES = ("family", "community")
KINDS = (
    "message",  # a teacher's or guardian's message in a family thread
    "announcement",  # a teacher's message to the guardians of a whole class
    "family_update",  # the class's family update
    "letter",  # a printed letter (consent letter, opportunity form, paper copy)
    "text",  # a short notice by text message
    "consent_request",  # a consent question (by text or letter)
    "invitation",  # an invitation to a guardian account
    "partner",  # a message to a community partner
)


def record(
    *,
    channel: str,
    kind: str,
    school_id: int | None,
    language: str = "en",
    audience: str = "family",
    recipient_id: int | None = None,
    sender_id: int | None = None,
    ref: str = "",
) -> OutreachEvent:
    """Add one row for one recipient (or one printed list) to the current transaction."""
    if channel not in CHANNELS or kind not in KINDS or audience not in AUDIENCES:
        raise ValueError(f"unknown outreach channel/kind/audience {channel!r} {kind!r} {audience!r}")
    row = OutreachEvent(
        sent_at=utcnow(),
        school_id=school_id,
        sender_id=sender_id,
        channel=channel,
        audience=audience,
        kind=kind,
        language=(language or "en")[:16],
        recipient_id=recipient_id,
        ref=ref[:40],
    )
    db.session.add(row)
    return row


def already_sent(ref: str, recipient_id: int, since: datetime | None = None) -> bool:
    """Was this (ref) already sent to this person (since a moment)? For notices sent once."""
    q = select(OutreachEvent.id).where(OutreachEvent.ref == ref, OutreachEvent.recipient_id == recipient_id)
    if since is not None:
        q = q.where(OutreachEvent.sent_at >= since)
    return db.session.scalar(q.limit(1)) is not None


def mark_read(ref: str, recipient_id: int) -> None:
    """The recipient opened it (first time only); part of the caller's transaction."""
    db.session.execute(
        update(OutreachEvent)
        .where(OutreachEvent.ref == ref, OutreachEvent.recipient_id == recipient_id, OutreachEvent.read_at.is_(None))
        .values(read_at=utcnow())
    )


def mark_replied(ref: str, recipient_id: int) -> None:
    """The recipient answered (first time only); an answer implies it was read."""
    now = utcnow()
    db.session.execute(
        update(OutreachEvent)
        .where(OutreachEvent.ref == ref, OutreachEvent.recipient_id == recipient_id, OutreachEvent.replied_at.is_(None))
        .values(replied_at=now)
    )
    mark_read(ref, recipient_id)
