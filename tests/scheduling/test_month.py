"""The calendar's month (issue 17: "a calendar that is a list"): weeks from the locale's first
weekday, sessions on the day they start in the viewer's zone. Pure, then the page in process."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest
from conftest import TEACHER_OSLO

from exchange.scheduling import month


def test_weeks_start_on_the_locales_first_weekday():
    monday_first = month.weeks(date(2027, 2, 1), 0, date(2027, 2, 17))
    assert monday_first[0][0].day == date(2027, 2, 1)  # 1 February 2027 is a Monday
    assert len(monday_first) == 4 and all(len(w) == 7 for w in monday_first)
    sunday_first = month.weeks(date(2027, 2, 1), 6, date(2027, 2, 17))
    assert sunday_first[0][0].day == date(2027, 1, 31) and not sunday_first[0][0].in_month
    assert [d.day for w in sunday_first for d in w if d.today] == [date(2027, 2, 17)]


def test_items_land_on_their_day_and_a_wrong_month_is_today():
    weeks = month.weeks(date(2027, 3, 1), 0, date(2027, 2, 17), [(date(2027, 3, 9), "a"), (date(2027, 3, 9), "b")])
    (cell,) = [d for w in weeks for d in w if d.items]
    assert cell.day == date(2027, 3, 9) and cell.items == ("a", "b")
    assert month.month_of("2027-13", date(2027, 2, 17)) == date(2027, 2, 1)
    assert month.month_of("<script>", date(2027, 2, 17)) == date(2027, 2, 1)
    assert month.month_of("2027-03", date(2027, 2, 17)) == date(2027, 3, 1)
    assert month.neighbours(date(2027, 1, 1)) == (date(2026, 12, 1), date(2027, 2, 1))


def test_the_viewers_zone_decides_the_day():
    late = datetime(2027, 2, 17, 23, 30, tzinfo=timezone.utc)
    assert month.local_day(late, "Australia/Sydney") == date(2027, 2, 18)
    assert month.local_day(late, "America/Los_Angeles") == date(2027, 2, 17)
    assert month.local_day(late, "Not/AZone") == date(2027, 2, 17)


@pytest.mark.demo_data
def test_the_calendar_page_shows_the_month_with_the_session_on_its_day(as_user):
    teacher = as_user(TEACHER_OSLO)
    session = teacher.get("/api/v1/sessions").json()["sessions"][0]
    local = datetime.fromisoformat(session["viewer_local"]["start"])
    page = teacher.get(f"/calendar?month={local:%Y-%m}", headers={"Accept": "text/html"}).text
    grid = re.search(r'<table class="month-grid">.*?</table>', page, re.S).group(0)
    cell = next(c for c in re.findall(r"<td[^>]*>.*?</td>", grid, re.S) if session["title"] in c)
    assert f'<span class="day-number">{local.day}</span>' in cell
    assert f"/sessions/{session['id']}" in cell
    assert re.search(r'<h2 id="month-h">February 2027</h2>', page) or local.month != 2
    assert 'aria-current="date"' in teacher.get("/calendar", headers={"Accept": "text/html"}).text
    assert teacher.get("/calendar?month=nonsense", headers={"Accept": "text/html"}).status_code == 200
