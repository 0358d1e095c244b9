"""User accounts and the login-throttle counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow

ROLES = ("admin", "teacher", "student", "expert", "moderator", "guardian")
ADULT_ROLES = ("admin", "teacher", "expert", "moderator", "guardian")
STAFF_ROLES = ("admin", "teacher", "moderator")  # may supervise a room


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    username: Mapped[str | None] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), default="")
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | suspended
    teacher_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    teacher_verified_by: Mapped[int | None] = mapped_column(Integer)
    locale: Mapped[str] = mapped_column(String(16), default="")  # "" = not chosen: browser, then school
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    auth_epoch: Mapped[int] = mapped_column(Integer, default=0)  # bump to end every session of this user
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def short_name(self) -> str:
        """First name and initial: how a student appears outside their own school."""
        initial = self.last_name[:1]
        return f"{self.first_name} {initial}." if initial else self.first_name

    @property
    def platform_wide(self) -> bool:
        """A moderator or administrator of the whole platform (no school): created only by the
        command line or another platform administrator. A school's staff act on their school."""
        return self.role in ("moderator", "admin") and self.school_id is None

    @property
    def login_name(self) -> str:
        return self.email or self.username or f"user-{self.id}"


class LoginThrottle(Base):
    """Failed logins per (login name, client address); shared by every server process."""

    __tablename__ = "login_throttle"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(128))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failure_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LoginSession(Base):
    """One login on one device. The session cookie carries a random token whose hash is kept
    here, so that logging out (or a suspension) ends that login on the server, not only in
    the browser: a copied cookie is worthless afterwards."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
