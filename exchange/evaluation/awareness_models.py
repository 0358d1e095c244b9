"""The awareness survey's answers (issue 22): one per person and school term; answering again in the
same term replaces it. `school_ids` are the schools the answer speaks about when given (a guardian's
children's schools, a partner's agreements' schools); empty for a partner of no school."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class AwarenessAnswer(Base):
    __tablename__ = "awareness_answers"
    __table_args__ = (UniqueConstraint("user_id", "term", name="uq_awareness_answer_user_term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    term: Mapped[str] = mapped_column(String(8), index=True)  # "2027-1" (safety_report.Term.key)
    audience: Mapped[str] = mapped_column(String(12))  # family | community (awareness.AUDIENCES)
    school_ids: Mapped[list] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(16), default="en")
    scales: Mapped[dict] = mapped_column(JSON, default=dict)  # question key -> 1..4
    comment: Mapped[str] = mapped_column(Text, default="")  # after the content filter (adult audience)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
