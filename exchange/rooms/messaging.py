"""The send path of one chat message: checks, the safety verdict, a flag or a hold through the
`Flags` port, or a durable append to the message log and the live broadcast.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from .. import ports, ratelimits
from ..accounts.models import User
from ..realtime import emit, message_payload, room_channel
from ..safety import SafetyPolicy, check_text
from ..storage import message_log
from .membership import delivery_refusal, member_role, refusal_reason, refusal_text, teacher_ids
from .models import Room


def safety_policy() -> SafetyPolicy:
    return SafetyPolicy(link_domains=frozenset(current_app.config.get("LINK_DOMAINS", ())))


def post_message(user: User, room: Room, body, client_msg_id) -> dict:
    """The whole path of one chat message; returns the ack for the sender."""
    cfg = current_app.config
    if not isinstance(body, str) or not isinstance(client_msg_id, str):
        return _refuse("invalid_payload", _("A message needs a text body and a client_msg_id."))
    if not 1 <= len(client_msg_id) <= 64:
        return _refuse("invalid_payload", _("client_msg_id must be 1 to 64 characters."))
    body = body.strip()
    if not body:
        return _refuse("empty_message", _("Write something first."))
    if len(body) > cfg["MESSAGE_MAX_CHARS"]:
        return _refuse("message_too_long", _("Messages can be at most %(n)d characters.", n=cfg["MESSAGE_MAX_CHARS"]))
    role = member_role(user, room)
    if role is None:
        return _refuse(*refusal_reason(user, room))
    log = message_log()
    stored = log.by_client_msg_id(room.id, user.id, client_msg_id)
    if stored is not None:  # a retry: the first attempt was stored, say so with its seq
        return {"ok": True, "seq": stored.seq, "duplicate": True, "redacted": bool(stored.meta.get("redacted"))}
    refusal = delivery_refusal(user, room, "message", role=role)
    if refusal:
        return _refuse(refusal, refusal_text(refusal))
    flags = ports.flags()
    previous = flags.held_for(room.id, user.id, client_msg_id)
    if previous is not None and previous.verdict == "block":  # a retry of a blocked message: same answer, no new flag
        return _refuse("blocked", _("This message was not sent: it breaks the rules of the room."))
    if previous is not None:
        return {"ok": True, "held": True, "flag_id": previous.id, "seq": previous.released_seq,
                "message": _("Your message is waiting for a teacher or moderator.")}
    if not ratelimits.allow(ratelimits.CHAT, user.id):
        return _refuse("rate_limited", _("You are sending messages too fast. Wait a moment."))
    # The audience is the sender's age group: students get the room's (youngest) band, adults
    # the adult rules (which still hold grooming phrases and app handles aimed at children).
    audience = room.audience if user.role == "student" else "adult"
    verdict = check_text(body, audience=audience, policy=safety_policy())
    reasons = [{"category": r.category, "severity": r.severity, "span": list(r.span), "rule": r.rule} for r in verdict.reasons]
    if verdict.action == "block":
        flags.raise_flag(room_id=room.id, school_id=user.school_id, source="safety", verdict="block",
                         author_id=user.id, body=body, reasons=reasons, context=_context(room),
                         client_msg_id=client_msg_id, notify_user_ids=teacher_ids(room))
        return _refuse("blocked", _("This message was not sent: it breaks the rules of the room."))
    hold = verdict.action == "hold" or (room.premoderated and user.role == "student")
    if hold:
        flag = flags.raise_flag(room_id=room.id, school_id=user.school_id,
                                source="safety" if verdict.action == "hold" else "premoderation", verdict="hold",
                                author_id=user.id, body=verdict.text if verdict.action == "hold" else body,
                                reasons=reasons, context=_context(room), client_msg_id=client_msg_id,
                                notify_user_ids=teacher_ids(room))
        return {"ok": True, "held": True, "flag_id": flag.id, "seq": None,
                "message": _("Your message is waiting for a teacher or moderator.")}
    meta = {"redacted": True} if verdict.action == "redact" else {}
    record, created = log.append(room.id, author_id=user.id, kind="message", body=verdict.text,
                                 client_msg_id=client_msg_id, meta=meta)
    if created:
        emit("message", message_payload(record, user), room_channel(room.id))
    return {"ok": True, "seq": record.seq, "duplicate": not created, "redacted": bool(record.meta.get("redacted"))}


def _refuse(code: str, message) -> dict:
    return {"ok": False, "error": code, "message": str(message)}


def _context(room: Room, n: int = 5) -> list:
    return [{"seq": r.seq, "author_id": r.author_id, "body": r.body} for r in message_log().latest(room.id, n)]
