"""Phone numbers spelled out as number words that the lexicon found ("zero seven nine one ...")."""

from __future__ import annotations

import re

from .normalize import fold_plain

_DIGIT_GAP = re.compile(r"[\s,.\-]*")


_DIGIT_VALUES = {
    fold_plain(word): value
    for words in (
        "zero|oh one two three four five six seven eight nine",
        "cero uno dos tres cuatro cinco seis siete ocho nueve",
        "zéro un deux trois quatre cinq six sept huit neuf",
        "zero um dois três quatro cinco seis sete oito nove",
        "null eins zwei drei vier fünf sechs sieben acht neun",
        "nol satu dua tiga empat lima enam tujuh delapan sembilan",
        "sifuri moja mbili tatu nne tano sita saba nane tisa",
    )
    for value, choices in enumerate(words.split())
    for word in choices.split("|")
}


def spelled_phone_spans(skeleton: str, digit_words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of seven or more digits written as words ("zero seven nine one ...").

    ``digit_words`` are skeleton spans of number words found by the lexicon
    (category ``cue_digit``), in order. Counting ("one two three four ...") is not a number.
    """
    runs = []
    group: list[tuple[int, int]] = []
    for span in digit_words + [(-1, -1)]:
        if group and span[0] >= 0 and _DIGIT_GAP.fullmatch(skeleton, group[-1][1], span[0]):
            group.append(span)
            continue
        if len(group) >= 7:
            values = [_DIGIT_VALUES.get(skeleton[s:e], -1) for s, e in group]
            steps = {b - a for a, b in zip(values, values[1:])}
            if not (len(steps) == 1 and steps.pop() in (1, -1)):
                runs.append((group[0][0], group[-1][1]))
        group = [span]
    return runs
