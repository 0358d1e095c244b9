"""The library's pure rules (exchange/activities/catalog.py): what an activity must hold, which
language a reader gets, what a search finds, and which phase a room shows."""

from __future__ import annotations

import copy

import pytest

from exchange.activities import catalog
from exchange.evaluation import impact, reflect

pytestmark = pytest.mark.backend_independent
LANGS = ("en", "es", "fr", "ar", "sw", "nb")


def _raw(**changes) -> dict:
    raw = {
        "slug": "river-walk",
        "grade_bands": ["3-5"],
        "topics": ["Water", "nature"],
        "duration_minutes": 45,
        "sdgs": [6, 4],
        "texts": {
            "fr": {
                "title": "Promenade au bord de la rivière",
                "summary": "Chaque classe décrit sa rivière.",
                "prepare": ["Observer la rivière", "  "],
                "exchange": ["Montrer les dessins"],
                "reflect": ["Écrire une phrase"],
                "prompts": ["Où va l'eau ?"],
                "materials": [],
                "safety_note": "",
            },
            "en": {
                "title": "River Walk",
                "summary": "Each class describes its river.",
                "prepare": ["Look at the river"],
                "exchange": ["Show the drawings"],
                "reflect": ["Write a sentence"],
                "prompts": ["Where does the water go?"],
            },
        },
    }
    raw.update(changes)
    return raw


def test_every_shipped_activity_passes_the_rules_a_submission_meets():
    shipped = catalog.shipped(LANGS)
    assert len(shipped) >= 30
    assert len({a.slug for a in shipped}) == len(shipped)
    assert all(set(a.languages) == set(LANGS) for a in shipped)


def test_an_activity_is_cleaned_and_ordered():
    activity = catalog.activity_from(_raw(), LANGS)
    assert activity.topics == ("water", "nature")
    assert activity.sdgs == (4, 6)
    assert activity.languages == ("en", "fr")  # English first, the fallback
    assert activity.texts["fr"].prepare == ("Observer la rivière",)  # the blank line is dropped
    assert catalog.activity_from(catalog.as_document(activity), LANGS) == activity


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"grade_bands": ["K-12"]}, "grade_bands", "invalid"),
        ({"grade_bands": []}, "grade_bands", "invalid"),
        ({"duration_minutes": 5}, "duration_minutes", "out_of_range"),
        ({"duration_minutes": True}, "duration_minutes", "out_of_range"),
        ({"duration_minutes": "45"}, "duration_minutes", "out_of_range"),
        ({"sdgs": [18]}, "sdgs", "invalid"),
        ({"topics": ["a", "b", "c", "d", "e", "f", "g"]}, "topics", "invalid"),
        ({"texts": {}}, "texts", "empty"),
        ({"texts": {"xx": {}}}, "texts", "unknown_language"),
        ({"slug": "../etc"}, "slug", "invalid"),
    ],
)
def test_a_broken_activity_names_what_to_mend(change, field, code):
    with pytest.raises(catalog.ActivityInvalid) as caught:
        catalog.activity_from(_raw(**change), LANGS)
    assert (caught.value.field, caught.value.code) == (field, code)


@pytest.mark.parametrize(
    ("key", "value", "field", "code"),
    [
        ("title", "x" * 121, "title", "too_long"),
        ("title", "   ", "title", "empty"),
        ("title", 7, "title", "not_text"),
        ("prompts", [], "prompts", "empty"),
        ("prompts", ["a prompt"] * 13, "prompts", "too_many"),
        ("prepare", "one line", "prepare", "not_a_list"),
        ("summary", "bell\x07", "summary", "control_characters"),
    ],
)
def test_a_broken_text_names_its_field(key, value, field, code):
    raw = _raw()
    raw["texts"]["en"][key] = value
    with pytest.raises(catalog.ActivityInvalid) as caught:
        catalog.activity_from(raw, LANGS)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_reader_gets_their_language_else_english():
    activity = catalog.activity_from(_raw(), LANGS)
    assert activity.in_language("fr-CA").title == "Promenade au bord de la rivière"
    assert activity.in_language("sw").title == "River Walk"
    assert activity.in_language(None).title == "River Walk"
    only_french = copy.deepcopy(_raw())
    del only_french["texts"]["en"]
    assert catalog.activity_from(only_french, LANGS).in_language("nb").language == "fr"


