"""Sign-in providers of a school, the outside identities linked to accounts, and roster records.

A person signing in with a provider is found by the provider's stable subject (`sub`), never by
an e-mail address alone: an address is only trusted to link an account the first time, when the
provider says it is verified and its domain is one the school allows. A roster record ties a
OneRoster `sourcedId` to the account or class it made, so the next import updates that one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, utcnow
from ..directory.models import School

ROLE_RULES = ("roster", "claim", "fixed")
"""How a provider decides the role of a person it admits: only people the roster (or a person)
already made an account for; a claim in the ID token (e.g. `roles`); or one fixed role."""


class SignInProvider(Base):
    """An OpenID Connect provider a school's admin configured (Google, Microsoft, any issuer)."""

    __tablename__ = "sign_in_providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))  # the button: "Sign in with <name>"
    issuer: Mapped[str] = mapped_column(String(400))
    client_id: Mapped[str] = mapped_column(String(400))
    client_secret_encrypted: Mapped[str] = mapped_column(Text, default="")  # Fernet, key from SECRET_KEY
    allowed_domains: Mapped[list] = mapped_column(JSON, default=list)  # e-mail domains, lower case
    role_rule: Mapped[str] = mapped_column(String(16), default="roster")
    role_claim: Mapped[str] = mapped_column(String(80), default="roles")
    fixed_role: Mapped[str] = mapped_column(String(16), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    school: Mapped[School] = relationship(lazy="joined")


class ExternalIdentity(Base):
    """One account's identity at one provider: the provider's subject, linked once."""

    __tablename__ = "external_identities"
    __table_args__ = (UniqueConstraint("provider_id", "subject", name="uq_external_identity_subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("sign_in_providers.id"), index=True)
    subject: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    linked_by: Mapped[str] = mapped_column(String(16))  # email | created | admin
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RosterRecord(Base):
    """What one OneRoster `sourcedId` of a school became here (a user, a class, an enrollment or a
    guardian link), what the last import read for it, and whether the roster still names it. The next
    import compares the roster with `fields`, so it changes only what the roster changed. A guardian
    named by the roster gets no account from the import (target 0): the consent invitation lets the
    family make their own. Nothing is deleted by an import."""

    __tablename__ = "roster_records"
    __table_args__ = (UniqueConstraint("school_id", "kind", "sourced_id", name="uq_roster_record"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # user | class | enrollment | guardian_link
    sourced_id: Mapped[str] = mapped_column(String(255))
    target_id: Mapped[int] = mapped_column(
        Integer
    )  # users.id, classes.id, class_memberships.id, guardian_invitations.id; 0: none
    fields: Mapped[dict] = mapped_column(JSON, default=dict)  # what the last import took from the roster
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
