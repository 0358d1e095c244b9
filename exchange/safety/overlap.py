"""Matches hidden under another match of the same pattern.

``re.finditer`` gives matches that do not overlap, and at each start only the first
alternative that fits (the longest phrase). A shorter or later phrase under it is lost:
"bringing a knife" (a weapon mentioned) hides "knife to school" (a threat), "una foto del
mio pisello" hides the cue "una foto" that grooming rules combine. For the verdict every
match matters: the strictest category and severity over overlapping matches decides, and a
cue is never hidden by a deny entry. So under each match of more than one word this looks
for the matches that start at a later word of it (running on past its end), and for the
shorter ones that end at an earlier word end. Whole words only, as the bounded pattern
itself: "knife" is tried, "nife" is not.

Cost: a few anchored matches per word of a match, and matches are rare in ordinary talk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_W = r"[\w\u0900-\u0dff]"
_WORD_START = re.compile(rf"(?<!{_W}){_W}")
_WORD_END = re.compile(rf"{_W}(?!{_W})")
_INNER_GAP = re.compile(rf"{_W}[^\w\u0900-\u0dff]+{_W}")


def overlapping(pattern: re.Pattern[str], view: str, outer: re.Match[str]) -> Iterator[re.Match[str]]:
    """Other matches of ``pattern`` that overlap ``outer`` (a match of it in ``view``)."""
    start, end = outer.span()
    if not _INNER_GAP.search(view, start, end):
        return  # one word: nothing starts or ends inside it
    starts = [m.start() for m in _WORD_START.finditer(view, start, end)]
    ends = [m.end() for m in _WORD_END.finditer(view, start, end)]
    for p in starts:
        if p > start:
            longer = pattern.match(view, p)  # "knife to school" under "bringing a knife"
            if longer is not None and longer.end() > end:
                yield longer
        for q in ends:
            if q > p and (p, q) != (start, end):
                inner = pattern.match(view, p, q)  # the view cut at a word end
                if inner is not None and inner.end() == q:
                    yield inner
