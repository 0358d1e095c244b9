"""The login session: who is asking, from the cookie and the server-side login it names.

Logging in and out, and the throttled password check, live here, next to the accounts they
read; `exchange.authz` only decides what the user found here may do.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request, session

from .. import changes
from ..db import utcnow
from ..ratelimits import LOGIN_ADDRESS, address_key, guessing
from .models import User
from .services import authenticate as check_password
from .services import close_login, login_for, open_login, token_digest


def load_user_from_session():
    """Resolve the logged-in user from the login the cookie names: a login that was ended (log
    out, suspension) or has expired is refused, whatever the cookie says."""
    found = _login_from_session()
    return found[1] if found else None


def _login_from_session():
    token = session.get("login")
    if token is None:
        return None
    found = login_for(token)
    if found is None:
        session.clear()
        return None
    login, user = found
    if not _cookie_matches(user):
        return None
    g.login_session_id = login.id
    return login, user


def _cookie_matches(user: User) -> bool:
    if not user.is_active or session.get("epoch") != user.auth_epoch or session.get("uid") != user.id:
        session.clear()
        return False
    return True


def load_socket_user():
    """`load_user_from_session` for each Socket.IO event, from this process's login cache while
    nothing about the user or their logins changed (`exchange.changes`: one read of two counters
    instead of the login query). The cache holds a digest of the token, never the token; an
    entry ends with the login's expiry."""
    token, uid = session.get("login"), session.get("uid")
    if not isinstance(token, str) or isinstance(uid, bool) or not isinstance(uid, int):
        return load_user_from_session()
    cache = changes.cache_for(current_app, "logins")
    key = token_digest(token)
    stamp = changes.current((changes.ALL, changes.user_key(uid)))  # before the facts
    hit = cache.get(key, stamp, utcnow())
    if hit is None:
        found = _login_from_session()
        if found is None:
            return None
        login, user = found
        cache.put(key, stamp, (login.id, changes.snapshot(user)), until=login.expires_at)
        return user
    login_id, values = hit
    user = changes.known(User, values)  # read only here: no transaction begins for it
    if not _cookie_matches(user):
        return None
    g.login_session_id = login_id
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
