"""Digits typed among spelled numbers: which belong to a phone number, and which gloss a word.

"07700 nine zero zero 4 five 6" and "رقمي 010 تسعة ٨ ٤ خمسة" write one number in two ways; "uno 1, dos 2, tres 3"
and "12 twelve, 15 fifteen" are a language lesson listing numerals beside their words, not a phone.
"""

from __future__ import annotations

Kind = tuple[str, int]  # a number word's kind ("u" unit, "t" teen, "x" tens, "n" digit group...) and value


def digit_group(word: str) -> bool:
    """Up to five digits of any script typed between number words: "07700 nine zero zero", "رقمي 010 تسعة ٨"."""
    return word.isdecimal() and len(word) <= 5


def glossary(run: list[tuple[int, int, Kind]]) -> bool:
    """Numerals beside their own words, as a language lesson lists them: "uno 1, dos 2, tres 3", "12 twelve"."""
    kinds = [k for _, _, k in run]
    pairs = sum(
        1
        for a, b in zip(kinds, kinds[1:])
        if "n" in (a[0], b[0])
        and a[0] != b[0]
        and (a[1] // 10 if a[0] == "n" else a[1]) == (b[1] // 10 if b[0] == "n" else b[1])
    )
    return pairs * 2 >= len(kinds) - 1
