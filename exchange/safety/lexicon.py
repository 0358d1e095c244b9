"""Multilingual word lists, compiled into one prefix-tree regular expression per set.

Each language has a TSV file in ``lexicons/``: ``phrase<TAB>category<TAB>severity``.
Phrases are folded exactly like messages (see ``normalize``), so one entry also matches
its look-alike, accented, full-width and stretched ("fuuuck") spellings. Phrase syntax:

- ``(a|b)`` alternatives, ``[a|b]`` or ``(a|b)?`` optional ones, nested or inside words: ``idiot[s]``;
- a trailing ``*`` matches any continuation of the last word: ``fuck*``;
- ``{group}`` in a hate template is replaced by each identity term of the language.

A rule with many spellings is not spelled out: its groups become regex alternatives in the
prefix tree and a match is looked up through the rule's key pattern (``lexicon_rules``).

Special categories: ``allow`` (words that contain a bad substring but are fine, e.g.
"shiitake"; a match that lies inside an allowed phrase is dropped, so an allowed phrase
around a denied one is a context exception: "cut myself a slice" drops "cut myself",
"fucking in austria" the village; a trailing ``*`` works as in deny entries), ``identity`` (neutral
identity terms: allowed, and the groups hate templates refer to), ``cue_*`` (harmless
alone, used by ``grooming`` to spot dangerous combinations).

Space-delimited scripts match on word boundaries, which is what keeps "Scunthorpe",
"classic" and "Dickens" clean; Chinese and Japanese entries match anywhere.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .allow_scope import crossings, entry_language, exact_pattern
from .compiled import cached_object, compile_many, compile_pattern
from .lexicon_entry import _IS_CJK, _KEY_RUNS, SPLIT_STOPWORDS, Entry, match_key, vocabulary
from .lexicon_rules import INDEX_LEN
from .lexicon_files import (
    COMMON,
    LANGUAGES,
    SOURCES,
    allowed_spellings,
    expand,
    identity_terms,
    load_language,
    rows_key,
)

# what callers read from here (the filter, tests, the bench): the files' names stay importable
__all__ = [
    "COMMON",
    "LANGUAGES",
    "SOURCES",
    "Entry",
    "Hit",
    "Lexicon",
    "expand",
    "identity_terms",
    "lexicon_for",
    "load_language",
    "match_key",
]
from .normalize import fold_plain
from .overlap import overlapping
from .dispatch import Part, Split
from .lexicon_trie import _SEP, _trie, starts, trie_options


ABUSE_CATEGORIES = ("profanity", "hate", "sexual", "violence", "self_harm", "grooming")
# Longest stretch of a joined run tried from one start: longer than any phrase, and it
# keeps a run of thousands of single letters linear to check.
_LONGEST_PHRASE = 80
_JOINED_AFFIX = 5  # a template word shorter than this needs a separator before its group ("pis cina")


_LOOKUP_CACHE = 65536  # matches looked up before: the same words come back message after message (a few MB)


# Pieces of a split word are letters only (after leetspeak); the second may end a sentence.
_TRAILING = ".,;:!?)]}\"'»”"
_NON_SPACE = re.compile(r"\S+")


# Cues that explain a message rather than accuse it (a school task, a game, "just kidding", talk about a
# word, a report of an insult): an allowed phrase around one ("chut, c'est une surprise") keeps it.
_EXPLAINING = frozenset({"cue_task", "cue_game", "cue_topic", "cue_joke", "cue_mention", "cue_report"})


@dataclass(frozen=True)
class Hit:
    """A lexicon match in some view of the message (view coordinates)."""

    start: int
    end: int
    entry: Entry


class Lexicon:
    """Deny entries, hate templates and allowed phrases compiled for fast matching."""

    # the languages whose entries answer (None: all); see ``narrowed``
    _only: frozenset[str] | None = None

    def __init__(
        self,
        entries: Iterable[Entry],
        allowed: Iterable[str] = (),
        groups: Iterable[str] = (),
        exact: Iterable[tuple[str, str, str]] = (),
    ):
        """``exact``: allowed phrases as (folded, language, spelling), see ``allow_scope``."""
        self.entries = tuple(entries)
        plain = [e for e in self.entries if not e.template]
        heads = [e for e in self.entries if e.template == "head"]
        tails = [e for e in self.entries if e.template == "tail"]
        # a match is looked up by its key; entries that share it keep the files' order
        self._exact: dict[str, list[tuple[int, Entry]]] = {}
        self._prefix: dict[str, list[Entry]] = {}
        self._compact: dict[str, list[tuple[int, Entry]]] = {}  # by the first letters of their keys
        for order, e in enumerate(plain):
            if e.compact is not None:
                for start in e.compact.key_starts:
                    self._compact.setdefault(start, []).append((order, e))
            elif e.prefix:
                self._prefix.setdefault(e.key, []).append(e)
            else:
                self._exact.setdefault(e.key, []).append((order, e))
        self._looked_up: dict[str, Entry | None] = {}
        # a starred rule may lead with fewer key letters than the index ("lol* ..."): ``lexicon_star``
        self._short = sorted({len(k) for e in plain if e.compact and e.compact.starred for k in e.compact.key_starts})
        self._short = [n for n in self._short if n < INDEX_LEN]
        rules = [e.compact for e in (*plain, *tails) if e.compact is not None]
        for rule, pattern in zip(rules, compile_many([r.key_regex for r in rules])):
            rule.set_compiled(pattern)
        self._heads = {e.key: e for e in heads}
        # a template's words after its group: the last entry of the files that names them answers
        self._tails = {e.key: (order, e) for order, e in enumerate(tails) if e.compact is None}
        self._tail_rules: dict[str, list[tuple[int, Entry]]] = {}
        for order, e in enumerate(tails):
            for start in e.compact.key_starts if e.compact is not None else ():
                self._tail_rules.setdefault(start, []).append((order, e))
        self._max_prefix = max((len(k) for k in self._prefix), default=0)
        # every start of a prefix entry's key: the look-up walks a key up while it is one
        self._prefix_starts = frozenset(k[:n] for k in self._prefix for n in range(1, len(k) + 1))

        group_terms = sorted({" ".join(g.split()) for g in groups if g.strip()})
        matcher = self._compile(plain, heads, tails, group_terms)
        # one-word abuse entries a split spelling may hide ("fu ck", "bit ch"), by first letters
        split_words = [
            match_key(e.folded)
            for e in plain
            if e.bounded
            and " " not in e.folded
            and len(e.key) >= 4
            and e.category in ABUSE_CATEGORIES
            and e.severity >= 2
        ]
        # first pieces, without repeated letters: "fu", "fuc", "bit" ("fuu ck" is "fu" too)
        self._split_heads = frozenset(w[:k] for w in split_words for k in range(1, min(len(w), 13)))
        self._split_prefixes = frozenset(w[:k] for w in split_words for k in range(2, min(len(w), 15) + 1))
        exact = list(exact)
        crossing = crossings(exact, self._entries_in, f"{matcher}\n{self.entries!r}")
        self._allow = _allow_matchers([*allowed, *(f for (f, _, _), c in zip(exact, crossing) if not c)])
        self.exact_allow = exact_pattern(raw for (_, _, raw), c in zip(exact, crossing) if c)
        self._vocabulary = vocabulary(self.entries, group_terms)

    def _compile(self, plain: list[Entry], heads: list[Entry], tails: list[Entry], group_terms: list[str]) -> str:
        """Deny entries and hate templates ("{group} are vermin") into two matchers split by first
        character (``dispatch``): bounded for words, relaxed for runs of letters. Returns a key
        that changes with what they match."""
        templates: list[Part] = []
        if group_terms and tails:
            words = [(e.folded, e.prefix, "") for e in tails if e.compact is None]
            words += [(head, False, rest) for e in tails if e.compact is not None for head, rest in e.compact.variants]
            tail = f"(?:{_trie((g, False) for g in group_terms)}){_SEP}(?P<tail>{_trie(words)})"
            templates.append((tail, starts(group_terms)))
        if group_terms and heads:
            head = (
                f"(?P<head>{_trie((e.folded, False) for e in heads)}){_SEP}(?:{_trie((g, False) for g in group_terms)})"
            )
            templates.append((head, starts(e.folded for e in heads)))
        main = _tree(
            [(e.folded, e.prefix, "") for e in plain if e.compact is None and e.bounded]
            + [(head, False, rest) for e in plain if e.compact is not None for head, rest in e.compact.variants]
        )
        free_items = [(e.folded, False) for e in plain if e.compact is None and not e.bounded]
        self._pattern = Split([*templates, *main], bounded=True) if templates or main else None
        free = _trie(free_items)
        self._free = compile_pattern(free) if free else None
        relaxed = [*templates, *_joined(main, _tree(free_items))]
        self._relaxed = (
            Split(relaxed, bounded=False, own=self._pattern.own if self._pattern else None) if relaxed else None
        )
        return json.dumps(relaxed, default=sorted)

    def narrowed(self, languages: frozenset[str]) -> Lexicon:
        """This compiled lexicon answering with some languages' entries only: every language set
        shares one compile (one per set took half a minute or more). Where several languages name
        a word, the strictest of the set decides; allowed phrases of every language still apply."""
        view = copy.copy(self)
        view._only = languages
        view._looked_up = {}
        return view

    def _answers(self, entry: Entry | None) -> Entry | None:
        if entry is None or self._only is None or entry_language(entry.rule) in self._only:
            return entry
        return None

    def _entries_in(self, text: str) -> list[tuple[int, int, Entry]]:
        found = ((m, self._lookup(m)) for m in self._pattern.finditer(text)) if self._pattern else ()
        return [(m.start(), m.end(), e) for m, e in found if e is not None]

    def _lookup(self, m: re.Match[str], joined: bool = False) -> Entry | None:
        """The entry a match names; ``joined``: the view joined letters typed apart, so a
        template's word and group touch because the writer spaced every letter."""
        groups = m.groupdict() if m.re.groupindex else {}
        if groups.get("tail") is not None:
            if not joined and _inside_word(m, m.start("tail"), groups["tail"]):
                return None
            return self._answers(self._tail(match_key(groups["tail"])))
        if groups.get("head") is not None:
            if not joined and _inside_word(m, m.end("head"), groups["head"]):
                return None
            return self._answers(self._heads.get(match_key(groups["head"])))
        text = m.group()
        try:
            return self._looked_up[text]
        except KeyError:
            pass
        if len(self._looked_up) >= _LOOKUP_CACHE:
            self._looked_up.clear()
        entry = self._looked_up[text] = self._lookup_key(match_key(text))
        return entry

    def _tail(self, key: str) -> Entry | None:
        found = [self._tails[key]] if key in self._tails else []
        found += [(o, e) for o, e in self._tail_rules.get(key[:INDEX_LEN], ()) if e.compact and e.compact.has_key(key)]
        return max(found, key=lambda pair: pair[0])[1] if found else None

    def _lookup_key(self, key: str) -> Entry | None:
        # An exact entry and a prefix entry can both name the word ("dumbass" from a public list,
        # "dumbass*" written here): the strictest of them decides, whichever file it came from.
        exact = self._exact.get(key, [])
        near = self._compact.get(key[:INDEX_LEN], [])
        for n in self._short:
            near = near + self._compact.get(key[:n], []) if n < len(key) else near
        compact = [(order, e) for order, e in near if e.compact and e.compact.has_key(key)]
        found = [e for _, e in sorted(exact + compact, key=lambda pair: pair[0])] if compact else [e for _, e in exact]
        # the longest prefix entry the key starts with (none longer past a start no entry has)
        longest: list[Entry] | None = None
        for cut in range(1, min(len(key), self._max_prefix) + 1):
            start = key[:cut]
            if start not in self._prefix_starts:
                break
            longest = self._prefix.get(start) or longest
        if longest:
            found.extend(longest)
        if self._only is not None:
            found = [e for e in found if entry_language(e.rule) in self._only]
        if not found:
            return None
        return max(found, key=lambda e: e.severity)

    def hits(self, view: str) -> list[Hit]:
        """All entries found in a view, minus those inside an allowed phrase."""
        found = []
        if self._pattern is not None:
            for outer in self._pattern.finditer(view):
                for m in (outer, *overlapping(self._pattern, view, outer)):  # every match counts
                    entry = self._lookup(m)
                    if entry is not None:
                        found.append(Hit(m.start(), m.end(), entry))
        if self._free is not None and _IS_CJK.search(view):
            for m in self._free.finditer(view):
                entry = self._lookup(m)
                if entry is not None:
                    found.append(Hit(m.start(), m.end(), entry))
        if found and self._allow:
            found = self.drop_allowed(view, found)
        return found

    def drop_allowed(self, view: str, found: list[Hit]) -> list[Hit]:
        """Drop hits that lie inside one of this lexicon's allowed phrases."""
        spans = [m.span() for pattern in self._allow for m in pattern.finditer(view)]
        if not spans:
            return found
        return [
            h
            for h in found
            if h.entry.category in _EXPLAINING
            or not any(s <= h.start and h.end <= e or _read_as(view, h, s, e) for s, e in spans)
        ]

    def unmask(self, token: str) -> str | None:
        """Fill in a word with masked letters ("f*ck", "h*ve") from the lexicon's words.

        Any word of any phrase may be the masked one, so "i w*nt to die" still reads as
        the phrase. A prefix entry fills the start of a longer word ("f*cking").
        """
        for word, is_prefix in self._vocabulary.get(token[0], ()):
            if len(token) == len(word) or (
                is_prefix and len(token) > len(word) and not any(c in "*#%" for c in token[len(word) :])
            ):
                if all(t == w or t in "*#%" for t, w in zip(token, word)):
                    return word + token[len(word) :]
        return None

    def split_hits(self, view: str) -> list[Hit]:
        """One-word entries typed in two pieces ("fu ck", "bit ch", "a sshole").

        Two neighbouring letter tokens are joined when the join is a whole one-word abuse
        entry (or starts a prefix entry) and the pieces are not two ordinary words
        ("pen is", "por no", "mer de", "ni que": both pieces in ``SPLIT_STOPWORDS``).
        """
        if self._pattern is None or not self._split_heads:
            return []
        found = []
        heads = self._split_heads
        words = view.split()
        for i in range(len(words) - 1):
            first = words[i]
            if first not in heads:  # a stretched piece ("fuuu ck") is left to the other views
                continue
            second = words[i + 1].rstrip(_TRAILING)
            probe = first + second[:2]  # the join still starts an entry: "fu ck" -> "fuck"
            if probe not in self._split_prefixes and _KEY_RUNS.sub(r"\1", probe) not in self._split_prefixes:
                continue
            if (
                not second.isalpha()
                or not first.isalpha()
                or len(second) > 12
                or (first in SPLIT_STOPWORDS and second in SPLIT_STOPWORDS)
            ):
                continue
            m = self._pattern.fullmatch(first + second)
            entry = self._lookup(m) if m else None
            if (
                entry is not None
                and " " not in entry.folded
                and not entry.template
                and entry.category in ABUSE_CATEGORIES
                and entry.severity >= 2
                and len(match_key(first)) < len(entry.key)
            ):  # the split is inside the word:
                # "Bitche en Moselle" is the allowed town followed by a word
                at = [t.start() for t in _NON_SPACE.finditer(view)]  # rare: only on a hit
                found.append(Hit(at[i], at[i + 1] + len(second), entry))
        if found and self._allow:  # two words of an allowed phrase: "vi fick en hund" is no "ficken"
            found = self.drop_allowed(view, found)
        return found

    def relaxed_hits(self, view: str, allow: bool = True) -> list[Hit]:
        """Matches without word boundaries, for runs of joined single letters.

        Compiled on first use: only messages that split words into letters need it.
        ``allow=False`` keeps matches inside allowed phrases.
        """
        if self._relaxed is None:
            return []
        found = []
        window = _LONGEST_PHRASE
        for start in range(len(view)):  # every start: "adickhead" holds "dickhead"
            # the relaxed pattern takes the first alternative that fits ("fag" in
            # "faggot"); the bounded one, on the rest of the run, the longest that ends it.
            # Whatever the bounded one finds, the relaxed one finds a start of it.
            relaxed = self._relaxed.match(view, start, start + window)
            if relaxed is None:
                continue
            bounded = self._pattern.match(view[start : start + window]) if self._pattern else None
            for m, offset in ((relaxed, 0), (bounded, start)):
                if m and m.end() > m.start():
                    entry = self._lookup(m, joined=True)
                    if entry is not None:
                        found.append(Hit(offset + m.start(), offset + m.end(), entry))
        return self.drop_allowed(view, found) if found and self._allow and allow else found


