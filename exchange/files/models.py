"""Models of the files domain: one row per shared file, and a room's file policy.

The bytes live in the blob store under a random id; a row holds only what inspection
decided (cleaned name, sniffed type, size, hash, what metadata was stripped) and where the
file stands on its way to the partner class (pending, approved, rejected, removed).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db import Base, UTCDateTime, utcnow

FILE_STATUSES = ("pending", "approved", "rejected", "removed")


class FileUpload(Base):
    """A file shared in a room; `id` is a random public id (never a counter, never the blob id)."""

    __tablename__ = "file_uploads"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    uploader_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The uploader's class in this room (students: their class; teachers: the class they teach);
    # its teacher reviews a student's file. None for experts and moderators.
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classes.id"), index=True)
    blob_id: Mapped[str | None] = mapped_column(String(64))  # None once the bytes are deleted
    filename: Mapped[str] = mapped_column(String(255))  # cleaned by inspection
    mime: Mapped[str] = mapped_column(String(100))  # sniffed from the content
    kind: Mapped[str] = mapped_column(String(16))  # image | pdf | text | audio
    size: Mapped[int] = mapped_column(Integer)  # bytes after cleaning
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    stripped: Mapped[list] = mapped_column(JSON, default=list)  # metadata removed: "exif", "gps", ...
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    # A partnership resource a teacher keeps for the teachers: never listed for students or experts.
    staff_only: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was rejected or removed
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    uploader: Mapped[User] = relationship(foreign_keys=[uploader_id], lazy="joined")


class RoomFilePolicy(Base):
    """A room's rule for files; without a row, students' files wait for their teacher."""

    __tablename__ = "room_file_policies"

    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), primary_key=True, autoincrement=False)
    student_files_need_approval: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
