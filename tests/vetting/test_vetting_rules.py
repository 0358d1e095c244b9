"""Vetting rules: evidence, expiry on an injected clock, and the verifier's state machine.

Outside adults meet other people's children through this platform; these tests pin down
who may clear them, on what evidence, and that access ends the day evidence lapses.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timezone

import pytest

from exchange.vetting.rules.checklist import ExpiryPolicy, Validity, add_months, evidence_status, reminders_due
from exchange.vetting.rules.evidence import (
    BackgroundCheckEvidence,
    IdentityEvidence,
    ReferenceEvidence,
    TrainingEvidence,
    VettingError,
    validate_background,
    validate_identity,
)
from exchange.vetting.rules.profile import ApplicationProfile, validate_profile
from exchange.vetting.rules.states import (
    TRANSITIONS,
    VettingState,
    allowed_transitions,
    badge_view,
    cleared_to_meet_students,
    effective_state,
    expert_view,
    transition,
    verifier_view,
)

VERIFIER = 7
EXPERT_ID = 42
CHECKED = date(2024, 1, 15)
NOW = datetime(2024, 3, 1, 10, 0, tzinfo=timezone.utc)
POLICY = ExpiryPolicy()


def identity(checked_on=CHECKED, born=date(1980, 5, 2), checked_by=VERIFIER):
    return IdentityEvidence(document_type="passport", checked_by=checked_by, checked_on=checked_on, date_of_birth=born)


def background(issued_on=CHECKED, reference="DBS-001234", provider="DBS enhanced"):
    return BackgroundCheckEvidence(provider=provider, reference=reference, issued_on=issued_on)


def training(completed_on=CHECKED, provider="NSPCC online"):
    return TrainingEvidence(completed_on=completed_on, provider=provider)


def reference(name, confirmed_on=CHECKED, confirmed_by=VERIFIER):
    return ReferenceEvidence(
        referee_name=name, relation="head of department", confirmed_on=confirmed_on, confirmed_by=confirmed_by
    )


def full_evidence(**overrides):
    items = {
        "identity": identity(),
        "background": background(),
        "training": training(),
        "ref1": reference("Ana Ruiz"),
        "ref2": reference("Kofi Mensah"),
    }
    items.update(overrides)
    return [e for e in items.values() if e is not None]


def checklist(evidence=None, today=NOW.date(), policy=POLICY, **kw):
    return evidence_status(full_evidence() if evidence is None else evidence, policy, today, **kw)


COMPLETE = checklist()
LAPSED = checklist(today=date(2025, 1, 16))  # background (12 months) lapsed the day before

# --- the state machine -----------------------------------------------------------------

A, R, V, E, SU, RV, RJ = ("applied", "in_review", "verified", "expired", "suspended", "revoked", "rejected")
STATES = [A, R, V, E, SU, RV, RJ]
# Written out independently of the module's table, so a change to either is caught.
ALLOWED = {(A, R), (R, V), (R, RJ), (R, A), (V, E), (V, SU), (V, RV), (E, R), (E, RV), (SU, V), (SU, E), (SU, RV)}


def _checklist_for(target):
    """The evidence a move needs: complete to verify, lapsed to expire."""
    return {V: COMPLETE, E: LAPSED}.get(target)


def _move(before, after, role="admin", reason="reviewed the evidence", checklist="auto", now=NOW):
    cl = _checklist_for(after) if checklist == "auto" else checklist
    return transition(before, after, actor_role=role, reason=reason, checklist=cl, now=now)


def test_module_table_matches_the_documented_one():
    assert {(str(b), str(a)) for b, targets in TRANSITIONS.items() for a in targets} == ALLOWED
    assert TRANSITIONS[VettingState.REVOKED] == TRANSITIONS[VettingState.REJECTED] == frozenset()


@pytest.mark.parametrize("before, after", sorted(ALLOWED))
def test_admin_may_make_every_allowed_move_and_it_is_audited(before, after):
    result = _move(before, after)
    assert result.new_state == after
    assert result.audit == {
        "before": before,
        "after": after,
        "reason": "reviewed the evidence",
        "actor_role": "admin",
        "at": "2024-03-01T10:00:00+00:00",
    }


@pytest.mark.parametrize("before, after", sorted(p for p in itertools.product(STATES, STATES) if p not in ALLOWED))
def test_every_other_move_is_refused(before, after):
    with pytest.raises(VettingError) as err:
        _move(before, after, checklist=_checklist_for(after))
    assert err.value.code == "invalid_transition"


@pytest.mark.parametrize("role", ["teacher", "expert", "student", "moderator", "guardian", "", None, "ADMIN"])
@pytest.mark.parametrize("before, after", sorted(ALLOWED))
def test_only_a_verifier_may_move_a_record(role, before, after):
    with pytest.raises(VettingError) as err:
        _move(before, after, role=role)
    assert err.value.code == "not_verifier"


@pytest.mark.parametrize("before, after", sorted(ALLOWED))
def test_system_may_only_record_expiry(before, after):
    if after == E:
        assert _move(before, after, role="system", reason="background check expired").new_state == E
    else:
        with pytest.raises(VettingError) as err:
            _move(before, after, role="system")
        assert err.value.code == "not_verifier"


def test_allowed_transitions_per_role():
    assert allowed_transitions(V) == [E, RV, SU]
    assert allowed_transitions(V, "system") == [E]
    assert allowed_transitions(R, "system") == []
    assert allowed_transitions(V, "teacher") == []
    assert allowed_transitions(RV) == []


@pytest.mark.parametrize("reason", ["", "   ", None, "ok", " no  "])
def test_a_reason_is_required(reason):
    with pytest.raises(VettingError) as err:
        _move(A, R, reason=reason)
    assert err.value.code == "reason_required"


def test_reason_is_normalised_and_bounded():
    assert _move(A, R, reason="  starting\n review ").audit["reason"] == "starting review"
    with pytest.raises(VettingError) as err:
        _move(A, R, reason="x" * 2001)
    assert err.value.code == "reason_too_long"


@pytest.mark.parametrize("before", [R, SU])
def test_verifying_needs_complete_evidence(before):
    no_background = checklist(full_evidence(background=None))
    for cl in (no_background, LAPSED, None):
        with pytest.raises(VettingError) as err:
            _move(before, V, checklist=cl)
        assert err.value.code == "evidence_incomplete"


def test_a_stale_checklist_cannot_verify_past_its_expiry():
    # Complete when computed, but the background check lapses before the verifier acts.
    stale = checklist(today=date(2025, 1, 10))
    assert stale.complete
    with pytest.raises(VettingError) as err:
        _move(R, V, checklist=stale, now=datetime(2025, 1, 16, 9, tzinfo=timezone.utc))
    assert err.value.code == "evidence_incomplete"


def test_expiry_is_recorded_only_when_evidence_has_lapsed():
    for cl in (COMPLETE, None):
        with pytest.raises(VettingError) as err:
            _move(V, E, role="system", reason="nightly expiry job", checklist=cl)
        assert err.value.code == "evidence_still_valid"


def test_unknown_states_and_naive_clocks_are_refused():
    with pytest.raises(VettingError) as err:
        _move("approved", V)
    assert err.value.code == "unknown_state"
    with pytest.raises(ValueError):
        _move(A, R, now=datetime(2024, 3, 1, 10))


# --- evidence validation ---------------------------------------------------------------


def codes(problems):
    return sorted(p.code for p in problems)


def test_complete_evidence_has_no_problems():
    assert COMPLETE.complete
    assert COMPLETE.missing == [] and COMPLETE.outstanding == []
    assert [i.slot for i in COMPLETE.items] == [
        "identity",
        "background",
        "safeguarding_training",
        "reference_1",
        "reference_2",
    ]


def test_under_age_identity_is_refused():
    seventeen = identity(born=date(2006, 1, 16))  # 18 one day after the check
    assert codes(validate_identity(seventeen, today=NOW.date())) == ["under_age"]
    cl = checklist(full_evidence(identity=seventeen))
    assert not cl.complete and cl.item("identity").present and not cl.item("identity").valid
    assert codes(cl.item("identity").problems) == ["under_age"]
    with pytest.raises(VettingError) as err:
        _move(R, V, checklist=cl)
    assert err.value.code == "evidence_incomplete"


def test_eighteenth_birthday_is_adult_and_the_age_is_configurable():
    assert validate_identity(identity(born=date(2006, 1, 15)), today=NOW.date()) == []
    assert codes(validate_identity(identity(born=date(2004, 1, 16)), today=NOW.date(), adult_age=21)) == ["under_age"]
    cl = checklist(full_evidence(identity=identity(born=date(2004, 1, 16))), policy=ExpiryPolicy(adult_age=21))
    assert codes(cl.item("identity").problems) == ["under_age"]
    with pytest.raises(ValueError):
        ExpiryPolicy(adult_age=16)


def test_leap_day_birthday_counts_from_first_of_march():
    born = date(2004, 2, 29)
    assert codes(validate_identity(identity(checked_on=date(2022, 2, 28), born=born), today=NOW.date())) == [
        "under_age"
    ]
    assert validate_identity(identity(checked_on=date(2022, 3, 1), born=born), today=NOW.date()) == []


def test_identity_fields_are_checked():
    bad = IdentityEvidence(
        document_type="library_card", checked_by=None, checked_on=date(2024, 3, 2), date_of_birth=date(1980, 1, 1)
    )
    assert codes(validate_identity(bad, today=NOW.date())) == [
        "future_date",
        "missing_checker",
        "unknown_document_type",
    ]
    timestamp = identity(checked_on=datetime(2024, 1, 15, 9))
    assert codes(validate_identity(timestamp, today=NOW.date())) == ["invalid_date"]


def test_background_check_needs_reference_provider_and_past_date():
    assert codes(validate_background(background(reference="  "), today=NOW.date())) == ["missing_reference_number"]
    assert codes(validate_background(background(provider=""), today=NOW.date())) == ["missing_provider"]
    assert codes(validate_background(background(issued_on=date(2024, 3, 2)), today=NOW.date())) == ["future_date"]


def test_nobody_vouches_for_themselves():
    own = full_evidence(identity=identity(checked_by=EXPERT_ID), ref1=reference("Ana Ruiz", confirmed_by=EXPERT_ID))
    cl = checklist(own, subject_id=EXPERT_ID)
    assert codes(cl.item("identity").problems) == ["self_checked"]
    assert "self_checked" in codes(cl.item("reference_1").problems) + codes(cl.item("reference_2").problems)
    assert checklist(own).complete  # without the subject the rule cannot apply


@pytest.mark.parametrize("second", ["Ana Ruiz", "  ana   RUIZ ", "ＡＮＡ RUIZ"])
def test_two_references_must_come_from_different_referees(second):
    cl = checklist(full_evidence(ref2=reference(second, confirmed_on=date(2024, 2, 1))))
    assert not cl.complete
    assert cl.item("reference_1").valid
    ref2 = cl.item("reference_2")
    assert ref2.present and not ref2.valid and codes(ref2.problems) == ["duplicate_referee"]
    # A third, distinct referee completes the set whatever order the records come in.
    assert checklist(full_evidence(ref3=reference("Kofi Mensah"), ref2=reference(second))).complete
    assert checklist([reference(second), *full_evidence(ref2=reference("Kofi Mensah"))]).complete


def test_missing_items_are_listed():
    cl = checklist([identity(), reference("Ana Ruiz")])
    assert cl.missing == ["background", "safeguarding_training", "reference_2"]
    assert cl.outstanding == cl.missing
    assert not cl.complete
    assert codes(cl.item("background").problems) == ["missing"]
    assert checklist([]).missing == ["identity", "background", "safeguarding_training", "reference_1", "reference_2"]


# --- expiry on an injected clock -------------------------------------------------------


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 12, 31), 1, date(2025, 1, 31)),
        (date(2024, 8, 31), 1, date(2024, 9, 30)),
        (date(2024, 1, 15), 60, date(2029, 1, 15)),
    ],
)
def test_month_arithmetic_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_expiry_dates_follow_the_policy():
    assert COMPLETE.item("identity").expires_on == date(2029, 1, 15)
    assert COMPLETE.item("background").expires_on == date(2025, 1, 15)
    assert COMPLETE.item("safeguarding_training").expires_on == date(2026, 1, 15)
    assert COMPLETE.item("reference_1").expires_on == date(2027, 1, 15)
    assert COMPLETE.earliest_expiry == date(2025, 1, 15)
    month_end = checklist(
        full_evidence(training=training(date(2024, 1, 31))),
        policy=ExpiryPolicy(safeguarding_training=Validity(months=1)),
    )
    assert month_end.item("safeguarding_training").expires_on == date(2024, 2, 29)


def test_background_check_is_valid_on_its_expiry_day_and_lapses_the_day_after():
    on_the_day = checklist(today=date(2025, 1, 15))
    item = on_the_day.item("background")
    assert item.valid and item.days_left == 0 and on_the_day.complete
    assert effective_state(V, on_the_day) == V and cleared_to_meet_students(V, on_the_day)

    day_after = checklist(today=date(2025, 1, 16))
    item = day_after.item("background")
    assert not item.valid and item.days_left == -1 and codes(item.problems) == ["expired"]
    assert day_after.outstanding == ["background"] and day_after.missing == []
    assert effective_state(V, day_after) == E
    assert not cleared_to_meet_students(V, day_after)


def test_a_renewed_check_replaces_the_lapsed_one():
    renewed = full_evidence(renewal=background(issued_on=date(2025, 1, 10), reference="DBS-2"))
    cl = checklist(renewed, today=date(2025, 6, 1))
    assert cl.item("background").evidence.reference == "DBS-2"
    assert cl.item("background").expires_on == date(2026, 1, 10)
    assert cl.complete


def test_expiry_is_configurable_from_settings():
    policy = ExpiryPolicy.from_settings(
        {"background": "6m", "safeguarding_training": "730d", "reminder_days_before": "14"}
    )
    assert policy.background == Validity(months=6)
    assert policy.safeguarding_training == Validity(days=730)
    assert policy.reminder_days_before == 14 and policy.reference == Validity(months=36)
    cl = checklist(policy=policy, today=date(2024, 7, 16))
    assert cl.item("background").expires_on == date(2024, 7, 15) and not cl.complete
    with pytest.raises(ValueError):
        ExpiryPolicy.from_settings({"backgroud": "6m"})
    with pytest.raises(ValueError):
        Validity.parse("a year")


def test_effective_state_leaves_other_states_alone():
    assert effective_state(SU, COMPLETE) == SU
    assert effective_state(E, COMPLETE) == E
    assert effective_state(V, None) == E
    for state in (A, R, E, SU, RV, RJ):
        assert not cleared_to_meet_students(state, COMPLETE)


# --- reminders -------------------------------------------------------------------------


def test_reminder_is_due_thirty_days_before_expiry():
    assert reminders_due(checklist(today=date(2024, 12, 15))) == []  # 31 days left
    due = reminders_due(checklist(today=date(2024, 12, 16)))
    assert [(r.slot, r.expires_on, r.days_left) for r in due] == [("background", date(2025, 1, 15), 30)]
    assert checklist(today=date(2024, 12, 16)).item("background").due_for_reminder
    assert not checklist(today=date(2024, 12, 15)).item("background").due_for_reminder
    assert [r.days_left for r in reminders_due(checklist(today=date(2025, 1, 15)))] == [0]
    assert reminders_due(LAPSED) == []  # lapsed items need action, not a reminder


def test_reminders_can_be_asked_for_another_day_and_are_sorted():
    cl = checklist(full_evidence(training=training(date(2023, 1, 20))), today=date(2024, 12, 1))
    assert [r.slot for r in reminders_due(cl)] == []
    assert [(r.slot, r.days_left) for r in reminders_due(cl, date(2024, 12, 21))] == [
        ("background", 25),
        ("safeguarding_training", 30),
    ]


# --- the application profile -----------------------------------------------------------


def profile(**kw):
    values = dict(
        display_name="Dr Selma Ortiz",
        organisation="Marine Lab",
        expertise="Marine biology",
        languages=["en", "es"],
        bio="I study kelp forests.",
        agreed_code_of_conduct_on=date(2024, 1, 2),
        code_version="2024-01",
    )
    values.update(kw)
    return ApplicationProfile(**values)


def test_a_good_profile_passes():
    assert validate_profile(profile(), today=NOW.date(), current_code_version="2024-01") == []
    assert profile(languages="en").languages == ("en",)


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"display_name": " S "}, "display_name_too_short"),
        ({"organisation": "x" * 121}, "organisation_too_long"),
        ({"expertise": ""}, "expertise_too_short"),
        ({"languages": []}, "no_language"),
        ({"languages": ["en", "english language"]}, "invalid_language"),
        ({"agreed_code_of_conduct_on": None}, "code_of_conduct_not_agreed"),
        ({"agreed_code_of_conduct_on": date(2024, 3, 2)}, "future_date"),
        ({"code_version": ""}, "missing_code_version"),
        ({"code_version": "2023-06"}, "code_of_conduct_outdated"),
        ({"bio": "x" * 4001}, "bio_too_long"),
    ],
)
def test_profile_problems(changes, code):
    assert codes(validate_profile(profile(**changes), today=NOW.date(), current_code_version="2024-01")) == [code]


# --- views -----------------------------------------------------------------------------


def test_teachers_see_a_badge_with_dates_and_no_evidence():
    badge = badge_view(V, COMPLETE, verified_since=date(2024, 2, 1))
    assert badge == {
        "state": "verified",
        "cleared": True,
        "label": "Verified adult",
        "verified_since": "2024-02-01",
        "expires_on": "2025-01-15",
    }
    assert badge_view(V, LAPSED)["state"] == "expired" and not badge_view(V, LAPSED)["cleared"]
    for hidden in (SU, RV, RJ, A, R):
        assert badge_view(hidden, COMPLETE) == {
            "state": "not_verified",
            "cleared": False,
            "label": "Not verified",
            "verified_since": None,
            "expires_on": None,
        }


def test_verifiers_see_the_evidence_and_experts_see_their_dates():
    full = verifier_view(V, LAPSED)
    assert full["stored_state"] == V and full["state"] == E and not full["cleared"]
    assert full["outstanding"] == ["background"]
    assert full["allowed_transitions"] == [E, RV, SU]
    bg = next(i for i in full["items"] if i["slot"] == "background")
    assert bg["evidence"] == {
        "kind": "background",
        "provider": "DBS enhanced",
        "reference": "DBS-001234",
        "issued_on": "2024-01-15",
    }
    assert bg["problems"][0]["code"] == "expired"

    own = expert_view(V, COMPLETE)
    assert own["state"] == V and own["earliest_expiry"] == "2025-01-15"
    assert all("evidence" not in i for i in own["items"])
    assert [(i["slot"], i["expires_on"]) for i in own["items"]][1] == ("background", "2025-01-15")
    assert "DBS-001234" not in repr(own)


# Pure rules: the same on any database (scripts/test runs them in the SQLite pass only).
pytestmark = pytest.mark.backend_independent
