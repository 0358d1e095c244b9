"""Reply slips that came back on paper (issue 22): the tear-off slip at the bottom of a printed
letter, recorded by the child's teacher (a consent answer per scope, or a question to call back)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class PaperReply(Base):
    """One returned slip as the teacher transcribed it. `kind`: consent (scope, answer yes | no) or
    question (`body`, filtered like every adult's words). `guardian_id` only when the name on the
    slip is one of the child's linked guardians; a family without an account has none."""

    __tablename__ = "paper_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    slip_ref: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(12))  # consent | question
    scope: Mapped[str] = mapped_column(String(24), default="")
    answer: Mapped[str] = mapped_column(String(8), default="")  # yes | no | "" for a question
    body: Mapped[str] = mapped_column(String(1000), default="")
    guardian_name: Mapped[str] = mapped_column(String(200), default="")
    signed_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
