"""Lexicon phrases as a prefix tree of regex atoms, written out as one alternation.

The tree factors phrases by their leading atoms ("fuck you" and "fuck off" share "fuck"), so
the regex engine walks it instead of trying every phrase. ``trie_options`` also hands back the
top level of the tree as separate alternatives, each with the character it must start with:
``dispatch`` splits the alternation by that character.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from typing import Iterable

from .compiled import cached_text
from .lexicon_entry import _CJK, _IS_CJK
from .lexicon_rules import NULLABLE

# A word character for boundaries: letters and digits of space-delimited scripts, plus
# Indic vowel signs (not \w in Python). CJK characters do not block a boundary, so
# "你真是个idiot" still finds "idiot".
_WORD = rf"(?:[^\W{_CJK}]|[\u0900-\u0dff])"
_WORD_CHAR = r"(?:\w|[\u0900-\u0dff])"
# Separators between words of a phrase: zero or more, so "sendmeapic" still matches.
# Kept to the cheap \W class: compiling a large class thousands of times is slow.
_SEP = r"\W*"

# An atom of a phrase: ("sep",), ("lit", character), ("run", letter, count) or ("rx", regex)
# (the rest of a rule kept compact, see ``lexicon_rules``); the markers ("end",) and
# ("prefix",) close a phrase in the prefix tree.
Atom = tuple[str] | tuple[str, str] | tuple[str, str, int]
_Trie = dict[Atom, "_Trie"]

_END: Atom = ("end",)
_END_PREFIX: Atom = ("prefix",)
_SEP_ATOM: Atom = ("sep",)


def _is_letter(ch: str) -> bool:
    return ch.isalnum() or "\u0900" <= ch <= "\u0dff"


def _atoms(folded: str) -> list[Atom]:
    """Split a folded phrase into regex atoms; a run "ss" must stay at least two long."""
    atoms: list[Atom] = []
    for ch, run in itertools.groupby(folded):
        n = len(list(run))
        if not _is_letter(ch):
            if unicodedata.category(ch)[0] == "S":  # emoji and other symbols
                atoms.extend([("lit", ch)] * n)
            elif not atoms or atoms[-1] != _SEP_ATOM:
                atoms.append(_SEP_ATOM)
        elif _IS_CJK.match(ch):
            atoms.extend([("lit", ch)] * n)  # 妈妈 (mum) is not 妈
        else:
            atoms.append(("run", ch, n))
    return atoms


def _atom_regex(atom: Atom) -> str:
    if len(atom) == 1:  # the separator, the only atom of one item
        return _SEP
    if atom[0] in ("rx", "rx0"):
        return atom[1]
    c = re.escape(atom[1])
    if len(atom) == 3:  # a run: "cc*" rather than "c+": sre skips a branch on its first literal
        return c * atom[2] + c + "*"
    return c


def _emit(node: _Trie, end: str, prefix_end: str) -> str:
    """The regex of a prefix-tree node: one alternative per child, longest first."""
    options = _options(node, end, prefix_end)
    if len(options) == 1:
        return options[0][1]
    return "(?:" + "|".join(regex for _, regex in options) + ")"


def _options(node: _Trie, end: str, prefix_end: str) -> list[tuple[Atom, str]]:
    """A node's alternatives in the order they are tried, each with its first atom."""
    branches = []
    rests = []
    maybe_empty = []
    finals = []
    for atom, child in node.items():
        if atom == _END:
            finals.append((atom, end))
        elif atom == _END_PREFIX:
            finals.append((atom, prefix_end))
        elif atom[0] == "rx":  # a compact rule's rest: after the phrases spelled further on
            rests.append((atom, _atom_regex(atom) + _emit(child, end, prefix_end)))
        elif atom[0] == "rx0":  # a rest that may match nothing: just before the phrases that end here
            maybe_empty.append((atom, _atom_regex(atom) + _emit(child, end, prefix_end)))
        else:
            branches.append((atom, _atom_regex(atom) + _emit(child, end, prefix_end)))
    # longest first: "fuck you" before "fuck"
    rests.sort(key=lambda option: len(option[1]), reverse=True)  # of two rules, the longer is likely the longer match
    return branches + rests + maybe_empty + finals


Item = tuple[str, bool, str]  # folded phrase, is_prefix, regex of a compact rule's rest ("")


def _items(phrases: Iterable[tuple[str, bool]] | Iterable[Item]) -> list[Item]:
    return sorted({(p[0], p[1], p[2] if len(p) > 2 else "") for p in phrases})