def _inside_word(m: re.Match[str], joint: int, affix: str) -> bool:
    """A hate template's word and its group typed as one word, where that word is short: an
    ordinary word of another language ("piscina" is no "pis" + "cina"). Deliberately joined
    spellings keep counting when the word is long or several ("dirtyjews", "killalljews"),
    and CJK, kana and Hangul, written without spaces, always join."""
    text = m.string
    if not (0 < joint < len(text)) or sum(c.isalnum() for c in affix) >= _JOINED_AFFIX or " " in affix.strip():
        return False
    before, after = text[joint - 1], text[joint]
    return before.isalpha() and after.isalpha() and not (_IS_CJK.match(before) or _IS_CJK.match(after))


def _tree(items: list[tuple[str, bool, str]] | list[tuple[str, bool]]) -> list[Part]:
    """A prefix tree as the top-level alternatives ``dispatch`` splits, or whole when it cannot."""
    options = trie_options(items)
    if options is not None:
        return [options] if options else []
    whole = _trie(items)
    return [(whole, None)] if whole else []


def _allow_matchers(allowed: Iterable[str]) -> list[Split | re.Pattern[str]]:
    """Allowed phrases: bounded for spaced scripts, split by first character like the deny entries
    (one alternation of them all cost 7 µs a message, tried at every word start), anywhere for CJK."""
    phrases = {(" ".join(a.rstrip("*").split()), a.endswith("*")) for a in allowed if a.strip("* ")}
    bounded = _tree([a for a in phrases if not _IS_CJK.search(a[0])])
    free = _trie(a for a in phrases if _IS_CJK.search(a[0]))
    return ([Split(bounded, bounded=True)] if bounded else []) + ([re.compile(free)] if free else [])


