"""One row per recipient of one thing a school sent: the outreach log's only table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, utcnow
from ..storage.sql_base import UTCDateTime


class OutreachEvent(Base):
    """`ref` ties the rows of one send together ("announcement:12"), and a recipient's row to
    the read receipt or reply that later marks it."""

    __tablename__ = "outreach_events"
    __table_args__ = (Index("ix_outreach_events_ref_recipient", "ref", "recipient_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(8))  # email | sms | paper | web
    audience: Mapped[str] = mapped_column(String(12))  # family | community
    kind: Mapped[str] = mapped_column(String(20))  # see log.KINDS
    language: Mapped[str] = mapped_column(String(16), default="en")
    recipient_id: Mapped[int | None] = mapped_column(Integer)  # a user id; None for a printed list
    ref: Mapped[str] = mapped_column(String(40), default="")
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
