"""The one authorisation layer: who is asking (from the login session) and what their role may do.

Routes use `@require("permission")`, Socket.IO handlers call `user_for_event()` and
`check(user, "permission")`; object-level rules (own class, member of room) live in the
owning domain's policy module and raise `Forbidden` through `ensure()`.
"""
from __future__ import annotations

from functools import wraps

from flask import g, session
from flask_babel import gettext as _

from .errors import Forbidden, Unauthenticated
from .ratelimits import LOGIN_ADDRESS, address_key, guessing

ALL = frozenset({"admin", "teacher", "student", "expert", "moderator", "guardian"})

PERMISSIONS: dict[str, frozenset[str]] = {
    "dashboard.view": ALL,
    "profile.view_self": ALL,
    "class.create": frozenset({"teacher"}),
    "class.view": frozenset({"teacher", "admin", "student", "moderator"}),
    "class.manage": frozenset({"teacher", "admin"}),
    "teacher.verify": frozenset({"admin"}),
    "user.create_moderator": frozenset({"admin"}),
    "user.list_school": frozenset({"admin"}),
    "room.create": frozenset({"teacher", "admin", "moderator"}),
    "room.view": frozenset({"teacher", "admin", "student", "expert", "moderator"}),
    "room.control": frozenset({"teacher", "admin", "moderator"}),
    "moderation.review": frozenset({"moderator", "admin", "teacher"}),
    "moderation.report": frozenset({"teacher", "student", "expert", "moderator", "admin"}),
    "audit.view": frozenset({"admin", "moderator"}),
    # vetting and virtual visits
    "vetting.apply": frozenset({"expert"}),
    "vetting.verify": frozenset({"admin"}),
    "vetting.view_badge": frozenset({"teacher", "admin", "moderator"}),
    "expert.view_public": frozenset({"teacher", "admin", "student", "moderator", "expert"}),
    "offer.publish": frozenset({"expert"}),
    "visit.request": frozenset({"teacher"}),
    "visit.answer": frozenset({"expert"}),
    # scheduling
    "partner.search": frozenset({"teacher"}),
    "session.invite": frozenset({"teacher"}),
    "session.view": frozenset({"teacher", "student", "admin", "expert", "moderator"}),
    # files
    "file.upload": frozenset({"teacher", "student", "expert", "moderator", "admin"}),
    "file.review": frozenset({"teacher", "moderator", "admin"}),
    "file.download": frozenset({"teacher", "student", "expert", "moderator", "admin"}),
    # guardians and data rights
    "consent.give": frozenset({"guardian"}),
    "consent.manage": frozenset({"teacher", "admin"}),
    "family.view": frozenset({"guardian", "teacher", "admin"}),
    "data.export_child": frozenset({"guardian"}),
    "retention.manage": frozenset({"admin"}),
}


def allowed(user, permission: str) -> bool:
    """True when the user's role may do this at all (object rules come after)."""
    if user is None or not user.is_active:
        return False
    roles = PERMISSIONS.get(permission)
    if roles is None:  # an unknown permission is a programming error; refuse rather than allow
        return False
    return user.role in roles


def current_user():
    return g.get("user")


def load_user_from_session():
    """Resolve the logged-in user from the login the cookie names: a login that was ended (log
    out, suspension) or has expired is refused, whatever the cookie says."""
    from .accounts.services import login_for

    token = session.get("login")
    if token is None:
        return None
    found = login_for(token)
    if found is None:
        session.clear()
        return None
    login, user = found
    if not user.is_active or session.get("epoch") != user.auth_epoch or session.get("uid") != user.id:
        session.clear()
        return None
    g.login_session_id = login.id
    return user


def start_session(user) -> None:
    """Log a user in: a fresh session (no fixation) naming a new server-side login."""
    from datetime import timedelta

    from flask import current_app

    from .accounts.services import open_login

    session.clear()
    session.permanent = True
    session["login"] = open_login(user, timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"]))
    session["uid"] = user.id
    session["epoch"] = user.auth_epoch
    g.user = user


def end_session() -> None:
    """Log out: end the login on the server (its sockets close), then forget the cookie."""
    from .accounts.services import close_login

    token = session.get("login")
    if token is not None:
        close_login(token)
    session.clear()
    g.user = None


def authenticate(login, password):
    """Check a password with the configured throttling: per login and client address (in the
    database), and per address across all logins (a shared rate limit)."""
    from flask import current_app, request

    from .accounts.services import authenticate as check_password

    cfg = current_app.config
    address = request.remote_addr or "-"
    # One address trying one password over many accounts: wrong passwords add up across logins.
    with guessing(LOGIN_ADDRESS, address_key(address), failures=("bad_credentials",)):
        return check_password(login, password, address,
                              max_failures=cfg["LOGIN_MAX_FAILURES"], lock_seconds=cfg["LOGIN_LOCK_SECONDS"])


def check(user, permission: str) -> None:
    if user is None:
        raise Unauthenticated(_("Please log in first."))
    if not allowed(user, permission):
        raise Forbidden(_("Your role may not do this."), code="forbidden")


def ensure(condition: bool, message: str | None = None, code: str = "forbidden") -> None:
    if not condition:
        raise Forbidden(message or _("You are not allowed to do that."), code=code)


def require(permission: str):
    """Route decorator: log-in required and the role must hold `permission`."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            check(current_user(), permission)
            return view(*args, **kwargs)

        wrapped.permission = permission
        return wrapped

    return decorator


def public(view):
    """Mark a route as open to anyone (login page, health check); the route audit test reads it."""
    view.permission = "public"
    return view
