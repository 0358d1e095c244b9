"""Multilingual word lists, compiled into one prefix-tree regular expression per set.

Each language has a TSV file in ``lexicons/``: ``phrase<TAB>category<TAB>severity``.
Phrases are folded exactly like messages (see ``normalize``), so one entry also matches
its look-alike, accented, full-width and stretched ("fuuuck") spellings. Phrase syntax:

- ``(a|b)`` alternatives, ``[a|b]`` optional alternatives, also inside words: ``idiot[s]``;
- a trailing ``*`` matches any continuation of the last word: ``fuck*``;
- ``{group}`` in a hate template is replaced by each identity term of the language.

Special categories: ``allow`` (words that contain a bad substring but are fine, e.g.
"shiitake"; a match that lies inside an allowed phrase is dropped), ``identity`` (neutral
identity terms: allowed, and the groups hate templates refer to), ``cue_*`` (harmless
alone, used by ``grooming`` to spot dangerous combinations).

Space-delimited scripts match on word boundaries, which is what keeps "Scunthorpe",
"classic" and "Dickens" clean; Chinese and Japanese entries match anywhere.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from .normalize import fold_plain

LANGUAGES = ("en", "es", "fr", "pt", "de", "ar", "hi", "ru", "zh", "ja", "sw", "id")
COMMON = "common"  # emoji and cross-language entries, always loaded

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f"
_IS_CJK = re.compile(f"[{_CJK}]")
# A word character for boundaries: letters and digits of space-delimited scripts, plus
# Indic vowel signs (not \w in Python). CJK characters do not block a boundary, so
# "你真是个idiot" still finds "idiot".
_WORD = rf"(?:[^\W{_CJK}]|[\u0900-\u0dff])"
_SEP = r"[^\w\u0900-\u0dff]*"
_KEY_DROP = re.compile(r"[^\w\u0900-\u0dff]+")
_KEY_RUNS = re.compile(r"([^\W\d_])\1+")
_GROUP = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")

ABUSE_CATEGORIES = ("profanity", "hate", "sexual", "violence", "self_harm", "grooming")


@dataclass(frozen=True)
class Entry:
    """One expanded lexicon phrase."""

    category: str
    severity: int
    rule: str          # "<lang>:<line>" or "policy:<n>": points at the entry, not its words
    folded: str        # the phrase after folding
    prefix: bool = False
    template: str = ""  # "head" ("kill all {group}") or "tail" ("{group} are vermin")

    @property
    def key(self) -> str:
        return match_key(self.folded)

    @property
    def bounded(self) -> bool:
        return not _IS_CJK.search(self.folded)


def match_key(text: str) -> str:
    """Canonical form for looking a match up: no separators, no repeated letters."""
    return _KEY_RUNS.sub(r"\1", _KEY_DROP.sub("", text))


def expand(phrase: str) -> list[str]:
    """Expand ``(a|b)`` and ``[a|b]`` groups into every spelled-out phrase."""
    parts: list[list[str]] = []
    last = 0
    for m in _GROUP.finditer(phrase):
        parts.append([phrase[last:m.start()]])
        if m.group(1) is not None:
            parts.append(m.group(1).split("|"))
        else:
            parts.append([""] + m.group(2).split("|"))
        last = m.end()
    parts.append([phrase[last:]])
    return [" ".join("".join(p).split()) for p in itertools.product(*parts)]


def _read_rows(lang: str) -> list[tuple[int, str, str, int]]:
    path = resources.files(__package__).joinpath("lexicons", f"{lang}.tsv")
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3:
            raise ValueError(f"lexicons/{lang}.tsv:{lineno}: expected phrase, category, severity")
        rows.append((lineno, cells[0].strip(), cells[1].strip(), int(cells[2])))
    return rows


@lru_cache(maxsize=None)
def load_language(lang: str) -> tuple[tuple[Entry, ...], tuple[str, ...], tuple[str, ...]]:
    """Return (deny and cue entries, allowed phrases, identity terms) of one language file."""
    rows = _read_rows(lang)
    identity = [t for _, p, c, _ in rows if c == "identity" for t in expand(p)]
    entries: list[Entry] = []
    allowed: list[str] = []
    for lineno, phrase, category, severity in rows:
        if category == "identity":
            continue
        spelled = expand(phrase)
        if category == "allow":
            allowed.extend(fold_plain(s) for s in spelled)
            continue
        for s in spelled:
            template = ""
            if s.startswith("{group}"):
                template, s = "tail", s[len("{group}"):]
            elif s.endswith("{group}"):
                template, s = "head", s[:-len("{group}")]
            elif "{group}" in s:
                raise ValueError(f"lexicons/{lang}.tsv:{lineno}: {{group}} must start or end a template")
            prefix = s.endswith("*")
            folded = " ".join(fold_plain(s.rstrip("*")).split())
            if folded:
                entries.append(Entry(category, severity, f"{lang}:{lineno}", folded, prefix, template))
    return tuple(entries), tuple(allowed), tuple(identity)


def identity_terms(lang: str) -> tuple[str, ...]:
    """Neutral identity words of a language (tests and the corpus use them)."""
    return load_language(lang)[2]


# --- compiling entries into one regular expression -------------------------------------

_END = ("end",)
_END_PREFIX = ("prefix",)
_SEP_ATOM = ("sep",)


def _is_letter(ch: str) -> bool:
    return ch.isalnum() or "\u0900" <= ch <= "\u0dff"


def _atoms(folded: str) -> list[tuple]:
    """Split a folded phrase into regex atoms; a run "ss" must stay at least two long."""
    atoms: list[tuple] = []
    for ch, run in itertools.groupby(folded):
        n = len(list(run))
        if not _is_letter(ch):
            if not atoms or atoms[-1] != _SEP_ATOM:
                atoms.append(_SEP_ATOM)
        elif _IS_CJK.match(ch):
            atoms.extend([("lit", ch)] * n)  # 妈妈 (mum) is not 妈
        else:
            atoms.append(("run", ch, n))
    return atoms


def _atom_regex(atom: tuple) -> str:
    if atom == _SEP_ATOM:
        return _SEP
    c = re.escape(atom[1])
    if atom[0] == "run":  # "cc*" rather than "c+": sre skips a branch on its first literal
        return c * atom[2] + c + "*"
    return c


def _emit(node: dict, end: str, prefix_end: str) -> str:
    branches = []
    finals = []
    for atom, child in node.items():
        if atom == _END:
            finals.append(end)
        elif atom == _END_PREFIX:
            finals.append(prefix_end)
        else:
            branches.append(_atom_regex(atom) + _emit(child, end, prefix_end))
    options = branches + finals  # longest first: "fuck you" before "fuck"
    if len(options) == 1:
        return options[0]
    return "(?:" + "|".join(options) + ")"


def _trie(phrases: Iterable[tuple[str, bool]], bounded: bool = True) -> str | None:
    """One regex alternation, factored by prefix, for (folded phrase, is_prefix) pairs."""
    root: dict = {}
    for folded, prefix in sorted(set(phrases)):
        node = root
        for atom in _atoms(folded):
            node = node.setdefault(atom, {})
        node.setdefault(_END_PREFIX if prefix and bounded else _END, {})
    if not root:
        return None
    if bounded:
        return _emit(root, f"(?!{_WORD})", f"{_WORD}*")
    return _emit(root, "", "")


def _phrase_regex(phrases: list[tuple[str, bool]]) -> str | None:
    bounded = [p for p in phrases if not _IS_CJK.search(p[0])]
    free = [p for p in phrases if _IS_CJK.search(p[0])]
    parts = []
    if bounded:
        parts.append(f"(?<!{_WORD})" + _trie(bounded))
    if free:
        parts.append(_trie(free, bounded=False))
    return "|".join(parts) if parts else None


@dataclass(frozen=True)
class Hit:
    """A lexicon match in some view of the message (view coordinates)."""

    start: int
    end: int
    entry: Entry


class Lexicon:
    """Deny entries, hate templates and allowed phrases compiled for fast matching."""

    def __init__(self, entries: Iterable[Entry], allowed: Iterable[str] = (),
                 groups: Iterable[str] = ()):
        self.entries = tuple(entries)
        plain = [e for e in self.entries if not e.template]
        heads = [e for e in self.entries if e.template == "head"]
        tails = [e for e in self.entries if e.template == "tail"]
        self._exact: dict[str, list[Entry]] = {}
        self._prefix: dict[str, list[Entry]] = {}
        for e in plain:
            (self._prefix if e.prefix else self._exact).setdefault(e.key, []).append(e)
        self._heads = {e.key: e for e in heads}
        self._tails = {e.key: e for e in tails}
        self._max_prefix = max((len(k) for k in self._prefix), default=0)

        parts = []
        group_terms = sorted({" ".join(g.split()) for g in groups if g.strip()})
        if group_terms and tails:
            parts.append(f"(?<!{_WORD})(?:{_trie(((g, False) for g in group_terms), False)}){_SEP}"
                         f"(?P<tail>{_trie((e.folded, e.prefix) for e in tails)})")
        if group_terms and heads:
            parts.append(f"(?<!{_WORD})(?P<head>{_trie(((e.folded, False) for e in heads), False)}){_SEP}"
                         f"(?:{_trie((g, False) for g in group_terms)})")
        main = _phrase_regex([(e.folded, e.prefix) for e in plain])
        if main:
            parts.append(main)
        self._pattern = re.compile("|".join(parts)) if parts else None
        allow = _phrase_regex([(" ".join(a.split()), False) for a in allowed if a.strip()])
        self._allow = re.compile(allow) if allow else None
        # single words by (length, first letter), for masked spellings such as "f*ck"
        self._masked: dict[tuple[int, str], list[Entry]] = {}
        for e in plain:
            if e.bounded and e.folded.isalpha() and not e.category.startswith(("cue_", "pii_")):
                self._masked.setdefault((len(e.folded), e.folded[0]), []).append(e)

    def _lookup(self, m: re.Match) -> Entry | None:
        groups = m.groupdict() if self._heads or self._tails else {}
        if groups.get("tail") is not None:
            return self._tails.get(match_key(groups["tail"]))
        if groups.get("head") is not None:
            return self._heads.get(match_key(groups["head"]))
        key = match_key(m.group())
        found = self._exact.get(key)
        if not found:
            for cut in range(min(len(key), self._max_prefix), 0, -1):
                found = self._prefix.get(key[:cut])
                if found:
                    break
        if not found:
            return None
        return max(found, key=lambda e: e.severity)

    def hits(self, view: str) -> list[Hit]:
        """All entries found in a view, minus those inside an allowed phrase."""
        if self._pattern is None:
            return []
        found = []
        for m in self._pattern.finditer(view):
            entry = self._lookup(m)
            if entry is not None:
                found.append(Hit(m.start(), m.end(), entry))
        if found and self._allow is not None:
            found = self.drop_allowed(view, found)
        return found

    def drop_allowed(self, view: str, found: list[Hit]) -> list[Hit]:
        """Drop hits that lie inside one of this lexicon's allowed phrases."""
        if self._allow is None:
            return found
        spans = [m.span() for m in self._allow.finditer(view)]
        if not spans:
            return found
        return [h for h in found if not any(s <= h.start and h.end <= e for s, e in spans)]

    def masked_hit(self, token: str) -> Entry | None:
        """Match a word with masked letters ("f*ck", "b**ch") against single-word entries."""
        best = None
        for e in self._masked.get((len(token), token[0]), ()):
            if all(t == w or t in "*#%" for t, w in zip(token, e.folded)):
                if best is None or e.severity < best.severity:
                    best = e  # the mildest reading: "s**t" is more likely "shit" than "slut"
        return best


@lru_cache(maxsize=32)
def lexicon_for(languages: frozenset[str] | None) -> Lexicon:
    """The compiled lexicon of some languages (all when None); English is always in."""
    langs = LANGUAGES if languages is None else tuple(
        lang for lang in LANGUAGES if lang in languages or lang == "en")
    entries: list[Entry] = []
    allowed: list[str] = []
    groups: list[str] = []
    for lang in (COMMON, *langs):
        e, a, identity = load_language(lang)
        entries.extend(e)
        allowed.extend(a)
        folded_identity = [fold_plain(t) for t in identity]
        allowed.extend(folded_identity)
        groups.extend(folded_identity)
    return Lexicon(entries, allowed, groups)
