"""One lexicon entry and the key a match is looked up by."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexicon_rules import Compact

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f"
_IS_CJK = re.compile(f"[{_CJK}]")
_KEY_DROP = re.compile(r"[^\w\u0900-\u0dff]+")
_KEY_RUNS = re.compile(r"([^\W\d_])\1+")


@dataclass(frozen=True)
class Entry:
    """One expanded lexicon phrase, or a whole rule kept compact (``compact``; ``folded`` is then
    one of its spellings)."""

    category: str
    severity: int
    rule: str  # "<lang>:<line>" or "policy:<n>": points at the entry, not its words
    folded: str  # the phrase after folding
    prefix: bool = False
    template: str = ""  # "head" ("kill all {group}") or "tail" ("{group} are vermin")
    compact: Compact | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        return match_key(self.folded)

    @property
    def bounded(self) -> bool:
        return not _IS_CJK.search(self.folded)


def match_key(text: str) -> str:
    """Canonical form for looking a match up: no separators, no repeated letters."""
    key = _KEY_RUNS.sub(r"\1", _KEY_DROP.sub("", text))
    return key or "".join(text.split())  # entries made of symbols only, such as emoji


def vocabulary(entries: Iterable[Entry], group_terms: Iterable[str]) -> dict[str, list[tuple[str, bool]]]:
    """Every word of every phrase, by first letter, to fill in masked spellings ("f*ck")."""
    words: dict[str, bool] = {}
    for e in entries:
        if e.compact is not None:
            for word in e.compact.words:
                if word.isalpha():
                    words.setdefault(word, False)
            continue
        parts = e.folded.split()
        for k, word in enumerate(parts):
            if word.isalpha():
                words[word] = words.get(word, False) or (e.prefix and k == len(parts) - 1)
    for g in group_terms:
        for word in g.split():
            if word.isalpha():
                words.setdefault(word, False)
    by_letter: dict[str, list[tuple[str, bool]]] = {}
    for word, is_prefix in words.items():
        by_letter.setdefault(word[0], []).append((word, is_prefix))
    return by_letter
