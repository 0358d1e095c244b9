"""Reflections after a session: a student's (a picture scale under 13, short answers above) and an
adult's feedback (teachers, experts, moderators). One per person and room; answering again replaces it.

A partnership's surveys (issue 20): a teacher opens each phase (`SurveyRound`, before and after) once;
a student answers each phase once (`SurveyAnswer`). Its quality rubric: every self-assessment and
review is kept (`RubricAssessment`); the latest review decides the label (`rubric.awarded`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class Reflection(Base):
    __tablename__ = "reflections"
    __table_args__ = (UniqueConstraint("room_id", "user_id", name="uq_reflection_room_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # picture | questions | feedback (reflect.KINDS)
    scale: Mapped[int] = mapped_column(Integer)  # 1 (sad) .. 5 (very happy) / (poor .. excellent)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # question key -> text, after the safety check
    held: Mapped[bool] = mapped_column(Boolean, default=False)  # a text went to a moderator instead
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SurveyRound(Base):
    """A phase of a room's survey, opened by one of its teachers; opening "after" ends "before"."""

    __tablename__ = "survey_rounds"
    __table_args__ = (UniqueConstraint("room_id", "phase", name="uq_survey_round_room_phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    phase: Mapped[str] = mapped_column(String(8))  # before | after (survey.PHASES)
    opened_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SurveyAnswer(Base):
    """One student's answer to one phase: the scales (1..4) and, from 13, an optional line."""

    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("round_id", "user_id", name="uq_survey_answer_round_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    phase: Mapped[str] = mapped_column(String(8))
    scales: Mapped[dict] = mapped_column(JSON, default=dict)  # question key -> 1..4
    texts: Mapped[dict] = mapped_column(JSON, default=dict)  # question key -> text, after the safety check
    held: Mapped[bool] = mapped_column(Boolean, default=False)  # a text went to a moderator instead
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RubricAssessment(Base):
    """A partnership scored on the six criteria: a teacher's self-assessment or a review."""

    __tablename__ = "rubric_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # self | review (rubric.KINDS)
    scores: Mapped[dict] = mapped_column(JSON, default=dict)  # criterion -> 0..3
    notes: Mapped[dict] = mapped_column(JSON, default=dict)  # criterion -> evidence, after the safety check
    held: Mapped[bool] = mapped_column(Boolean, default=False)  # a note went to a moderator instead
    label: Mapped[bool] = mapped_column(Boolean, default=False)  # a review that awards the label
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
