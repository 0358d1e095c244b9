"""Reading the lexicon files: which languages exist, the phrase syntax, one language's entries.

Kept apart from ``lexicon`` (which compiles and matches) so each module does one job; the
syntax is described in ``lexicon``'s docstring.
"""

from __future__ import annotations

import re
import hashlib
from functools import lru_cache
from importlib import resources

from .compiled import cached_object
from .lexicon_entry import Entry
from .lexicon_rules import Compact, _closing, _split_top, compact  # one parser of the phrase syntax
from .lexicon_star import check_stars, has_inner_star, starred
from .normalize import fold_plain

COMMON = "common"  # emoji and cross-language entries, always loaded


_LANG_FILE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]+)?\.tsv")  # "curation.tsv" is not a language


def _languages_on_disk() -> tuple[str, ...]:
    """Every language with a file in any source folder (adding a file adds the language)."""
    root = resources.files(__package__).joinpath("lexicons")
    found = {
        p.name[:-4]
        for folder in (root, root / "words", root / "phrases")
        if folder.is_dir()
        for p in folder.iterdir()
        if _LANG_FILE.fullmatch(p.name)
    }
    return tuple(sorted(found - {COMMON}, key=lambda lang: (lang != "en", lang)))


LANGUAGES = _languages_on_disk()


def expand(phrase: str) -> list[str]:
    """Expand ``(a|b)``, ``(a|b)?`` and ``[a|b]`` groups, nested or not, into every phrase."""
    return list(dict.fromkeys(" ".join(r.split()) for r in _expand(phrase)))


def _expand(phrase: str) -> list[str]:
    results = [""]
    i = 0
    while i < len(phrase):
        if phrase[i] in "([":
            close = _closing(phrase, i)
            options = [x for alt in _split_top(phrase[i + 1 : close]) for x in _expand(alt)]
            optional = phrase[i] == "[" or phrase[close + 1 : close + 2] == "?"
            if optional:
                options = [""] + options
            i = close + (2 if phrase[i] == "(" and optional else 1)
            results = [r + o for r in results for o in options]
        else:
            j = i
            while j < len(phrase) and phrase[j] not in "([":
                j += 1
            results = [r + phrase[i:j] for r in results]
            i = j
    return results


# Where a language's entries come from: the hand-written file, the word lists built from
# public sources (`scripts/build_lexicons.py`: curated, with provenance), and the phrase and
# intent rules. A rule id names its file and line: "en:12", "words/en:40", "phrases/en:7".
SOURCES = ("", "words/", "phrases/")


def _read_rows(lang: str) -> list[tuple[str, str, str, int]]:
    rows = []
    for folder in SOURCES:
        path = resources.files(__package__).joinpath("lexicons", *folder.split("/")[:-1], f"{lang}.tsv")
        if not path.is_file():
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 3:
                raise ValueError(f"lexicons/{folder}{lang}.tsv:{lineno}: expected phrase, category, severity")
            rows.append((f"{folder}{lang}:{lineno}", cells[0].strip(), cells[1].strip(), int(cells[2])))
    return rows


