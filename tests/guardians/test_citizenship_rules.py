"""The digital-citizenship lesson's pure rules (issue 22): which text a student reads for their age,
which answers are wrong, and who a room that requires the lesson keeps out."""

from __future__ import annotations

import pytest

from exchange.guardians import citizenship_rules as rules

RIGHT = {"phone": "tell", "worry": "report", "holiday": "ask"}


@pytest.mark.parametrize(
    ("band", "text"),
    [("K-2", "under13"), ("3-5", "under13"), ("6-8", "under13"), ("9-10", "teen"), ("11-12", "teen"), (None, "teen")],
)
def test_the_text_follows_the_age(band, text):
    assert rules.band_for(band) == text


def test_wrong_and_missing_answers_are_named_in_order():
    assert rules.wrong_answers(RIGHT) == []
    assert rules.wrong_answers({**RIGHT, "holiday": "strange"}) == ["holiday"]
    assert rules.wrong_answers({"worry": "report"}) == ["phone", "holiday"]
    assert rules.wrong_answers({**RIGHT, "phone": ["tell"]}) == ["phone"]  # a wrong type is a wrong answer


def test_a_room_that_requires_it_keeps_out_who_has_not_taken_this_version():
    assert rules.refusal(False, None) is None
    assert rules.refusal(True, None) == "citizenship_missing"
    assert rules.refusal(True, rules.VERSION - 1) == "citizenship_missing"  # a new version asks again
    assert rules.refusal(True, rules.VERSION) is None
