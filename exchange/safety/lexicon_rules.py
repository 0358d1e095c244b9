"""Phrase rules kept whole: ``(a|b)`` groups compiled as regex alternatives, not expanded.

A rule such as ``(don't|dont|do not) (tell|show) (your|ur) (parents|mom|...)`` spells out
to hundreds of phrases; the phrase files of one language to tens of thousands. Expanding
them all cost seconds at every start and made the matcher megabytes long. A rule with
many spellings, all of at least two words, is kept as one ``Compact`` instead:

- its *variants*: the leading groups spelled out (so the prefix tree still dispatches on
  the first letters), the rest one regex alternation (``rest``);
- a *key pattern* that says whether a match's key (``match_key``: no separators, no
  repeated letters) is the key of one of its spellings, so a match is looked up by key
  exactly as an expanded phrase would be;
- the first letters of its keys (an index for that look-up) and the words of its
  spellings (to fill in masked words, "f*ck").

Rules with ``*``, ``{group}``, Chinese or Japanese text, or a one-word spelling are
expanded as before (see ``lexicon_files``); the syntax is described in ``lexicon``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from .lexicon_entry import _IS_CJK, _KEY_DROP, _KEY_RUNS
from .normalize import fold_plain

# A phrase as parsed: a sequence of literal texts and groups (alternatives, optional).
Seq = tuple["str | Group", ...]


@dataclass(frozen=True)
class Group:
    alternatives: tuple[Seq, ...]
    optional: bool


COMPACT_FROM = 8  # spellings: a rule with fewer is expanded (cheaper than a key pattern)
INDEX_LEN = 4  # key letters the look-up index is keyed by
_VARIANTS = 48  # leading spellings kept apart for the prefix tree, at most
_WORDS_SPELLED = 3  # leading words spelled out (within _VARIANTS)
_WORDS_LIMIT = 4000  # partial words of a rule: beyond this the rule is expanded instead
_LETTER = re.compile(r"[^\W\d_]")
_KEY_CHAR = re.compile(r"[\w\u0900-\u0dff]")


def parse(phrase: str) -> Seq:
    """The groups of a phrase, read exactly as ``lexicon_files.expand`` reads them."""
    items: list[str | Group] = []
    i = 0
    while i < len(phrase):
        if phrase[i] in "([":
            close = _closing(phrase, i)
            alternatives = tuple(parse(alt) for alt in _split_top(phrase[i + 1 : close]))
            optional = phrase[i] == "[" or phrase[close + 1 : close + 2] == "?"
            items.append(Group(alternatives, optional))
            i = close + (2 if phrase[i] == "(" and optional else 1)
        else:
            j = i
            while j < len(phrase) and phrase[j] not in "([":
                j += 1
            items.append(phrase[i:j])
            i = j
    return tuple(items)


def _closing(phrase: str, start: int) -> int:
    depth = 0
    for k in range(start, len(phrase)):
        if phrase[k] in "([":
            depth += 1
        elif phrase[k] in ")]":
            depth -= 1
            if depth == 0:
                return k
    raise ValueError(f"unbalanced group in lexicon phrase: {phrase!r}")


def _split_top(inner: str) -> list[str]:
    """Split on "|" outside nested groups."""
    parts, depth, last = [], 0, 0
    for k, ch in enumerate(inner):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(inner[last:k])
            last = k + 1
    parts.append(inner[last:])
    return parts


def _fold_seq(seq: Seq) -> Seq:
    """Fold every literal (folding is one character at a time, so it commutes with groups)."""
    return tuple(
        fold_plain(item)
        if isinstance(item, str)
        else Group(tuple(_fold_seq(a) for a in item.alternatives), item.optional)
        for item in seq
    )


def _count(seq: Seq) -> int:
    n = 1
    for item in seq:
        if isinstance(item, Group):
            n *= sum(_count(a) for a in item.alternatives) + item.optional
    return n


# --- how many words a spelling has: (count capped at 2, starts with a letter, ends with one)


_Shape = tuple[int, bool, bool]
_EMPTY: _Shape = (-1, False, False)


def _text_shape(text: str) -> _Shape:
    if not text:
        return _EMPTY
    words = text.split()
    return (min(len(words), 2), not text[0].isspace(), not text[-1].isspace())


def _join_shape(a: _Shape, b: _Shape) -> _Shape:
    if a == _EMPTY:
        return b
    if b == _EMPTY:
        return a
    merged = 1 if a[2] and b[1] and a[0] > 0 and b[0] > 0 else 0
    return (min(2, a[0] + b[0] - merged), a[1], b[2])


def _shapes(seq: Seq) -> set[_Shape]:
    found = {_EMPTY}
    for item in seq:
        if isinstance(item, str):
            options = {_text_shape(item)}
        else:
            options = {s for alt in item.alternatives for s in _shapes(alt)} | ({_EMPTY} if item.optional else set())
        found = {_join_shape(a, b) for a in found for b in options}
    return found


# --- the words of every spelling, without spelling them all out ----------------------


@dataclass
class _Words:
    whole: dict[str, None]  # spellings without a space
    lead: dict[str, None]  # the part before the first space
    trail: dict[str, None]  # the part after the last space
    inner: dict[str, None]  # whole words between spaces


def _words(seq: Seq) -> _Words:
    acc = _Words({"": None}, {}, {}, {})
    for item in seq:
        if isinstance(item, str):
            nxt = _text_words(item)
        else:
            nxt = _Words({}, {}, {}, {})
            for alt in item.alternatives:
                w = _words(alt)
                for mine, theirs in (
                    (nxt.whole, w.whole),
                    (nxt.lead, w.lead),
                    (nxt.trail, w.trail),
                    (nxt.inner, w.inner),
                ):
                    mine.update(theirs)
            if item.optional:
                nxt.whole[""] = None
        acc = _Words(
            dict.fromkeys(a + b for a in acc.whole for b in nxt.whole),
            {**acc.lead, **dict.fromkeys(a + b for a in acc.whole for b in nxt.lead)},
            {**dict.fromkeys(t + b for t in acc.trail for b in nxt.whole), **nxt.trail},
            {**acc.inner, **dict.fromkeys(t + b for t in acc.trail for b in nxt.lead), **nxt.inner},
        )
        if max(len(acc.whole), len(acc.lead), len(acc.trail), len(acc.inner)) > _WORDS_LIMIT:
            raise OverflowError
    return acc


def _text_words(text: str) -> _Words:
    parts = re.split(r"\s", text)
    if len(parts) == 1:
        return _Words({text: None}, {}, {}, {})
    return _Words({}, {parts[0]: None}, {parts[-1]: None}, dict.fromkeys(p for p in parts[1:-1] if p))


# --- the first letters of every key, for the look-up index ---------------------------


def _key_form(text: str) -> str:
    return _KEY_RUNS.sub(r"\1", _KEY_DROP.sub("", text))


def _key_starts(seq: Seq) -> set[tuple[str, bool]]:
    """(first INDEX_LEN letters of a key, whether that is the whole key) of every spelling."""
    found = {("", True)}
    for item in seq:
        if isinstance(item, str):
            options = {(_key_form(item), True)}
        else:
            options = {k for alt in item.alternatives for k in _key_starts(alt)} | (
                {("", True)} if item.optional else set()
            )
        joined = set()
        for a, a_whole in found:
            if not a_whole:
                joined.add((a, False))
                continue
            for b, b_whole in options:
                key = _KEY_RUNS.sub(r"\1", a + b)
                joined.add((key[:INDEX_LEN], b_whole and len(key) <= INDEX_LEN))
        found = joined
    return found


# --- regular expressions -----------------------------------------------------------


def _key_regex(seq: Seq) -> str:
    """Matches the keys of the spellings: a letter may also repeat the key's last letter."""
    out = []
    for item in seq:
        if isinstance(item, str):
            for ch in item:
                if _LETTER.match(ch):
                    c = re.escape(ch)
                    out.append(f"(?:{c}|(?<={c}))")
                elif _KEY_CHAR.match(ch):
                    out.append(re.escape(ch))
        else:
            out.append(
                "(?:" + "|".join(_key_regex(a) for a in item.alternatives) + ")" + ("?" if item.optional else "")
            )
    return "".join(out)