def test_search_filters_and_folds_accents():
    shipped = catalog.shipped(LANGS)
    river = catalog.activity_from(_raw(), LANGS)
    every = [*shipped, river]
    assert catalog.search(every, catalog.Query(words="riviere"), "fr") == [river]
    assert catalog.search(every, catalog.Query(words="RIVER walk"), "en") == [river]
    assert catalog.search(every, catalog.Query(words="rivière", grade_band="9-10"), "fr") == []
    young = catalog.search(every, catalog.Query(grade_band="K-2"), "en")
    assert young and all("K-2" in a.grade_bands for a in young)
    short = catalog.search(every, catalog.Query(max_minutes=30), "en")
    assert short and all(a.duration_minutes <= 30 for a in short)
    water = catalog.search(every, catalog.Query(sdg=6, topic="water"), "en")
    assert river in water and all(6 in a.sdgs and "water" in a.topics for a in water)
    titles = [a.in_language("es").title for a in catalog.search(shipped, catalog.Query(), "es")]
    assert titles == sorted(titles, key=catalog.folded) and len(titles) == len(shipped)


@pytest.mark.parametrize(
    ("state", "phase"), [("scheduled", "prepare"), ("open", "exchange"), ("locked", "exchange"), ("closed", "reflect")]
)
def test_a_room_shows_the_phase_of_its_state(state, phase):
    assert catalog.phase_for(state) == phase


def test_what_a_person_is_asked_after_a_session():
    assert reflect.asked("student", "under13") == reflect.Asked("picture", ())
    assert reflect.asked("student", "teen").questions == ("learned", "surprised")
    assert reflect.asked("expert", "under13").kind == "feedback"
    assert reflect.clean("picture", 3, {"learned": "ignored"}) == (3, {})
    assert reflect.clean("questions", 5, {"learned": "  snow  ", "surprised": ""}) == (5, {"learned": "snow"})
    for scale, answers in ((0, {}), (True, {}), ("4", {}), (4, []), (4, {"learned": 3}), (4, {"learned": "x" * 501})):
        with pytest.raises(reflect.ReflectionInvalid):
            reflect.clean("questions", scale, answers)


def test_impact_figures_from_plain_records():
    from datetime import datetime, timedelta, timezone

    t = datetime(2027, 2, 17, 8, 30, tzinfo=timezone.utc)
    rooms = [
        impact.RoomRecord(
            1, True, "2027-01", frozenset({1, 2}), frozenset({"NO", "AU"}), frozenset({10, 11}), 300, "a"
        ),
        impact.RoomRecord(
            2, True, "2027-02", frozenset({1, 3}), frozenset({"NO", "KE"}), frozenset({10, 12}), 100, "a"
        ),
        impact.RoomRecord(3, False, "2027-03", frozenset({4}), frozenset({"FR"}), frozenset({13}), 0, "b"),
    ]
    flags = [
        impact.FlagRecord(t, t + timedelta(minutes=4), "violence"),
        impact.FlagRecord(t, t + timedelta(minutes=10), "violence"),
        impact.FlagRecord(t, None, "pii_phone"),
    ]
    found = impact.compute(rooms, flags, [5, 4, 4])
    assert (found.sessions, found.schools, found.countries, found.students) == (2, 3, ["AU", "KE", "NO"], 3)
    assert found.sessions_by_month == {"2027-01": 1, "2027-02": 1}
    assert (found.messages, found.messages_per_session) == (400, 200.0)
    assert found.activities == {"a": 2}
    assert found.reflections == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert found.flags_per_1000 == 7.5 and found.flags_by_category == {"violence": 2, "pii_phone": 1}
    assert found.first_action_minutes == 7.0
    empty = impact.compute([], [], [])
    assert (empty.sessions, empty.messages_per_session, empty.first_action_minutes) == (0, 0.0, None)


@pytest.mark.parametrize(
    "raw",
    [
        {"grade_bands": [None, None], "topics": [None], "duration_minutes": 0, "sdgs": [None], "texts": [None]},
        {"grade_bands": [["K-2"]], "topics": ["a"], "duration_minutes": 30, "texts": {}},
        {"grade_bands": ["K-2"], "topics": [{}], "duration_minutes": 30, "texts": {}},
        {"grade_bands": ["K-2"], "topics": ["a"], "duration_minutes": 30, "sdgs": [[1]], "texts": {}},
        {"grade_bands": ["K-2"], "topics": ["a"], "duration_minutes": 30, "texts": {"en": []}},
        {"grade_bands": ["K-2"], "topics": ["a"], "duration_minutes": 30, "texts": "en"},
    ],
)
def test_hostile_shapes_are_refused_as_invalid_never_a_crash(raw):
    """What the API fuzzer sent (lists of nulls, nested lists): a clear refusal, not a TypeError."""
    with pytest.raises(catalog.ActivityInvalid):
        catalog.activity_from(dict(raw, slug="x"), LANGS)
