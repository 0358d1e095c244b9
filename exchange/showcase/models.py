"""Tables of the showcase: a partnership's resources, exhibitions, their items and comments.

An item points at work that already passed the room's path (an approved file, a delivered
message), never a copy of it: when a moderator removes the work, the exhibition loses it too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class PartnershipResource(Base):
    """A link or a document a partner teacher shared, by topic; students see it only when marked."""

    __tablename__ = "partnership_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    topic: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(500))
    file_id: Mapped[str | None] = mapped_column(ForeignKey("file_uploads.id"))
    for_students: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Exhibition(Base):
    """A teacher's selection of a partnership's work for an audience: partnership, school or public."""

    __tablename__ = "exhibitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    curator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)  # the curator's school
    audience: Mapped[str] = mapped_column(String(16))  # partnership | school | public
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)  # draft | published | withdrawn
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ExhibitionItem(Base):
    """One piece of work in an exhibition: an approved file of the room or a delivered message."""

    __tablename__ = "exhibition_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibition_id: Mapped[int] = mapped_column(ForeignKey("exhibitions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # file | message
    file_id: Mapped[str | None] = mapped_column(ForeignKey("file_uploads.id"))
    seq: Mapped[int | None] = mapped_column(Integer)  # the message's seq in the exhibition's room
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    caption: Mapped[str] = mapped_column(String(300), default="")
    shows_face: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ExhibitionComment(Base):
    """A visitor's comment: shown once the filter allows it, held for review otherwise."""

    __tablename__ = "exhibition_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibition_id: Mapped[int] = mapped_column(ForeignKey("exhibitions.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)  # as shown (masked where the filter masked it)
    status: Mapped[str] = mapped_column(String(16), default="visible", index=True)  # visible | held | removed
    flag_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
