"""Matches hidden under another match of the same pattern.

``re.finditer`` gives matches that do not overlap, and at each start only the first
alternative that fits (the longest phrase). A shorter or later phrase under it is lost:
"bringing a knife" (a weapon mentioned) hides "knife to school" (a threat), "una foto del
mio pisello" hides the cue "una foto" that grooming rules combine. For the verdict every
match matters: the strictest category and severity over overlapping matches decides, and a
cue is never hidden by a deny entry. So under each match of more than one word this looks
for the matches that start at each word of it (running on past its end), and for the
shorter ones that end at an earlier word end, and for a longer one at the same start (up to
twelve words on). Whole words only, as the bounded pattern
itself: "knife" is tried, "nife" is not.

Cost: one anchored match per word of a match and one per match found, plus up to twelve
anchored tries for a longer match after every match (a cue such as "tomorrow" included).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Protocol

_W = r"[\w\u0900-\u0dff]"
_WORD_START = re.compile(rf"(?<!{_W}){_W}")
_WORD_END = re.compile(rf"{_W}(?!{_W})")
_INNER_GAP = re.compile(rf"{_W}[^\w\u0900-\u0dff]+{_W}")
_LONGER_TRIES = 12  # word ends after a match tried for a longer one at its start


class Matcher(Protocol):
    """What this needs of a pattern: ``re.Pattern`` or ``dispatch.Split``."""

    def match(self, view: str, pos: int = 0, endpos: int | None = None, /) -> re.Match[str] | None: ...

    def fullmatch(self, view: str, pos: int = 0, endpos: int | None = None, /) -> re.Match[str] | None: ...


def overlapping(pattern: Matcher, view: str, outer: re.Match[str]) -> Iterator[re.Match[str]]:
    """Other matches of ``pattern`` that overlap ``outer`` (a match of it in ``view``).

    From each word start, the longest match, then each shorter one in turn: the view cut at
    the last word end before the previous match's end. One regex call per match found plus
    one per word start, not one per pair of word start and word end.
    """
    start, end = outer.span()
    # a longer match at the same start: the compiled trie may take a shorter alternative first
    # ("imma", a cue of intent, before "imma stab you", a threat); the longest one counts too
    later = list(itertools.islice((m.end() for m in _WORD_END.finditer(view, end)), _LONGER_TRIES))
    for stop in reversed(later):
        longer = pattern.fullmatch(view, start, stop)
        if longer is not None:
            yield longer
            break
    if not _INNER_GAP.search(view, start, end):
        return  # one word: nothing starts or ends inside it
    ends = [m.end() for m in _WORD_END.finditer(view, start, end)]
    for p in (m.start() for m in _WORD_START.finditer(view, start, end)):
        found = outer if p == start else pattern.match(view, p)  # "knife to school" under "bringing a knife"
        while found is not None:
            if found is not outer:
                yield found
            cut = bisect_left(ends, found.end()) - 1  # the last word end before this match's end
            if cut < 0 or ends[cut] <= p:
                break
            found = pattern.match(view, p, ends[cut])  # the view cut there: a shorter match