_SEP = r"\W*"


def _text_regex(text: str, at_end: bool) -> str:
    """A literal piece as the prefix tree writes it: runs of letters, separators as ``\\W*``."""
    if at_end:
        text = text.rstrip()
    out = []
    for ch, run in itertools.groupby(text):
        n = len(list(run))
        if not (ch.isalnum() or "\u0900" <= ch <= "\u0dff"):
            if unicodedata.category(ch)[0] == "S":
                out.append(re.escape(ch) * n)
            elif not out or out[-1] != _SEP:
                out.append(_SEP)
        else:
            c = re.escape(ch)
            out.append(c * n + c + "*")
    return "".join(out)


def rest_regex(seq: Seq, at_end: bool = True) -> str:
    """The regex of what follows a variant's prefix (longer alternatives first).

    The space before an optional group that ends the rule or comes before another space
    goes inside the group ("nudes(?:\\W*now)?"), so a match does not run on over the
    punctuation after its last word.
    """
    out = []
    carry = False  # a separator moved into the next (optional) group
    for k, item in enumerate(seq):
        last = at_end and k == len(seq) - 1
        if isinstance(item, str):
            text = item
            if _moves_space(seq, k, at_end):
                text, carry = text.rstrip(), True
            out.append(_text_regex(text, last))
            continue
        lead = _SEP if carry else ""
        carry = False
        alts = sorted({rest_regex(a, last) for a in item.alternatives}, key=lambda r: (-len(r), r))
        optional = item.optional or "" in alts
        alts = [lead + a for a in alts if a]
        if not alts:
            if lead:
                out.append(_SEP)
            continue
        out.append("(?:" + "|".join(alts) + ")" + ("?" if optional else ""))
    return "".join(out)


