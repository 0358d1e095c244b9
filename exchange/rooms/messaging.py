"""The send path of one chat message: checks, the safety verdict, a flag or a hold through the
`Flags` port, or a durable append to the message log and the live broadcast.

The verdict applies the moderators' allow and deny lists of the room's schools (the
`SafetyLists` port). A harmful message delivered masked (a `redact` verdict for bullying, hate,
a targeted insult...) is never masked silently: its original goes to the review queue.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from flask_babel import gettext as _

from .. import ports, ratelimits
from ..accounts.models import User
from ..directory.models import SchoolClass
from ..realtime import emit, message_payload, room_channel
from ..safety import SafetyPolicy, Verdict, check_text
from ..storage import message_log
from .membership import (
    Membership,
    accepted_classes,
    delivery_refusal,
    membership,
    refusal_reason,
    refusal_text,
    teacher_ids,
)
from .models import Room

# Masked without a flag: a plain mild swear word (profanity of severity 1), personal data, links.
_QUIET_CATEGORIES = ("profanity",)
_POLICY_RULE = "policy:"


def room_school_ids(
    room: Room, sender: User | None = None, classes: Iterable[SchoolClass] | None = None
) -> frozenset[int]:
    """The schools whose lists apply in a room: those of its accepted classes (else the sender's).
    `classes`: the accepted classes when the caller has read them already."""
    if classes is None:
        classes = accepted_classes(room)
    schools = frozenset(c.school_id for c in classes if c.school_id is not None)
    if not schools and sender is not None and sender.school_id is not None:
        return frozenset({sender.school_id})
    return schools


def safety_policy(school_ids: frozenset[int] = frozenset()) -> tuple[SafetyPolicy, tuple[int, ...]]:
    """The policy for a room of these schools, and the list entry id behind each deny entry."""
    lists = ports.safety_lists().lists_for(school_ids)
    policy = SafetyPolicy(
        link_domains=frozenset(current_app.config.get("LINK_DOMAINS", ())),
        allow_words=lists.allow_words,
        deny_entries=lists.deny_entries,
    )
    return policy, lists.deny_ids


def harmful_when_masked(verdict: Verdict) -> bool:
    """A `redact` verdict that a person must see: any masked reason beyond personal data, links
    and a plain mild swear word (bullying, hate, a sexual remark, a stronger insult...)."""
    return verdict.action == "redact" and any(
        r.action == "redact"
        and not r.category.startswith("pii_")
        and r.category != "link"
        and (r.severity >= 2 or r.category not in _QUIET_CATEGORIES)
        for r in verdict.reasons
    )


def must_be_read(verdict: Verdict) -> bool:
    """Delivered, yet a person must read the original: a harm delivered masked, or harm a pupil
    quotes to ask an adult for help (`Verdict.reports_harm`: delivered whole, so the teacher reads
    it at once, and flagged, so it is in the queue). Every path that delivers words asks this."""
    return harmful_when_masked(verdict) or (verdict.allowed and verdict.reports_harm)


def flag_verdict(verdict: Verdict) -> str:
    """The flag's verdict for a delivered message a person must read: masked, or a report (notice)."""
    return "redact" if verdict.action == "redact" else "notice"


def _rule_id(rule: str, deny_ids: tuple[int, ...]) -> str:
    """A deployment entry's rule names the moderators' list entry ("list:12"), not its position."""
    if rule.startswith(_POLICY_RULE) and rule[len(_POLICY_RULE) :].isdigit():
        i = int(rule[len(_POLICY_RULE) :])
        if i < len(deny_ids):
            return f"list:{deny_ids[i]}"
    return rule


def room_text_verdict(
    user: User, room: Room, text: str, classes: Iterable[SchoolClass] | None = None
) -> tuple[Verdict, list[dict]]:
    """The safety verdict on words someone writes in a room (a chat line, a reflection), and its
    reasons as a flag keeps them. One rule for every path: the audience is the writer's age group
    (students get the room's youngest band, adults the adult rules, which still hold grooming
    phrases and app handles aimed at children), under the room's schools' allow and deny lists."""
    audience = room.audience if user.role == "student" else "adult"
    policy, deny_ids = safety_policy(room_school_ids(room, user, classes))
    verdict = check_text(text, audience=audience, policy=policy)
    reasons = [
        {
            "category": r.category,
            "severity": r.severity,
            "span": list(r.span),
            "rule": _rule_id(r.rule, deny_ids),
            "action": r.action,
        }
        for r in verdict.reasons
    ]
    return verdict, reasons


def post_message(user: User, room: Room, body, client_msg_id, member: Membership | None = None) -> dict:
    """The whole path of one chat message; returns the ack for the sender. `member`: the sender's
    membership when the caller has it (the socket edge's per-process cache, `send_facts`)."""
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
    # The cheapest refusal first: the rate limit is one counter, the membership several reads.
    if not ratelimits.allow(ratelimits.CHAT, user.id):
        return _refuse("rate_limited", _("You are sending messages too fast. Wait a moment."))
    if member is None:
        member = membership(user, room)  # read once: role, member row, accepted classes
    if member.role is None:
        return _refuse(*refusal_reason(user, room))
    log = message_log()
    # A retry of a stored message is answered with its seq. On the common path the log's append
    # says so itself (it is idempotent per client_msg_id); every other answer looks first.
    refusal = delivery_refusal(user, room, "message", member=member)
    if refusal:
        return _stored_ack(log, room, user, client_msg_id) or _refuse(refusal, refusal_text(refusal))
    flags = ports.flags()
    verdict, reasons = room_text_verdict(user, room, body, member.classes)
    hold = verdict.action == "hold" or (room.premoderated and user.role == "student")
    if verdict.action == "block" or hold:
        # Only a message that is not delivered now can have a flag from an earlier attempt: a
        # delivered one is answered by the log's idempotent append below (so is a held message
        # approved since: the approval stored it under the same client_msg_id).
        previous = flags.held_for(room.id, user.id, client_msg_id)
        stored_ack = _stored_ack(log, room, user, client_msg_id)  # stored before the lists changed
        if stored_ack:
            return stored_ack
        if previous is not None and previous.verdict == "block":  # a retry: same answer, no new flag
            return _refuse("blocked", _("This message was not sent: it breaks the rules of the room."))
        if previous is not None and previous.verdict != "redact":
            return {
                "ok": True,
                "held": True,
                "flag_id": previous.id,
                "seq": previous.released_seq,
                "message": _("Your message is waiting for a teacher or moderator."),
            }
    if verdict.action == "block":
        flags.raise_flag(
            room_id=room.id,
            school_id=user.school_id,
            source="safety",
            verdict="block",
            author_id=user.id,
            body=body,
            reasons=reasons,
            context=_context(room),
            client_msg_id=client_msg_id,
            notify_user_ids=teacher_ids(room),
        )
        return _refuse("blocked", _("This message was not sent: it breaks the rules of the room."))
    if hold:
        flag = flags.raise_flag(
            room_id=room.id,
            school_id=user.school_id,
            source="safety" if verdict.action == "hold" else "premoderation",
            verdict="hold",
            author_id=user.id,
            body=verdict.text if verdict.action == "hold" else body,
            reasons=reasons,
            context=_context(room),
            client_msg_id=client_msg_id,
            notify_user_ids=teacher_ids(room),
        )
        return {
            "ok": True,
            "held": True,
            "flag_id": flag.id,
            "seq": None,
            "message": _("Your message is waiting for a teacher or moderator."),
        }
    meta = {"redacted": True} if verdict.action == "redact" else {}
    channel = room_channel(room.id)

    def broadcast(stored, created: bool) -> None:
        # Called by the log after the commit that stored the message, a room's messages in seq
        # order (with group commit, possibly from the thread that flushed the batch).
        if created:
            emit("message", message_payload(stored, user), channel)

    record, created = log.append(
        room.id,
        author_id=user.id,
        kind="message",
        body=verdict.text,
        client_msg_id=client_msg_id,
        meta=meta,
        on_stored=broadcast,
    )
    if created:
        if must_be_read(verdict):  # delivered (masked, or a report), and a person reads the original
            flags.raise_flag(
                room_id=room.id,
                school_id=user.school_id,
                source="safety",
                verdict=flag_verdict(verdict),
                author_id=user.id,
                body=body,
                reasons=reasons,
                context=_context(room),
                client_msg_id=client_msg_id,
                subject_type="message",
                subject_id=str(record.seq),
                notify_user_ids=teacher_ids(room),
            )
    return {"ok": True, "seq": record.seq, "duplicate": not created, "redacted": bool(record.meta.get("redacted"))}


def _stored_ack(log, room: Room, user: User, client_msg_id: str) -> dict | None:
    """The ack of a retry whose first attempt was stored, or None."""
    stored = log.by_client_msg_id(room.id, user.id, client_msg_id)
    if stored is None:
        return None
    return {"ok": True, "seq": stored.seq, "duplicate": True, "redacted": bool(stored.meta.get("redacted"))}


def _refuse(code: str, message) -> dict:
    return {"ok": False, "error": code, "message": str(message)}


def _context(room: Room, n: int = 5) -> list:
    return [{"seq": r.seq, "author_id": r.author_id, "body": r.body} for r in message_log().latest(room.id, n)]
