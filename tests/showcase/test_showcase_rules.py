"""The pure rules of exhibitions: who may open one, which work each audience sees, how students are named."""

from __future__ import annotations

import pytest

from exchange.showcase import rules
from exchange.showcase.rules import ExhibitionFacts, Visitor, WorkFacts

pytestmark = pytest.mark.backend_independent

PUBLISHED = {a: ExhibitionFacts(a, "published") for a in rules.AUDIENCES}
ANONYMOUS = Visitor(role=None)
GUARDIAN_WITH = Visitor(role="guardian", family_of_school=True)
GUARDIAN_WITHOUT = Visitor(role="guardian", family_of_school=False)
PARTNER_STUDENT = Visitor(role="student", room_role="student")
OTHER_TEACHER = Visitor(role="teacher")
CURATOR = Visitor(role="teacher", room_role="teacher", curates=True)


@pytest.mark.parametrize(
    ("visitor", "audience", "may"),
    [
        (ANONYMOUS, "public", True),
        (ANONYMOUS, "school", False),
        (ANONYMOUS, "partnership", False),
        (GUARDIAN_WITH, "school", True),
        (GUARDIAN_WITHOUT, "school", False),
        (GUARDIAN_WITH, "partnership", False),
        (PARTNER_STUDENT, "partnership", True),
        (PARTNER_STUDENT, "school", True),
        (OTHER_TEACHER, "partnership", False),
        (OTHER_TEACHER, "public", True),
    ],
)
def test_who_may_open_a_published_exhibition(visitor, audience, may):
    assert rules.may_view(visitor, PUBLISHED[audience]) is may


def test_a_draft_or_withdrawn_exhibition_is_seen_by_its_curators_only():
    for status in ("draft", "withdrawn"):
        facts = ExhibitionFacts("public", status)
        assert rules.may_view(CURATOR, facts)
        assert rules.may_view(Visitor(role="moderator"), facts)
        for v in (ANONYMOUS, PARTNER_STUDENT, GUARDIAN_WITH):
            assert not rules.may_view(v, facts)
            assert rules.refusal(v, facts) == "not_published"


def test_refusals_say_why():
    assert rules.refusal(ANONYMOUS, PUBLISHED["school"]) == "login_required"
    assert rules.refusal(GUARDIAN_WITHOUT, PUBLISHED["school"]) == "no_family_consent"
    assert rules.refusal(OTHER_TEACHER, PUBLISHED["partnership"]) == "not_in_audience"
    assert rules.refusal(ANONYMOUS, PUBLISHED["public"]) is None


@pytest.mark.parametrize(
    ("granted", "face", "shown", "why"),
    [
        (frozenset(), False, False, "no_public_consent"),
        (frozenset({"exchanges", "file_sharing"}), False, False, "no_public_consent"),
        (frozenset({"public_showing"}), False, True, None),
        (frozenset({"public_showing"}), True, False, "no_face_consent"),
        (frozenset({"public_faces"}), True, False, "no_public_consent"),  # faces alone show nothing
        (frozenset({"public_showing", "public_faces"}), True, True, None),
    ],
)
def test_the_public_sees_a_students_work_only_with_the_familys_consent(granted, face, shown, why):
    work = WorkFacts("student", granted, shows_face=face)
    assert rules.shown_in("public", work) is shown
    assert rules.left_out_reason("public", work) == why
    assert rules.shown_in("school", work) and rules.shown_in("partnership", work)


def test_adults_work_is_shown_and_closed_accounts_are_not():
    assert rules.shown_in("public", WorkFacts("teacher", frozenset(), shows_face=True))
    assert not rules.shown_in("partnership", WorkFacts(None, frozenset()))
    assert rules.left_out_reason("public", WorkFacts(None, frozenset())) == "author_gone"


def test_students_are_named_by_first_name_and_initial_everywhere():
    assert rules.shown_name("Nora", "Berg", "student", "partnership") == "Nora B."
    assert rules.shown_name("Nora", "Berg", "student", "public") == "Nora B."
    assert rules.shown_name("Astrid", "Lunde", "teacher", "school") == "Astrid Lunde"
    assert rules.shown_name("Astrid", "Lunde", "teacher", "public") == "Astrid L."
    assert rules.shown_name("Ali", "", "student", "public") == "Ali"


def test_a_comment_that_a_person_must_see_is_flagged():
    assert rules.comment_state("allow", False) == ("visible", False)
    assert rules.comment_state("allow", True) == (
        "visible",
        True,
    )  # a pupil's report of harm: shown, and a person reads it
    assert rules.comment_state("redact", False) == ("visible", False)  # a masked phone number: quietly
    assert rules.comment_state("redact", True) == ("visible", True)  # masked bullying: a person sees it
    assert rules.comment_state("hold", False) == ("held", True)
