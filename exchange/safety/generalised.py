"""A group run down in one clause: "deaf people are so annoying", "ロシア人はみんな野蛮".

The hate templates ("{group} are vermin") list whole sentences, and people write the same
slight in many more shapes ("all chinese eat dogs lmao", "Lesben sind einfach ekelhaft",
"黑人智商就是低"). Here an identity term of any language (the lexicons' ``identity`` rows)
and a slight said of people (``cue_derog``: dirty, lazy, thieves, animals, eat dogs, should
go back) a few words apart in one clause are a hate reason of the lowest severity: held for
a person to read, never blocked unseen, because a guess from two words may be wrong. The
caller leaves out a slight right after a negation ("they are not lazy") and skips the check
when the message talks about slights (``cue_counter``: stereotype, racism, prejudice; or
``cue_mention``: words about words).

Pure: the folded text and the slights' spans in, findings out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .compiled import compile_pattern
from .lexicon_entry import _IS_CJK
from .lexicon_files import LANGUAGES, identity_terms
from .normalize import Folded, fold_plain

Finding = tuple[str, int, tuple[int, int], str]

REACH = 40  # characters between the group and the slight, at most
_CLAUSE_END = re.compile(r"[.!?;\n。！？；]")
RULE = "slight:group"
# a word of nationality or faith before a thing names the thing ("the chinese food was disgusting",
# "la musique arabe", "die türkische Küche"): no group is meant
_THING = re.compile(
    r"\s+(?:food|foods|restaurant|restaurants|takeaway|dish|dishes|cuisine|cooking|recipe|language|languages|class|"
    r"lesson|lessons|teacher|music|song|songs|film|films|movie|movies|culture|history|new year|festival|flag|team|"
    r"market|shop|tea|writing|alphabet|characters|homework|test|exam|book|books|comida|cocina|música|musica|"
    r"idioma|lengua|cultura|historia|história|clase|aula|nourriture|cuisine|musique|langue|histoire|cours|essen|"
    r"küche|kueche|musik|sprache|kultur|geschichte|unterricht|cibo|cucina|lingua|storia|lezione|еда|кухня|музыка|"
    r"язык|культура|история|урок|chakula|muziki|lugha|historia|somo)(?![^\W_])",
    re.IGNORECASE,
)


# Japanese names a people as a country in katakana and 人 ("ロシア人", "アメリカ人"); 人形, 人気,
# 人物, 人間, 人生 and 人口 are a doll, popularity, a figure, a human, a life and a population
_KATAKANA_PEOPLE = "[ァ-ヺー]{2,}人(?![形気物間生口])"


def warm_up() -> None:
    """Build the group matcher before a message needs it (a second or more on a cold cache)."""
    _groups()


@lru_cache(maxsize=1)
def _groups() -> re.Pattern[str] | None:
    """Every language's identity terms, folded as messages are: whole words, or anywhere for
    scripts written without spaces."""
    terms = {" ".join(fold_plain(t).split()) for lang in LANGUAGES for t in identity_terms(lang)}
    terms.discard("")
    words = sorted((t for t in terms if not _IS_CJK.search(t)), key=len, reverse=True)
    free = sorted((t for t in terms if _IS_CJK.search(t)), key=len, reverse=True)
    parts = []
    if words:
        parts.append(r"(?<![^\W_])(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in words) + r")(?![^\W_])")
    if free:
        parts.append("(?:" + "|".join(re.escape(t) for t in free) + ")")
    parts.append(_KATAKANA_PEOPLE)
    return compile_pattern("|".join(parts)) if parts else None  # the regex cache: a restart skips the compile


def slighted_groups(folded: Folded, slights: list[tuple[int, int]]) -> list[Finding]:
    """A hate reason for each slight with an identity term near it in the same clause."""
    pattern = _groups()
    if pattern is None or not slights:
        return []
    text = folded.original
    groups = [folded.origin_span(*m.span()) for m in pattern.finditer(folded.skeleton)]
    groups = [g for g in groups if not _THING.match(text, g[1])]
    found: list[Finding] = []
    for s_start, s_end in slights:
        for g_start, g_end in groups:
            if g_start <= s_start < g_end or s_start <= g_start < s_end:
                continue  # one word is not both ("rats" in a group's name)
            left, right = (g_end, s_start) if g_end <= s_start else (s_end, g_start)
            if right - left > REACH or _CLAUSE_END.search(text, left, right):
                continue
            found.append(("hate", 1, (min(g_start, s_start), max(g_end, s_end)), RULE))
            break
    return found
