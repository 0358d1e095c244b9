"""The partnership quality rubric, in the spirit of eTwinning's quality labels. Pure: no Flask, no
database; the form, the API, the room's evaluation page and the impact dashboard share it.

Six criteria, each scored 0 to 3 with a short evidence note. A teacher of the partnership scores it
as a self-assessment; a school admin of a partner school, a moderator or the platform administrator
records a review, and only the latest review counts.

The rule for the label (`awarded`): the partnership earns the Quality label when its latest review
scores every criterion at least 2 ("established") and the six together at least 14 of 18. A
self-assessment alone never awards it. Texts are marked with `N_` for extraction; the edge
translates them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


def N_(text: str) -> str:  # Babel's default keyword: extracted, translated at the edge
    """Marks a text for the translation catalogue; the page or API translates it when it shows it."""
    return text


LEVELS = (0, 1, 2, 3)
MAX_NOTE_CHARS = 500
KINDS = ("self", "review")
MIN_EACH = 2
MIN_TOTAL = 14
MAX_TOTAL = 3 * 6

CRITERIA: dict[str, str] = {
    "collaboration": N_("Collaboration between the partner schools"),
    "innovation": N_("Pedagogical innovation"),
    "curriculum": N_("Curricular integration"),
    "technology": N_("Use of technology"),
    "results": N_("Results and impact"),
    "safety": N_("Safety and responsible use"),
}

# What each score means, per criterion: 0 not yet, 1 beginning, 2 established, 3 exemplary.
DESCRIPTORS: dict[str, tuple[str, str, str, str]] = {
    "collaboration": (
        N_("The classes worked side by side, not together."),
        N_("The classes exchanged messages or work now and then."),
        N_("The classes planned and carried out tasks together."),
        N_("Mixed teams of both schools created shared work from start to end."),
    ),
    "innovation": (
        N_("Lessons went on as usual."),
        N_("Some activities were new for the students."),
        N_("Students investigated, chose and created with the partner class."),
        N_("Students led the work; the approach can be reused by other teachers."),
    ),
    "curriculum": (
        N_("The exchange stood apart from the curriculum."),
        N_("The exchange touched on one subject's topics."),
        N_("The exchange was part of planned lessons with stated learning goals."),
        N_("Several subjects built on the exchange, and learning was assessed."),
    ),
    "technology": (
        N_("Technology was hardly used."),
        N_("Technology was used to send messages and files."),
        N_("Students used the tools to create and share work together."),
        N_("Technology made new kinds of collaboration possible, used with care."),
    ),
    "results": (
        N_("No results were collected."),
        N_("Some work was produced but not shared or reviewed."),
        N_("Results were shared with both schools and the learning was reflected on."),
        N_("Results reached families or the community, with evidence of what students learned."),
    ),
    "safety": (
        N_("Safety and privacy were not considered."),
        N_("Basic rules were given to the students."),
        N_("Students agreed on rules, consent was in place and personal data was protected."),
        N_("Students practised responsible use themselves and can explain it to others."),
    ),
}


class RubricInvalid(ValueError):
    def __init__(self, code: str, field: str = ""):
        super().__init__(code)
        self.code, self.field = code, field


def clean(scores: object, notes: object) -> tuple[dict[str, int], dict[str, str]]:
    """Every criterion scored 0 to 3, in the criteria's order; evidence notes trimmed (an empty one
    dropped, at most 500 characters each). Anything else is refused."""
    if not isinstance(scores, dict):
        raise RubricInvalid("invalid_score", "scores")
    if notes is None:
        notes = {}
    if not isinstance(notes, dict):
        raise RubricInvalid("invalid_notes", "notes")
    points: dict[str, int] = {}
    for key in CRITERIA:
        value = scores.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value not in LEVELS:
            raise RubricInvalid("invalid_score", key)
        points[key] = value
    words: dict[str, str] = {}
    for key in CRITERIA:
        value = notes.get(key, "")
        if not isinstance(value, str):
            raise RubricInvalid("invalid_notes", key)
        value = value.strip()
        if len(value) > MAX_NOTE_CHARS:
            raise RubricInvalid("too_long", key)
        if value:
            words[key] = value
    return points, words


def total(scores: Mapping[str, int]) -> int:
    return sum(scores.get(key, 0) for key in CRITERIA)


def awarded(scores: Mapping[str, int]) -> bool:
    """The Quality label's rule: every criterion at least 2 and a total of at least 14 of 18."""
    return all(scores.get(key, 0) >= MIN_EACH for key in CRITERIA) and total(scores) >= MIN_TOTAL


@dataclass(frozen=True)
class Standing:
    """Where a partnership stands: its latest self-assessment's and review's totals, and the label."""

    self_total: int | None
    review_total: int | None
    label: bool


def standing(latest_self: Mapping[str, int] | None, latest_review: Mapping[str, int] | None) -> Standing:
    """Only the review counts for the label; the self-assessment is shown beside it."""
    return Standing(
        None if latest_self is None else total(latest_self),
        None if latest_review is None else total(latest_review),
        latest_review is not None and awarded(latest_review),
    )
