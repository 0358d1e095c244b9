"""Letters spaced out inside a sentence, joined in place: "te voy a m a t a r".

``normalize.squeezed_views`` reads a run of single letters on its own (the run is the
whole view), which catches a word typed letter by letter but not a phrase around it.
This view keeps the sentence and joins each run of at least three single letters,
separated by spaces, dots or dashes, into one word where it stands, so the phrase and
word matching run on "te voy a matar" and "kimse seni burda istemiyor". Phrases match
with optional separators between their words, so a one-letter word swallowed by the run
("a m a t a r" is "amatar") still fits "te voy a matar".

A letter is one base letter with its combining marks, and in Indic scripts with the
consonants a virama joins to it ("आ त्म ह त्या" is four letters); Arabic, Cyrillic, Greek,
kana and Hangul letters count like Latin ones ("م ح د"). Runs without a space are left to
``normalize.joined_view``, which already joins "f.u.c.k" and "ざ.い.に.ち" in place, and a
message that is one run and nothing else to ``normalize.squeezed_views``.

Joined runs are matched on word boundaries like any word, so an acronym or a list of
letters ("U S A", "a b c d blocks", "J. R. R. Tolkien", "x y z axes") only matters if the
joined word is itself an entry.
"""

from __future__ import annotations

import re

from .normalize_tables import INDIC_MARKS, LEET

_VIRAMAS = "\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca"
# Marks that are not \w: Indic vowel signs and the like, Arabic harakat, kana voicing.
_MARKS = INDIC_MARKS + "\u064b-\u065f\u0670\u3099\u309a"
_LETTER = r"[^\W\d_]"
_UNIT = rf"{_LETTER}(?:[{_VIRAMAS}]{_LETTER}|(?!{_LETTER})[{_MARKS}])*"
_LEET_ONE = "[" + re.escape("".join(k for k in LEET if not k.isdigit())) + "]"
_ONE = rf"(?:{_UNIT}|{_LEET_ONE})"
_SEP = r"[ \t.\-_·•~‐–—]{1,3}"  # "m e  t u e r", "J. R. R.": up to three, never a line break
_EDGE = rf"[\w{_MARKS}]"
# At least three single letters.
_RUN = re.compile(rf"(?<!{_EDGE})(?<![@#]){_ONE}(?:{_SEP}{_ONE}(?!{_EDGE})){{2,}}")
# The cheap gate, true of the second and third letters of any run: a separator, a letter,
# a separator, a letter that ends a word. It starts with a set of separator characters, so
# the regex engine skips ahead to them instead of trying at every letter.
_GATE = re.compile(rf"[ \t.\-_·•~‐–—]{_UNIT}{_SEP}{_ONE}(?!{_EDGE})")
_AFTER_RUN = " \t\n.,;:!?)]}\"'»”"
_LEET_TABLE = str.maketrans({k: v for k, v in LEET.items() if not k.isdigit()})


def spaced_view(skeleton: str) -> tuple[str, list[int]] | None:
    """The skeleton with each run of >= 3 spaced single letters joined, or None.

    Returns the view and, for each of its characters (plus one past the end), the index
    of the skeleton character it comes from.
    """
    gate = _GATE.search(skeleton)
    if gate is None:
        return None
    chars: list[str] = []
    index: list[int] = []
    last = 0
    # a run's first letter is a few characters before the gate: no need to try every letter before
    for run in _RUN.finditer(skeleton, max(0, gate.start() - 8)):
        letters = [i for i in range(run.start(), run.end()) if not re.match(_SEP, skeleton[i])]
        if sum(1 for i in letters if skeleton[i].isalpha()) < 2:
            continue
        if not any(c.isspace() for c in run.group()) or not (
            skeleton[: run.start()].strip() or skeleton[run.end() :].strip(_AFTER_RUN)
        ):
            continue  # "f.u.c.k" is the joined view's, a message that is one run the squeezed view's
        chars.append(skeleton[last : run.start()])
        index.extend(range(last, run.start()))
        chars.append("".join(skeleton[i] for i in letters).translate(_LEET_TABLE))
        index.extend(letters)
        last = run.end()
    if not index and last == 0:
        return None
    chars.append(skeleton[last:])
    index.extend(range(last, len(skeleton)))
    index.append(len(skeleton))
    return "".join(chars), index
