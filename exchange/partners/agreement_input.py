"""Reading an agreement's text from a form or a JSON body: every section trimmed, bounded and through
the filter, then the pure rules (every section present, the data-sharing promises, the dates)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..errors import Invalid
from ..safety import check_field
from . import agreement_rules as rules
from .agreement_models import AgreementVersion
from .agreement_texts import invalid_sentence


def labels() -> dict[str, str]:
    return {
        "title": _("Title"),
        "goals": _("Goals"),
        "roles": _("Roles and responsibilities"),
        "contacts": _("Contacts"),
        "purpose": _("Purpose of the data sharing"),
        "retention": _("How long the data is kept"),
        "safeguarding": _("Safeguarding"),
        "data_item": _("Data item"),
    }


def as_raw(version: AgreementVersion) -> dict:
    return {
        "title": version.title,
        "start_on": version.start_on,
        "renew_on": version.renew_on,
        "goals": version.goals,
        "roles": version.roles,
        "contacts": version.contacts,
        "data_sharing": dict(version.data_sharing),
        "safeguarding": version.safeguarding,
    }


def stored(text: rules.Text) -> dict:
    """A text as a version's columns hold it (the shape of `_as_raw`)."""
    return {
        "title": text.title,
        "start_on": text.start_on,
        "renew_on": text.renew_on,
        "goals": text.goals,
        "roles": text.roles,
        "contacts": text.contacts,
        "data_sharing": {
            "data_items": list(text.data_sharing.data_items),
            "purpose": text.data_sharing.purpose,
            "retention": text.data_sharing.retention,
            "no_onward_sharing": text.data_sharing.no_onward_sharing,
        },
        "safeguarding": text.safeguarding,
    }


def adult_text(value: object, label: str, limit: int) -> str:
    """A section's text: trimmed, bounded and through the filter for an adult audience. Only adults
    read an agreement, and its contacts section names e-mail addresses and phone numbers, which the
    children's filter (`organisations.clean_text`) would hold; abuse, grooming and threats are refused."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s must be text.", field=label), code="invalid_field")
    value = value.strip()
    if len(value) > limit:
        raise Invalid(_("%(field)s may have up to %(n)d characters.", field=label, n=limit), code="invalid_field")
    if value and check_field(value, audience="adult").action != "allow":
        raise Invalid(_("%(field)s did not pass the safety check. Please reword it.", field=label), code="unsafe_text")
    return value


def read_text(data: dict) -> rules.Text:
    """An agreement's text from a form or a JSON body: each text through the content filter and its
    limit, then the rules (every section, the data-sharing promises, the dates)."""
    names = labels()
    sharing = data.get("data_sharing")
    if sharing is None:
        sharing = {}
    if not isinstance(sharing, dict):
        raise Invalid(_("The data-sharing section must be an object."), code="invalid_data_sharing")
    try:
        items = rules.data_items_from(sharing.get("data_items") or [])
        start_on, renew_on = rules.parse_day(data.get("start_on")), rules.parse_day(data.get("renew_on"))
    except rules.AgreementInvalid as exc:
        raise Invalid(invalid_sentence(exc.code), code=exc.code) from None
    onward = sharing.get("no_onward_sharing")
    text = rules.Text(
        title=" ".join(adult_text(data.get("title"), names["title"], rules.LIMITS["title"]).split()),
        start_on=start_on,
        renew_on=renew_on,
        goals=adult_text(data.get("goals"), names["goals"], rules.LIMITS["goals"]),
        roles=adult_text(data.get("roles"), names["roles"], rules.LIMITS["roles"]),
        contacts=adult_text(data.get("contacts"), names["contacts"], rules.LIMITS["contacts"]),
        data_sharing=rules.DataSharing(
            data_items=tuple(adult_text(i, names["data_item"], rules.LIMITS["data_item"]) for i in items),
            purpose=adult_text(sharing.get("purpose"), names["purpose"], rules.LIMITS["purpose"]),
            retention=adult_text(sharing.get("retention"), names["retention"], rules.LIMITS["retention"]),
            no_onward_sharing=onward is True,
        ),
        safeguarding=adult_text(data.get("safeguarding"), names["safeguarding"], rules.LIMITS["safeguarding"]),
    )
    try:
        rules.check_text(text)
    except rules.AgreementInvalid as exc:
        raise Invalid(invalid_sentence(exc.code), code=exc.code) from None
    return text
