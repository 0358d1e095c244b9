"""The words a person sees for vetting's states, checklist items and refusals, in their
language: the pure rules speak in codes and English, these turn them into gettext texts.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..errors import DomainError
from .rules.checklist import VettingChecklist
from .rules.evidence import Problem, VettingError
from .rules.profile import MAX_BIO_LENGTH, PROFILE_LIMITS
from .rules.states import MAX_REASON_LENGTH, MIN_REASON_LENGTH


def slot_label(slot: str) -> str:
    if slot.startswith("reference_"):
        return _("Reference %(n)s", n=slot.removeprefix("reference_"))
    return {
        "identity": _("Identity document check"),
        "background": _("Background check"),
        "safeguarding_training": _("Safeguarding training"),
    }.get(slot, slot)


def problem_message(problem: Problem) -> str:
    messages = {
        "missing": _("Not recorded yet."),
        "expired": _("Expired."),
        "unknown_document_type": _("The document type must be passport, national ID, driving licence or other."),
        "missing_checker": _("Record which verifier checked this."),
        "self_checked": _("Nobody may check their own evidence."),
        "missing_date": _("A date is missing."),
        "invalid_date": _("A date is not valid. Use the form YYYY-MM-DD."),
        "future_date": _("A date is in the future."),
        "under_age": _("The holder was not an adult on the check date."),
        "missing_provider": _("Name the provider or scheme."),
        "missing_reference_number": _("The background check needs its reference number."),
        "missing_referee_name": _("Name the referee."),
        "missing_relation": _("Say how the referee knows the applicant."),
        "duplicate_referee": _("References must come from different referees."),
        "no_language": _("Give at least one language."),
        "invalid_language": _("Use language codes such as en or fr."),
        "bio_too_long": _("The bio may have at most %(n)d characters.", n=MAX_BIO_LENGTH),
        "code_of_conduct_not_agreed": _("Agree to the code of conduct."),
        "code_of_conduct_outdated": _("The code of conduct has changed; agree to the new one."),
    }
    if problem.code in messages:
        return messages[problem.code]
    for name, label in (
        ("display_name", _("Display name")),
        ("organisation", _("Organisation")),
        ("expertise", _("Expertise")),
    ):
        if problem.code.startswith(name):
            low, high = PROFILE_LIMITS[name]
            return _("%(field)s must be %(low)d to %(high)d characters.", field=label, low=low, high=high)
    return problem.message


_TRANSITION_STATUS = {
    "not_verifier": 403,
    "invalid_transition": 409,
    "reason_required": 400,
    "reason_too_long": 400,
    "evidence_incomplete": 409,
    "evidence_still_valid": 409,
    "unknown_state": 400,
}


def transition_error(exc: VettingError, before: str, target: str, checklist: VettingChecklist) -> DomainError:
    messages = {
        "not_verifier": _("Only a verifier (admin) may change a vetting record."),
        "invalid_transition": _(
            "A vetting record cannot go from %(before)s to %(after)s.",
            before=state_label(before),
            after=state_label(target),
        ),
        "reason_required": _("Give a reason of at least %(n)d characters.", n=MIN_REASON_LENGTH),
        "reason_too_long": _("Keep the reason under %(n)d characters.", n=MAX_REASON_LENGTH),
        "evidence_incomplete": _(
            "Evidence is incomplete or expired: %(items)s.",
            items=", ".join(slot_label(s) for s in checklist.outstanding),
        ),
        "evidence_still_valid": _("Expiry is recorded only when evidence has lapsed."),
        "unknown_state": _("Unknown vetting state."),
    }
    return DomainError(messages.get(exc.code, exc.message), code=exc.code, status=_TRANSITION_STATUS.get(exc.code, 400))


def state_label(state: str) -> str:
    return {
        "applied": _("applied"),
        "in_review": _("in review"),
        "verified": _("verified"),
        "expired": _("expired"),
        "suspended": _("suspended"),
        "revoked": _("revoked"),
        "rejected": _("rejected"),
        "not_verified": _("not verified"),
    }.get(state, state)
