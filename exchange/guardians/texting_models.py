"""Tables of text messages with families: a guardian's phone, consent requests sent by text, and
the replies that came back. A phone number is kept with its guardian only; a text from a number
no guardian gave is not kept at all (a line in the log, without the number)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class GuardianPhone(Base):
    """A guardian's mobile number (E.164) and how they want to hear from the school."""

    __tablename__ = "guardian_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    number: Mapped[str] = mapped_column(String(16), index=True)  # E.164: several guardians may share a home phone
    verified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # a code came back from it
    channel: Mapped[str] = mapped_column(String(8), default="email")  # email | sms | paper
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TextConsentRequest(Base):
    """A consent question sent by text to one guardian for one student and scope; only the SHA-256
    of its one-time code is kept. `outcome`: "" while open, then granted | refused | replaced | locked."""

    __tablename__ = "text_consent_requests"
    __table_args__ = (Index("ix_text_consent_requests_guardian_open", "guardian_id", "used_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    scope: Mapped[str] = mapped_column(String(24))
    guardian_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(12), default="")
    wrong_codes: Mapped[int] = mapped_column(Integer, default=0)


class InboundText(Base):
    """A text that came back from a guardian's number: a decision on a request, or a short message
    for the teacher (never consent). Bounded and filtered before it is kept."""

    __tablename__ = "inbound_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_number: Mapped[str] = mapped_column(String(16))
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    student_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)  # the request it followed
    body: Mapped[str] = mapped_column(String(480), default="")
    request_id: Mapped[int | None] = mapped_column(ForeignKey("text_consent_requests.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    outcome: Mapped[str] = mapped_column(String(12))  # granted | refused | message | blocked | expired | closed
