"""The result types of every safety check (shared by text, links and PII)."""

from __future__ import annotations

from dataclasses import dataclass

ACTIONS = ("allow", "redact", "hold", "block")  # ordered from mildest to strictest
AUDIENCES = ("under13", "teen", "adult")
# The rule prefix of a reason for harm a pupil quotes to ask an adult for help (speech.reported_harm):
# its action is allow, and the message path tells the room's teachers (a notice flag), never silently.
REPORTED = "reported:"


@dataclass(frozen=True)
class Reason:
    """Why a verdict is not a plain allow. `span` indexes the original text."""

    category: str  # e.g. "profanity", "hate", "sexual", "violence", "self_harm", "grooming", "pii_phone", "link"
    severity: int  # 1 (mild) .. 4 (severe)
    span: tuple[int, int]  # [start, end) in the text given to check_text
    rule: str = ""  # lexicon entry id or detector name; never the content itself in logs
    action: str = ""  # what this reason alone calls for, for the sender's audience


@dataclass(frozen=True)
class Verdict:
    """The decision on one text. ``reasons`` may be non-empty on an allow: notes that did
    not change the action (an adult's own e-mail address, a pupil asking another's age)."""

    action: str  # one of ACTIONS
    reasons: tuple[Reason, ...] = ()
    text: str = ""  # what may be shown (redacted where action == "redact")

    @property
    def allowed(self) -> bool:
        return self.action in ("allow", "redact")

    @property
    def reports_harm(self) -> bool:
        """Delivered, but a teacher must read it: a pupil quotes harm done to them to ask for help."""
        return reports_harm(self.reasons)


def reports_harm(reasons: tuple[Reason, ...]) -> bool:
    """Some reason is harm a pupil quotes to ask an adult for help (`REPORTED`)."""
    return any(r.rule.startswith(REPORTED) for r in reasons)


@dataclass(frozen=True)
class SafetyPolicy:
    """Per-deployment additions: extra allowed words, extra denied entries, link allowlist."""

    allow_words: frozenset[str] = frozenset()
    deny_entries: tuple[tuple[str, str, int], ...] = ()  # (phrase, category, severity)
    link_domains: frozenset[str] = frozenset()
    # the trained model (model.py) holding for a person what the rules let through: None follows the
    # deployment (EXCHANGE_SAFETY_MODEL, on unless set off; README, "Trained second opinion")
    second_opinion: bool | None = None
