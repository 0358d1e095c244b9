"""Texts that can only be accepted or refused: a name, a title, a caption, a profile, a note.

The trained second opinion never blocks or masks; it only holds, to ask for a person's look.
A form field has no look to wait for, so a hold there can only refuse, and the model's few
n-grams then decide alone (it refused the surname "User" and the exhibition title "Spring
plans spruce finch"). Such fields are decided by the word lists and phrase rules: one policy,
called by every form that refuses a text, so no field drifts back to the model by accident.
Chat, files and comments, where a hold reaches a moderator, keep ``check_text``'s default.
"""

from __future__ import annotations

from collections.abc import Iterable

from .text import check_text
from .verdict import SafetyPolicy, Verdict

FIELD_POLICY = SafetyPolicy(second_opinion=False)


def check_field(text: str, audience: str, languages: str | Iterable[str] | None = None) -> Verdict:
    """``check_text`` for a field that is accepted or refused, by the rules alone."""
    return check_text(text, audience=audience, languages=languages, policy=FIELD_POLICY)
