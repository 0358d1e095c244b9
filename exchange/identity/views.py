"""Sign-in with a school's provider (OpenID Connect), and the admin page that connects one.

The flow's state, nonce and PKCE verifier wait in the login session while the person is at the
provider; the callback takes them out once (a replayed callback finds nothing), checks the state,
redeems the code and verifies the ID token (`oidc.py`), then `sign_in.admit` decides the account.
Every refusal is a page with one clear sentence; the log names the provider and the check, never
a token, a code or an address.
"""

from __future__ import annotations

import logging
import tempfile
import zipfile
from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..accounts.sessions import start_session
from ..authz import current_user, public, require
from ..clock import now, today
from ..db import db
from ..directory.models import School
from ..outbox import link_root
from ..errors import DomainError, Forbidden, Invalid
from . import oidc, roster_import, sign_in
from .forms import ProviderForm, RosterForm

log = logging.getLogger("exchange.identity")
bp = Blueprint("identity", __name__)

FLOW_KEY = "sso_flow"
FLOW_SECONDS = 600  # a person has ten minutes at the provider


def _refusal_text(code: str) -> str:
    texts = {
        "wrong_issuer": _("The sign-in answer did not come from the provider your school set up."),
        "wrong_audience": _("The sign-in answer was meant for another service."),
        "expired": _("The sign-in answer has expired. Please sign in again."),
        "issued_in_future": _("The sign-in answer has a time in the future. Please sign in again."),
        "wrong_nonce": _("The sign-in answer does not belong to this sign-in. Please sign in again."),
        "bad_signature": _("The sign-in answer's signature could not be checked, so it was not trusted."),
        "bad_algorithm": _("The sign-in answer's signature could not be checked, so it was not trusted."),
        "provider_unreachable": _("Your school's sign-in provider could not be reached. Try again in a minute."),
    }
    return texts.get(
        code, _("Signing in with your school's provider did not work. Try again, or ask your school's admin.")
    )


@bp.app_context_processor
def _login_buttons() -> dict:
    """`sign_in_buttons()` for the login page: a function, so only the page that calls it asks."""
    return {"sign_in_buttons": sign_in.providers_for_login}


def _redirect_uri() -> str:
    return url_for("identity.callback", _external=True)


@bp.get("/login/sso/<int:provider_id>")
@public
def begin(provider_id: int):
    """Leave for the provider with a fresh state, nonce and PKCE challenge."""
    provider = sign_in.get_enabled(provider_id)
    try:
        discovery = oidc.discover(provider.issuer)
    except oidc.SignInRefused as exc:
        log.warning("sso begin refused provider=%s check=%s detail=%s", provider.id, exc.code, exc.detail)
        raise Invalid(_refusal_text(exc.code), code="sso_" + exc.code, status=502) from None
    flow = oidc.start(discovery, provider.client_id, _redirect_uri())
    session[FLOW_KEY] = {
        "provider": provider.id,
        "state": flow.state,
        "nonce": flow.nonce,
        "verifier": flow.verifier,
        "started": now().timestamp(),
    }
    return redirect(flow.url)


@bp.get("/login/sso/callback")
@public
def callback():
    """Back from the provider: one use of the flow, every check, then the account."""
    flow = session.pop(FLOW_KEY, None)
    if not isinstance(flow, dict) or not isinstance(flow.get("state"), str):
        raise Invalid(
            _("This sign-in was already used or has expired. Start again from the login page."), code="sso_no_flow"
        )
    if request.args.get("state") != flow["state"]:
        log.warning("sso callback refused provider=%s check=state", flow.get("provider"))
        raise Invalid(
            _("This sign-in answer does not match the sign-in you started. Start again from the login page."),
            code="sso_state",
        )
    if now().timestamp() - float(flow.get("started", 0)) > FLOW_SECONDS:
        raise Invalid(_("This sign-in took too long. Start again from the login page."), code="sso_flow_expired")
    provider = sign_in.get_enabled(int(flow["provider"]))
    if request.args.get("error"):
        log.info("sso callback provider=%s provider_error=%s", provider.id, request.args.get("error", "")[:64])
        raise Forbidden(_("The provider did not sign you in. You can try again."), code="sso_provider_error")
    code = request.args.get("code", "")
    if not code or len(code) > 2048:
        raise Invalid(
            _("The provider's answer has no sign-in code. Start again from the login page."), code="sso_no_code"
        )
    try:
        discovery = oidc.discover(provider.issuer)
        secret = sign_in.client_secret(provider, current_app.config["SECRET_KEY"])
        id_token = oidc.redeem(discovery, code, flow["verifier"], provider.client_id, secret, _redirect_uri())
        claims = oidc.verify_id_token(discovery, id_token, client_id=provider.client_id, nonce=flow["nonce"], now=now())
    except oidc.SignInRefused as exc:
        log.warning("sso callback refused provider=%s check=%s detail=%s", provider.id, exc.code, exc.detail)
        raise Forbidden(_refusal_text(exc.code), code="sso_" + exc.code) from None
    try:
        user = sign_in.admit(provider, claims)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        log.info("sso admit refused provider=%s code=%s", provider.id, exc.code)
        raise
    log.info("sso sign-in provider=%s user=%s", provider.id, user.id)
    start_session(user)
    return redirect(url_for("dashboard.home"))


