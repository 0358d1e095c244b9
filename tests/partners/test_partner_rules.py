"""The pure rules of community partners (issue 21): standing from the district's decision and the
evidence's expiry days, reminders once per expiry day, eligibility, the steps of a learner's way,
places and the waiting list. Fixed dates: never the real clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from exchange.partners import rules

DAY = date(2027, 3, 1)
ALL_CURRENT = {k: DAY + timedelta(days=100) for k in rules.EVIDENCE_KINDS}


@pytest.mark.parametrize(
    ("state", "evidence", "label", "active"),
    [
        ("applied", ALL_CURRENT, "applied", False),
        ("verified", ALL_CURRENT, "verified", True),
        ("verified", {**ALL_CURRENT, "insurance": DAY + timedelta(days=30)}, "expiring", True),
        ("verified", {**ALL_CURRENT, "insurance": DAY}, "expiring", True),  # valid through its last day
        ("verified", {**ALL_CURRENT, "insurance": DAY - timedelta(days=1)}, "lapsed", False),
        ("verified", {k: v for k, v in ALL_CURRENT.items() if k != "safeguarding_lead"}, "lapsed", False),
        ("suspended", ALL_CURRENT, "suspended", False),
        ("rejected", ALL_CURRENT, "rejected", False),
    ],
)
def test_standing(state, evidence, label, active):
    status = rules.organisation_status(state, evidence, DAY)
    assert (status.label, status.active) == (label, active)


def test_verify_needs_every_kind_current():
    assert rules.may_verify({}, DAY) == "missing"
    assert rules.may_verify({**ALL_CURRENT, "registration": DAY - timedelta(days=1)}, DAY) == "lapsed"
    assert rules.may_verify(ALL_CURRENT, DAY) is None


def test_reminders_once_per_expiry_day():
    evidence = {**ALL_CURRENT, "insurance": DAY + timedelta(days=10), "registration": DAY + timedelta(days=31)}
    due = rules.reminders_due(evidence, DAY, set())
    assert due == [("insurance", DAY + timedelta(days=10))]
    assert rules.reminders_due(evidence, DAY, set(due)) == []
    renewed = {**evidence, "insurance": DAY + timedelta(days=20)}  # a renewal with a new day is reminded again
    assert rules.reminders_due(renewed, DAY, set(due)) == [("insurance", DAY + timedelta(days=20))]


@pytest.mark.parametrize(
    ("bands", "schools", "band", "school", "problem"),
    [
        ([], [], "9-10", 1, None),
        (["9-10"], [], "9-10", 1, None),
        (["11-12"], [], "9-10", 1, "grade"),
        (["9-10"], [], None, 1, "grade"),
        ([], [2, 3], "9-10", 1, "school"),
        ([], [1], "K-2", 1, None),
    ],
)
def test_eligibility(bands, schools, band, school, problem):
    assert (
        rules.eligibility_problem(grade_bands=bands, school_ids=schools, student_band=band, student_school_id=school)
        == problem
    )


def test_steps_follow_the_way_and_nothing_skips_a_step():
    assert rules.step_problem("endorse", "interested") is None
    assert rules.step_problem("consent", "interested") == "state"  # the teacher comes first
    assert rules.step_problem("confirm", "endorsed") == "state"  # then the family
    assert rules.step_problem("confirm", "consented") is None
    assert rules.step_problem("confirm", "waitlisted") is None
    for final in ("declined", "withdrawn"):
        assert all(rules.step_problem(action, final) == "state" for action in rules.STEPS)


def test_places_then_waiting_list_and_the_ratio():
    assert [rules.placement(n, 2) for n in range(4)] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert rules.ratio_problem(1, 30, 10) is None
    assert rules.ratio_problem(1, 31, 10) == "ratio"
    assert rules.ratio_problem(0, 5, 10) == "ratio"
    assert rules.dates_problem(DAY, DAY - timedelta(days=1), DAY) == "order"
    assert rules.dates_problem(DAY - timedelta(days=5), DAY - timedelta(days=1), DAY) == "past"
