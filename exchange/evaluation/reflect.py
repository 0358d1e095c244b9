"""What a person is asked after a session, by age and role. Pure: the pages, the API and the tests
read the same questions.

Under 13 a student taps one of five faces, with no writing asked (a child who cannot yet write well
still answers). Older students pick a face too and answer two short questions; adults give feedback
on the session. Texts are short, so that a reflection is a minute, not homework.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("picture", "questions", "feedback")
SCALE = (1, 2, 3, 4, 5)
MAX_ANSWER_CHARS = 500
QUESTIONS = {
    "picture": (),
    "questions": ("learned", "surprised"),
    "feedback": ("went_well", "improve"),
}


@dataclass(frozen=True)
class Asked:
    kind: str
    questions: tuple[str, ...]


def asked(role: str, audience: str) -> Asked:
    """Students of a room for under-13s get the picture scale; other students the questions; adults feedback."""
    if role == "student":
        kind = "picture" if audience == "under13" else "questions"
    else:
        kind = "feedback"
    return Asked(kind, QUESTIONS[kind])


class ReflectionInvalid(ValueError):
    def __init__(self, code: str, field: str = ""):
        super().__init__(code)
        self.code, self.field = code, field


def clean(kind: str, scale: object, answers: object) -> tuple[int, dict[str, str]]:
    """The scale (1–5) and the answers this kind asks for, trimmed; anything else is refused."""
    if not isinstance(scale, int) or isinstance(scale, bool) or scale not in SCALE:
        raise ReflectionInvalid("invalid_scale", "scale")
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise ReflectionInvalid("invalid_answers", "answers")
    found: dict[str, str] = {}
    for key in QUESTIONS[kind]:
        value = answers.get(key, "")
        if not isinstance(value, str):
            raise ReflectionInvalid("invalid_answers", key)
        value = value.strip()
        if len(value) > MAX_ANSWER_CHARS:
            raise ReflectionInvalid("too_long", key)
        if value:
            found[key] = value
    return scale, found


def distribution(scales: list[int]) -> dict[int, int]:
    """How many chose each face, every face present (a chart shows the empty ones too)."""
    counts = dict.fromkeys(SCALE, 0)
    for s in scales:
        if s in counts:
            counts[s] += 1
    return counts
