"""The lexicon's alternation split by the first character of its alternatives.

All phrases compile into one prefix-tree alternation of megabytes (``lexicon_trie``). Its
top level has hundreds of alternatives, one per first letter (and per length of a run of
it, per symbol...), and the regex engine tries them one after another wherever a match may
start: about 4 µs at every word start, most of a message's matching time, even where no
phrase starts with the letter there. Here that top level is split by first character and
each part compiled on its own: at a position only the alternatives that can start with the
character found there are tried, in their original order. The others would have failed on
their first character, so every match is the one the whole alternation finds (the same
start, end, groups and alternative), at a small part of the cost.

An alternative that starts with a separator (``\\W*``) may start on any non-word character,
or, matching no separator, on the first character of what follows it: it is kept whole for
non-word characters and split by that next character for word characters. Alternatives tried
before the tree (the hate templates) are layers of their own, tried first: an alternation
tries its alternatives in order, so "the first layer that matches" is what it finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .compiled import compile_many
from .lexicon_trie import _SEP, _WORD, Option, Starts

_IS_WORD = re.compile(r"\w")


def _group(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


class _Layer:
    """One alternative of the whole alternation: the pattern for a character, else ``rest``."""

    __slots__ = ("table", "rest", "seconds")

    def __init__(self, table: dict[str, re.Pattern[str]], rest: re.Pattern[str] | None, seconds: Starts | None):
        self.table = table
        self.rest = rest
        self.seconds = seconds  # a layer that needs two characters: the second ones per first


# What a layer is made of: a whole alternative with what it can start with (None: anything,
# see ``lexicon_trie.starts``), or the top-level alternatives of a prefix tree.
Whole = tuple[str, Starts | None]
Part = Whole | list[Option]


class Split:
    """Layers of patterns that together answer as the alternation of all their sources.

    ``match``, ``fullmatch`` and ``finditer`` take the arguments of ``re.Pattern``'s methods
    and return the same matches as the one pattern would.
    """

    def __init__(self, parts: list[Part], bounded: bool, own: frozenset[str] | None = None):
        """``own``: the characters with a pattern of their own in a prefix-tree layer (default:
        every first character; a character left out is served by the layer's ``rest``)."""
        wrap = (f"(?<!{_WORD})(?:", f")(?!{_WORD})") if bounded else ("(?:", ")")
        plans: list[tuple[dict[str, str], str | None, Starts | None]] = []
        if own is None:
            found = set()
            for part in parts:
                if isinstance(part, list):
                    found |= {first for first, _, _ in part if first}
                    found |= {c for first, _, after in part if not first for c, _ in after}
            own = frozenset(found)
        self.own = own
        any_char = nonword = False
        keys: set[str] = set()
        for part in parts:
            if isinstance(part, tuple):
                source, starts = part
                plans.append(({c: source for c in starts}, None, starts) if starts is not None else ({}, source, None))
                any_char = any_char or starts is None
                keys |= set(starts or ())
                continue
            table, rest, rest_any = _split(part, own)
            plans.append((table, rest, None))
            keys |= set(table)
            any_char = any_char or rest_any
            nonword = nonword or any(not first for first, _, _ in part)
        sources = sorted({s for table, rest, _ in plans for s in [*table.values(), rest] if s is not None})
        compiled = dict(zip(sources, compile_many([wrap[0] + s + wrap[1] for s in sources])))
        layers = [
            _Layer({c: compiled[s] for c, s in table.items()}, compiled[rest] if rest is not None else None, seconds)
            for table, rest, seconds in plans
        ]
        # What to try for each first character, worked out once: one look-up per position instead
        # of one per layer (the layers' own loop was a fifth of a lexicon scan's time).
        self._plans = {ch: _plan(layers, ch) for ch in set().union(*(layer.table for layer in layers))}
        self._other = _plan(layers, None)
        if any_char:
            first = r"[\s\S]"
        else:
            first = "[" + "".join(re.escape(c) for c in sorted(keys)) + "]"
            first = f"(?:{first}|\\W)" if nonword else first
        self._starts = re.compile(f"(?<!{_WORD}){first}" if bounded else first)

    def match(self, view: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self._first(view, pos, endpos, full=False)

    def fullmatch(self, view: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self._first(view, pos, endpos, full=True)

    def _first(self, view: str, pos: int, endpos: int | None, full: bool) -> re.Match[str] | None:
        """The first layer's match (or full match) at `pos`, as the one alternation would give it."""
        end = len(view) if endpos is None else min(endpos, len(view))
        if pos >= end:
            return None  # no alternative matches an empty text (``trie_options``)
        for pattern, known in self._plans.get(view[pos], self._other):
            if known is not None:  # every phrase of the layer that starts here has a second character
                if pos + 1 >= end:
                    continue
                after = view[pos + 1]
                if after not in known[0] and not (known[1] and not (after.isalnum() or after == "_")):
                    continue
            m = pattern.fullmatch(view, pos, end) if full else pattern.match(view, pos, end)
            if m is not None:
                return m
        return None

    def finditer(self, view: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches from left to right, as ``re.Pattern.finditer``: tried only
        where a layer has a pattern for the character (and, bounded, after a non-word one)."""
        after = 0
        for start in self._starts.finditer(view):
            pos = start.start()
            if pos < after:
                continue
            m = self.match(view, pos)
            if m is not None:
                yield m
                after = m.end()


# A step of a plan: a layer's pattern, and the characters that may follow the first one (the
# second characters, and whether a non-word one may be second), or None when any may.
Step = tuple[re.Pattern[str], tuple[frozenset[str], bool] | None]


def _plan(layers: list[_Layer], ch: str | None) -> tuple[Step, ...]:
    """The layers' patterns to try, in order, where a match would start with ``ch`` (None: a
    character no layer has a pattern of its own for), each with the second characters it allows."""
    steps = []
    for layer in layers:
        pattern = layer.table.get(ch, layer.rest) if ch is not None else layer.rest
        if pattern is None:
            continue
        known = layer.seconds.get(ch) if layer.seconds is not None and ch is not None else None
        steps.append((pattern, known))
    return tuple(steps)


def _split(options: list[Option], own: frozenset[str]) -> tuple[dict[str, str], str | None, bool]:
    """Sources per character of ``own``, the source for any other character, and whether that
    one can start on a word character."""
    by_first: dict[str, list[int]] = {}
    led = []  # alternatives led by a separator
    for i, (first, _, _) in enumerate(options):
        if first:
            by_first.setdefault(first, []).append(i)
        else:
            led.append(i)
    table = {}
    for ch in own:
        word = _IS_WORD.match(ch) is not None
        parts = []
        for i in sorted(by_first.get(ch, []) + led):
            first, regex, after = options[i]
            if first or not word:
                parts.append(regex)
                continue
            inner = [r for c, r in after if c == ch]  # the separator matches nothing here
            if inner:
                parts.append(_SEP + _group(inner))
        if parts:
            table[ch] = _group(parts)
    others = [i for first, found in by_first.items() if first not in own for i in found]
    rest = [options[i][1] for i in sorted(others + led)]
    return table, (_group(rest) if rest else None), bool(others)
