"""Account rules: creating users, checking passwords with throttling, verifying teachers."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from ..blocking import run_blocking
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound, TooManyRequests
from ..ids import lookup
from ..safety import check_field
from ..signals import audit, end_login
from .models import ROLES, LoginSession, LoginThrottle, User

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,63}$")
USERNAME_RE = re.compile(r"^[\w.\-]{3,40}$", re.UNICODE)
MIN_PASSWORD = 10
_DUMMY_HASH = generate_password_hash("never-a-real-password")  # equal timing for unknown logins


def hash_password(password: str) -> str:
    """scrypt, off the event loop (see `exchange.blocking`)."""
    return run_blocking(generate_password_hash, password)


def get_user(user_id) -> User | None:
    return lookup(User, user_id)


def require_user(user_id) -> User:
    user = get_user(user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user


def find_by_login(login: str) -> User | None:
    login = (login or "").strip()
    if not login:
        return None
    column = User.email if "@" in login else User.username
    return db.session.scalar(select(User).where(column == login.lower()))


def validate_name(value: str, field: str) -> str:
    """Names are shown to other schools: trimmed, bounded, and through the text filter."""
    value = " ".join((value or "").split())
    if not value or len(value) > 80:
        raise Invalid(_("%(field)s must be 1 to 80 characters.", field=field), code="invalid_name")
    verdict = check_field(value, audience="under13")
    if verdict.action != "allow":
        raise Invalid(_("%(field)s is not allowed here. Please choose another.", field=field), code="name_refused")
    return value


def validate_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD or len(password) > 256:
        raise Invalid(_("Passwords must be %(n)d to 256 characters long.", n=MIN_PASSWORD), code="weak_password")
    return password


def create_user(
    *,
    role: str,
    password: str,
    first_name: str,
    last_name: str = "",
    email: str | None = None,
    username: str | None = None,
    school_id: int | None = None,
    timezone: str = "UTC",
    locale: str = "",
    password_hash: str | None = None,
    actor_id: int | None = None,
    audited: bool = True,
) -> User:
    """Create an account; adults log in with an e-mail, students may use a username. A bulk caller
    (the roster import) passes `audited=False` and writes one audit record naming every account."""
    if role not in ROLES:
        raise Invalid(_("Unknown role."), code="invalid_role")
    email = (email or "").strip().lower() or None
    username = (username or "").strip().lower() or None
    if email and not EMAIL_RE.match(email):
        raise Invalid(_("That e-mail address does not look right."), code="invalid_email")
    if username and not USERNAME_RE.match(username):
        raise Invalid(_("Usernames are 3 to 40 letters, digits, dots, dashes or underscores."), code="invalid_username")
    if not email and not username:
        raise Invalid(_("An e-mail address or a username is needed."), code="invalid_login")
    if role != "student" and not email:
        raise Invalid(_("Adults log in with an e-mail address."), code="invalid_email")
    if (email and find_by_login(email)) or (username and find_by_login(username)):
        raise Conflict(_("That login is already taken."), code="login_taken")
    user = User(
        role=role,
        email=email,
        username=username,
        password_hash=password_hash or hash_password(validate_password(password)),
        first_name=validate_name(first_name, _("First name")),
        last_name=validate_name(last_name, _("Last name")) if last_name else "",
        school_id=school_id,
        timezone=timezone,
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    if not audited:
        return user
    audit(
        "accounts",
        actor_id=actor_id,
        action="user.create",
        subject_type="user",
        subject_id=user.id,
        after={"role": role, "school_id": school_id},
    )
    return user


def _throttle_key(login: str, client_ip: str) -> str:
    raw = f"{(login or '').strip().lower()}|{client_ip or '-'}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()  # no login names at rest in this table


def authenticate(login: str, password: str, client_ip: str, *, max_failures: int, lock_seconds: int) -> User:
    """Check a password; after `max_failures` failures the (login, address) pair waits."""
    now = utcnow()
    key = _throttle_key(login, client_ip)
    throttle = db.session.scalar(select(LoginThrottle).where(LoginThrottle.key == key))
    if throttle and throttle.locked_until and throttle.locked_until > now:
        raise TooManyRequests(_("Too many failed logins. Try again in a few minutes."), code="login_throttled")
    user = find_by_login(login) if isinstance(login, str) else None
    ok = run_blocking(  # scrypt takes ~75 ms: a burst of logins must not stall the rooms of this process
        check_password_hash, user.password_hash if user else _DUMMY_HASH, password if isinstance(password, str) else ""
    )
    if not user or not ok:
        if throttle is None:
            throttle = LoginThrottle(key=key, failures=0, first_failure_at=now)
            db.session.add(throttle)
        if throttle.first_failure_at < now - timedelta(seconds=lock_seconds):
            throttle.failures, throttle.first_failure_at, throttle.locked_until = 0, now, None
        throttle.failures += 1
        if throttle.failures >= max_failures:
            throttle.locked_until = now + timedelta(seconds=lock_seconds)
        db.session.commit()
        raise Invalid(_("Wrong login or password."), code="bad_credentials", status=401)
    if not user.is_active:
        raise Forbidden(_("This account is suspended. Contact your school."), code="account_suspended")
    if throttle:
        db.session.delete(throttle)
        db.session.commit()
    return user


def verify_teacher(admin: User, teacher_id: int) -> User:
    """A school admin vouches for a teacher of their own school."""
    teacher = require_user(teacher_id)
    if teacher.role != "teacher" or admin.role != "admin" or teacher.school_id != admin.school_id:
        raise Forbidden(_("You can verify teachers of your own school only."), code="not_your_school")
    before = teacher.teacher_verified_at
    if before is None:
        teacher.teacher_verified_at = utcnow()
        teacher.teacher_verified_by = admin.id
        audit(
            "accounts",
            actor_id=admin.id,
            action="teacher.verify",
            subject_type="user",
            subject_id=teacher.id,
            school_id=admin.school_id,
            before={"verified": False},
            after={"verified": True},
        )
    db.session.commit()
    return teacher


def suspend_user(actor: User, user: User, reason: str, *, audited: bool = True) -> None:
    before = user.status
    user.status = "suspended"
    user.auth_epoch += 1  # every open session of this user ends on its next request or event
    db.session.commit()
    close_all_logins(user)
    if audited:
        audit(
            "accounts",
            actor_id=actor.id,
            action="user.suspend",
            subject_type="user",
            subject_id=user.id,
            reason=reason,
            before={"status": before},
            after={"status": "suspended"},
            school_id=user.school_id,
        )


def teachers_of_school(school_id: int) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.role == "teacher", User.school_id == school_id).order_by(User.id))
    )


def display_name(subject: User, viewer: User | None) -> str:
    """Outside their own school a student is shown by first name and initial only."""
    if subject.role == "student" and (
        viewer is None or viewer.school_id != subject.school_id or viewer.school_id is None
    ):
        return subject.short_name
    return subject.full_name


def user_summary(subject: User, viewer: User | None) -> dict:
    """The public view of a user for another user: no e-mail, no username, no last name across schools."""
    return {"id": subject.id, "name": display_name(subject, viewer), "role": subject.role}


# ---- logins: one server-side row per login, so that logging out really ends it -----------


def token_digest(token: str) -> str:
    """What the server keeps of a login token (its SHA-256): the table and the login cache."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_login(user: User, lifetime: timedelta) -> str:
    """A new login for this user; returns the random token the session cookie carries."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        LoginSession(token_hash=token_digest(token), user_id=user.id, created_at=now, expires_at=now + lifetime)
    )
    db.session.commit()
    return token


def login_for(token) -> tuple[LoginSession, User] | None:
    """The live login behind a cookie's token and its user, or None (ended, expired, unknown)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    row = db.session.execute(
        select(LoginSession, User)
        .join(User, User.id == LoginSession.user_id)
        .where(LoginSession.token_hash == token_digest(token))
    ).first()
    if row is None:
        return None
    login, user = row
    if login.ended_at is not None or login.expires_at <= utcnow():
        return None
    return login, user


def close_login(token) -> LoginSession | None:
    """End one login (log out). Its cookie is refused from now on, on every server process."""
    found = login_for(token)
    if found is None:
        return None
    login, user = found
    login.ended_at = utcnow()
    db.session.commit()
    end_login(user_id=user.id, login_session_id=login.id)
    return login


def close_all_logins(user: User) -> None:
    """End every login of a user (suspension): cookies refused, live sockets closed."""
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    db.session.commit()
    end_login(user_id=user.id, login_session_id=None)
