"""Issue 22, the outreach log and the awareness survey: the pure figures (no Flask, no database)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from exchange.evaluation import awareness
from exchange.evaluation import outreach_summary as s

pytestmark = pytest.mark.backend_independent

PERIOD = s.Period(date(2027, 1, 1), date(2027, 1, 28))  # four weeks


def at(day: int, month: int = 1) -> datetime:
    return datetime(2027, month, day, 10, tzinfo=timezone.utc)


def row(
    day: int = 5,
    *,
    school: int | None = 1,
    channel: str = "email",
    kind: str = "announcement",
    ref: str = "a:1",
    audience: str = "family",
    language: str = "en",
    read: bool = False,
    replied: bool = False,
    month: int = 1,
):
    return s.OutreachRow(
        sent_at=at(day, month),
        school_id=school,
        channel=channel,
        audience=audience,
        kind=kind,
        language=language,
        ref=ref,
        read_at=at(day, month) if read else None,
        replied_at=at(day, month) if replied else None,
    )


def test_a_send_is_one_ref_and_its_rows_are_the_people_reached():
    rows = [row(ref="a:1"), row(ref="a:1"), row(ref="a:1"), row(ref="a:2", kind="letter", channel="paper")]
    found = s.summarise(rows, PERIOD)
    assert found.deliveries == 4 and found.sends == 2
    assert found.per_week == 0.5  # two sends over four weeks
    assert found.by_channel == {"email": 3, "paper": 1}
    assert found.by_kind == {"announcement": 3, "letter": 1}
    assert found.sends_by_kind == {"announcement": 1, "letter": 1}


def test_rows_without_a_ref_are_each_a_send_and_the_same_ref_at_two_schools_is_two():
    rows = [row(ref=""), row(ref=""), row(ref="x", school=1), row(ref="x", school=2)]
    assert s.summarise(rows, PERIOD).sends == 4


def test_counts_by_audience_language_and_month_and_rows_outside_the_period_are_left_out():
    rows = [
        row(2, audience="community", kind="partner"),
        row(3, language="sw"),
        row(4, language="sw"),
        row(2, month=2),  # 2 February: after the period
        row(31, month=1),  # 31 January: after the 28th
    ]
    found = s.summarise(rows, PERIOD)
    assert found.deliveries == 3
    assert found.by_audience == {"family": 2, "community": 1}
    assert found.by_language == {"sw": 2, "en": 1}
    assert found.by_month == {"2027-01": 3}
    wide = s.summarise(rows, s.Period(date(2027, 1, 1), date(2027, 2, 28)))
    assert wide.by_month == {"2027-01": 4, "2027-02": 1}


def test_read_and_reply_rates_per_channel_and_paper_is_not_measured():
    rows = [
        row(channel="email", read=True),
        row(channel="email", read=True, replied=True),
        row(channel="email"),
        row(channel="email"),
        row(channel="sms", replied=True),  # an answer means it was read
        row(channel="paper", kind="letter", ref="p"),
        row(channel="paper", kind="letter", ref="p"),
        row(channel="web", ref="w"),
    ]
    found = s.summarise(rows, PERIOD)
    by = {r.channel: r for r in found.rates}
    assert [r.channel for r in found.rates] == ["email", "sms", "paper", "web"]
    assert (by["email"].read, by["email"].replied, by["email"].read_rate, by["email"].reply_rate) == (2, 1, 50.0, 25.0)
    assert (by["sms"].read_rate, by["sms"].reply_rate) == (100.0, 100.0)
    assert by["paper"].measured is False and by["paper"].read_rate is None and by["paper"].reply_rate is None
    assert by["paper"].delivered == 2 and by["paper"].read is None
    assert by["web"].read_rate == 0.0  # measured, and nobody opened it: a real 0
    # The overall rates count the measured channels only: 3 read of 6, 2 replied of 6.
    assert (found.read_rate, found.reply_rate) == (50.0, 33.3)


def test_only_paper_gives_no_overall_rate_and_nothing_gives_zeros():
    found = s.summarise([row(channel="paper")], PERIOD)
    assert found.read_rate is None and found.reply_rate is None
    empty = s.summarise([], PERIOD)
    assert (empty.deliveries, empty.sends, empty.per_week, empty.rates, empty.read_rate) == (0, 0, 0.0, [], None)


def test_by_school_gives_each_school_named_its_own_figures():
    rows = [row(school=1, ref="a"), row(school=1, ref="b"), row(school=2, ref="c"), row(school=None, ref="d")]
    found = s.by_school(rows, PERIOD, [2, 1, 3])
    assert list(found) == [2, 1, 3]
    assert (found[1].sends, found[2].sends, found[3].sends) == (2, 1, 0)


def test_the_period_defaults_to_the_last_ninety_days_and_refuses_nonsense():
    today = date(2027, 2, 17)
    p = s.parse_period(None, None, today)
    assert (p.start, p.end, p.days) == (date(2026, 11, 20), today, 90)
    assert s.parse_period("2027-01-01", "2027-01-31", today).days == 31
    assert s.parse_period("2027-02-01", None, today) == s.Period(date(2027, 2, 1), today)
    for start, end, code in (
        ("2027-13-01", None, "invalid_date"),
        ("yesterday", None, "invalid_date"),
        ("2027-02-10", "2027-02-01", "start_after_end"),
        ("2020-01-01", "2027-01-01", "period_too_long"),
    ):
        with pytest.raises(s.PeriodInvalid) as exc:
            s.parse_period(start, end, today)
        assert exc.value.code == code


# ---- the awareness survey -------------------------------------------------------------------

ALL_THREES = dict.fromkeys(awareness.KEYS, 3)


def test_every_question_is_asked_of_both_audiences_with_four_points():
    for audience in awareness.AUDIENCES:
        assert tuple(awareness.QUESTIONS[audience]) == awareness.KEYS
    assert 4 <= len(awareness.KEYS) <= 6
    assert all(len(awareness.scale_words(k)) == len(awareness.SCALE) == 4 for k in awareness.KEYS)


def test_clean_needs_every_scale_and_trims_the_optional_comment():
    assert awareness.clean(ALL_THREES, "  Thank you  ") == (ALL_THREES, "Thank you")
    assert awareness.clean(ALL_THREES, None) == (ALL_THREES, "")
    for scales, comment, code in (
        ({**ALL_THREES, "reach": 5}, "", "invalid_scale"),
        ({**ALL_THREES, "reach": True}, "", "invalid_scale"),
        ({k: v for k, v in ALL_THREES.items() if k != "useful"}, "", "invalid_scale"),
        ("all good", "", "invalid_scale"),
        (ALL_THREES, 42, "invalid_comment"),
        (ALL_THREES, "x" * 501, "too_long"),
    ):
        with pytest.raises(awareness.AwarenessInvalid) as exc:
            awareness.clean(scales, comment)
        assert exc.value.code == code


def test_results_by_school_keep_families_and_partners_apart():
    records = [
        awareness.AnswerRecord("family", frozenset({1}), {**ALL_THREES, "reach": 4}, "Good letters"),
        awareness.AnswerRecord("family", frozenset({1, 2}), {**ALL_THREES, "reach": 1}),
        awareness.AnswerRecord("community", frozenset({1}), ALL_THREES, "More notice, please"),
        awareness.AnswerRecord("community", frozenset(), {**ALL_THREES, "useful": 9}),  # off the scale: left out
    ]
    found = awareness.by_school(records, [1, 2, None])
    one = found[1]
    assert one["family"].answered == 2 and one["community"].answered == 1
    reach = next(q for q in one["family"].questions if q.key == "reach")
    assert (reach.mean, reach.count) == (2.5, 2)
    assert one["family"].comments == ["Good letters"] and one["community"].comments == ["More notice, please"]
    assert found[2]["family"].answered == 1 and found[2]["community"].answered == 0
    assert found[2]["community"].questions[0].mean is None
    nowhere = found[None]["community"]
    assert nowhere.answered == 1
    useful = next(q for q in nowhere.questions if q.key == "useful")
    assert (useful.mean, useful.count) == (None, 0)
