"""Partner ranking: hard rules first, then common time, grade fit, languages and topics."""

from datetime import date, time

import pytest

from exchange.scheduling.matching import ClassProfile, GradeBand, ineligibility, rank_partners, score_partner
from exchange.scheduling.timetable import ClassTimetable

FIRST_DAY = date(2026, 3, 2)  # a Monday; four weeks run to Sunday 29 March 2026


def profile(
    class_id, country, tz, *, band="6-8", languages=("en",), topics=(), region="", start=time(8, 0), end=time(15, 0)
):
    return ClassProfile(
        class_id=class_id,
        country=country,
        region=region,
        grade_band=band,
        languages=frozenset(languages),
        topics=frozenset(topics),
        timetable=ClassTimetable(tz, day_start=start, day_end=end),
    )


OSLO = profile(
    "oslo-7b",
    "NO",
    "Europe/Oslo",
    band="6-8",
    languages=("nb", "en-GB"),
    topics=("Climate", "oceans", "music"),
    region="Oslo",
)
NAIROBI = profile(
    "nairobi-g7",
    "KE",
    "Africa/Nairobi",
    band="6-8",
    languages=("en-KE", "sw"),
    topics=("climate", "Oceans"),
    start=time(8, 0),
    end=time(16, 0),
)
SYDNEY = profile(
    "sydney-y8",
    "AU",
    "Australia/Sydney",
    band="9-10",
    languages=("en-AU",),
    topics=("climate", "oceans", "music"),
    start=time(8, 30),
    end=time(15, 30),
)
BERLIN = profile("berlin-7a", "DE", "Europe/Berlin", band="6-8", languages=("de", "en"), topics=("music",))
BERGEN = profile(
    "bergen-7c", "NO", "Europe/Oslo", band="6-8", languages=("nb", "en"), topics=("climate",), region="Vestland"
)
TROMSO_NO_REGION = profile("tromso-7", "no", "Europe/Oslo", languages=("en",))
PARIS_FRENCH = profile("paris-5e", "FR", "Europe/Paris", languages=("fr",))
DELHI_SENIOR = profile("delhi-12", "IN", "Asia/Kolkata", band="11-12", languages=("en", "hi"))


def test_rank_orders_by_common_time_and_offers_async_when_there_is_none():
    ranked = rank_partners(OSLO, [SYDNEY, BERLIN, NAIROBI], FIRST_DAY, weeks=4)
    assert [m.candidate.class_id for m in ranked] == ["nairobi-g7", "berlin-7a", "sydney-y8"]

    nairobi = ranked[0]
    assert nairobi.async_suggested is False
    # 6 h a day while Norway is on winter time (2..27 March): 20 school days.
    assert nairobi.overlap.total_minutes == 20 * 6 * 60
    assert nairobi.shared_languages == {"en"}
    assert nairobi.shared_topics == {"climate", "oceans"}
    assert nairobi.grade_fit == "overlapping"
    assert nairobi.reasons[0].startswith("120 h of common school time over 4 weeks")
    window = nairobi.windows[0]
    assert [s.tz for s in window.local] == ["Europe/Oslo", "Africa/Nairobi"]

    sydney = ranked[-1]
    assert sydney.async_suggested is True
    assert sydney.windows == ()
    assert "asynchronous" in sydney.reasons[0]
    assert sydney.grade_fit == "adjacent"  # 6-8 next to 9-10


def test_same_country_needs_a_different_region():
    assert ineligibility(OSLO, BERGEN) == ()
    assert "same country and region" in ineligibility(OSLO, TROMSO_NO_REGION)
    assert "same class" in ineligibility(OSLO, OSLO)
    ranked = rank_partners(OSLO, [OSLO, BERGEN, TROMSO_NO_REGION], FIRST_DAY)
    assert [m.candidate.class_id for m in ranked] == ["bergen-7c"]


def test_a_shared_language_is_required():
    assert ineligibility(OSLO, PARIS_FRENCH) == ("no shared language",)
    assert rank_partners(OSLO, [PARIS_FRENCH], FIRST_DAY) == []


def test_grade_bands_must_overlap_or_touch():
    assert ineligibility(OSLO, DELHI_SENIOR) == ("grade bands 6-8 and 11-12 are too far apart",)
    assert rank_partners(OSLO, [DELHI_SENIOR], FIRST_DAY) == []


def test_topics_break_a_tie_in_common_time():
    berlin_no_topics = profile("berlin-7b", "DE", "Europe/Berlin", languages=("en",))
    ranked = rank_partners(OSLO, [berlin_no_topics, BERLIN], FIRST_DAY)
    assert ranked[0].overlap.total_minutes == ranked[1].overlap.total_minutes
    assert [m.candidate.class_id for m in ranked] == ["berlin-7a", "berlin-7b"]
    assert ranked[0].score > ranked[1].score


def test_more_common_time_scores_higher_other_things_equal():
    early = profile("nairobi-a", "KE", "Africa/Nairobi", languages=("en",), start=time(7, 0), end=time(12, 0))
    late = profile("nairobi-b", "KE", "Africa/Nairobi", languages=("en",), start=time(7, 0), end=time(16, 0))
    short, long = (score_partner(OSLO, c, FIRST_DAY) for c in (early, late))
    assert short.overlap.total_minutes < long.overlap.total_minutes
    assert short.score < long.score <= 100


def test_a_second_shared_language_scores_higher():
    english = profile("berlin-en", "DE", "Europe/Berlin", languages=("en",))
    english_and_norwegian = profile("berlin-nb", "DE", "Europe/Berlin", languages=("en", "nb"))
    one, two = (score_partner(OSLO, c, FIRST_DAY) for c in (english, english_and_norwegian))
    assert two.shared_languages == {"en", "nb"}
    assert two.score > one.score


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("K-2", 0, 2), ("3-5", 3, 5), ("11-13", 11, 13), ("5–7", 5, 7), ("9", 9, 9), ("k", 0, 0), (" 8 - 10 ", 8, 10)],
)
def test_grade_band_parsing(text, low, high):
    assert GradeBand.parse(text) == GradeBand(low, high)


@pytest.mark.parametrize("text", ["", "7-5", "Year 7", "K-20", "5-7-9"])
def test_grade_band_refuses_nonsense(text):
    with pytest.raises(ValueError):
        GradeBand.parse(text)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("5-7", "8-10", True),
        ("5-7", "6-8", True),
        ("K-2", "3-5", True),
        ("K-2", "5-7", False),
        ("8-10", "11-13", True),
        ("3-5", "9-10", False),
        ("K-2", "4-6", False),
        ("5-7", "9-10", False),
    ],
)
def test_grade_band_compatibility_is_overlap_or_adjacency(a, b, compatible):
    assert GradeBand.parse(a).is_compatible(GradeBand.parse(b)) is compatible
    assert GradeBand.parse(b).is_compatible(GradeBand.parse(a)) is compatible


# Pure rules: the same on any database (scripts/test runs them in the SQLite pass only).
pytestmark = pytest.mark.backend_independent
