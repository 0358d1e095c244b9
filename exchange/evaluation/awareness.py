"""The awareness survey for families and community partners (issue 22): what they are asked and how
the answers add up. Pure: no Flask, no database; the pages, the API and the tests read the same
questions and the same sums.

Five questions on a scale of 1 to 4, worded for a family (about "my child") or for a community partner
(about "the school"), and one optional comment of at most 500 characters. One answer per person per
school term (the safety report's terms: January–April, May–August, September–December); answering
again in the same term replaces it. Texts are marked with `N_` for extraction; the edge translates them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def N_(text: str) -> str:  # Babel's default keyword: extracted, translated at the edge
    """Marks a text for the translation catalogue; the page or API translates it when it shows it."""
    return text


AUDIENCES = ("family", "community")
SCALE = (1, 2, 3, 4)
MAX_COMMENT_CHARS = 500
KEYS = ("exchanges", "reach", "safety", "partners", "useful")

QUESTIONS: dict[str, dict[str, str]] = {
    "family": {
        "exchanges": N_("I know what my child's class does in its exchanges with partner classes."),
        "reach": N_("I know how to reach my child's teacher."),
        "safety": N_("I know how the school keeps children safe online."),
        "partners": N_("I know about the community partners working with the school."),
        "useful": N_("How useful are the messages and updates you get from the school?"),
    },
    "community": {
        "exchanges": N_("I know what the school's classes do in their exchanges with partner classes."),
        "reach": N_("I know whom to contact at the school."),
        "safety": N_("I know how the school keeps children safe online."),
        "partners": N_("I know about the other community partners working with the school."),
        "useful": N_("How useful are the messages and updates you get from the school?"),
    },
}
# Short names for a table's rows and a chart's axis.
SHORT_NAMES: dict[str, str] = {
    "exchanges": N_("Knows what the classes do"),
    "reach": N_("Knows whom to contact"),
    "safety": N_("Knows how children are kept safe online"),
    "partners": N_("Knows the community partners"),
    "useful": N_("Finds the messages useful"),
}
KNOW_WORDS = (N_("Not at all"), N_("A little"), N_("Quite well"), N_("Very well"))
USEFUL_WORDS = (N_("Not useful"), N_("A little useful"), N_("Useful"), N_("Very useful"))
COMMENT_QUESTION = N_("Anything else you would like the school to know? (optional)")


def scale_words(key: str) -> tuple[str, str, str, str]:
    return USEFUL_WORDS if key == "useful" else KNOW_WORDS


class AwarenessInvalid(ValueError):
    def __init__(self, code: str, field: str = ""):
        super().__init__(code)
        self.code, self.field = code, field


def clean(scales: object, comment: object) -> tuple[dict[str, int], str]:
    """Every question answered with 1 to 4; the comment trimmed (optional, at most 500 characters)."""
    if not isinstance(scales, dict):
        raise AwarenessInvalid("invalid_scale", "scales")
    points: dict[str, int] = {}
    for key in KEYS:
        value = scales.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value not in SCALE:
            raise AwarenessInvalid("invalid_scale", key)
        points[key] = value
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        raise AwarenessInvalid("invalid_comment", "comment")
    text = comment.strip()
    if len(text) > MAX_COMMENT_CHARS:
        raise AwarenessInvalid("too_long", "comment")
    return points, text


@dataclass(frozen=True)
class AnswerRecord:
    audience: str  # family | community
    school_ids: frozenset[int]  # empty: a community partner of no school
    scales: Mapping[str, int]
    comment: str = ""


@dataclass(frozen=True)
class QuestionMean:
    key: str
    mean: float | None
    count: int


@dataclass
class GroupResult:
    """One audience at one school: how many answered, each question's mean, their comments."""

    answered: int = 0
    questions: list[QuestionMean] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def group(records: Iterable[AnswerRecord]) -> GroupResult:
    """Means per question in the questions' order; a value outside the scale is left out."""
    found = GroupResult()
    values: dict[str, list[int]] = {k: [] for k in KEYS}
    for r in records:
        found.answered += 1
        for key in KEYS:
            value = r.scales.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value in SCALE:
                values[key].append(value)
        if r.comment:
            found.comments.append(r.comment)
    found.questions = [QuestionMean(k, _mean(values[k]), len(values[k])) for k in KEYS]
    return found


def by_school(
    records: Iterable[AnswerRecord], school_ids: Iterable[int | None]
) -> dict[int | None, dict[str, GroupResult]]:
    """Per school named (None: community partners of no school), families and partners apart. An
    answer counts at each of its schools (a family with children at two schools answers for both)."""
    kept = list(records)
    found: dict[int | None, dict[str, GroupResult]] = {}
    for school in school_ids:
        mine = [r for r in kept if (school in r.school_ids if school is not None else not r.school_ids)]
        found[school] = {a: group(r for r in mine if r.audience == a) for a in AUDIENCES}
    return found
