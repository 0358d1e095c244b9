"""Fold a message into a matching "skeleton" that evasion tricks cannot change.

Folding undoes what people do to slip words past a filter: compatibility forms
(full-width, math letters, circled letters), case, zero-width and bidi controls,
Latin diacritics and stacked combining marks, Cyrillic and Greek look-alikes,
leetspeak inside words, and letters split by spaces, dots or dashes. Every view keeps a
way back to offsets in the original text, so reasons can point at what the user typed.

Folding is done per character through a cached translation table, so a message costs
one ``str.translate`` call in the common case; index maps are only built when a match
needs a span.
"""

from __future__ import annotations

import re
import unicodedata

from .normalize_tables import (
    INDIC_MARKS,
    LEET,
    _BEFORE_CASEFOLD,
    _CONFUSABLE,
    _INVISIBLE,
    _LOOSE,
    _SPACE_LIKE,
    _STRIP_MARK_RANGES,
)  # noqa: F401  (LEET is read by callers)


_LOOSE_TABLE = str.maketrans(_LOOSE)
_LOOSE_GATE = re.compile("[" + "".join(_LOOSE) + "]")
_ASCII_LETTER = re.compile("[A-Za-z]")
_TOKEN = re.compile(r"\S+")


def _loosen(text: str) -> str:
    """Read loose look-alikes as Latin inside tokens that are mostly Latin already."""

    def one(m: re.Match[str]) -> str:
        token = m.group()
        if not _LOOSE_GATE.search(token):
            return token
        latin = len(_ASCII_LETTER.findall(token))
        others = sum(1 for c in token if c.isalpha()) - latin
        return token.translate(_LOOSE_TABLE) if latin and latin >= others else token

    return _TOKEN.sub(one, text)


_LEET_TABLE = str.maketrans(LEET)
_LEET_CHARS = re.compile("[" + re.escape("".join(LEET)) + "]")
_LETTER = re.compile(r"[^\W\d_]")
_LEET_SYMBOL = re.compile(r"[@$!|+€£¥¢]")  # symbols that are not digits: "@$$", "73||"
_LEAD_PUNCT = "\"'([{¿¡«"  # a leading ¡ is Spanish punctuation ("¡joder!"), not a leet i
_PAREN_C = re.compile(r"(?<=[^\W\d_])\((?=[^\W\d_])")
_LEET_TRIGGER = re.compile("[" + re.escape("".join(LEET)) + r"]|\((?<=[^\W\d_]\()|\(\)")
_TRAIL_PUNCT = "\"'.,;:!?)]}»"
# One digit and a consonant among a class's first letters: how schools name classes, exercises and
# rooms ("die 5b", "exercise 7c"), not "sb". A vowel stays leetspeak: "7e" is "te", "3i" is "ei".
_CLASS_LABEL = re.compile(r"\d[b-dfghB-DFGH]\Z")
# Two or more digits touching no letter or leet symbol inside a word-like token: a number
# ("p.58", "ex.12", "n°15"), while "a55", "b00bs" and "@55" stay leetspeak.
_NUMBER_RUN = re.compile(r"(?<![\w@$!|+€£¥¢])\d{2,}(?![\w@$!|+€£¥¢])")
# A single leet character standing between words: "send me 4 pic", "! will kill you".
# A digit ending the message stays a number ("mongo 5", "see you at 4") unless it ends
# letters typed apart ("k 4 l 7").
_LONE_LEET = re.compile(
    r"(?:(?<=[^\W\d_] )|^)(?:["
    + re.escape("".join(k for k in LEET if not k.isdigit()))
    + r"](?=(?: [^\W\d_])|$)|["
    + re.escape("".join(k for k in LEET if k.isdigit()))
    + r"](?= [^\W\d_]))|(?<=[^\W\d_] )(?<!\S\S )["
    + re.escape("".join(k for k in LEET if k.isdigit()))
    + r"]$"
)
_LONE_GATE = re.compile(r" [" + re.escape("".join(LEET)) + r"](?: |$)")
_LONE_STARTS = frozenset(c + " " for c in LEET)


def _strippable(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _STRIP_MARK_RANGES)