def _moves_space(seq: Seq, k: int, at_end: bool) -> bool:
    """Whether literal ``seq[k]`` ends in a space that may move into the optional group after it."""
    item, nxt = seq[k], seq[k + 1] if k + 1 < len(seq) else None
    if not (isinstance(item, str) and item[-1:].isspace() and isinstance(nxt, Group) and nxt.optional):
        return False
    after = seq[k + 2] if k + 2 < len(seq) else None
    return (after is None and at_end) or (isinstance(after, str) and after[:1].isspace())


NULLABLE = "\0"  # marks the regex of a rest that may match nothing


def _nullable(seq: Seq) -> bool:
    return all(
        (isinstance(item, str) and not item.strip())
        or (isinstance(item, Group) and (item.optional or any(_nullable(a) for a in item.alternatives)))
        for item in seq
    )


def _variants(seq: Seq) -> list[tuple[str, Seq]]:
    """Spell out the leading groups: (literal prefix, the rest of the rule) pairs."""
    done: list[tuple[str, Seq]] = []
    todo: list[tuple[str, Seq]] = [("", seq)]
    while todo:
        prefix, rest = todo.pop(0)
        if not rest:
            done.append((prefix, rest))
            continue
        head, tail = rest[0], rest[1:]
        if isinstance(head, str):
            todo.insert(0, (prefix + head, tail))
            continue
        started = prefix.split()
        wanted = not _LETTER.search(prefix) or (
            len(started) < _WORDS_SPELLED and len(done) + len(todo) + len(head.alternatives) + 1 <= _VARIANTS
        )
        if not wanted:
            done.append((prefix, rest))
            continue
        spelled = [(prefix, alt + tail) for alt in head.alternatives]
        if head.optional:
            spelled.insert(0, (prefix, tail))
        todo[:0] = spelled
    return done


@dataclass(frozen=True)
class Compact:
    """A rule kept whole (see the module docstring)."""

    variants: tuple[tuple[str, str], ...]  # (folded prefix, regex of the rest)
    key_regex: str
    key_starts: frozenset[str]
    words: tuple[str, ...]
    starred: bool = False  # a spelling with "*" after an inner word (``lexicon_star``)
    _compiled: list[re.Pattern[str]] = field(default_factory=list, compare=False, repr=False)

    def has_key(self, key: str) -> bool:
        if not self._compiled:
            self._compiled.append(re.compile(self.key_regex))
        return self._compiled[0].fullmatch(key) is not None

    def set_compiled(self, pattern: re.Pattern[str]) -> None:
        """The key pattern compiled ahead (``compiled.compile_many``: one cache file for all)."""
        self._compiled[:] = [pattern]


def compact(phrase: str) -> tuple[Compact, str] | None:
    """A rule kept whole and the folded text of one spelling, or None to expand it."""
    if "*" in phrase or "{" in phrase or _IS_CJK.search(fold_plain(phrase)):
        return None
    seq = parse(phrase)
    if _count(seq) < COMPACT_FROM:
        return None
    folded = _fold_seq(seq)
    if any(shape[0] < 2 for shape in _shapes(folded)):
        return None  # a one-word spelling: the split-word and look-up paths want it expanded
    try:
        words = _words(folded)
    except OverflowError:
        return None
    vocabulary = [w for part in (words.lead, words.inner, words.trail) for w in part if w]
    variants = []
    for prefix, rest in _variants(folded):
        if rest and prefix[-1:].isspace():  # the separator goes with the rest (see rest_regex)
            prefix, rest = prefix.rstrip(), (" ", *rest)
        regex = rest_regex(rest) if rest else ""
        head = prefix.lstrip() if regex else " ".join(prefix.split())
        if not head or not _LETTER.match(head[0]):
            return None  # a rule that does not start with a letter stays expanded
        if regex and _nullable(rest):
            # the rest may be nothing: tried after the other ways on from the same prefix,
            # as the prefix tree tries a longer phrase before a shorter one
            regex = NULLABLE + regex
        variants.append((head, regex))
    starts = frozenset(k for k, _ in _key_starts(folded))
    return Compact(tuple(variants), _key_regex(folded), starts, tuple(vocabulary)), _first_spelling(folded)


def _first_spelling(seq: Seq) -> str:
    parts = []
    for item in seq:
        if isinstance(item, str):
            parts.append(item)
        elif not item.optional:
            parts.append(_first_spelling(item.alternatives[0]))
    return " ".join("".join(parts).split())
