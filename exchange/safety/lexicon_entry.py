"""One lexicon entry and the key a match is looked up by."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .normalize import fold_plain

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


# Short ordinary words: two of them side by side are not a split word ("pen is", "por no", "trans e", "a q" (a qué),
# "mer de", "ni que", "it s hit", "shot a" goal, Hinglish "kal tak" and "pe daal", not Turkish "kaltak" or
# Polish "pedał"; "hard on" yourself), in the languages with space-separated words we cover.
_STOPWORDS = frozenset(
    """
a i o e y u s t d m l n c j r re ve ll qu q k x
an as at be by do go he if in is it me my no of on or so to up us we am are was has had
the and but for not you she his her its our out who why how all any can did few get got
man men new now old one own say see two way yes pen bit hit ass tit cum hard
put let set cut saw sat ran shot trans
de la le el en un se te me ma mi tu su lo al da do du et es et je ne ni na no os si ta ti va vi
del las les los une des por que qui con sin mas mer sur pas par son sa ses mes tes nos vos
per poi non era che chi una uno gli dei
der die das den dem ein und ist im am zu um an es er wir ihr sie ich du mit von bei aus
um uma com sem nao ja ha ou em os as na no pra pro sou foi
dan di ke ya ini itu aku ada apa
ni na wa ya za la kwa
kal aaj tak pe par pr ko ki ka ke se mein mai main hai hain ho hu hoon nahi nhi mat bhi toh
ab jab tab kab ye yeh wo woh vo kya koi sab log ek aur kar kr karo daal dal diya bhej lo
ve bir bu ben sen mi ne ki da
yang dan ke di dari ini itu
""".split()
)
# the split check reads the folded view, where "l" is read as "i" ("kal" is "kai"): both spellings
SPLIT_STOPWORDS = _STOPWORDS | frozenset(fold_plain(w) for w in _STOPWORDS)