def _fold_char(ch: str) -> str:
    """Fold one character; results are cached in ``FOLD_TABLE``."""
    cp = ord(ch)
    if cp in _INVISIBLE or 0xFE00 <= cp <= 0xFE0F or 0xE0000 <= cp <= 0xE01EF:
        return ""
    if ch in _SPACE_LIKE:
        return " "
    if ch in _BEFORE_CASEFOLD:
        return _BEFORE_CASEFOLD[ch]
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        if c == "ñ":  # a letter of its own in Spanish: "coño" is not "cono" (cone)
            out.append(c)
            continue
        decomposed = unicodedata.normalize("NFD", c)
        kept = unicodedata.normalize("NFC", "".join(x for x in decomposed if not _strippable(x)))
        for k in kept:
            k = _CONFUSABLE.get(k, k)
            if not k.isascii() and k.isdecimal():
                k = str(unicodedata.decimal(k))
            out.append(k)
    return "".join(out)


class _FoldTable(dict[int, str]):
    """A translation table that folds each character the first time it is seen."""

    def __missing__(self, key: int) -> str:
        value = _fold_char(chr(key))
        self[key] = value
        return value


FOLD_TABLE = _FoldTable()


class _VisibleTable(dict[int, str]):
    """Like FOLD_TABLE but only compatibility forms and invisibles: case and letters stay.

    Personal-data and link detection run on this view, so "０７９１１" or an e-mail
    address with a zero-width space inside is still seen, and spans stay exact.
    """

    def __missing__(self, key: int) -> str:
        ch = chr(key)
        if key in _INVISIBLE or 0xFE00 <= key <= 0xFE0F or 0xE0000 <= key <= 0xE01EF:
            value = ""
        else:
            value = unicodedata.normalize("NFKC", ch)
            if value.isdecimal() and not value.isascii():
                value = str(unicodedata.decimal(value))
        self[key] = value
        return value


VISIBLE_TABLE = _VisibleTable()
_KANA_VOICING = ("\u3099", "\u309a")


def _leet_token(token: str) -> str:
    """Map leetspeak inside a token that is a word in disguise, not a number."""
    if not _LETTER.search(token) and not (
        len(token) > 1 and _LEET_SYMBOL.search(token[1:] if token[0] == "+" else token)
    ):
        return token  # "455", "2024", "+966": numbers (and a phone's country code) stay numbers
    start, end = 0, len(token)
    while start < end and token[start] in _LEAD_PUNCT:
        start += 1
    while end > start and token[end - 1] in _TRAIL_PUNCT:
        end -= 1
    if end < len(token) and token[end] == "!" and _LEET_CHARS.search(token, start, end):
        end += 1  # "nan9!" is "nangi"; a plain "hello!" keeps its exclamation mark
    core = token[start:end]
    if _CLASS_LABEL.match(core):
        return token  # "5b", "7c": a class, an exercise or a room, not "sb" or "tc"
    if "(" in core or "|<" in core:
        core = _multi_leet(core)
    leeted = core.translate(_LEET_TABLE)  # one character for one: offsets stay
    for number in _NUMBER_RUN.finditer(core):  # "p.58", "n°12": a page stays a number, not "sb"
        leeted = leeted[: number.start()] + number.group() + leeted[number.end() :]
    return token[:start] + leeted + token[end:]


def _multi_leet(core: str) -> str:
    """Letters drawn with two symbols, as a doubled letter so offsets stay one for one.

    "wh()re" reads "whoore", "|<ill" "kkill": a doubled letter matches an entry's single
    one. A "(" between letters is a "c" ("fu(k"); a leading "(" stays punctuation, so
    "(um, ..." is not "cum".
    """
    core = core.replace("()", "oo").replace("|<", "kk")
    return _PAREN_C.sub("c", core)


def _leet(plain: str) -> str:
    """Apply leetspeak mapping to the tokens that contain a leet character."""
    parts = []
    last = 0
    for m in _LEET_TRIGGER.finditer(plain):
        if m.start() < last:
            continue  # inside a token already handled
        start = max(plain.rfind(" ", 0, m.start()), plain.rfind("\n", 0, m.start())) + 1
        end = min((i for i in (plain.find(" ", m.end()), plain.find("\n", m.end())) if i >= 0), default=len(plain))
        parts.append(plain[last:start])
        parts.append(_leet_token(plain[start:end]))
        last = end
    parts.append(plain[last:])
    skeleton = "".join(parts)
    if _LONE_GATE.search(skeleton) or skeleton[:2] in _LONE_STARTS:
        skeleton = _LONE_LEET.sub(lambda m: m.group().translate(_LEET_TABLE), skeleton)
    return skeleton


def fold_plain(text: str) -> str:
    """Fold without leetspeak mapping: used for lexicon entries."""
    return text.translate(FOLD_TABLE)


