"""The district's brand: one row (id 1) once an administrator sets it; without it, the product's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class Brand(Base):
    __tablename__ = "brands"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(120))
    tagline: Mapped[str] = mapped_column(String(200), default="")
    footer: Mapped[str] = mapped_column(Text, default="")
    primary: Mapped[str] = mapped_column(String(7))  # #rrggbb, AA under white text and as link text
    accent: Mapped[str] = mapped_column(String(7))  # #rrggbb, AA under dark text
    logo_blob_id: Mapped[str | None] = mapped_column(String(64))  # an inspected picture in the blob store
    logo_mime: Mapped[str | None] = mapped_column(String(100))
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
