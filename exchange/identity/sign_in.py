"""Single sign-on: a school's providers, and who a provider's person is here.

Linking, in order (issue 19): the provider's stable subject already linked → that account; else an
account of this school with the same e-mail address, only when the provider says the address is
verified and its domain is one the school allows → linked now, by subject from then on; else the
school's rule may admit a new person (a role from a claim, or one fixed role; never an admin);
else a clear refusal and no account. A suspended account is refused whatever the provider says.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts import services as accounts
from ..accounts.models import User
from ..db import db, utcnow
from ..errors import Forbidden, Invalid, NotFound
from ..signals import audit
from . import secret_box
from .models import ROLE_RULES, ExternalIdentity, SignInProvider

PRESETS: dict[str, dict[str, str]] = {
    "google": {"name": "Google", "issuer": "https://accounts.google.com"},
    "microsoft": {"name": "Microsoft", "issuer": "https://login.microsoftonline.com/{tenant}/v2.0"},
}
"""Platform-wide presets: the issuer of Google Workspace, and of a Microsoft Entra ID tenant."""

ADMITTED_ROLES = ("teacher", "student")  # a claim or a rule never makes an admin or a moderator
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def parse_domains(text: str) -> list[str]:
    """Allowed e-mail domains from a form field (commas, spaces or lines), lower case, checked."""
    found: list[str] = []
    for part in re.split(r"[\s,;]+", text or ""):
        domain = part.strip().lower().lstrip("@")
        if not domain:
            continue
        if not _DOMAIN.match(domain):
            raise Invalid(_("“%(domain)s” is not an e-mail domain (for example: school.example.org).", domain=domain))
        if domain not in found:
            found.append(domain)
    return found


def providers_for_login() -> list[SignInProvider]:
    """The buttons of the login page: every enabled provider, by school then name."""
    return list(
        db.session.scalars(
            select(SignInProvider)
            .where(SignInProvider.enabled.is_(True))
            .order_by(SignInProvider.school_id, SignInProvider.name)
        )
    )


def providers_of_school(school_id: int) -> list[SignInProvider]:
    return list(
        db.session.scalars(
            select(SignInProvider).where(SignInProvider.school_id == school_id).order_by(SignInProvider.id)
        )
    )


def get_enabled(provider_id: int) -> SignInProvider:
    provider = db.session.get(SignInProvider, provider_id)
    if provider is None or not provider.enabled:
        raise NotFound(_("This way of signing in is not offered (any more). Use your school's login page."))
    return provider


def add_provider(
    admin: User,
    *,
    name: str,
    issuer: str,
    client_id: str,
    client_secret: str,
    domains: str,
    role_rule: str,
    role_claim: str,
    fixed_role: str,
    server_secret: str,
) -> SignInProvider:
    """A school admin connects their school's provider; the client secret is stored encrypted."""
    if admin.school_id is None:
        raise Forbidden(_("Only a school's admin connects a sign-in provider for that school."))
    issuer = (issuer or "").strip().rstrip("/")
    if not re.match(r"^https?://[^\s/]+", issuer) or "{tenant}" in issuer:
        raise Invalid(_("The issuer must be the provider's address, such as https://accounts.google.com."))
    if role_rule not in ROLE_RULES:
        raise Invalid(_("Choose how the role of a new person is decided."))
    if role_rule == "fixed" and fixed_role not in ADMITTED_ROLES:
        raise Invalid(_("A fixed role is teacher or student."))
    if not (client_id or "").strip() or not (client_secret or "").strip():
        raise Invalid(_("The client id and the client secret from the provider are both needed."))
    allowed = parse_domains(domains)
    if role_rule != "roster" and not allowed:
        raise Invalid(_("Name at least one e-mail domain of your school: only its people may be admitted."))
    provider = SignInProvider(
        school_id=admin.school_id,
        name=(name or "").strip()[:80] or urlsplit(issuer).hostname or issuer[:80],  # stored once: no language
        issuer=issuer,
        client_id=client_id.strip(),
        client_secret_encrypted=secret_box.seal(client_secret.strip(), server_secret),
        allowed_domains=allowed,
        role_rule=role_rule,
        role_claim=(role_claim or "roles").strip()[:80],
        fixed_role=fixed_role if role_rule == "fixed" else "",
        created_by=admin.id,
    )
    db.session.add(provider)
    db.session.flush()
    audit(
        "identity",
        actor_id=admin.id,
        action="sign_in_provider.add",
        subject_type="sign_in_provider",
        subject_id=provider.id,
        after={"issuer": issuer, "rule": role_rule, "domains": allowed},  # never the secret
        school_id=admin.school_id,
    )
    return provider