class _Irregular(dict[int, str]):
    """Maps a character to "x" when a table turns it into anything but one character."""

    def __init__(self, table: dict[int, str]):
        super().__init__()
        self.table = table

    def __missing__(self, key: int) -> str:
        value = "" if len(self.table[key]) == 1 else "x"
        self[key] = value
        return value


_IRREGULAR = {id(FOLD_TABLE): _Irregular(FOLD_TABLE), id(VISIBLE_TABLE): _Irregular(VISIBLE_TABLE)}


def _origins(text: str, table: dict[int, str]) -> list[int] | range:
    """For each character a translation produces, the index of its source character."""
    if not text.translate(_IRREGULAR[id(table)]):
        return range(len(text) + 1)  # one character for one: the common case, even for CJK
    origin: list[int] = []
    for i, ch in enumerate(text):
        origin.extend([i] * len(table[ord(ch)]))
    origin.append(len(text))
    return origin


class Folded:
    """A message's skeleton and the way back from skeleton offsets to original ones."""

    __slots__ = ("original", "plain", "skeleton", "_origin", "_visible", "_visible_origin")

    def __init__(self, original: str):
        self.original = original
        source = original
        if not original.isascii() and _LOOSE_GATE.search(original) and _ASCII_LETTER.search(original):
            source = _loosen(original)  # same length: offsets still index the original
        self.plain = source.translate(FOLD_TABLE)
        self._origin: list[int] | range | None = None
        if _KANA_VOICING[0] in self.plain or _KANA_VOICING[1] in self.plain:
            self._compose_kana()
        plain = self.plain
        self.skeleton = _leet(plain) if _LEET_TRIGGER.search(plain) else plain
        self._visible: str | None = None
        self._visible_origin: list[int] | range | None = None

    def _compose_kana(self) -> None:
        """Join a separate voicing mark to its kana (half-width "ﾊﾞ" is "バ")."""
        origin = list(_origins(self.original, FOLD_TABLE))
        chars: list[str] = []
        kept: list[int] = []
        for ch, at in zip(self.plain, origin):
            if ch in _KANA_VOICING and chars:
                composed = unicodedata.normalize("NFC", chars[-1] + ch)
                if len(composed) == 1:
                    chars[-1] = composed
                    continue
            chars.append(ch)
            kept.append(at)
        kept.append(len(self.original))
        self.plain = "".join(chars)
        self._origin = kept

    @property
    def visible(self) -> str:
        """The original with invisibles removed and compatibility forms (full-width) undone."""
        if self._visible is None:
            self._visible = self.original if self.original.isascii() else self.original.translate(VISIBLE_TABLE)
        return self._visible

    def visible_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``visible`` to the original text."""
        if self.visible is self.original:
            return start, end
        if self._visible_origin is None:
            self._visible_origin = _origins(self.original, VISIBLE_TABLE)
        origin = self._visible_origin
        return origin[start], (origin[end - 1] + 1 if end > start else origin[start])

    def origin_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the skeleton to the original text."""
        if self._origin is None:
            self._origin = _origins(self.original, FOLD_TABLE)
        origin = self._origin
        if end <= start:
            return origin[start], origin[start]
        last = origin[end - 1]
        # extend to swallow invisible characters and marks that folded to nothing
        stop = last + 1
        while stop < len(self.original) and FOLD_TABLE[ord(self.original[stop])] == "":
            stop += 1
        return origin[start], stop


# Views: extra strings matched with the same lexicon, each with an index list that
# maps view positions back to skeleton positions.

_INNER_SEPARATORS = r".\-*·•~\"^=:/\\"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# Pictographs typed inside a word to break it: "bi🤡tch", "فا🤡شل", "ul🦉lu".
_PICTOGRAPHS = "\u2600-\u27bf\U0001f000-\U0001faff"
# Separators inside a word ("f.u.c.k", "sh-it", "bi🤡tch"), and any spacing between two CJK
# characters, which those scripts do not use between words ("傻 逼").
_INNER_GAP = re.compile(
    r"(?<=[^\W_])[" + _INNER_SEPARATORS + _PICTOGRAPHS + r"]++(?=[^\W_])"
    rf"|(?<=[{_CJK}])[\s{_INNER_SEPARATORS}_,]++(?=[{_CJK}])"
)

