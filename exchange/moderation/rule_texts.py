"""The rule that fired, in plain words: one sentence per category a flag can carry.

Categories come from the safety filter (`exchange.safety`: word lists, grooming cues, personal
data, links), from uploads (`file`), from pre-moderation (a room that holds every student
message) and from people's reports. A category without a sentence gets a generic one: a
reviewer never reads a raw code.
"""

from __future__ import annotations

from flask_babel import gettext as _


def _sentences() -> dict[str, str]:
    # Built per call: gettext answers in the language of the current request.
    return {
        # the text filter's word and phrase lists
        "profanity": _("Swearing or an insult"),
        "bullying": _("Possible bullying: an insult or a put-down aimed at someone"),
        "hate": _("Possible hate speech: an attack on a group of people"),
        "identity": _("Words about a group of people used as an insult"),
        "sexual": _("Sexual content"),
        "violence": _("Violence or a threat"),
        "self_harm": _("Possible self-harm: a pupil may need help"),
        "grooming": _("Possible grooming: asking for secrecy, photos or contact off the platform"),
        # personal data
        "pii_phone": _("Personal data: a phone number"),
        "pii_email": _("Personal data: an e-mail address"),
        "pii_address": _("Personal data: a home or street address"),
        "pii_location": _("Personal data: a location or a map link"),
        "pii_handle": _("Personal data: a social media or chat app account"),
        "pii_invite": _("An invitation link to a private group or chat"),
        "pii_id": _("Personal data: an identity, passport or card number, or a date of birth"),
        "pii_secret": _("Personal data: a password or a login"),
        "pii_iban": _("Personal data: a bank account number"),
        "pii_card": _("Personal data: a payment card number"),
        "personal_info": _("Personal data shared"),
        # links and files
        "link": _("A link to a site that is not on the allowed list"),
        "file": _("A file that was refused (unsafe or infected)"),
        # how the flag came about, when no rule fired
        "premoderation": _("Held for approval: this room checks every student message first"),
        "safety": _("Held by the safety filter"),
        # people's reports
        "spam": _("Spam or repeated messages"),
        "other": _("Reported for another reason"),
        "report": _("Reported by a person"),
    }


def all_sentences() -> dict[str, str]:
    """Every category's sentence in the reader's language: the room page hands them to its script,
    so a flag that arrives live (raised in its sender's language) is shown in the viewer's."""
    return _sentences()


def rule_sentence(category: str | None) -> str:
    """The plain sentence for one category; a generic one for a category it does not know."""
    key = str(category or "")
    found = _sentences().get(key)
    if found:
        return found
    if key.startswith("pii_"):
        return _("Personal data")
    return _("Flagged by a safety rule")


def flag_sentences(category: str, reasons: list | None) -> list[str]:
    """The distinct sentences for a flag: its main category first, then the other rules that fired."""
    out: list[str] = []
    for cat in [category] + [str(r.get("category", "")) for r in reasons or [] if isinstance(r, dict)]:
        text = rule_sentence(cat)
        if cat and text not in out:
            out.append(text)
    return out or [rule_sentence(category)]