def set_enabled(admin: User, provider_id: int, enabled: bool) -> SignInProvider:
    if admin.school_id is None:
        raise Forbidden(_("Only a school's admin connects a sign-in provider for that school."))
    provider = db.session.get(SignInProvider, provider_id)
    if provider is None or provider.school_id != admin.school_id:
        raise NotFound(_("No such sign-in provider at your school."))
    provider.enabled = enabled
    audit(
        "identity",
        actor_id=admin.id,
        action="sign_in_provider.enable" if enabled else "sign_in_provider.disable",
        subject_type="sign_in_provider",
        subject_id=provider.id,
        school_id=admin.school_id,
    )
    return provider


def client_secret(provider: SignInProvider, server_secret: str) -> str:
    plain = secret_box.open_sealed(provider.client_secret_encrypted, server_secret)
    if plain is None:
        raise Invalid(
            _(
                "This provider's client secret can no longer be read (the server's secret changed). Your school's admin must enter it again."
            )
        )
    return plain


def _email_of(claims: dict[str, Any]) -> tuple[str, bool]:
    email = claims.get("email")
    verified = claims.get("email_verified")
    if isinstance(verified, str):  # some providers send "true"
        verified = verified.lower() == "true"
    return (email.strip().lower() if isinstance(email, str) else ""), verified is True


def _role_from(provider: SignInProvider, claims: dict[str, Any]) -> str | None:
    if provider.role_rule == "fixed":
        return provider.fixed_role if provider.fixed_role in ADMITTED_ROLES else None
    if provider.role_rule == "claim":
        value = claims.get(provider.role_claim)
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        words = {str(v).strip().lower() for v in values}
        if words & {"teacher", "staff", "faculty", "educator"}:
            return "teacher"
        if words & {"student", "learner", "pupil"}:
            return "student"
    return None


def admit(provider: SignInProvider, claims: dict[str, Any]) -> User:
    """The account this verified person signs in to, linked or made per the school's rule."""
    subject = str(claims["sub"])
    link = db.session.scalar(
        select(ExternalIdentity).where(ExternalIdentity.provider_id == provider.id, ExternalIdentity.subject == subject)
    )
    if link is not None:
        user = db.session.get(User, link.user_id)
        if user is None:
            raise Forbidden(_("Your school has no account for you here. Ask your teacher or your school's admin."))
        _check_active(user)
        link.last_sign_in_at = utcnow()
        return user
    email, verified = _email_of(claims)
    domain = email.rsplit("@", 1)[-1] if "@" in email else ""
    if not email:
        raise Forbidden(
            _(
                "Your provider did not tell us your e-mail address, so we cannot find your account. Ask your school's admin."
            ),
            code="sso_no_email",
        )
    if not verified:
        raise Forbidden(
            _("Your provider has not verified your e-mail address, so it cannot be linked to an account here."),
            code="sso_email_unverified",
        )
    if provider.allowed_domains and domain not in provider.allowed_domains:
        raise Forbidden(
            _("Addresses at %(domain)s may not sign in to this school here. Use your school account.", domain=domain),
            code="sso_domain_not_allowed",
        )
    user = accounts.find_by_login(email)
    if user is not None:
        if user.school_id != provider.school_id:
            raise Forbidden(
                _("Your account here belongs to another school. Sign in with that school's provider or your password."),
                code="sso_other_school",
            )
        _check_active(user)
        return _link(provider, subject, user, "email")
    role = _role_from(provider, claims)
    if role is None:
        raise Forbidden(
            _("Your school has not given you an account here yet. Ask your teacher or your school's admin to add you."),
            code="sso_unknown_person",
        )
    user = accounts.create_user(
        role=role,
        password="",
        password_hash="!sso",  # no password: this account signs in through its provider only
        email=email,
        first_name=_name(claims, "given_name") or email.split("@", 1)[0][:80],
        last_name=_name(claims, "family_name"),
        school_id=provider.school_id,
    )
    return _link(provider, subject, user, "created")


def _name(claims: dict[str, Any], key: str) -> str:
    value = claims.get(key)
    return value.strip()[:80] if isinstance(value, str) else ""


def _check_active(user: User) -> None:
    if not user.is_active:
        raise Forbidden(_("This account is suspended. Contact your school."), code="account_suspended")


def _link(provider: SignInProvider, subject: str, user: User, how: str) -> User:
    db.session.add(
        ExternalIdentity(
            provider_id=provider.id, subject=subject, user_id=user.id, linked_by=how, last_sign_in_at=utcnow()
        )
    )
    db.session.flush()
    audit(
        "identity",
        actor_id=user.id,
        action="external_identity.link",
        subject_type="user",
        subject_id=user.id,
        after={"provider_id": provider.id, "how": how},
        school_id=provider.school_id,
    )
    return user