Loaded = tuple[tuple[Entry, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=None)
def load_language(lang: str) -> Loaded:
    """Return (deny and cue entries, allowed phrases, identity terms) of one language file.
    Parsing the phrase rules takes seconds per process: the result is kept in the regex cache,
    keyed by the rows read and the filter's code (`compiled.cached_object`)."""
    rows = _read_rows(lang)
    return cached_object(f"language-1\n{lang}\n{rows!r}", lambda: _parse_language(rows))


def _group_spelled(phrase: str, identity: list[str]) -> str:
    """A rule with its group in the middle ("no {group} allowed") with the group written as one
    more ``(a|b)`` group of the language's identity terms, so it can be kept whole (``compact``):
    spelled out term by term, one English rule was 162,000 phrases of the compiled lexicon."""
    if phrase.count("{group}") != 1 or not identity or any(c in t for t in identity for c in "()[]|*{}?\\"):
        return phrase
    if not any(_middle(s) for s in expand(phrase)):
        return phrase
    return phrase.replace("{group}", "(" + "|".join(identity) + ")")


def _compact_tail(phrase: str) -> tuple[Compact, str] | None:
    """A hate template that starts with its group, its words after the group kept whole: one Hindi
    rule spelled out to 51,840 tails."""
    rest = phrase.strip()
    if not rest.startswith("{group}") or rest.count("{group}") != 1:
        return None
    return compact(rest[len("{group}") :].strip())


def _middle(spelling: str) -> bool:
    return "{group}" in spelling and not spelling.startswith("{group}") and not spelling.endswith("{group}")


def rows_key(langs: tuple[str, ...]) -> str:
    """A cache key for what these languages' files say (a digest of their rows, read fresh)."""
    digest = hashlib.sha256()
    for lang in langs:
        digest.update(f"{lang}\n{_read_rows(lang)!r}\n".encode())
    return digest.hexdigest()


def _parse_language(rows: list[tuple[str, str, str, int]]) -> Loaded:
    identity = list(_identity(rows))
    entries: list[Entry] = []
    allowed: list[str] = []
    for rule, phrase, category, severity in rows:
        if category == "identity":
            continue
        name, line = rule.rsplit(":", 1)
        check_stars(phrase, f"lexicons/{name}.tsv:{line}")
        whole = compact(_group_spelled(phrase, identity)) if category != "allow" else None
        if whole is not None:  # many spellings: compiled as alternatives, not spelled out
            entries.append(Entry(category, severity, rule, whole[1], compact=whole[0]))
            continue
        tail = _compact_tail(phrase) if category != "allow" else None
        if tail is not None:  # "{group} (are|r) (all )?(rats|vermin|...)": the words after the group
            entries.append(Entry(category, severity, rule, tail[1], template="tail", compact=tail[0]))
            continue
        spelled = expand(phrase)
        if category == "allow":
            allowed.extend(fold_plain(s) for s in spelled)
            continue
        if any(_middle(s) for s in spelled):
            # a group in the middle ("no {group} allowed") is spelled out term by term
            spelled = [s.replace("{group}", g) for s in spelled for g in identity]
        if name == "ar" and category in _WITH_ARTICLE:
            spelled = [c for s in spelled for c in _with_clitics(s)]
        for s in spelled:
            template = ""
            if s.startswith("{group}"):
                template, s = "tail", s[len("{group}") :]
            elif s.endswith("{group}"):
                template, s = "head", s[: -len("{group}")]
            if has_inner_star(s) and not template:  # "(lol|haha*) eat something"
                folded = " ".join(fold_plain(s).split())
                entries.append(Entry(category, severity, rule, folded.replace("*", ""), compact=starred(folded)))
                continue
            prefix = s.endswith("*")
            folded = " ".join(fold_plain(s.rstrip("*")).split())
            if folded:
                entries.append(Entry(category, severity, rule, folded, prefix, template))
    return tuple(entries), tuple(allowed), tuple(identity)


# Arabic writes "the" and "and" onto the word: "الشرموطة", "والطيز". A one-word insult listed bare is as much one
# with them; phrases already spell their own ("يا ابن الكلب").
_WITH_ARTICLE = frozenset({"profanity", "bullying", "hate", "sexual"})
_CLITICS = ("ال", "وال", "و")


def _with_clitics(spelling: str) -> list[str]:
    word = spelling.rstrip("*")
    if " " in word or "{" in word or not word or not "\u0621" <= word[0] <= "\u064a" or word.startswith(("ال", "يا")):
        return [spelling]
    return [spelling, *(c + spelling for c in _CLITICS)]


@lru_cache(maxsize=None)
def allowed_spellings(lang: str) -> tuple[str, ...]:
    """The allowed phrases of a language as written (``load_language`` gives them folded, same order)."""
    return tuple(s for _, p, c, _ in _read_rows(lang) if c == "allow" for s in expand(p))


@lru_cache(maxsize=None)
def identity_terms(lang: str) -> tuple[str, ...]:
    """Neutral identity words of a language (tests, the corpus and ``generalised`` use them), read
    from its rows: loading the language's parsed entries for them kept a second copy of every
    language's entries in each server process (about 145 MB) beside the compiled lexicon's."""
    return _identity(_read_rows(lang))


def _identity(rows: list[tuple[str, str, str, int]]) -> tuple[str, ...]:
    return tuple(t for _, p, c, _ in rows if c == "identity" for t in expand(p))
