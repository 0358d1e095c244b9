"""A partnership's survey and quality rubric as pure rules (exchange/evaluation/survey.py and
rubric.py): what is asked by age, which phase is open, what an answer must hold, the means before
and after, and when the Quality label is awarded."""

from __future__ import annotations

import pytest

from exchange.evaluation import impact, rubric, survey

pytestmark = pytest.mark.backend_independent
FULL = {"knowledge": 2, "comfort": 3, "similarity": 4}


def test_under_13s_tap_faces_and_write_nothing():
    young = survey.asked("under13")
    assert young.kind == "pictures" and young.scales == ("knowledge", "comfort", "similarity") and young.texts == ()
    older = survey.asked("teen")
    assert older.kind == "words" and older.texts == ("one_thing",)
    # A line sent for a form that does not ask for one is not kept.
    assert survey.clean(young, FULL, {"one_thing": "Hello"}) == (FULL, {})
    assert all(len(words) == len(survey.SCALE) for words in survey.SCALE_WORDS.values())
    assert len(survey.FACES) == len(survey.SCALE)


def test_a_partnership_is_two_schools_or_more():
    assert not survey.is_partnership([1, 1])
    assert not survey.is_partnership([])
    assert survey.is_partnership({1, 2})


def test_phases_open_once_each_and_before_comes_first():
    assert survey.current_phase([]) is None
    assert survey.open_refusal("after", []) == "before_first"
    assert survey.open_refusal("before", []) is None
    assert survey.current_phase(["before"]) == "before"
    assert survey.open_refusal("before", ["before"]) == "already_open"
    assert survey.open_refusal("after", ["before"]) is None
    assert survey.current_phase(["before", "after"]) == "after"  # "after" ends "before"
    assert survey.open_refusal("during", []) == "invalid_phase"


@pytest.mark.parametrize(
    ("scales", "texts", "code"),
    [
        ({"knowledge": 2, "comfort": 3}, {}, "invalid_scale"),
        ({**FULL, "comfort": 5}, {}, "invalid_scale"),
        ({**FULL, "comfort": 0}, {}, "invalid_scale"),
        ({**FULL, "comfort": True}, {}, "invalid_scale"),
        ({**FULL, "comfort": "3"}, {}, "invalid_scale"),
        ([2, 3, 4], {}, "invalid_scale"),
        (FULL, ["text"], "invalid_answers"),
        (FULL, {"one_thing": 7}, "invalid_answers"),
        (FULL, {"one_thing": "x" * 301}, "too_long"),
    ],
)
def test_a_broken_answer_names_what_is_wrong(scales, texts, code):
    with pytest.raises(survey.SurveyInvalid) as caught:
        survey.clean(survey.asked("teen"), scales, texts)
    assert caught.value.code == code


def test_an_answer_is_trimmed_and_an_empty_line_dropped():
    asked = survey.asked("teen")
    assert survey.clean(asked, FULL, {"one_thing": "  They surf  "}) == (FULL, {"one_thing": "They surf"})
    assert survey.clean(asked, FULL, {"one_thing": "   "}) == (FULL, {})
    assert survey.clean(asked, FULL, None) == (FULL, {})
    assert survey.clean(asked, FULL, {"one_thing": "x" * 300})[1]["one_thing"] == "x" * 300


def test_means_before_and_after_per_question():
    found = survey.results(
        [
            ("before", {"knowledge": 1, "comfort": 2, "similarity": 2}),
            ("before", {"knowledge": 2, "comfort": 2, "similarity": 1}),
            ("after", {"knowledge": 4, "comfort": 3, "similarity": 3}),
            ("during", {"knowledge": 4}),  # no such phase: left out
            ("after", {"knowledge": 9, "comfort": True}),  # out of scale: left out
        ]
    )
    assert [q.key for q in found] == ["knowledge", "comfort", "similarity"]
    k = found[0]
    assert (k.before_mean, k.before_count, k.after_mean, k.after_count) == (1.5, 2, 4, 1)
    assert k.change == 2.5
    assert found[1].after_count == 1 and found[2].before_mean == 1.5
    empty = survey.results([])
    assert all(q.before_mean is None and q.after_count == 0 and q.change is None for q in empty)


def test_the_dashboard_counts_knowledge_partnerships_and_labels():
    def room(room_id, schools):
        return impact.RoomRecord(room_id, True, "2027-02", frozenset(schools), frozenset(), frozenset(), 0, None)

    found = impact.compute(
        [room(1, {10, 20}), room(2, {10}), room(3, {10, 30})],
        [],
        [],
        [("before", FULL), ("after", {"knowledge": 4, "comfort": 4, "similarity": 4})],
        {3, 99},  # a labelled room outside the scope is not counted
    )
    assert found.partnerships == 2 and found.labelled == 1
    assert found.knowledge[0].before_mean == 2 and found.knowledge[0].after_mean == 4


ALL_THREE = dict.fromkeys(rubric.CRITERIA, 3)


def test_the_rubric_has_six_criteria_each_with_four_levels():
    assert list(rubric.CRITERIA) == ["collaboration", "innovation", "curriculum", "technology", "results", "safety"]
    assert all(len(rubric.DESCRIPTORS[key]) == len(rubric.LEVELS) == 4 for key in rubric.CRITERIA)
    assert rubric.MAX_TOTAL == 18


@pytest.mark.parametrize(
    ("scores", "label"),
    [
        (ALL_THREE, True),
        ({**ALL_THREE, "safety": 2, "results": 2, "technology": 2, "innovation": 2}, True),  # 14 of 18
        ({**ALL_THREE, "safety": 2, "results": 2, "technology": 2, "innovation": 2, "curriculum": 2}, False),  # 13
        ({**ALL_THREE, "safety": 1}, False),  # 16 in all, but one criterion below 2
        (dict.fromkeys(rubric.CRITERIA, 0), False),
    ],
)
def test_the_label_needs_every_criterion_at_two_and_fourteen_in_all(scores, label):
    assert rubric.awarded(scores) is label


def test_only_a_review_awards_the_label():
    assert rubric.standing(ALL_THREE, None) == rubric.Standing(18, None, False)
    assert rubric.standing(None, ALL_THREE) == rubric.Standing(None, 18, True)
    assert rubric.standing(ALL_THREE, dict.fromkeys(rubric.CRITERIA, 1)).label is False


@pytest.mark.parametrize(
    ("scores", "notes", "code"),
    [
        ({**ALL_THREE, "safety": 4}, {}, "invalid_score"),
        ({**ALL_THREE, "safety": -1}, {}, "invalid_score"),
        ({**ALL_THREE, "safety": False}, {}, "invalid_score"),
        ({key: 2 for key in list(rubric.CRITERIA)[:5]}, {}, "invalid_score"),
        ("all good", {}, "invalid_score"),
        (ALL_THREE, "notes", "invalid_notes"),
        (ALL_THREE, {"safety": ["a"]}, "invalid_notes"),
        (ALL_THREE, {"safety": "x" * 501}, "too_long"),
    ],
)
def test_a_broken_assessment_names_what_is_wrong(scores, notes, code):
    with pytest.raises(rubric.RubricInvalid) as caught:
        rubric.clean(scores, notes)
    assert caught.value.code == code


def test_evidence_notes_are_trimmed_and_unknown_ones_ignored():
    points, notes = rubric.clean(ALL_THREE, {"safety": "  Rules agreed  ", "results": "", "weather": "sunny"})
    assert points == ALL_THREE and notes == {"safety": "Rules agreed"}
