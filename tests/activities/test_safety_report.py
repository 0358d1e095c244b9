"""The public safety report's pure figures (exchange/evaluation/safety_report.py): terms, and what a
term's flags and vetting decisions add up to."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from exchange.evaluation import safety_report as sr

pytestmark = pytest.mark.backend_independent
UTC = timezone.utc


@pytest.mark.parametrize(
    ("moment", "key"),
    [
        (datetime(2027, 1, 1, tzinfo=UTC), "2027-1"),
        (datetime(2027, 4, 30, 23, 59, tzinfo=UTC), "2027-1"),
        (datetime(2027, 5, 1, tzinfo=UTC), "2027-2"),
        (datetime(2027, 12, 31, 23, 59, tzinfo=UTC), "2027-3"),
    ],
)
def test_a_term_is_a_third_of_the_year(moment, key):
    term = sr.term_of(moment)
    assert term.key == key and term.holds(moment) and not term.holds(term.end)


def test_a_bad_term_in_a_link_is_the_current_one():
    current = sr.Term(2027, 1)
    assert sr.parse_term("2026-3", current) == sr.Term(2026, 3)
    for text in (None, "", "2027-4", "x-1", "20271", "1999-1", "2027-1-1", "9" * 40):
        assert sr.parse_term(text, current) == current
    assert sr.Term(2026, 3).end == sr.Term(2027, 1).start


def test_a_terms_figures():
    start = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
    flags = [
        sr.FlagFact(start, start + timedelta(minutes=2), "violence", "safety", "actioned"),
        sr.FlagFact(start, start + timedelta(minutes=4), "violence", "report", "dismissed"),
        sr.FlagFact(start, start + timedelta(minutes=30), "pii_phone", "safety", "actioned"),
        sr.FlagFact(start, None, "", "premoderation", "open"),
        sr.FlagFact(start - timedelta(days=60), None, "hate", "safety", "open"),  # last term
    ]
    vetting = [
        sr.VettingFact(start, "verified"),
        sr.VettingFact(start, "revoked"),
        sr.VettingFact(start - timedelta(days=90), "verified"),
    ]
    found = sr.figures(sr.Term(2027, 1), flags, vetting, verified_now=3)
    assert found.flags == 4 and found.by_category == {"violence": 2, "pii_phone": 1, "other": 1}
    assert found.by_source == {"safety": 2, "report": 1, "premoderation": 1}
    assert found.outcomes == {"actioned": 2, "dismissed": 1} and found.still_open == 1
    assert found.median_minutes == 4.0 and found.p90_minutes == 30 - (30 - 4) * 0.2
    assert found.vetting == {"verified": 1, "revoked": 1} and found.verified_now == 3
    assert sr.terms_with_data(flags, sr.Term(2027, 1)) == [sr.Term(2027, 1), sr.Term(2026, 3)]
    empty = sr.figures(sr.Term(2030, 2), flags, vetting, 0)
    assert (empty.flags, empty.median_minutes, empty.p90_minutes, empty.outcomes) == (0, None, None, {})
