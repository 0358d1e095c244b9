"""Pure rules of the digital-citizenship lesson (issue 22): its version, its questions' answer key,
and which text a student reads for their age. No Flask, no database.

A new version of the lesson (a changed text or question) asks every student again: the pledge
records the version it was given for."""

from __future__ import annotations

VERSION = 1
UNDER13_BANDS = frozenset({"K-2", "3-5", "6-8"})

# question -> (its choices in order, the right one)
QUESTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "phone": (("give", "tell", "other_app"), "tell"),
    "worry": (("ignore", "report", "answer_back"), "report"),
    "holiday": (("ask", "strange", "change_subject"), "ask"),
}


def band_for(grade_band: str | None) -> str:
    """The lesson's text for the student's age: simpler words below 13."""
    return "under13" if grade_band in UNDER13_BANDS else "teen"


def wrong_answers(answers: dict[str, object]) -> list[str]:
    """The questions answered wrongly or not at all, in the lesson's order."""
    return [q for q, (_choices, right) in QUESTIONS.items() if answers.get(q) != right]


def refusal(required: bool, pledged_version: int | None) -> str | None:
    """Why a student may not join a room that requires the lesson: None, or "citizenship_missing"."""
    if not required:
        return None
    return None if pledged_version == VERSION else "citizenship_missing"
