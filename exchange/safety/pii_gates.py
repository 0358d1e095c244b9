"""Cheap pre-checks that let the personal-data detectors skip a message they cannot match.

Each check is a necessary condition of the detector it guards, so skipping changes no
result: it only answers "this text cannot hold that kind" faster than the detector's own
regular expression, whose alternations of many words under IGNORECASE are tried at every
position of the text. The checks read the words of a message once (letter runs of its
lower-case form) and compare sets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

# str.isdigit() is true for these besides \d (superscripts, circled and Ethiopic digits...):
# one regex search answers "any(c.isdigit() for c in text)".
HAS_DIGIT = re.compile(
    "[\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468"
    "\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792"
    "\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a]"
)
# House numbers in Chinese or Japanese numerals ("和平巷十七号", "二丁目 十番"): no digit, still an address.
CJK_NUMBERED = re.compile(
    r"[一二三四五六七八九十百零]{1,6}(?:[号號]|番地?)|[一二三四五六七八九十]{1,3}丁目|门牌|[一二三四五六七八九十]{1,3}の[一二三四五六七八九十]{1,3}の"
)
_LETTERS = re.compile(r"[^\W\d_]+")
# Characters that IGNORECASE matching treats as one more letter's case (re._compiler's
# equivalences): folded here so a lower-case comparison sees what the regex would.
# re._casefix: each group maps to its first member that is a letter.
_CASE_EQUIVALENTS = {
    0x0131: 0x0069,
    0x017F: 0x0073,
    0x03BC: 0x00B5,
    0x03C3: 0x03C2,
    0x03D0: 0x03B2,
    0x03D1: 0x03B8,
    0x03D5: 0x03C6,
    0x03D6: 0x03C0,
    0x03F0: 0x03BA,
    0x03F1: 0x03C1,
    0x03F5: 0x03B5,
    0x1C80: 0x0432,
    0x1C81: 0x0434,
    0x1C82: 0x043E,
    0x1C83: 0x0441,
    0x1C84: 0x0442,
    0x1C85: 0x0442,
    0x1C86: 0x044A,
    0x1C87: 0x0463,
    0x1E9B: 0x1E61,
    0x1FBE: 0x03B9,
    0x1FD3: 0x0390,
    0x1FE3: 0x03B0,
    0xA64B: 0x1C88,
    0xFB06: 0xFB05,
}
_NEEDS_FOLD = re.compile(
    "[\u0131\u017f\u03bc\u03c3\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb06]"
)


def caseless(text: str) -> str | None:
    """The text in lower case, as IGNORECASE compares it; None when lowering changes its length."""
    lower = text.lower()
    if len(lower) != len(text):
        return None
    return lower.translate(_CASE_EQUIVALENTS) if _NEEDS_FOLD.search(lower) else lower


@lru_cache(maxsize=4)
def words_of(text: str) -> frozenset[str] | None:
    """The letter runs of the text in caseless form; None when no such form exists."""
    lower = caseless(text)
    return None if lower is None else frozenset(_LETTERS.findall(lower))


def heads(words: Iterable[str]) -> frozenset[str]:
    """The first letter run of each word or phrase (its letters before any mark or sign)."""
    out = set()
    for word in words:
        lower = caseless(word) or word.lower()
        m = _LETTERS.match(lower)
        assert m is not None, word  # every keyword starts with a letter
        out.add(m.group())
    return frozenset(out)


def any_word(text: str, words: frozenset[str]) -> bool:
    """False only when no letter run of the text is one of ``words`` (in caseless form).

    Guards a pattern whose keyword stands between two non-letters (a look-behind and a
    look-ahead on letters, or a separator after it): its first letter run is then a
    letter run of the text.
    """
    seen = words_of(text)
    return seen is None or not words.isdisjoint(seen)


def contains_any(needles: Iterable[str]) -> Callable[[str], bool]:
    """``any(n in text for n in needles)`` as one regex search: the Python loop over a few dozen
    needles for every message cost about a tenth of the personal-data scan."""
    found = sorted(set(needles), key=len, reverse=True)
    if not found:
        return lambda _text: False
    search = re.compile("|".join(re.escape(n) for n in found)).search
    return lambda text: search(text) is not None
