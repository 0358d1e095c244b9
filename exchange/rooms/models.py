"""Rooms, the classes invited to them, per-user room state (mutes, removals) and presence."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow

ROOM_STATES = ("scheduled", "open", "closed", "locked")


class Room(Base):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="exchange")  # exchange | visit | class
    state: Mapped[str] = mapped_column(String(16), default="scheduled")
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    premoderated: Mapped[bool] = mapped_column(Boolean, default=False)
    # Students take the digital-citizenship lesson and its pledge before they join (issue 22).
    requires_citizenship: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    audience: Mapped[str] = mapped_column(String(8), default="teen")  # under13 | teen | adult
    owner_class_id: Mapped[int | None] = mapped_column(ForeignKey("classes.id"))
    session_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RoomClass(Base):
    """A class invited to a room; its students and teacher are members once accepted."""

    __tablename__ = "room_classes"
    __table_args__ = (UniqueConstraint("room_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="invited")  # invited | accepted | declined


class RoomMember(Base):
    """Adults invited by name (experts, moderators) and per-user state of anyone in the room."""

    __tablename__ = "room_members"
    __table_args__ = (UniqueConstraint("room_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    invited: Mapped[bool] = mapped_column(Boolean, default=False)  # a named adult member
    muted_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    removed: Mapped[bool] = mapped_column(Boolean, default=False)


class Presence(Base):
    """Who is connected to which room, per server process; stale rows of dead processes are ignored."""

    __tablename__ = "presence"
    __table_args__ = (UniqueConstraint("sid", "room_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(Integer, index=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    role: Mapped[str] = mapped_column(String(16))
    sid: Mapped[str] = mapped_column(String(64))
    server_id: Mapped[str] = mapped_column(String(64), index=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ServerBeat(Base):
    """A heartbeat per server process, so presence survives one process dying (SIGKILL)."""

    __tablename__ = "server_beats"

    server_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LiveSocket(Base):
    """Every open Socket.IO connection, written at connect before it can join any room.

    Eviction (consent withdrawn, vetting revoked, removal) and logout find a user's sockets
    here, so a socket that is joining while access is lost cannot be missed."""

    __tablename__ = "live_sockets"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    login_session_id: Mapped[int | None] = mapped_column(Integer, index=True)
    server_id: Mapped[str] = mapped_column(String(64), index=True)
    connected_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
