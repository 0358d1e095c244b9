"""The brand's edges: the district administrator's page and API, and what every page reads (the
`brand` template value, `/brand.css` with the colours as CSS custom properties, `/brand/logo`).

The colours reach pages through a stylesheet, not an inline style: the pages' policy allows
styles from this site only. Its address carries the brand's version, so a change shows at once.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..apidoc import doc, json_body, ok
from ..authz import current_user, public, require
from ..errors import DomainError, Forbidden
from ..extensions import csrf
from ..files.http import read_upload
from . import colours, services

bp = Blueprint("branding", __name__)


class BrandForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    tagline = StringField(_l("Tagline (optional)"), validators=[Optional(), Length(max=200)])
    footer = TextAreaField(_l("Footer text (optional)"), validators=[Optional(), Length(max=500)])
    primary = StringField(_l("Main colour (#rrggbb): the top bar, buttons and links"), validators=[DataRequired()])
    accent = StringField(_l("Accent colour (#rrggbb): focus and highlights"), validators=[DataRequired()])


class PlainForm(FlaskForm):
    """A button's form: CSRF only."""


@bp.app_context_processor
def _brand_value() -> dict:
    return {"brand": services.current()}


def _cached(resp: Response) -> Response:
    # an address with the brand's version never changes; the bare one is checked each time
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable" if request.args.get("v") else "no-cache"
    return resp


@bp.get("/brand.css")
@public
def stylesheet():
    return _cached(Response(services.current().palette.css(), mimetype="text/css"))


@bp.get("/brand/logo")
@public
def logo():
    found = services.logo()
    if found is None:
        abort(404)
    data, mime = found
    resp = Response(data, mimetype=mime)
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _cached(resp)


def _district_admin():
    user = current_user()
    if user.school_id is not None:
        raise Forbidden(_("Only the district's administrator may change the brand."), code="forbidden")
    return user


def _page(form: BrandForm, status: int = 200):
    brand = services.current()
    contrast = {
        "primary": f"{colours.contrast(brand.primary, colours.WHITE):.2f}",
        "accent": f"{colours.contrast(brand.accent, colours.INK):.2f}",
    }
    return render_template("branding/admin.html", form=form, plain=PlainForm(), contrast=contrast), status


@bp.route("/admin/brand", methods=["GET", "POST"])
@require("brand.manage")
def admin_page():
    user = _district_admin()
    form = BrandForm()
    if request.method == "GET":
        brand = services.current()
        form.name.data, form.tagline.data, form.footer.data = brand.name, brand.tagline, brand.footer
        form.primary.data, form.accent.data = brand.primary, brand.accent
        return _page(form)
    if not form.validate_on_submit():
        return _page(form, 400)
    values = {
        "name": form.name.data,
        "tagline": form.tagline.data,
        "footer": form.footer.data,
        "primary": (form.primary.data or "").strip(),
        "accent": (form.accent.data or "").strip(),
    }
    try:
        services.update(user, values)
    except DomainError as exc:
        target = form.primary if exc.code in ("low_contrast", "invalid") else form.name
        target.errors = [*target.errors, exc.message]
        return _page(form, 400)
    flash(_("The brand is saved. Every page, e-mail and letter shows it now."), "success")
    return redirect(url_for("branding.admin_page"))


@bp.post("/admin/brand/logo")
@csrf.exempt  # checked in read_upload before the body is read
@require("brand.manage")
def admin_logo():
    user = _district_admin()
    try:
        data, name = read_upload(form_token=True)
        services.set_logo(user, data, name)
        flash(_("The logo is saved."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("branding.admin_page"))


@bp.post("/admin/brand/reset")
@require("brand.manage")
def admin_reset():
    user = _district_admin()
    if not PlainForm().validate_on_submit():
        abort(400)
    services.reset(user)
    flash(_("The product's own brand is back."), "success")
    return redirect(url_for("branding.admin_page"))


@bp.get("/api/v1/brand")
@public
@doc("The district's brand: name, tagline, footer, colours, whether it has a logo", tag="branding")
def api_brand():
    return ok(services.current().as_json())


@bp.put("/api/v1/brand")
@require("brand.manage")
@doc(
    "Set the brand (the district's administrator); colours must reach WCAG AA contrast",
    body={"name": "string", "tagline": "string", "footer": "string", "primary": "string", "accent": "string"},
    tag="branding",
)
def api_set_brand():
    return ok(services.update(_district_admin(), json_body()).as_json())
