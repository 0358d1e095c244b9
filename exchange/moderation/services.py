"""Moderation rules: raising flags from safety verdicts and reports, and telling supervisors."""
from __future__ import annotations

from ..db import db
from ..realtime import emit, supervisors_channel
from ..signals import audit
from .models import Flag

QUEUE_CHANNEL = "modqueue"


def flag_view(flag: Flag) -> dict:
    return {
        "id": flag.id, "room": flag.room_id, "source": flag.source, "verdict": flag.verdict,
        "subject_type": flag.subject_type, "subject_id": flag.subject_id, "author_id": flag.author_id,
        "category": flag.category, "severity": flag.severity, "status": flag.status, "body": flag.body,
        "reasons": flag.reasons, "context": flag.context, "claimed_by": flag.claimed_by,
        "created_at": flag.created_at.isoformat().replace("+00:00", "Z"),
    }


def raise_flag(*, room_id, school_id, source: str, verdict: str, author_id, body: str, reasons: list,
               context: list, client_msg_id=None, subject_type="message", subject_id=None, reporter_id=None) -> Flag:
    """Keep a snapshot for review and notify the room's supervisors and the moderators live."""
    top = max(reasons, key=lambda r: r.get("severity", 0)) if reasons else {"category": source, "severity": 1}
    flag = Flag(room_id=room_id, school_id=school_id, source=source, verdict=verdict, author_id=author_id,
                body=body, reasons=reasons, context=context, client_msg_id=client_msg_id, category=top["category"],
                severity=int(top.get("severity", 1)), subject_type=subject_type, subject_id=subject_id,
                reporter_id=reporter_id)
    db.session.add(flag)
    db.session.commit()
    audit("moderation", actor_id=reporter_id, action=f"flag.{source}.{verdict}", subject_type="flag",
          subject_id=flag.id, room_id=room_id, school_id=school_id,
          after={"category": flag.category, "severity": flag.severity, "author_id": author_id})
    payload = flag_view(flag)
    if room_id is not None:
        emit("flag", payload, supervisors_channel(room_id))
    emit("flag", payload, QUEUE_CHANNEL)
    return flag


def held_for(room_id: int, author_id: int, client_msg_id: str):
    """A message already held for this client id (retries must not raise a second flag)."""
    from sqlalchemy import select

    return db.session.scalar(select(Flag).where(Flag.room_id == room_id, Flag.author_id == author_id,
                                                Flag.client_msg_id == client_msg_id))
