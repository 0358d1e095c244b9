"""Reports by people: a message in a room (with the lines around it) or a profile, as a flag."""

from __future__ import annotations

from flask_babel import gettext as _

from ..accounts.models import User
from ..db import db
from ..errors import Invalid
from ..ids import as_id, lookup
from ..rooms.models import Room
from ..safety import check_text
from ..storage import message_log
from . import services
from .models import Flag


def report_message(reporter: User, room: Room, seq: int, category: str, reason: str) -> Flag:
    """The reporter is a member of the room (checked by the caller); the flag keeps a snapshot of
    the message and its neighbours, as they read when reported."""
    record = message_log().by_seq(room.id, seq) if as_id(seq) else None
    if record is None or record.kind != "message":
        raise Invalid(_("No such message."), code="no_such_message")
    context = [
        {"seq": r.seq, "author_id": r.author_id, "body": r.body}
        for r in message_log().since(room.id, max(0, seq - 4), 7)
    ]
    author = db.session.get(User, record.author_id) if record.author_id else None
    if check_text(reason, audience="under13").action == "block":
        raise Invalid(_("Please describe the problem in other words."), code="reason_refused")
    return services.report(
        reporter,
        room_id=room.id,
        subject_type="message",
        subject_id=seq,
        category=category,
        reason=reason,
        snapshot=record.body,
        context=context,
        author_id=record.author_id,
        school_id=author.school_id if author else None,
    )


def report_profile(reporter: User, user_id: int, category: str, reason: str) -> Flag:
    target = lookup(User, user_id)
    if target is None:
        raise Invalid(_("No such person."), code="no_such_user")
    return services.report(
        reporter,
        room_id=None,
        subject_type="profile",
        subject_id=target.id,
        category=category,
        reason=reason,
        snapshot=target.full_name,
        context=[],
        author_id=target.id,
        school_id=target.school_id,
    )
