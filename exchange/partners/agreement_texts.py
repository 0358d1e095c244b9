"""The words of partnership agreements: states, sides, kinds and the sentences for refused texts,
in the reader's language (the pure rules name things by code; the edges show these)."""

from __future__ import annotations

from flask_babel import gettext as _


def status_label(status: str) -> str:
    return {
        "draft": _("Draft: not signed yet"),
        "awaiting": _("Awaiting signatures"),
        "active": _("Active"),
        "renewal_due": _("Active, renewal due"),
        "lapsed": _("Lapsed: past its renewal date"),
        "ended": _("Ended"),
    }.get(status, status)


def side_label(side: str) -> str:
    return {
        "school": _("School"),
        "organisation": _("Organisation"),
        "partner_school": _("Partner school"),
    }.get(side, side)


def kind_label(kind: str) -> str:
    return {
        "school_org": _("School and organisation"),
        "school_school": _("School and school"),
    }.get(kind, kind)


def step_labels() -> dict[str, str]:
    """A learner's step on the way to an opportunity (the same words as the opportunity pages)."""
    return {
        "interested": _("Waiting for the teacher"),
        "endorsed": _("Waiting for the family's consent"),
        "consented": _("Waiting for the organisation"),
        "waitlisted": _("On the waiting list"),
        "confirmed": _("Place confirmed"),
        "declined": _("Declined"),
        "withdrawn": _("Withdrawn"),
    }


def note_kind_label(kind: str) -> str:
    return {"note": _("Note"), "decision": _("Decision")}.get(kind, kind)


def invalid_sentence(code: str) -> str:
    """The sentence for a rule the text or dates broke (`agreement_rules.AgreementInvalid.code`)."""
    return {
        "title_missing": _("Give the agreement a title."),
        "goals_missing": _("Write the partnership's goals."),
        "roles_missing": _("Write each partner's roles and responsibilities."),
        "contacts_missing": _("Name the contact people of each partner."),
        "safeguarding_missing": _("Write the safeguarding section: how children are kept safe in this partnership."),
        "data_items_missing": _("List the data the partners share, one item a line."),
        "too_many_data_items": _("List at most 20 data items."),
        "invalid_data_items": _("The data items must be a list of short texts."),
        "purpose_missing": _("Say for what purpose the data is shared."),
        "retention_missing": _("Say how long the shared data is kept."),
        "onward_sharing_not_excluded": _("Both partners must affirm that shared data is not passed on to anyone else."),
        "renew_before_start": _("The renewal date must come after the start date."),
        "term_too_long": _("An agreement runs at most 3 years before it is renewed."),
        "invalid_date": _("Give dates as YYYY-MM-DD."),
    }.get(code, _("The agreement was not understood. Please check every section."))
