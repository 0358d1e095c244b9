"""Allowed phrases that fold onto another language's bad word, kept to their exact spelling.

Folding strips diacritics, so Norwegian "jøder" (Jews, an identity term: allowed) folds to
"joder", a Spanish swear word. Allowed phrases apply in every room, so the fold alone
would let "joder" through everywhere. The choice made here: an allowed phrase (an
``allow`` entry or an identity term) whose folded form holds a deny entry of *another*
language, and whose own spelling differs from that fold (folding changed it), only
cancels a match where the original text has its exact spelling, diacritics included
(case aside). "jøder" stays allowed; "joder" is caught.

Why this rather than scoping allowed phrases to their language: the room's languages are a
hint, not the language of each message, and an identity term typed in a mixed room must
stay allowed; the diacritic is what actually tells the two words apart. An allowed phrase
spelled the same as the other language's entry (Portuguese "puto", kid, and Spanish
"puto") is not touched: the fold is not what makes them meet. Deny entries of the phrase's
own language are matched through the exact spelling too, so nothing of that language is
lost when the diacritic is typed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable

from .compiled import cached_object
from .lexicon_entry import Entry


def entry_language(rule: str) -> str:
    """The language of an entry from its rule id ("words/es:64" -> "es"; "policy:3" -> "policy")."""
    return rule.rsplit(":", 1)[0].rsplit("/", 1)[-1]


def exact_form(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", raw).casefold().split())


def crosses_language(
    folded: str, lang: str, raw: str, entries_in: Callable[[str], Iterable[tuple[int, int, Entry]]]
) -> bool:
    """Whether an allowed phrase must keep its exact spelling (see the module docstring).

    It must when a deny entry of another language matches its fold at a place where the
    fold dropped a diacritic or read a non-Latin letter as a Latin one ("ø" as "o"); the
    fold's ordinary look-alike merges of Latin letters ("l" read as "i") do not count.
    """
    spelled = exact_form(raw).rstrip("*")
    if spelled == folded or len(spelled) != len(folded):
        return False  # folding changed nothing (or not letter for letter: left as it was)
    changed = [a != b and not a.isascii() for a, b in zip(spelled, folded)]
    return any(
        any(changed[start:end]) and not e.category.startswith("cue_") and entry_language(e.rule) not in (lang, "policy")
        for start, end, e in entries_in(folded)
    )


def crossings(
    exact: list[tuple[str, str, str]], entries_in: Callable[[str], Iterable[tuple[int, int, Entry]]], matcher: str
) -> list[bool]:
    """`crosses_language` for every (folded, language, spelling): seconds per process, so kept with the
    regexes, keyed by the phrases and `matcher` (the deny pattern's source and entries it looks up)."""
    return cached_object(
        f"crossing-1\n{matcher}\n{exact!r}",
        lambda: [crosses_language(f.rstrip("*"), lang, raw, entries_in) for f, lang, raw in exact],
    )


def exact_pattern(raws: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for allowed phrases matched on the original text as spelled."""
    forms = sorted({exact_form(r) for r in raws if r.strip("* ")}, key=len, reverse=True)
    if not forms:
        return None
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in f.rstrip("*").split()) + (r"\w*" if f.endswith("*") else "") for f in forms
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def inside(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)