def _trie(phrases: Iterable[tuple[str, bool]] | Iterable[Item]) -> str | None:
    """One regex alternation, factored by prefix, for (folded phrase, is_prefix[, rest]) items.

    Word boundaries are checked once around the whole alternation by the caller;
    backtracking then finds the alternative that ends on a boundary.
    """
    items = _items(phrases)
    if len(items) < SMALL_TRIE:
        return _build_trie(items)
    # The source of a big alternation is itself seconds of work: kept beside the compiled code.
    return cached_text(_trie_key(items), lambda: _build_trie(items) or "")


def _trie_key(items: list[Item]) -> str:
    return TRIE_FORMAT + "\n".join(f"{folded}\t{int(prefix)}\t{rest}" for folded, prefix, rest in items)


TRIE_FORMAT = "trie-5\n"  # changes with the regex written for the same items
SMALL_TRIE = 2000  # phrases: below this, building the source is quicker than reading it


def _root(items: list[Item]) -> _Trie:
    root: _Trie = {}
    for folded, prefix, rest in items:
        node = root
        for atom in _atoms(folded):
            node = node.setdefault(atom, {})
        if rest:
            node = node.setdefault(("rx0", rest[1:]) if rest[0] == NULLABLE else ("rx", rest), {})
        node.setdefault(_END_PREFIX if prefix else _END, {})
    return root


def _build_trie(items: list[Item]) -> str | None:
    root = _root(items)
    if not root:
        return None
    return _emit(root, "", f"{_WORD_CHAR}*")


# A top-level alternative: (its first character, its regex, and for one that starts with a
# separator (first character ""), the alternatives after the separator, each with its own).
Option = tuple[str, str, list[tuple[str, str]]]


def trie_options(phrases: Iterable[tuple[str, bool]] | Iterable[Item]) -> list[Option] | None:
    """The top-level alternatives of ``_trie``'s alternation, in its order (their "|" is the same
    regex), or None when one could match an empty text or starts with a compact rule's rest
    (no first character to split on)."""
    items = _items(phrases)
    if len(items) < SMALL_TRIE:
        return _build_options(items)
    text = cached_text("options-1\n" + _trie_key(items), lambda: json.dumps(_build_options(items)))
    loaded: list[Option] | None = json.loads(text)
    return loaded


def _build_options(items: list[Item]) -> list[Option] | None:
    prefix_end = f"{_WORD_CHAR}*"
    root = _root(items)
    out: list[Option] = []
    for atom, regex in _options(root, "", prefix_end):
        if atom[0] in ("lit", "run"):
            out.append((_first(atom), regex, []))
        elif atom != _SEP_ATOM:
            return None  # an empty phrase, or a rest without a first character
        else:
            after = []
            for inner, inner_regex in _options(root[atom], "", prefix_end):
                if inner[0] not in ("lit", "run"):
                    return None  # separators only: the phrase could match nothing
                after.append((_first(inner), inner_regex))
            out.append(("", regex, after))
    return out


# The first two characters a match can start with: for each first character, the second ones
# (and whether any non-word character may be second), or None when the second can be anything.
Starts = dict[str, tuple[frozenset[str], bool] | None]


def starts(phrases: Iterable[str]) -> Starts | None:
    """What a match of these folded phrases can start with; None: any character.

    The second character is known from a phrase's own atoms when it has two or more: the first
    letter again (a run "ss" or a stretched one), the next atom's, or, after a separator, any
    non-word character or the atom after it.
    """
    found: dict[str, tuple[set[str], bool] | None] = {}
    for phrase in phrases:
        atoms = _atoms(phrase)
        if not atoms or atoms[0][0] not in ("lit", "run"):
            return None
        first = _first(atoms[0])
        seconds: set[str] = set()
        nonword = False
        if atoms[0][0] == "run" and atoms[0][2] >= 2:  # type: ignore[misc]  # why: a run atom has three items
            seconds.add(first)
        else:
            if atoms[0][0] == "run":
                seconds.add(first)
            after = atoms[1:3]
            if after and after[0] == _SEP_ATOM:
                nonword = True
                after = after[1:]
            if not after or after[0][0] not in ("lit", "run"):
                found[first] = None  # the phrase ends here: what follows it in the pattern is second
                continue
            seconds.add(_first(after[0]))
        if first in found and found[first] is None:
            continue
        known = found.setdefault(first, (set(), False))
        assert known is not None
        found[first] = (known[0] | seconds, known[1] or nonword)
    return {c: (frozenset(v[0]), v[1]) if v is not None else None for c, v in found.items()}


def _first(atom: Atom) -> str:
    """The character a "lit" or "run" atom starts with."""
    return atom[1]  # type: ignore[misc]  # why: the atoms of one item are tuples of two or three
