"""Words of danger in disguise: spelled out letter by letter, or with digits for letters.

Nobody writes "b.o.m.b", "s h o o t i n g", "k1ll" or "st*bbed" by accident: hiding a word
of violence, self-harm or a private app from a filter is itself the signal. Alone, "bomb",
"kill" or "whatsapp" are ordinary words ("bath bomb", "killed it", "our class WhatsApp"),
so the lexicon does not hold them; disguised, a person should look. The lists below are stems
and forms in the languages of the phrase rules, each with the category a moderator would file
it under, at severity 2: a hold, never a block, because a look costs little.

Pure logic over ``Folded``: runs of single characters split by separators ("m a t a r",
"e.s.f.a.q.u.e.i.o", "w-h-a-t-s-a-p-p"), tokens with leet digits or symbols inside letters
("b0mb4", "r1tz3n"), and tokens with a masked letter ("st*bbed"). A swear word its writer masked
down to one letter ("f***", "s***") or a row of cursing symbols ("#@$%!") is profanity of the
lowest severity: held for a pupil's class, let through for adults (audience.py).
"""

from __future__ import annotations

import re

from .normalize import Folded, fold_plain
from .normalize_tables import LEET

Finding = tuple[str, int, tuple[int, int], str]

# stem -> category; a disguised word counts when it is a stem plus at most _SUFFIX letters
_STEMS: dict[str, str] = {}
for _category, _words in (
    (
        "violence",
        # en
        "kill killer murder shoot shooting stab bomb bombs gun guns knife amok massacre behead "
        # de
        "umbring abstech erstech stech bombe knarre waffe erschies abknall abstechen toeten "
        # fr
        "tuer buter flinguer poignard egorg massacr "
        # es, pt
        "matar mato matare apunal balear disparar masacre esfaque atirar metralh bomba pistola "
        # it
        "uccid ammazz sparare accoltell",
    ),
    (
        "self_harm",
        "suicid selbstmord suizid ritz ritzen autolesion autolesao automutil selfharm unalive coupur cortarme "
        "cortarse kms kys ctb",
    ),
    ("grooming", "whatsapp whatsap snapchat snap telegram insta instagram discord kik zap wpp nudes nude nackt"),
):
    for _w in _words.split():
        _STEMS[fold_plain(_w)] = _category  # folded as messages are ("l" and "i" are one letter there)
# Words of dying count only spelled out ("s.t.e.r.b.e.n"): in leetspeak they are mostly jokes ("ich st3rbe vor Hunger")
_SPELLED_STEMS = {**_STEMS, **{fold_plain(w): "self_harm" for w in ("sterb", "mourir", "morir", "morrer")}}
_SUFFIX = 4
_SHORT = 3  # fewest letters of a disguised word
_LONGEST = max(len(s) for s in _STEMS) + _SUFFIX

_LEET_TABLE = str.maketrans(LEET)
_SEP = r"[ .\-_~·•/|+]"
# single characters split by one or two separators, at least three of them: "b.o.m.b", "a m o k"
_RUN = re.compile(r"(?<![^\W_])(?:[^\W_]" + _SEP + r"{1,2}){2,}[^\W_](?![^\W_])")
# where letters meet digits, "@", "$" or "*" ("b0mb4", "k1ll", "st*bbed"); the token around it is read
_MIXED = re.compile(r"[^\W\d_][\d@$*]|[\d@$*][^\W\d_]")
_SPACE = re.compile(r"\s")
# a swear word censored by its writer: one letter and the rest masked ("f***", "s***", "b****", "f---",
# "f**king"), or a row of cursing symbols ("#@$%!"): the word is gone, but the swearing was typed
_SELF_CENSORED = re.compile(r"(?<![\w*#@$%&!-])[^\W\d_](?:[*#]{2,}[^\W\d_]{0,4}|-{3,})(?![\w*#@$%&-])")
_GRAWLIX = re.compile(r"(?<![\w#@$%&!*])[#@$%&!*]{4,}(?![\w#@$%&!*])")
_LETTERS = re.compile(r"[^\W\d_]")


def _category_of(word: str, stems: dict[str, str] = _STEMS) -> str | None:
    """The category of a word that is a stem plus a short ending, else None."""
    if len(word) < _SHORT or len(word) > _LONGEST:
        return None
    for cut in range(len(word), max(_SHORT, len(word) - _SUFFIX) - 1, -1):
        found = stems.get(word[:cut])
        if found is not None:
            return found
    return None


def disguised_words(folded: Folded) -> list[Finding]:
    """Holds for words of violence, self-harm or a private app typed in disguise."""
    plain = folded.plain
    found: list[Finding] = []
    for run in _RUN.finditer(plain):
        word = re.sub(_SEP, "", run.group()).translate(_LEET_TABLE)
        category = _category_of(word, _SPELLED_STEMS)
        if category is not None and sum(1 for c in word if c.isalpha()) >= _SHORT:
            found.append((category, 2, folded.origin_span(*run.span()), f"disguised:{category}"))
    end = -1
    for mixed in _MIXED.finditer(plain):
        if mixed.start() < end:
            continue  # inside the token read last
        begin = max(plain.rfind(" ", 0, mixed.start()), plain.rfind("\n", 0, mixed.start())) + 1
        after = _SPACE.search(plain, mixed.end())
        end = after.start() if after else len(plain)
        token = plain[begin:end]
        text = token.strip(".,;:!?\"'()")
        if len(text) < _SHORT + 1 or not _LETTERS.search(text):
            continue
        masked = "*" in text[1:-1]
        leet = any(c.isdigit() or c in "@$" for c in text) and not text.isdigit()
        if not (masked or leet):
            continue
        start = begin + token.find(text)
        if masked:
            category = _masked_category(text)
        else:
            word = text.translate(_LEET_TABLE)
            category = _category_of(word) if word.isalpha() else None
        if category is not None:
            found.append((category, 2, folded.origin_span(start, start + len(text)), f"disguised:{category}"))
    if "**" in plain or "##" in plain or "*#" in plain or "#*" in plain or "---" in plain:
        for m in _SELF_CENSORED.finditer(plain):
            found.append(("profanity", 1, folded.origin_span(*m.span()), "disguised:profanity"))
    if any(c in plain for c in "#@$%&"):
        found += _grawlix(folded)
    return found


def _grawlix(folded: Folded) -> list[Finding]:
    found: list[Finding] = []
    for m in _GRAWLIX.finditer(folded.plain):
        if len(set(m.group())) >= 3 and set(m.group()) & set("#@$%&"):
            found.append(("profanity", 1, folded.origin_span(*m.span()), "disguised:profanity"))
    return found


def _masked_category(text: str) -> str | None:
    """The category of a word with masked letters ("st*bbed") when it can only be one stem's."""
    if not re.fullmatch(r"[^\W\d_]+(?:\*{1,2}[^\W\d_]+)+\**|[^\W\d_]+\*{1,2}[^\W\d_]*", text):
        return None
    pattern = re.compile(text.replace("*", "[^\\W\\d_]"))
    categories = {
        category
        for stem, category in _STEMS.items()
        for ending in ("", "s", "ed", "bed", "ing", "bing", "er", "en", "ar", "e", "a", "o")
        if pattern.fullmatch(stem + ending)
    }
    return categories.pop() if len(categories) == 1 else None
