"""The lexicon syntax makes something optional only with ``(a|b)?`` or ``[a]``: a ``?`` after a
letter, a space or ``]`` is read as a separator, so "colou?r" asked for "colour" and never matched
"color", and "bad?ba?tak" needed every letter. No phrase may rely on that reading."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from exchange.safety import check_text

_LEXICONS = resources.files("exchange.safety").joinpath("lexicons")


def _phrases() -> list[tuple[str, int, str]]:
    rows = []
    for folder in (_LEXICONS, _LEXICONS / "words", _LEXICONS / "phrases"):
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            if not path.name.endswith(".tsv"):
                continue
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip() and not line.lstrip().startswith("#") and "\t" in line:
                    rows.append((path.name, lineno, line.split("\t", 1)[0]))
    return rows


def test_question_mark_only_after_a_group() -> None:
    stray = [(name, no, phrase) for name, no, phrase in _phrases() if "?" in re.sub(r"\)\?", "", phrase)]
    assert not stray, stray[:5]


@pytest.mark.parametrize(
    "text",
    [
        "what color bra are you wearing right now",  # US spelling: colo[u]r
        "what colour is your underwear",
        "omae wo bukorosu",  # romaji threat without the doubled k: bu[k]korosu
    ],
)
def test_optional_letters_now_optional(text: str) -> None:
    assert check_text(text, "under13").action != "allow", text


@pytest.mark.parametrize(
    "text",
    [
        "what colour should we paint the volcano model?",
        "what color is the sky on Mars, does anyone know?",
    ],
)
def test_colour_questions_stay_allowed(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]
