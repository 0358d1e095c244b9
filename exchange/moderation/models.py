"""Flags: held or blocked content and user reports, each with a snapshot and its context."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow

FLAG_STATUSES = ("open", "claimed", "approved", "removed", "dismissed", "actioned", "escalated")


class Flag(Base):
    __tablename__ = "flags"
    # One flag per message attempt: retries of a held or blocked message find the first flag.
    __table_args__ = (UniqueConstraint("room_id", "author_id", "client_msg_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int | None] = mapped_column(Integer, index=True)
    school_id: Mapped[int | None] = mapped_column(Integer, index=True)
    source: Mapped[str] = mapped_column(String(16))  # safety | premoderation | report
    verdict: Mapped[str] = mapped_column(
        String(8)
    )  # hold | block | report | redact (delivered masked) | notice (a pupil's report of harm, delivered)
    subject_type: Mapped[str] = mapped_column(String(16), default="message")  # message | file | profile
    subject_id: Mapped[str | None] = mapped_column(String(64))  # seq, file id or user id
    author_id: Mapped[int | None] = mapped_column(Integer, index=True)
    reporter_id: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(32), default="")
    severity: Mapped[int] = mapped_column(Integer, default=1)
    body: Mapped[str] = mapped_column(Text, default="")  # snapshot of the content at flag time
    context: Mapped[list] = mapped_column(JSON, default=list)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    client_msg_id: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    claimed_by: Mapped[int | None] = mapped_column(Integer)
    resolved_by: Mapped[int | None] = mapped_column(Integer)
    resolution: Mapped[str] = mapped_column(Text, default="")
    released_seq: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


LIST_KINDS = ("allow", "deny")


class SafetyListEntry(Base):
    """A moderator's lesson for the filter: a phrase allowed (a false alarm) or denied (a miss),
    for one school (`school_id`) or the whole platform (None). Undone entries stay as records."""

    __tablename__ = "safety_list_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int | None] = mapped_column(Integer, index=True)  # None: platform-wide
    phrase: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))  # allow | deny
    category: Mapped[str] = mapped_column(String(32), default="")
    severity: Mapped[int] = mapped_column(Integer, default=2)
    reason: Mapped[str] = mapped_column(Text, default="")
    flag_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_by: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    undone_by: Mapped[int | None] = mapped_column(Integer)
