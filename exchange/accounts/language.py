"""The language picker on every page, and a person's own settings (language and time zone).

A visitor's choice lives in their session; a signed-in person's in their profile, so that it
follows them to every device and decides the e-mails sent to them.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..authz import current_user, public, require
from ..db import db
from ..i18n.negotiate import native_name
from .views import bp


@lru_cache(maxsize=1)
def time_zones() -> tuple[str, ...]:
    """IANA zones a person may pick: regions only (no "Etc/GMT+5", whose sign reads backwards)."""
    return tuple(
        sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))) + ["UTC"]
    )


def language_choices() -> list[tuple[str, str]]:
    return [(code, native_name(code)) for code in current_app.config["LANGUAGES"]]


def _safe_next(target: str | None) -> str:
    """Back to the page the picker was on; never to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("dashboard.index")


@bp.post("/language")
@public
def choose_language():
    lang = (request.form.get("lang") or "").strip()
    if lang and lang not in current_app.config["LANGUAGES"]:
        flash(_("That language is not available."), "error")
        return redirect(_safe_next(request.form.get("next")))
    user = current_user()
    if user is not None:
        user.locale = lang
        db.session.commit()
    if lang:
        session["lang"] = lang
    else:
        session.pop("lang", None)
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/account/settings", methods=["GET", "POST"])
@require("dashboard.view")
def settings():
    user = current_user()
    status = 200
    if request.method == "POST":
        lang = (request.form.get("lang") or "").strip()
        zone = (request.form.get("timezone") or "").strip()
        if lang and lang not in current_app.config["LANGUAGES"]:
            flash(_("That language is not available."), "error")
            status = 400
        elif zone not in time_zones():
            flash(_("Choose a time zone from the list."), "error")
            status = 400
        else:
            user.locale = lang
            user.timezone = zone
            db.session.commit()
            session.pop("lang", None)
            flash(_("Your settings are saved."))
            return redirect(url_for("accounts.settings"))
    return (
        render_template("accounts/settings.html", user=user, languages=language_choices(), zones=time_zones()),
        status,
    )