_SEPARATOR_CHARS = r"\s.\-*·•~,/\\:;=^"
_SQUEEZE_SEP = rf"[{_SEPARATOR_CHARS}]"
_SQUEEZE_SEP_CHAR = re.compile(_SQUEEZE_SEP)
# one-letter words of the Romance languages ("a", "e", "o", "y", "i"), never the first half of a spaced word
_ONE_LETTER_WORDS = frozenset("aeoyi")
# One character, with the marks typed after it: a Devanagari letter with its vowel sign ("च मा र")
# is one of the single characters a spaced-out word is made of.
_ONE = rf"[^{_SEPARATOR_CHARS}?¿()\[\]{{}}<>\"'«»][{INDIC_MARKS}]*"
_BEFORE = rf"(?<![^{_SEPARATOR_CHARS}¿¡(\[\"'«])"
_AFTER = rf"(?=[{_SEPARATOR_CHARS}?!)\]}}\"'»]|$)"
# A run of single characters, split by one repeated separator ("s.h.1.t", "f - u - c - k")
# or by any whitespace ("f u  c\nk"); "s.h.i.t 1 2 3" is two runs, "shit" and "123".
# A third run takes any mix of separators ("f-u_c~k", "s.h-i t"): the first two keep
# "s.h.i.t 1 2 3" apart, this one joins letters whose separators change on purpose.
_SQUEEZE_RUNS = (
    re.compile(rf"{_BEFORE}{_ONE}([{_SEPARATOR_CHARS}]++){_ONE}{_AFTER}(?:\1{_ONE}{_AFTER})+"),
    re.compile(rf"{_BEFORE}{_ONE}(?:\s++{_ONE}{_AFTER})+"),
    re.compile(rf"{_BEFORE}{_ONE}(?:[{_SEPARATOR_CHARS}]++{_ONE}{_AFTER})+"),
)


# Gates that start with the separator, so the regex engine skips ahead to separators.
_JOIN_GATE = re.compile(  # possessive runs: a line of ten thousand dots stays linear
    r"[" + _INNER_SEPARATORS + _PICTOGRAPHS + r"](?<=[^\W\d_][" + _INNER_SEPARATORS + _PICTOGRAPHS + r"])"
    r"[" + _INNER_SEPARATORS + _PICTOGRAPHS + r"]*+(?=[^\W\d_])"
    rf"|[\s_,](?<=[{_CJK}][\s_,])[\s_,]*+(?=[{_CJK}])"
)
# Two single characters in a row, at the start or after a separator.
_SQUEEZE_GATE = re.compile(
    rf"^{_ONE}[{_SEPARATOR_CHARS}]++{_ONE}{_AFTER}"
    rf"|[{_SEPARATOR_CHARS}¿¡(\[\"'«]{_ONE}[{_SEPARATOR_CHARS}]++{_ONE}{_AFTER}"
)


def joined_view(skeleton: str) -> tuple[str, list[int]] | None:
    """Remove separators inside words ("f.u.c.k", "sh-it"), or None if there are none."""
    if not _JOIN_GATE.search(skeleton):
        return None
    chars: list[str] = []
    index: list[int] = []
    last = 0
    for gap in _INNER_GAP.finditer(skeleton):
        chars.append(skeleton[last : gap.start()])
        index.extend(range(last, gap.start()))
        last = gap.end()
    chars.append(skeleton[last:])
    index.extend(range(last, len(skeleton)))
    index.append(len(skeleton))
    return "".join(chars), index


def squeezed_views(plain: str) -> list[tuple[str, list[int]]]:
    """Join runs of single characters split by spaces or dots ("f u c k", "s.h.1.t")."""
    if not _SQUEEZE_GATE.search(plain):
        return []
    views: dict[tuple[int, int], tuple[str, list[int]]] = {}
    for pattern in _SQUEEZE_RUNS:
        for run in pattern.finditer(plain):
            if run.span() in views:
                continue
            index: list[int] = []
            for i in range(run.start(), run.end()):
                ch = plain[i]
                if _SQUEEZE_SEP_CHAR.match(ch):
                    continue
                if len(index) >= 4 and all(plain[j] == ch for j in index[-4:]):
                    continue  # "a a a a a ...": four of a letter are as good as any more
                index.append(i)
            word = "".join(plain[i] for i in index)
            if sum(1 for c in word if c.isalpha()) < 2:
                continue  # counting "1 2 3 4" or spaced-out digits are not words
            if len(word) == 2 and word[0] in _ONE_LETTER_WORDS:
                continue  # "a q hora" (Spanish "a qué hora"): a word of its own, then a letter
            index.append(index[-1] + 1)
            views[run.span()] = (word.translate(_LEET_TABLE), index)
    return list(views.values())
