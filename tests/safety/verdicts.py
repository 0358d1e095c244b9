"""What a pupil's message gets from the filter, in the shapes the rule tests assert on."""

from __future__ import annotations

from exchange.safety import check_text
from exchange.safety.verdict import Verdict


def verdict(text: str, audience: str = "under13") -> Verdict:
    return check_text(text, audience)


def rules(text: str) -> set[str]:
    """The names of the rules that fired ("pii:hidden_key", "slight:group", "phrases/de:931")."""
    return {r.rule for r in verdict(text).reasons}


def categories(text: str) -> set[str]:
    return {r.category for r in verdict(text).reasons}
