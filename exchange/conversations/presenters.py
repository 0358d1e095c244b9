"""A thread as the page and the API show it: its messages, with the family's answers by text
message and the questions written on returned paper slips in the same order of time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..guardians.slips import paper_questions
from ..guardians.texting_models import InboundText
from .models import FamilyMessage, FamilyThread


@dataclass(frozen=True)
class Item:
    id: str
    side: str  # guardian | staff
    author: str
    at: datetime
    body: str
    channel: str  # web | sms | paper
    read_at: datetime | None = None
    read_by: str = ""
    attachment_id: int | None = None
    attachment_name: str = ""
    attachment_size: int = 0
    flagged: bool = False


def _name(user_id: int | None) -> str:
    user = db.session.get(User, user_id) if user_id else None
    return user.full_name if user is not None else ""


def thread_items(thread: FamilyThread) -> list[Item]:
    items = [
        Item(
            id=f"m{m.id}",
            side=m.side,
            author=_name(m.author_id),
            at=m.created_at,
            body=m.body,
            channel=m.channel,
            read_at=m.read_at,
            read_by=_name(m.read_by),
            attachment_id=m.id if m.attachment_blob else None,
            attachment_name=m.attachment_name,
            attachment_size=m.attachment_size,
            flagged=m.flagged,
        )
        for m in db.session.scalars(
            select(FamilyMessage).where(FamilyMessage.thread_id == thread.id).order_by(FamilyMessage.id).limit(1000)
        )
    ]
    guardian = _name(thread.guardian_id)
    texts = db.session.scalars(
        select(InboundText)
        .where(
            InboundText.guardian_id == thread.guardian_id,
            InboundText.outcome == "message",
            (InboundText.student_id.is_(None)) | (InboundText.student_id == thread.student_id),
        )
        .order_by(InboundText.id)
        .limit(200)
    )
    items += [Item(f"t{t.id}", "guardian", guardian, t.received_at, t.body, "sms") for t in texts if t.body]
    items += [
        Item(f"p{p.id}", "guardian", p.guardian_name or guardian, p.recorded_at, p.body, "paper")
        for p in paper_questions(thread.student_id)
        if p.guardian_id in (None, thread.guardian_id)
    ]
    return sorted(items, key=lambda i: (i.at, i.id))


def item_view(item: Item) -> dict:
    return {
        "id": item.id,
        "side": item.side,
        "author": item.author,
        "at": item.at.isoformat(),
        "body": item.body,
        "channel": item.channel,
        "read_at": item.read_at.isoformat() if item.read_at else None,
        "read_by": item.read_by or None,
        "attachment": {"id": item.attachment_id, "name": item.attachment_name, "size": item.attachment_size}
        if item.attachment_id
        else None,
        "flagged": item.flagged,
    }


def thread_view(thread: FamilyThread, student: User, guardian: User, side: str) -> dict:
    return {
        "id": thread.id,
        "student": {"id": student.id, "name": student.full_name},
        "guardian": {"id": guardian.id, "name": guardian.full_name},
        "side": side,
        "concern": thread.concern_at is not None,
        "last_at": thread.last_at.isoformat(),
    }
