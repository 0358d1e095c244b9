"""The login session: who is asking, from the cookie and the server-side login it names.

Logging in and out, and the throttled password check, live here, next to the accounts they
read; `exchange.authz` only decides what the user found here may do.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request, session

from ..ratelimits import LOGIN_ADDRESS, address_key, guessing
from .services import authenticate as check_password
from .services import close_login, login_for, open_login


def load_user_from_session():
    """Resolve the logged-in user from the login the cookie names: a login that was ended (log
    out, suspension) or has expired is refused, whatever the cookie says."""
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
    session.clear()
    session.permanent = True
    session["login"] = open_login(user, timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"]))
    session["uid"] = user.id
    session["epoch"] = user.auth_epoch
    g.user = user


def end_session() -> None:
    """Log out: end the login on the server (its sockets close), then forget the cookie."""
    token = session.get("login")
    if token is not None:
        close_login(token)
    session.clear()
    g.user = None


def authenticate(login, password):
    """Check a password with the configured throttling: per login and client address (in the
    database), and per address across all logins (a shared rate limit)."""
    cfg = current_app.config
    address = request.remote_addr or "-"
    # One address trying one password over many accounts: wrong passwords add up across logins.
    with guessing(LOGIN_ADDRESS, address_key(address), failures=("bad_credentials",)):
        return check_password(
            login, password, address, max_failures=cfg["LOGIN_MAX_FAILURES"], lock_seconds=cfg["LOGIN_LOCK_SECONDS"]
        )
