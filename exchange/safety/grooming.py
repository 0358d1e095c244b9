"""Grooming signals that only show when harmless phrases meet in one message.

"Don't tell" and "your mum" are each ordinary; together they ask a child for secrecy
from a guardian. The lexicon marks such pieces as cues (``cue_*`` categories); this
module turns co-occurring cues into a grooming reason spanning them all.
"""
from __future__ import annotations

Cue = tuple[str, tuple[int, int]]  # cue category (or "grooming"), span in the original text

# (cue, cue, severity of the grooming reason they make together)
# "grooming" stands for any grooming phrase the lexicon found in the same message.
RULES = (
    ("cue_secret", "cue_guardian", 4),   # secrecy from parents or teachers
    ("cue_request", "cue_body", 4),      # asking to see a body, underwear, bed, shower
    ("cue_meet", "cue_alone", 3),        # meeting alone
    ("grooming", "cue_body", 4),         # "send me a photo ... in your underwear"
    ("grooming", "cue_secret", 4),       # "add me on snap, don't tell anyone"
    ("grooming", "cue_alone", 3),        # "where do you live? ... alone?"
)


def combine(cues: list[Cue]) -> list[tuple[str, int, tuple[int, int], str]]:
    """Grooming reasons for every rule whose two cues both occur."""
    by_kind: dict[str, list[tuple[int, int]]] = {}
    for kind, span in cues:
        by_kind.setdefault(kind, []).append(span)
    found = []
    for first, second, severity in RULES:
        if first in by_kind and second in by_kind:
            spans = by_kind[first] + by_kind[second]
            start = min(s for s, _ in spans)
            end = max(e for _, e in spans)
            found.append(("grooming", severity, (start, end), f"combo:{first.removeprefix('cue_')}+{second.removeprefix('cue_')}"))
    return found
