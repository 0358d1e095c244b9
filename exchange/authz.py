"""The one authorisation layer: what the user who is asking may do by their role.

Routes use `@require("permission")`, Socket.IO handlers `check(user, "permission")` or
`allowed()`; object-level rules (own class, member of room) live in the owning domain's
policy module and raise `Forbidden` through `ensure()`. Who is asking (`g.user`) is resolved
from the login session by `accounts.sessions`; this module imports nothing of the domains.
"""

from __future__ import annotations

from functools import wraps

from flask import g
from flask_babel import gettext as _

from .errors import Forbidden, Unauthenticated

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
    # onboarding: the platform administrator's schools (object rule: an admin of no school), a school admin's invitations
    "school.manage": frozenset({"admin"}),
    "teacher.invite": frozenset({"admin"}),
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
    # district sign-in and rosters (object rule: an admin of a school)
    "sign_in.manage": frozenset({"admin"}),
    "roster.import": frozenset({"admin"}),
    # the activity library (issue 20): attach needs a room the person runs; review a platform editor
    "activity.view": frozenset({"teacher", "admin", "moderator", "expert"}),
    "activity.attach": frozenset({"teacher", "admin", "moderator"}),
    "activity.rate": frozenset({"teacher"}),
    "activity.submit": frozenset({"teacher"}),
    "activity.review": frozenset({"admin"}),
    # evaluation (issue 20): a teacher's classes, a school's, or the platform's
    "impact.view": frozenset({"teacher", "admin", "moderator"}),
    # the district's brand (issue 21; object rule: the administrator of no school)
    "brand.manage": frozenset({"admin"}),
    # the digital-citizenship lesson (issue 22): students take it; their teachers see who has;
    # families read the family version
    "citizenship.take": frozenset({"student"}),
    "citizenship.view": frozenset({"student", "teacher", "admin", "guardian", "moderator"}),
    # community partners (issue 21). An organisation's contacts are adult accounts of the expert
    # role; object rules (a contact of this organisation, the district = an admin of no school, a
    # party to this agreement) live in exchange.partners.
    "organisation.view": ALL,
    "organisation.register": frozenset({"expert"}),
    "organisation.manage": frozenset({"expert", "admin"}),
    "organisation.verify": frozenset({"admin"}),
    "opportunity.view": ALL,
    "opportunity.publish": frozenset({"expert"}),
    "opportunity.interest": frozenset({"student"}),
    "opportunity.endorse": frozenset({"teacher", "admin"}),
    "opportunity.consent": frozenset({"guardian"}),
    "opportunity.confirm": frozenset({"expert"}),
    "opportunity.withdraw": frozenset({"student", "guardian", "teacher", "admin"}),
    "agreement.view": frozenset({"admin", "teacher", "expert"}),
    "agreement.manage": frozenset({"admin", "expert"}),
    "agreement.sign": frozenset({"admin", "expert"}),
    "steering.view": frozenset({"admin", "teacher", "expert"}),
    "steering.note": frozenset({"admin", "teacher", "expert"}),
    # the outreach log and the awareness survey (issue 22): the district and a school's administrator read
    # them (object rule: their school); families and community partners' contacts answer the survey
    "outreach.view": frozenset({"admin"}),
    "awareness.answer": frozenset({"guardian", "expert"}),
    "awareness.results": frozenset({"admin"}),
    # messages between families and teachers (issue 22; object rules in exchange.conversations: a guardian's
    # own child, a teacher of the child's class, a school admin only on a safeguarding concern)
    "messages.family": frozenset({"guardian", "teacher", "admin"}),
    "messages.announce": frozenset({"teacher", "admin"}),
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
