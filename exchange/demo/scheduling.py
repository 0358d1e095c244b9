"""Demo data of the scheduling domain: school years for the three demo classes, a pending
invitation at their first common school hour, and an accepted asynchronous exchange between
two schools that share no school hours. Kept here so that the service modules hold no demo."""

from __future__ import annotations

from datetime import date, time, timedelta

from ..db import db, utcnow
from ..scheduling.answers import accept
from ..scheduling.invitations import invite, invite_async
from ..scheduling.local_time import local_moment
from ..scheduling.overlap import find_overlaps
from ..scheduling.profiles import clean_holidays, timetable_of


def _demo_calendars(today: date) -> dict[str, dict]:
    """Plausible school years around `today`: Norway August to June, Australia and Kenya by calendar
    year. One term range spans two years and the long holidays are holidays, so every date has an answer."""
    y = today.year
    n = y if today >= date(y, 6, 20) else y - 1
    s = y if today >= date(y, 1, 28) else y - 1
    k = y if today >= date(y, 1, 5) else y - 1
    return {
        "oslo": dict(
            day_start=time(8, 15),
            day_end=time(14, 45),
            term=(date(n, 8, 17), date(n + 1, 6, 18)),
            holidays=[
                f"{n}-10-05..{n}-10-09",
                f"{n}-12-21..{n + 1}-01-01",
                f"{n + 1}-02-22..{n + 1}-02-26",
                f"{n + 1}-03-29..{n + 1}-04-05",
                f"{n + 1}-05-17",
            ],
        ),
        "sydney": dict(
            day_start=time(8, 50),
            day_end=time(15, 10),
            term=(date(s, 1, 28), date(s + 1, 12, 17)),
            holidays=[f"{s}-12-18..{s + 1}-01-27"]
            + [
                r
                for yy in (s, s + 1)
                for r in (f"{yy}-04-13..{yy}-04-24", f"{yy}-07-06..{yy}-07-17", f"{yy}-09-28..{yy}-10-09")
            ],
        ),
        "nairobi": dict(
            day_start=time(8, 0),
            day_end=time(15, 30),
            term=(date(k, 1, 5), date(k + 1, 11, 26)),
            holidays=[f"{k}-11-27..{k + 1}-01-04"]
            + [r for yy in (k, k + 1) for r in (f"{yy}-04-03..{yy}-04-26", f"{yy}-08-07..{yy}-08-30", f"{yy}-10-20")],
        ),
    }


def load_scheduling_demo(people: dict, classes: list, rooms: list) -> None:
    """School calendars for the three demo classes (Oslo, Sydney, Nairobi, in that order), a pending
    invitation from Oslo to Nairobi in their first common school hours (the Nairobi teacher must be
    verified to accept it) and, because Oslo and Sydney share no school hours, an accepted
    asynchronous exchange between them. `people` and `rooms` are not needed yet."""
    oslo, sydney, nairobi = classes[:3]
    today = utcnow().date()
    for cls, spec in zip((oslo, sydney, nairobi), _demo_calendars(today).values()):
        cls.day_start, cls.day_end = spec["day_start"], spec["day_end"]
        cls.term_start, cls.term_end = spec["term"]
        cls.holidays = clean_holidays(spec["holidays"])
    db.session.commit()
    astrid = oslo.teacher
    # Pending: the first common hour of Oslo and Nairobi from next week on, on a quarter hour.
    report = find_overlaps(
        [timetable_of(oslo), timetable_of(nairobi)],
        today + timedelta(days=5),
        today + timedelta(days=200),
        min_minutes=60,
    )
    start = None
    for w in report.windows:
        candidate = w.start + timedelta(minutes=(-w.start.minute) % 15)
        if candidate + timedelta(minutes=45) <= w.end:
            start = candidate
            break
    start = start or local_moment(oslo.timezone, today + timedelta(days=8), time(10, 0))
    invite(
        astrid,
        class_id=oslo.id,
        partner_class_id=nairobi.id,
        title="Water in our cities",
        agenda="Each class shows where its drinking water comes from; questions in English.",
        cultural_prompt="Share a saying about rain or water from your language (Norwegian, Swahili).",
        start=start,
        minutes=45,
        book_anyway=True,
    )
    # Accepted: a week of asynchronous exchange with Sydney, from the first Monday both are in school.
    oslo_tt, sydney_tt = timetable_of(oslo), timetable_of(sydney)
    monday = today + timedelta(days=(1 - today.isoweekday()) % 7 or 7)
    for _week in range(30):
        if oslo_tt.is_school_day(monday) and sydney_tt.is_school_day(monday):
            break
        monday += timedelta(days=7)
    exchange = invite_async(
        astrid,
        class_id=oslo.id,
        partner_class_id=sydney.id,
        title="Letters across hemispheres",
        agenda="Write about a normal school day; answer the other class within a day.",
        cultural_prompt="What does your class eat for lunch? Describe it in words.",
        first_day=monday,
        days=5,
    )
    accept(sydney.teacher, exchange)
