"""A trained second opinion beside the word lists and phrase rules (issue 15, point 7).

Word lists do not generalise to phrasings nobody wrote down; a linear model over
character n-grams of the folded text does, a little. ``scripts/train-safety-model``
trains it on the tuning set and exports n-gram weights to ``model/second_opinion.tsv.gz``;
this module scores with them in pure Python (no numpy at run time).

Two linear models share the n-grams of a message:

- a gate, harmful (any of ``CATEGORIES``) against benign, whose probability is compared
  with a threshold per category (chosen by cross-validation so that few benign lines pass),
  with thresholds of their own for short texts (fewer than ``short_grams`` n-grams: each
  n-gram weighs more there, so the gate is surest of itself where it knows least);
  a threshold of 1.0 means the model names that category but never holds for it (profanity);
- a category model, run only when the gate is above the lowest threshold, that names the
  most likely category.

The model only ever asks for a human look (``check_text`` holds): it never blocks or
masks on its own, because a false alarm from a statistical guess must cost a moderator's
glance, not a pupil's message.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .lexicon_entry import _IS_CJK  # the lexicon's own test for scripts written without spaces

MODEL_FILE = Path(__file__).with_name("model") / "second_opinion.tsv.gz"
CATEGORIES = ("grooming", "self_harm", "violence", "bullying", "hate", "sexual", "profanity")
ADULT_CATEGORIES = frozenset({"grooming", "self_harm", "violence"})  # what an adult's message is held for
# An adult's message is held only from this probability on, whatever the export's cuts: the floor for longer
# texts went from 0.975 to 0.92 on 2026-12-07, measured on pupils' lines; a teacher's safeguarding note ("if you
# ever feel like hurting yourself, talk to me") was not measured, and holding it would delay help.
ADULT_FLOOR = 0.975
WINDOW = 400  # characters scored at once; a longer text is scored window by window
MAX_CHARS = 4000  # beyond this a text is not scored further (the rules still read all of it)


def grams(skeleton: str, orders: tuple[int, ...]) -> set[str]:
    """The distinct character n-grams of a folded text, spaces collapsed and padded.

    Presence, not counts, scaled by 1/sqrt(how many): a word repeated a hundred times
    weighs what it weighs once. Training calls this too, so both sides agree. The lone space,
    in every text, is left out: scaled by 1/sqrt(how many), it only said "short", and the
    model had learnt that short meant harmful ("Var är du?" was held as violence).
    """
    text = " " + " ".join(skeleton.split()) + " "
    size = len(text)
    found = {text[i : i + n] for n in orders for i in range(size - n + 1)}
    found.discard(" ")
    return found


@dataclass(frozen=True)
class Opinion:
    """The model's view of one text: the harmful probability and the likeliest category."""

    category: str
    probability: float
    held: bool  # above the category's threshold


class Model:
    """Weights read from an export of ``scripts/train-safety-model``."""

    def __init__(self, path: Path = MODEL_FILE):
        self.header: list[str] = []
        self.orders: tuple[int, ...] = ()
        self.gate_bias = 0.0
        self.category_bias: tuple[float, ...] = ()
        self.thresholds: dict[str, float] = {}
        self.short_thresholds: dict[str, float] = {}  # for texts of fewer than short_grams n-grams
        self.short_grams = 0
        self.gate: dict[str, float] = {}
        self.categories: tuple[dict[str, float], ...] = tuple({} for _ in CATEGORIES)
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            self._read(fh)
        self.lowest = min([*self.thresholds.values(), *self.short_thresholds.values()], default=1.0)
        self.gate_floor = _logit(self.lowest)  # below this raw score nothing can be held

    def _read(self, lines: Iterable[str]) -> None:
        in_body = False
        for line in lines:
            line = line.rstrip("\n")
            if in_body:
                gram, gate, *rest = line.split("\t")
                if gate:
                    self.gate[gram] = float(gate)
                for weights, w in zip(self.categories, rest):
                    if w:
                        weights[gram] = float(w)
                continue
            key, _, value = line.partition("\t")
            if key.startswith("#"):
                self.header.append(line)
            elif key == "orders":
                self.orders = tuple(int(n) for n in value.split(","))
            elif key == "gate_bias":
                self.gate_bias = float(value)
            elif key == "category_bias":
                self.category_bias = tuple(float(w) for w in value.split("\t"))
            elif key == "short_grams":
                self.short_grams = int(value)
            elif key == "threshold":  # category, then the threshold of longer texts and of short ones
                category, number, *short = value.split("\t")
                self.thresholds[category] = float(number)
                self.short_thresholds[category] = float(short[0] if short else number)
            elif key == "gram":
                if tuple(value.split("\t")[1:]) != CATEGORIES:
                    raise ValueError(f"unexpected categories in {MODEL_FILE.name}: {value!r}")
                in_body = True

    def opinion(self, skeleton: str) -> Opinion | None:
        """The model's opinion of a folded text, or None when it sees nothing worth naming."""
        text = skeleton[:MAX_CHARS]
        if not text or text.isspace() or _letters_apart(text) or _one_word(text):
            return None
        best, found = -math.inf, set()
        for start in range(0, max(len(text) - 50, 1), WINDOW - 50):  # windows overlap by 50
            window = grams(text[start : start + WINDOW], self.orders)
            score = self.gate_bias + sum(filter(None, map(self.gate.get, window))) / math.sqrt(len(window))
            if score > best:
                best, found = score, window
        if best < self.gate_floor:
            return None
        norm = math.sqrt(len(found))
        scores = [
            bias + sum(filter(None, map(weights.get, found))) / norm
            for bias, weights in zip(self.category_bias, self.categories)
        ]
        category = CATEGORIES[scores.index(max(scores))]
        probability = _sigmoid(best)
        thresholds = self.short_thresholds if len(found) < self.short_grams else self.thresholds
        return Opinion(category, probability, probability >= thresholds.get(category, 1.0))

    def probability(self, skeleton: str) -> float:
        """The gate's harmful probability of one window (for measures and tests)."""
        found = grams(skeleton[:WINDOW], self.orders)
        if not found:
            return _sigmoid(self.gate_bias)
        return _sigmoid(self.gate_bias + sum(filter(None, map(self.gate.get, found))) / math.sqrt(len(found)))


def _letters_apart(text: str) -> bool:
    """Mostly one-character words ("A B C song", "b e a n s"): left to the rules, which join
    letters typed apart into words and check those. In training nearly every text typed that way
    was an evasion, so the model's n-grams of it say "harmful" whatever the letters spell."""
    words = text.split()
    return len(words) >= 3 and sum(len(w) == 1 for w in words) * 2 >= len(words)


def _one_word(text: str) -> bool:
    """A single word in a spaced script ("User", a surname): the word lists' business. The model reads
    phrasings; on one word its few n-grams decide alone ("User" was held as bullying), and leaving
    single words out changed no held-out figure. Scripts written without spaces still count."""
    return len(text.split()) < 2 and not _IS_CJK.search(text)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


_LOADED: list[Model | None] = []


def loaded() -> Model | None:
    """The exported model, read once per process; None when no export is shipped."""
    if not _LOADED:
        _LOADED.append(Model() if MODEL_FILE.exists() else None)
    return _LOADED[0]
