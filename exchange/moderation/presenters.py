"""What moderation sends over the wire: flags, audit rows and transcript lines as plain dicts.

Kept apart from the services so that the shape of a response is decided in one place and the
services return records, not payloads.
"""

from __future__ import annotations

from ..accounts.models import User
from ..accounts.services import display_name
from ..storage.interfaces import AuditRecord, MessageRecord
from .models import Flag, SafetyListEntry
from .rule_texts import rule_sentence

AUDIT_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "action",
    "subject_type",
    "subject_id",
    "room_id",
    "school_id",
    "school_ids",
    "reason",
    "before",
    "after",
    "prev_hash",
    "hash",
)
TRANSCRIPT_FIELDS = ("seq", "at", "kind", "author", "body", "removed")


def _utc_text(at) -> str:
    return at.isoformat().replace("+00:00", "Z")


def flag_view(flag: Flag) -> dict:
    return {
        "id": flag.id,
        "room": flag.room_id,
        "source": flag.source,
        "verdict": flag.verdict,
        "subject_type": flag.subject_type,
        "subject_id": flag.subject_id,
        "author_id": flag.author_id,
        "category": flag.category,
        "severity": flag.severity,
        "status": flag.status,
        "body": flag.body,
        "reasons": flag.reasons,
        "context": flag.context,
        "claimed_by": flag.claimed_by,
        "created_at": _utc_text(flag.created_at),
        # A harmful message delivered with its words masked: the queue shows the original.
        "delivered_masked": flag.verdict == "redact",
        # Harm a pupil quoted to ask an adult for help: delivered whole, and here so a person acts on it.
        "reports_harm": flag.verdict == "notice",
        "rules": [f"{r.get('rule', '')} ({r.get('category', '')})" for r in flag.reasons or [] if r.get("rule")],
        # The rule that fired in plain words (the held panel and the queue show this, never the code).
        "rule_text": rule_sentence(flag.category),
    }


def list_entry_view(entry: SafetyListEntry) -> dict:
    return {
        "id": entry.id,
        "school_id": entry.school_id,
        "scope": "platform" if entry.school_id is None else "school",
        "phrase": entry.phrase,
        "kind": entry.kind,
        "category": entry.category,
        "severity": entry.severity,
        "reason": entry.reason,
        "flag_id": entry.flag_id,
        "created_by": entry.created_by,
        "created_at": _utc_text(entry.created_at),
        "undone": entry.undone_at is not None,
        "undone_at": _utc_text(entry.undone_at) if entry.undone_at else None,
        "undone_by": entry.undone_by,
    }


def audit_row(r: AuditRecord) -> dict:
    return {
        "seq": r.seq,
        "at": _utc_text(r.at),
        "actor_id": r.actor_id,
        "action": r.action,
        "subject_type": r.subject_type,
        "subject_id": r.subject_id,
        "room_id": r.room_id,
        "school_id": r.school_id,
        "reason": r.reason,
        "before": r.before,
        "after": r.after,
        "prev_hash": r.prev_hash,
        "hash": r.hash,
        "school_ids": r.school_ids if r.school_ids is not None else ([r.school_id] if r.school_id else []),
    }


def transcript_line(r: MessageRecord, authors: dict[int, User], viewer: User) -> dict:
    """A removed message keeps its place in the transcript, without its words."""
    return {
        "seq": r.seq,
        "at": _utc_text(r.created_at),
        "kind": r.kind,
        "author": display_name(authors[r.author_id], viewer) if r.author_id in authors else "",
        "body": "" if r.meta.get("removed") else r.body,
        "removed": bool(r.meta.get("removed")),
    }
