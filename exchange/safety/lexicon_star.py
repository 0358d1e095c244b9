"""A ``*`` after a word inside a phrase: "(lol|haha*) eat something", "kuva pyjamas* nyt".

A trailing ``*`` at the very end of a phrase makes a prefix entry (``Entry.prefix``): its
key is looked up by its leading letters. One after an inner word cannot be: the words after
it still have to match, and the match's key ("hahahaeatsomething") is neither the phrase's
key nor starts with all of it. Such a spelling is kept as a small rule of its own
(``lexicon_rules.Compact``): the words before the first ``*`` lead in the prefix tree, the
rest is a regex in which each starred word takes any continuation, and the key pattern
accepts the same continuations, so the look-up agrees with the match.

A ``*`` inside a word ("f*ck") has no meaning in a phrase and is refused when loading.
"""

from __future__ import annotations

import re

from .lexicon_rules import INDEX_LEN, Compact, _key_form, _key_regex, _text_regex

_WORD_CHAR = r"[\w\u0900-\u0dff]*"
_INNER_STAR = re.compile(r"\*(?=\s)")
_BAD_STAR = re.compile(r"\*(?=[^\s*|)\]])")


def check_stars(phrase: str, where: str) -> None:
    """Refuse a ``*`` inside a word, naming the file and line."""
    if _BAD_STAR.search(phrase):
        raise ValueError(f"{where}: '*' inside a word has no meaning in a lexicon phrase: {phrase!r}")


def has_inner_star(spelled: str) -> bool:
    return bool(_INNER_STAR.search(spelled.rstrip()))


def starred(folded: str) -> Compact:
    """The rule of one folded spelling with ``*`` after inner words (and maybe at its end)."""
    pieces = folded.split("*")  # "haha", " iss mal was" (a last "" when it ends in "*")
    head = pieces[0].strip()
    rest = []
    key = [_key_regex((head,))]
    for k, piece in enumerate(pieces[1:], 1):
        rest.append(_WORD_CHAR)
        key.append(_WORD_CHAR)
        if piece.strip():
            rest.append(_text_regex(piece, k == len(pieces) - 1))
            key.append(_key_regex((piece,)))
    words = tuple(w for w in folded.replace("*", " ").split() if w.isalpha())
    start = _key_form(head)[:INDEX_LEN]
    return Compact(((head, "".join(rest)),), "".join(key), frozenset([start]), words, starred=True)
