"""The pure rules of partnership agreements (issue 21), table by table, on fixed dates: who signs,
which state an agreement is in on a day, which renewal reminders are due, what a valid text holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from exchange.partners import agreement_rules as rules

RENEW = date(2028, 6, 30)


def _text(**changes) -> rules.Text:
    base = rules.Text(
        title="Seasons and weather",
        start_on=date(2027, 1, 10),
        renew_on=RENEW,
        goals="Compare seasons across the hemispheres.",
        roles="Each school plans one term.",
        contacts="Astrid Lunde; Liam Carter.",
        data_sharing=rules.DataSharing(
            data_items=("First names", "Messages in the rooms"),
            purpose="To run the exchange.",
            retention="One school year",
            no_onward_sharing=True,
        ),
        safeguarding="Every room is supervised.",
    )
    sharing = {k: changes.pop(k) for k in ("data_items", "purpose", "retention", "no_onward_sharing") if k in changes}
    return replace(base, data_sharing=replace(base.data_sharing, **sharing), **changes)


@pytest.mark.parametrize(
    "kind, signed, state",
    [
        ("school_org", set(), "draft"),
        ("school_org", {"school"}, "awaiting"),
        ("school_org", {"organisation"}, "awaiting"),
        ("school_org", {"school", "organisation"}, "active"),
        ("school_school", {"school"}, "awaiting"),
        ("school_school", {"school", "partner_school"}, "active"),
        ("school_school", {"school", "organisation"}, "awaiting"),  # an organisation does not sign for a school
    ],
)
def test_every_side_signs_before_an_agreement_is_active(kind, signed, state):
    assert rules.state_after(kind, signed) == state
    assert rules.state_after(kind, signed, ended=True) == "ended"


def test_signatures_belong_to_one_version():
    # (version id, side): version 7 was signed by both; version 8 (an edit) by nobody yet.
    signatures = [(7, "school"), (7, "partner_school")]
    assert rules.signed_sides(signatures, 7) == {"school", "partner_school"}
    assert rules.signed_sides(signatures, 8) == frozenset()
    assert rules.state_after("school_school", rules.signed_sides(signatures, 8)) == "draft"
    assert rules.missing_sides("school_school", rules.signed_sides(signatures + [(8, "school")], 8)) == (
        "partner_school",
    )


@pytest.mark.parametrize(
    "state, today, status",
    [
        ("active", date(2028, 4, 30), "active"),  # 61 days before
        ("active", date(2028, 5, 1), "renewal_due"),  # 60 days before
        ("active", RENEW, "renewal_due"),
        ("active", date(2028, 7, 1), "lapsed"),
        ("awaiting", date(2028, 7, 1), "awaiting"),
        ("draft", date(2028, 5, 1), "draft"),
        ("ended", date(2028, 5, 1), "ended"),
    ],
)
def test_status_on_a_day(state, today, status):
    assert rules.status(state, RENEW, today) == status


@pytest.mark.parametrize(
    "today, sent, due",
    [
        (date(2028, 4, 30), [], ()),  # 61 days before: nothing yet
        (date(2028, 5, 1), [], (60,)),
        (date(2028, 5, 2), [(60, RENEW)], ()),  # sent once
        (date(2028, 6, 16), [(60, RENEW)], (14,)),
        (date(2028, 6, 20), [(60, RENEW), (14, RENEW)], ()),
        (date(2028, 6, 20), [], (60, 14)),  # signed late: both slots at once, one message
        (date(2028, 6, 16), [(60, date(2027, 6, 30))], (60, 14)),  # last year's reminders do not count
        (date(2028, 7, 1), [], ()),  # lapsed: past reminding
    ],
)
def test_reminders_due_once_per_slot_and_renewal_date(today, sent, due):
    assert rules.reminders_due("active", RENEW, today, sent) == due


def test_only_an_agreement_in_force_is_reminded():
    assert rules.reminders_due("awaiting", RENEW, date(2028, 6, 20), []) == ()
    assert rules.reminders_due("ended", RENEW, date(2028, 6, 20), []) == ()


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"title": " "}, "title_missing"),
        ({"goals": ""}, "goals_missing"),
        ({"roles": ""}, "roles_missing"),
        ({"contacts": ""}, "contacts_missing"),
        ({"safeguarding": ""}, "safeguarding_missing"),
        ({"data_items": ()}, "data_items_missing"),
        ({"data_items": ("First names", " ")}, "data_items_missing"),
        ({"data_items": tuple(f"item {n}" for n in range(21))}, "too_many_data_items"),
        ({"purpose": ""}, "purpose_missing"),
        ({"retention": ""}, "retention_missing"),
        ({"no_onward_sharing": False}, "onward_sharing_not_excluded"),
        ({"renew_on": date(2027, 1, 10)}, "renew_before_start"),
        ({"renew_on": date(2030, 1, 11)}, "term_too_long"),
    ],
)
def test_a_text_missing_something_is_refused_by_name(changes, code):
    with pytest.raises(rules.AgreementInvalid) as caught:
        rules.check_text(_text(**changes))
    assert caught.value.code == code


def test_a_full_text_passes_up_to_three_years():
    rules.check_text(_text())
    rules.check_text(_text(renew_on=date(2030, 1, 10)))
    rules.check_dates(date(2028, 2, 29), date(2031, 2, 28))  # a leap day's third anniversary


@pytest.mark.parametrize(
    "value, items",
    [
        ("First names\nMessages, files\n\n", ("First names", "Messages", "files")),
        (["First names", " "], ("First names",)),
        ([], ()),
    ],
)
def test_data_items_from_a_list_or_lines(value, items):
    assert rules.data_items_from(value) == items


@pytest.mark.parametrize("value", [3, [1, 2], {"a": "b"}, None])
def test_data_items_of_another_type_are_refused(value):
    with pytest.raises(rules.AgreementInvalid):
        rules.data_items_from(value)


@pytest.mark.parametrize("value", ["2027-02-30", "17/02/2027", 20270217, "", None, "2027-2-1"])
def test_days_are_iso_dates(value):
    with pytest.raises(rules.AgreementInvalid) as caught:
        rules.parse_day(value)
    assert caught.value.code == "invalid_date"
    assert rules.parse_day("2027-02-17") == date(2027, 2, 17)