def _joined(first: list[Part], second: list[Part]) -> list[Part]:
    """Two trees one after the other: one list of alternatives when both are split."""
    if len(first) == len(second) == 1 and isinstance(first[0], list) and isinstance(second[0], list):
        return [first[0] + second[0]]
    return [*first, *second]


@lru_cache(maxsize=32)
def lexicon_for(languages: frozenset[str] | None) -> Lexicon:
    """The compiled lexicon of some languages (all when None); English and the common file are
    always in. One lexicon of every language is compiled (whole, from the regex cache when this
    machine built it from the same files and code: a server's start) and narrowed for a set."""
    whole = _whole()
    if languages is None:
        return whole
    return whole.narrowed(frozenset({*languages, "en", COMMON}))


@lru_cache(maxsize=1)
def _whole() -> Lexicon:
    """The lexicon of every language, loaded once per process: each language set narrows this one
    (loading it again for every new set of room languages cost seconds per set)."""
    return cached_object(f"lexicon-2\n{rows_key((COMMON, *LANGUAGES))}", lambda: _build(LANGUAGES))


def _build(langs: tuple[str, ...]) -> Lexicon:
    entries: list[Entry] = []
    allowed: list[tuple[str, str, str]] = []  # folded, language, spelling
    groups: list[str] = []
    for lang in (COMMON, *langs):
        e, a, identity = load_language(lang)
        entries.extend(e)
        allowed.extend((folded, lang, raw) for folded, raw in zip(a, allowed_spellings(lang), strict=True))
        folded_identity = [fold_plain(t) for t in identity]
        allowed.extend((folded, lang, raw) for folded, raw in zip(folded_identity, identity))
        groups.extend(folded_identity)
    return Lexicon(entries, (), groups, allowed)


def _read_as(view: str, hit: Hit, start: int, end: int) -> bool:
    """In Chinese or Japanese, an allowed word that starts inside a hit and runs past its end is how
    the text is read: "我操场上等你" is 我 / 操场 / 上 ("I'll wait for you on the sports ground")."""
    return hit.start < start < hit.end < end and _IS_CJK.match(view, hit.end - 1) is not None
