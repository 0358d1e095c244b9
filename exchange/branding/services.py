"""Reading and setting the brand. Every page reads it once per request (one primary-key read);
every change is audited. The logo takes the inspected upload path (type from the bytes, metadata
stripped) and must be a picture."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import g
from flask_babel import gettext as _

from .. import signals
from ..accounts.models import User
from ..clock import now
from ..db import db
from ..errors import Forbidden, Invalid
from ..safety import UploadRejected, check_field, inspect_upload
from ..storage import BlobNotFound, blob_store
from . import colours
from .models import Brand

log = logging.getLogger("exchange.branding")

DEFAULT_NAME = "Classroom Exchange"
DEFAULT_PRIMARY, DEFAULT_ACCENT = "#0b5cad", "#ffbf47"
MAX_LOGO_BYTES = 1024 * 1024
LIMITS = {"name": 120, "tagline": 200, "footer": 500}


@dataclass(frozen=True)
class BrandView:
    name: str
    tagline: str
    footer: str
    primary: str
    accent: str
    has_logo: bool
    version: str  # changes with every edit: the stylesheet's and logo's address carry it
    custom: bool

    @property
    def palette(self) -> colours.Palette:
        return colours.palette(self.primary, self.accent)

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "tagline": self.tagline,
            "footer": self.footer,
            "primary": self.primary,
            "accent": self.accent,
            "has_logo": self.has_logo,
            "custom": self.custom,
        }


DEFAULT = BrandView(DEFAULT_NAME, "", "", DEFAULT_PRIMARY, DEFAULT_ACCENT, False, "default", False)


def _view(row: Brand | None) -> BrandView:
    if row is None:
        return DEFAULT
    stamp = row.updated_at.strftime("%Y%m%d%H%M%S%f") if row.updated_at else "1"
    return BrandView(row.name, row.tagline, row.footer, row.primary, row.accent, bool(row.logo_blob_id), stamp, True)


def current() -> BrandView:
    """The brand now, read once per request (outside one: read each time)."""
    try:
        cached = g.get("_brand")
    except RuntimeError:  # no app context: the product's brand
        return DEFAULT
    if cached is None:
        cached = _view(db.session.get(Brand, 1))
        g._brand = cached
    return cached


def _require_district_admin(user: User) -> None:
    if user.role != "admin" or user.school_id is not None:
        raise Forbidden(_("Only the district's administrator may change the brand."), code="forbidden")


def _text(data: dict, key: str, label: str, *, required: bool) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s must be text.", field=label), code="invalid_brand")
    value = " ".join(value.split()) if key != "footer" else value.strip()
    if required and not value:
        raise Invalid(_("%(field)s is required.", field=label), code="invalid_brand")
    if len(value) > LIMITS[key]:
        raise Invalid(_("%(field)s may have up to %(n)d characters.", field=label, n=LIMITS[key]), code="invalid_brand")
    if value and check_field(value, audience="under13").action != "allow":
        raise Invalid(_("%(field)s did not pass the safety check. Please reword it.", field=label), code="unsafe_text")
    return value


def problem_sentence(p: colours.Problem) -> str:
    label = _("The main colour") if p.field == "primary" else _("The accent colour")
    if p.code == "invalid":
        return _("%(field)s must be a colour written as # and six hexadecimal digits, like #0b5cad.", field=label)
    if p.field == "primary":
        return _(
            "%(field)s has a contrast of %(ratio)s:1 with white text or the page; choose a darker colour "
            "(at least 4.5:1).",
            field=label,
            ratio=f"{p.ratio:.2f}",
        )
    return _(
        "%(field)s has a contrast of %(ratio)s:1 with dark text; choose a lighter colour (at least 4.5:1).",
        field=label,
        ratio=f"{p.ratio:.2f}",
    )


def update(user: User, data: dict) -> BrandView:
    """Set the brand's words and colours; refused, with the measured contrast, below WCAG AA."""
    _require_district_admin(user)
    name = _text(data, "name", _("Name"), required=True)
    tagline = _text(data, "tagline", _("Tagline"), required=False)
    footer = _text(data, "footer", _("Footer text"), required=False)
    primary, accent = data.get("primary", ""), data.get("accent", "")
    found = colours.problems(primary if isinstance(primary, str) else "", accent if isinstance(accent, str) else "")
    if found:
        raise Invalid(" ".join(problem_sentence(p) for p in found), code=found[0].code)
    row = db.session.get(Brand, 1)
    before = _view(row).as_json()
    if row is None:
        row = Brand(id=1)
        db.session.add(row)
    row.name, row.tagline, row.footer = name, tagline, footer
    row.primary, row.accent = primary.lower(), accent.lower()
    row.updated_by, row.updated_at = user.id, now()
    after = _view(row).as_json()
    signals.audit(
        "branding",
        actor_id=user.id,
        action="brand.update",
        subject_type="brand",
        subject_id=1,
        before=before,
        after=after,
    )
    db.session.commit()
    g.pop("_brand", None)
    log.info("brand updated by=%s", user.id)
    return current()


def set_logo(user: User, data: bytes, filename: str) -> BrandView:
    _require_district_admin(user)
    if len(data) > MAX_LOGO_BYTES:
        raise Invalid(_("A logo may have up to 1 MB."), code="too_large", status=413)
    try:
        clean = inspect_upload(data, filename or "logo")
    except UploadRejected:
        raise Invalid(_("The logo must be a picture (PNG, JPEG, WebP or GIF)."), code="not_a_picture") from None
    if clean.kind != "image":
        raise Invalid(_("The logo must be a picture (PNG, JPEG, WebP or GIF)."), code="not_a_picture")
    row = db.session.get(Brand, 1)
    if row is None:
        row = Brand(id=1, name=DEFAULT_NAME, tagline="", footer="", primary=DEFAULT_PRIMARY, accent=DEFAULT_ACCENT)
        db.session.add(row)
    old = row.logo_blob_id
    row.logo_blob_id = blob_store().put(clean.data, content_type=clean.mime, filename=clean.filename)
    row.logo_mime, row.updated_by, row.updated_at = clean.mime, user.id, now()
    signals.audit(
        "branding",
        actor_id=user.id,
        action="brand.logo",
        subject_type="brand",
        subject_id=1,
        after={"mime": clean.mime, "bytes": len(clean.data)},
    )
    db.session.commit()
    if old:
        blob_store().delete(old)
    g.pop("_brand", None)
    return current()


def reset(user: User) -> BrandView:
    """Back to the product's brand; the logo's bytes are deleted."""
    _require_district_admin(user)
    row = db.session.get(Brand, 1)
    if row is not None:
        signals.audit(
            "branding",
            actor_id=user.id,
            action="brand.reset",
            subject_type="brand",
            subject_id=1,
            before=_view(row).as_json(),
        )
        old = row.logo_blob_id
        db.session.delete(row)
        db.session.commit()
        if old:
            blob_store().delete(old)
    g.pop("_brand", None)
    return current()


def logo() -> tuple[bytes, str] | None:
    row = db.session.get(Brand, 1)
    if row is None or not row.logo_blob_id:
        return None
    try:
        return blob_store().get(row.logo_blob_id), row.logo_mime or "application/octet-stream"
    except BlobNotFound:
        log.error("brand logo blob missing")
        return None
