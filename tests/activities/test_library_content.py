"""The activity library's content (issue 20), checked as data: every activity in every interface
language, with the same structure in each (the rules a submission meets are in test_catalog.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parents[2] / "exchange" / "activities" / "library"
LANGUAGES = ("en", "es", "fr", "ar", "sw", "nb")  # the interface's languages (exchange/translations)
GRADE_BANDS = {"K-2", "3-5", "6-8", "9-10", "11-12"}
LISTS = ("prepare", "exchange", "reflect", "prompts", "materials")
TEXTS = ("title", "summary", "safety_note")

pytestmark = pytest.mark.backend_independent
FILES = sorted(LIBRARY.glob("*.json"))


def test_the_library_is_there():
    assert len(FILES) >= 20, "the activity library lost its files"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_an_activity_is_whole_in_every_language(path):
    activity = json.loads(path.read_text(encoding="utf-8"))
    assert path.stem.endswith(activity["slug"])
    assert activity["grade_bands"] and set(activity["grade_bands"]) <= GRADE_BANDS
    assert activity["topics"] and all(t == t.lower() for t in activity["topics"])
    assert 10 <= activity["duration_minutes"] <= 120
    assert activity["sdgs"] and all(1 <= n <= 17 for n in activity["sdgs"])
    assert "original" in activity["provenance"].lower()
    texts = activity["texts"]
    assert set(texts) == set(LANGUAGES)
    english = texts["en"]
    for lang in LANGUAGES:
        said = texts[lang]
        for key in TEXTS:
            assert isinstance(said[key], str) and said[key].strip(), (lang, key)
        for key in LISTS:
            assert len(said[key]) == len(english[key]) and all(s.strip() for s in said[key]), (lang, key)
        if lang != "en":
            assert said["title"] != english["title"], (lang, "an untranslated title")


def test_no_two_activities_share_a_slug():
    slugs = [json.loads(p.read_text(encoding="utf-8"))["slug"] for p in FILES]
    assert len(slugs) == len(set(slugs))
