"""What students of a partnership are asked before and after it, about the partner's country and
culture, and how the answers add up. Pure: no Flask, no database; the pages, the API, the impact
dashboard and the tests read the same questions and the same sums.

A partnership is a room whose accepted classes come from two or more schools. Its teacher opens the
"before" survey, later the "after" one (which ends the first); each student answers each phase once.
Three questions on a scale of 1 to 4 (under 13: four faces, nothing to write) and, from 13, one
optional line of at most 300 characters. Texts are marked with `N_` for extraction; the edge
translates them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass


def N_(text: str) -> str:  # Babel's default keyword: extracted, translated at the edge
    """Marks a text for the translation catalogue; the page or API translates it when it shows it."""
    return text


PHASES = ("before", "after")
SCALE = (1, 2, 3, 4)
MAX_TEXT_CHARS = 300
KINDS = ("pictures", "words")  # under 13: faces to tap; from 13: words, and one line to write

SCALE_QUESTIONS: dict[str, str] = {
    "knowledge": N_("How much do you know about daily life in your partner class's country?"),
    "comfort": N_("How would you feel talking with students from there?"),
    "similarity": N_("How similar do you think their daily life is to yours?"),
}
# Short names for a chart's axis and a table's rows.
SHORT_NAMES: dict[str, str] = {
    "knowledge": N_("Knows their daily life"),
    "comfort": N_("At ease talking with them"),
    "similarity": N_("Sees their life as similar"),
}
TEXT_QUESTIONS: dict[str, str] = {
    "one_thing": N_("Write one thing you know about them (optional)."),
}
# The words of each scale point, per question; the picture form shows a face beside the same words.
SCALE_WORDS: dict[str, tuple[str, str, str, str]] = {
    "knowledge": (N_("Nothing"), N_("A little"), N_("Quite a lot"), N_("A lot")),
    "comfort": (N_("Not at ease"), N_("A bit shy"), N_("Fine"), N_("Happy to")),
    "similarity": (N_("Very different"), N_("Rather different"), N_("Rather similar"), N_("Very similar")),
}
FACES = ("😟", "😐", "🙂", "😄")


@dataclass(frozen=True)
class Asked:
    kind: str  # pictures | words
    scales: tuple[str, ...]
    texts: tuple[str, ...]


def asked(audience: str) -> Asked:
    """A room for under-13s gets the three scales as faces and nothing to write; others the line too."""
    if audience == "under13":
        return Asked("pictures", tuple(SCALE_QUESTIONS), ())
    return Asked("words", tuple(SCALE_QUESTIONS), tuple(TEXT_QUESTIONS))


def is_partnership(school_ids: Collection[int]) -> bool:
    """Two schools or more among the room's accepted classes."""
    return len(set(school_ids)) >= 2


def current_phase(opened: Collection[str]) -> str | None:
    """The phase students answer now: the latest one opened ("after" ends "before"), or None."""
    if "after" in opened:
        return "after"
    return "before" if "before" in opened else None


def open_refusal(phase: str, opened: Collection[str]) -> str | None:
    """None when `phase` may be opened now, else why not: phases open once each, "before" first."""
    if phase not in PHASES:
        return "invalid_phase"
    if phase in opened:
        return "already_open"
    if phase == "after" and "before" not in opened:
        return "before_first"
    return None


class SurveyInvalid(ValueError):
    def __init__(self, code: str, field: str = ""):
        super().__init__(code)
        self.code, self.field = code, field


def clean(asked_: Asked, scales: object, texts: object) -> tuple[dict[str, int], dict[str, str]]:
    """Every scale answered with 1 to 4; the asked texts trimmed (an empty one dropped); texts a
    form for under-13s does not ask for are ignored. Anything else is refused."""
    if not isinstance(scales, dict):
        raise SurveyInvalid("invalid_scale", "scales")
    if texts is None:
        texts = {}
    if not isinstance(texts, dict):
        raise SurveyInvalid("invalid_answers", "texts")
    points: dict[str, int] = {}
    for key in asked_.scales:
        value = scales.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value not in SCALE:
            raise SurveyInvalid("invalid_scale", key)
        points[key] = value
    words: dict[str, str] = {}
    for key in asked_.texts:
        value = texts.get(key, "")
        if not isinstance(value, str):
            raise SurveyInvalid("invalid_answers", key)
        value = value.strip()
        if len(value) > MAX_TEXT_CHARS:
            raise SurveyInvalid("too_long", key)
        if value:
            words[key] = value
    return points, words


@dataclass(frozen=True)
class QuestionResult:
    """One question's answers before and after: the mean (None without answers) and how many."""

    key: str
    before_mean: float | None
    before_count: int
    after_mean: float | None
    after_count: int

    @property
    def change(self) -> float | None:
        if self.before_mean is None or self.after_mean is None:
            return None
        return round(self.after_mean - self.before_mean, 2)


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def results(answers: Iterable[tuple[str, Mapping[str, int]]]) -> list[QuestionResult]:
    """Per scale question, in the questions' order: (phase, scales) pairs summed. A value outside
    the scale or a phase not known is left out rather than skewing a mean."""
    values: dict[tuple[str, str], list[int]] = {}
    for phase, scales in answers:
        if phase not in PHASES:
            continue
        for key in SCALE_QUESTIONS:
            value = scales.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value in SCALE:
                values.setdefault((phase, key), []).append(value)
    found = []
    for key in SCALE_QUESTIONS:
        before, after = values.get(("before", key), []), values.get(("after", key), [])
        found.append(QuestionResult(key, _mean(before), len(before), _mean(after), len(after)))
    return found