@bp.route("/admin/sign-in", methods=["GET", "POST"])
@require("sign_in.manage")
def admin_providers():
    """A school admin connects Google, Microsoft or any OpenID Connect provider for their school."""
    admin = current_user()
    if admin.school_id is None:
        raise Forbidden(_("Only a school's admin connects a sign-in provider for that school."))
    form = ProviderForm()
    status = 200
    if form.validate_on_submit():
        issuer = form.issuer.data or ""
        if form.preset.data == "google":
            issuer = sign_in.PRESETS["google"]["issuer"]
        elif form.preset.data == "microsoft":
            tenant = (form.tenant.data or "").strip()
            if not tenant:
                form.tenant.errors.append(
                    _("Microsoft needs your tenant id (or your domain, e.g. school.example.org).")
                )
                return _providers_page(form, admin, 400)
            issuer = sign_in.PRESETS["microsoft"]["issuer"].replace("{tenant}", tenant)
        try:
            sign_in.add_provider(
                admin,
                name=form.name.data or sign_in.PRESETS.get(form.preset.data or "", {}).get("name", ""),
                issuer=issuer,
                client_id=form.client_id.data,
                client_secret=form.client_secret.data,
                domains=form.domains.data,
                role_rule=form.role_rule.data,
                role_claim=form.role_claim.data,
                fixed_role=form.fixed_role.data,
                server_secret=current_app.config["SECRET_KEY"],
            )
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            form.issuer.errors.append(exc.message)
            status = exc.status
        else:
            flash(_("Sign-in provider added. Its button is on the login page now."))
            return redirect(url_for("identity.admin_providers"))
    elif request.method == "POST":
        status = 400
    return _providers_page(form, admin, status)


def _providers_page(form, admin, status: int):
    providers = sign_in.providers_of_school(admin.school_id)
    return render_template(
        "identity/providers.html", form=form, providers=providers, redirect_uri=_redirect_uri()
    ), status


@bp.post("/admin/sign-in/<int:provider_id>/enabled")
@require("sign_in.manage")
def admin_set_enabled(provider_id: int):
    enabled = request.form.get("enabled") == "1"
    sign_in.set_enabled(current_user(), provider_id, enabled)
    db.session.commit()
    flash(_("Sign-in provider turned on.") if enabled else _("Sign-in provider turned off."))
    return redirect(url_for("identity.admin_providers"))


@bp.route("/admin/roster", methods=["GET", "POST"])
@require("roster.import")
def admin_roster():
    """A school admin uploads the OneRoster .zip: a dry run by default, the real import when ticked."""
    admin = current_user()
    if admin.school_id is None:
        raise Forbidden(_("Only a school's admin imports that school's roster."))
    form = RosterForm()
    result, status = None, 200
    if form.validate_on_submit():
        upload = form.roster.data
        with tempfile.TemporaryDirectory(prefix="roster-") as folder:
            path = Path(folder) / "roster.zip"
            upload.save(str(path))
            if not zipfile.is_zipfile(path):
                form.roster.errors.append(
                    _("This is not a .zip file. Upload the OneRoster export as one .zip of CSV files.")
                )
                status = 400
            else:
                school = db.session.get(School, admin.school_id)
                try:
                    result = roster_import.run_import(
                        path, school, admin, apply=bool(form.apply.data), today=today(), link_base=link_root()
                    )
                except DomainError as exc:
                    db.session.rollback()
                    form.roster.errors.append(exc.message)
                    status = exc.status
    elif request.method == "POST":
        status = 400
    return render_template("identity/roster.html", form=form, result=result), status
