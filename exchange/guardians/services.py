"""Guardian consent rules used by other domains (filled in by the guardians issue)."""
from __future__ import annotations


def consent_refusal(student, scope: str, *, cross_school: bool) -> str | None:
    """None when the student may take part in this scope; else an error code.

    Until consent records exist, nothing is refused here: the seam is real, the rule comes later.
    """
    return None
