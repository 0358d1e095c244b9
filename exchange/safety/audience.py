"""What each audience sees: the action table from (category, severity) to an action.

The audience is the sender's grade band. Stricter for younger senders, in the spirit of
age-based settings in CleanSpeak and Community Sift. Severity runs 1 (mild) to 4.

| category                 | under13             | teen                  | adult (teachers, experts) |
|--------------------------|---------------------|-----------------------|---------------------------|
| profanity 1-2            | hold                | redact                | 1 allow, 2 redact         |
| profanity 3-4            | block               | block                 | hold                      |
| hate 1 (a code that is also a year, e.g. 1488) | hold | hold            | hold                      |
| hate 2-4                 | block               | block                 | block                     |
| sexual 1                 | hold                | redact                | redact                    |
| sexual 2                 | hold                | hold                  | hold                      |
| sexual 3-4               | block               | block                 | 3 hold, 4 block           |
| violence 1-2             | hold                | hold                  | hold                      |
| violence 3-4             | block               | block                 | block                     |
| self_harm                | hold                | hold                  | hold                      |
| bullying 1-3             | hold                | hold                  | redact                    |
| bullying 4 ("kys")       | block               | block                 | block                     |
| grooming 1               | allow (noted)       | allow (noted)         | hold                      |
| grooming 2-4             | hold                | hold                  | hold                      |
| pii phone/email/address/location | hold, redacted | redact             | allow (noted)             |
| pii handle/invite        | hold, redacted      | redact                | hold                      |
| link outside allowlist   | hold                | hold                  | allow (noted); shortener: hold |

Why these choices: self-harm is held, never blocked, so a teacher sees a pupil who may
need help. Bullying is held for pupils rather than masked: a row of asterisks gives the
teacher nothing to act on, the held message shows what was said. Grooming is held for a human, not blocked, because the context decides and
the moderator must see it; a question about a child's age, school or home is grooming 2
(held) whoever asks. Adults may share their own work contacts, but a handle or invite
link moves a child to an unmoderated app. PII spans stay redacted in a held student
message, so approving it cannot leak the contact.
"""

from __future__ import annotations

from collections.abc import Iterable

from .verdict import ACTIONS, AUDIENCES

PII_CONTACT = frozenset({"pii_phone", "pii_email", "pii_address", "pii_location"})
PII_APP = frozenset({"pii_handle", "pii_invite"})


def action_for(category: str, severity: int, audience: str) -> str:
    """The action one reason calls for, given the sender's audience."""
    young = audience == "under13"
    adult = audience == "adult"
    if category == "profanity":
        if severity >= 3:
            return "hold" if adult else "block"
        if young:
            return "hold"
        return "allow" if adult and severity == 1 else "redact"
    if category == "hate":
        return "block" if severity >= 2 else "hold"
    if category == "sexual":
        if severity >= 4 or (severity == 3 and not adult):
            return "block"
        if severity == 1 and not young:
            return "redact"
        return "hold"
    if category == "violence":
        return "block" if severity >= 3 else "hold"
    if category == "self_harm":
        return "hold"
    if category == "bullying":
        if severity >= 4:
            return "block"
        return "redact" if adult else "hold"
    if category == "grooming":
        return "hold" if severity >= 2 or adult else "allow"
    if category in PII_CONTACT:
        return "hold" if young else "allow" if adult else "redact"
    if category in PII_APP:
        return "redact" if audience == "teen" else "hold"
    if category == "link":
        return "allow" if adult and severity <= 2 else "hold"
    return "hold"  # a deployment's own category: let a human decide


def strictest(actions: Iterable[str]) -> str:
    """The strictest of several actions ("allow" when there are none)."""
    return max(actions, key=ACTIONS.index, default="allow")


def check_audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    return audience
