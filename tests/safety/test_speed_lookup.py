"""The look-up of a match's key walks the starts of prefix entries' keys instead of trying
every cut of the key from its longest: the same entry must come out for every key."""

from __future__ import annotations

import itertools

from exchange.safety.lexicon import Entry, Lexicon, match_key


def _longest_prefix_naive(lexicon: Lexicon, key: str) -> list[Entry] | None:
    """The look-up as it was: every cut of the key, longest first."""
    for cut in range(min(len(key), lexicon._max_prefix), 0, -1):
        longest = lexicon._prefix.get(key[:cut])
        if longest:
            return longest
    return None


PREFIXES = ["fuck", "fu", "bastard", "wank", "wanker", "shitt", "ni", "nig", "kys", "dumbass", "a"]
EXACT = ["fucked up", "bastards", "nigh", "wankel", "dumb"]


def _lexicon() -> Lexicon:
    entries = [Entry("profanity", 2 + (i % 3), f"test:{i}", p, prefix=True) for i, p in enumerate(PREFIXES)]
    entries += [Entry("bullying", 1, f"test:e{i}", e) for i, e in enumerate(EXACT)]
    return Lexicon(entries)


def test_the_walk_finds_the_longest_prefix_entry_as_every_cut_did():
    lexicon = _lexicon()
    keys = {match_key(w) for w in PREFIXES + EXACT}
    letters = "abfiknstuwyx"
    keys |= {"".join(p) for n in range(1, 5) for p in itertools.product(letters, repeat=n)}
    keys |= {k + tail for k in list(keys)[:400] for tail in ("", "x", "ing", "ed", "s")}
    for key in sorted(keys):
        naive = _longest_prefix_naive(lexicon, key)
        exact = [e for _, e in lexicon._exact.get(key, [])] + (naive or [])
        expected = max(exact, key=lambda e: e.severity) if exact else None
        assert lexicon._lookup_key(key) == expected, key


def test_hits_still_name_the_longest_prefix_entry():
    lexicon = _lexicon()
    hits = lexicon.hits("you wankers and a bastardly fuckwit")
    assert {(h.start, h.end, h.entry.folded) for h in hits} >= {(4, 11, "wanker"), (28, 35, "fuck")}
