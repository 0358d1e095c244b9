"""Scheduling in-process over HTTP and Socket.IO (Flask's test clients): class profiles, partner
search across zones, invitations with another time proposed, conflicts, weekly series across a
daylight-saving change, rooms owned by sessions, cancellation told live and by e-mail, reminders,
iCalendar files and feeds read back with the icalendar library, and who may do what.

Each test starts from the demo data, where the Nairobi teacher is not yet verified by her school
admin; the tests that book with her have her verified first (`verified_nairobi`).
"""

from __future__ import annotations

import email
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from email import policy
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from babel.support import Translations
from conftest import ADMIN_OSLO, TEACHER_NAIROBI, TEACHER_OSLO, TEACHER_SYDNEY
from icalendar import Calendar
from support import AppApi, suite_today

from exchange.i18n import catalogues
from exchange.scheduling.reminders import send_due_reminders

pytestmark = pytest.mark.demo_data

UTC = timezone.utc
OSLO, NAIROBI, SYDNEY = "Europe/Oslo", "Africa/Nairobi", "Australia/Sydney"
ADMIN_NAIROBI = "admin@jacaranda.example"
TODAY = suite_today()  # the app's date too (EXCHANGE_TEST_NOW)
# A school week three weeks ahead; each test books its own weekday and hour so none clash by accident.
BASE = TODAY + timedelta(days=21 + (7 - (TODAY + timedelta(days=21)).weekday()) % 7)  # a Monday
HOLIDAY = BASE + timedelta(days=3)  # Oslo's Thursday off that week


def local_iso(tz: str, day: date, hh: int, mm: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=ZoneInfo(tz)).isoformat()


def utc_of(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC)


def next_eu_dst_change(after: date, months=(3, 10)) -> date:
    """The next last Sunday of March or October (EU clock change) after `after`."""
    for year in (after.year, after.year + 1):
        for month in months:
            last = date(year, month, 31)
            sunday = last - timedelta(days=(last.weekday() - 6) % 7)
            if sunday > after:
                return sunday
    raise AssertionError("no clock change found")


def outbox_messages(app) -> list[email.message.EmailMessage]:
    folder = Path(app.config["OUTBOX_DIR"])
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in sorted(folder.glob("*.eml"))]


def wait_for_mail(app, predicate, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in outbox_messages(app) if predicate(m)]
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("no matching e-mail in the outbox")


@pytest.fixture()
def api(as_user):
    return as_user


@pytest.fixture()
def classes(as_user):
    """The three demo classes with known school calendars (set through the profile API)."""
    ids = {}
    for login, key, profile in (
        (
            TEACHER_OSLO,
            "oslo",
            {
                "day_start": "08:30",
                "day_end": "15:00",
                "school_days": [1, 2, 3, 4, 5],
                "term_start": (TODAY - timedelta(days=30)).isoformat(),
                "term_end": (TODAY + timedelta(days=400)).isoformat(),
                "holidays": [HOLIDAY.isoformat()],
                "topics": ["climate", "water", "food"],
            },
        ),
        (
            TEACHER_NAIROBI,
            "nairobi",
            {
                "day_start": "08:00",
                "day_end": "15:30",
                "school_days": [1, 2, 3, 4, 5],
                "term_start": None,
                "term_end": None,
                "holidays": [],
                "topics": ["water", "animals"],
            },
        ),
        (
            TEACHER_SYDNEY,
            "sydney",
            {
                "day_start": "08:45",
                "day_end": "15:15",
                "school_days": [1, 2, 3, 4, 5],
                "term_start": None,
                "term_end": None,
                "holidays": [],
                "topics": ["climate"],
            },
        ),
    ):
        t = as_user(login)
        cls = t.get("/api/v1/classes").json()["classes"][0]
        r = t.request(
            "PATCH",
            f"/api/v1/classes/{cls['id']}/profile",
            json=profile,
            headers={"X-CSRFToken": t.csrf, "Accept": "application/json"},
        )
        assert r.status_code == 200, r.text
        ids[key] = cls["id"]
    return ids


def invite(t: AppApi, classes: dict, partner: str, starts_at: str, title: str, **extra):
    body = {
        "class_id": classes["oslo"],
        "partner_class_id": classes[partner],
        "title": title,
        "agenda": "Introductions, then questions",
        "cultural_prompt": "A song from home",
        "starts_at": starts_at,
        "minutes": extra.pop("minutes", 45),
        **extra,
    }
    return t.post("/api/v1/sessions", body)


def verified_nairobi(api):
    admin = api(ADMIN_NAIROBI)
    teacher = next(x for x in admin.get("/api/v1/admin/teachers").json()["teachers"] if x["email"] == TEACHER_NAIROBI)
    assert admin.post(f"/api/v1/admin/teachers/{teacher['id']}/verify").status_code == 200


# ---- 1. class profile ----------------------------------------------------------------


def test_profile_edit_is_kept_and_validated(api, classes):
    t = api(TEACHER_OSLO)
    url = f"/api/v1/classes/{classes['oslo']}/profile"
    holidays = [
        f"{(TODAY + timedelta(days=300)).isoformat()}..{(TODAY + timedelta(days=302)).isoformat()}",
        HOLIDAY.isoformat(),
    ]
    r = t.post(url, {"holidays": holidays, "timezone": OSLO, "languages": ["en", "no"], "grade_band": "9-10"})
    assert r.status_code == 200, r.text
    profile = t.get(url).json()
    assert profile["timezone"] == OSLO and profile["day_start"] == "08:30" and profile["day_end"] == "15:00"
    assert profile["topics"] == ["climate", "water", "food"] and profile["school_days"] == [1, 2, 3, 4, 5]
    assert len(profile["holidays"]) == 4  # the range is kept as its three days
    assert [HOLIDAY.isoformat(), HOLIDAY.isoformat()] in profile["holiday_ranges"]

    bad = [
        ({"timezone": "Mars/Olympus"}, "invalid_timezone"),
        ({"day_start": "16:00"}, "invalid_time"),
        ({"school_days": [0, 9]}, "invalid_days"),
        ({"term_start": "2027-01-10", "term_end": "2026-12-01"}, "invalid_term"),
        ({"holidays": ["2027-05-10..2027-05-01"]}, "invalid_holidays"),
        ({"colour": "blue"}, "unknown_field"),
    ]
    for body, code in bad:
        r = t.post(url, body)
        assert r.status_code == 400 and r.json()["error"]["code"] == code, (body, r.text)
    assert t.get(url).json()["day_start"] == "08:30"  # nothing half-saved
    # Only the class teacher edits it.
    assert api(TEACHER_SYDNEY).post(url, {"topics": ["x"]}).status_code == 403
    assert api("nora.berg").post(url, {"topics": ["x"]}).status_code == 403


def test_profile_page_saves_a_form(client, classes):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"csrf_token": token, "login": TEACHER_SYDNEY, "password": "exchange-demo"})
    page = client.get(f"/classes/{classes['sydney']}/profile")
    assert page.status_code == 200 and "Australia/Sydney" in page.text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    form = {
        "csrf_token": token,
        "grade_band": "9-10",
        "languages": "en",
        "topics": "climate, oceans",
        "timezone": SYDNEY,
        "school_days": ["1", "2", "3", "4", "5"],
        "day_start": "08:45",
        "day_end": "15:15",
        "term_start": "",
        "term_end": "",
        "holidays": "",
    }
    r = client.post(f"/classes/{classes['sydney']}/profile", data=form, follow_redirects=True)
    assert r.status_code == 200 and "School calendar saved." in r.text
    r = client.post(f"/classes/{classes['sydney']}/profile", data=dict(form, day_end="07:00"))
    assert r.status_code == 400 and "The school day must end after it starts." in r.text


# ---- 2. partner search ---------------------------------------------------------------


def test_search_ranks_nairobi_above_sydney_with_windows_on_both_clocks(api, classes):
    t = api(TEACHER_OSLO)
    r = t.get(f"/api/v1/classes/{classes['oslo']}/partners")
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    names = [x["class"]["name"] for x in results]
    assert names.index("Grade 6 Explorers") < names.index("Year 9 Geography")
    nairobi = results[names.index("Grade 6 Explorers")]
    assert set(nairobi["class"]) == {
        "id",
        "name",
        "school",
        "country",
        "region",
        "grade_band",
        "languages",
        "topics",
        "timezone",
    }  # no teacher, no students
    assert nairobi["class"]["school"] == "Jacaranda Academy" and nairobi["class"]["country"] == "KE"
    assert nairobi["shared_languages"] == ["en"] and nairobi["shared_topics"] == ["water"]
    assert nairobi["grade_fit"] == "adjacent" and nairobi["has_overlap"] and not nairobi["async_suggested"]
    assert nairobi["window_count"] >= 15  # most school days of four weeks
    for w in nairobi["windows"]:
        oslo, kenya = w["local"]
        assert (oslo["timezone"], kenya["timezone"]) == (OSLO, NAIROBI)
        assert kenya["offset"] == "UTC+03:00" and oslo["offset"] in ("UTC+01:00", "UTC+02:00")
        assert oslo["start_time"] == "08:30" and kenya["end_time"] == "15:30"  # Oslo opens, Nairobi closes
        assert utc_of(oslo["start"]) == utc_of(kenya["start"]) == utc_of(w["start"])
        assert oslo["label"] and kenya["label"]
        assert utc_of(w["start"]).date() > TODAY - timedelta(days=1)
    assert "@" not in r.text  # no e-mail address of anyone


def test_oslo_and_sydney_have_no_common_time_and_get_an_async_offer(api, classes):
    t = api(TEACHER_OSLO)
    sydney = next(
        x
        for x in t.get(f"/api/v1/classes/{classes['oslo']}/partners?weeks=2").json()["results"]
        if x["class"]["name"] == "Year 9 Geography"
    )
    assert not sydney["has_overlap"] and sydney["async_suggested"] and sydney["windows"] == []
    page = t.get(f"/classes/{classes['oslo']}/partners", headers={"Accept": "text/html"}).text
    card = page[page.index(f'data-class-id="{classes["sydney"]}"') :]
    card = card[: card.index("</li>")]
    assert "No common school time in these weeks." in card and "Offer an asynchronous exchange" in card

    r = t.post(
        "/api/v1/async-exchanges",
        {
            "class_id": classes["oslo"],
            "partner_class_id": classes["sydney"],
            "title": "Letters about our seasons",
            "days": 5,
        },
    )
    assert r.status_code == 201, r.text
    offer = r.json()
    assert offer["kind"] == "async" and offer["status"] == "proposed" and offer["awaiting"] == "partner"
    assert utc_of(offer["ends_at"]) - utc_of(offer["starts_at"]) == timedelta(days=5)
    liam = api(TEACHER_SYDNEY)
    r = liam.post(f"/api/v1/sessions/{offer['id']}/accept")
    assert r.status_code == 200, r.text
    room_id = r.json()["sessions"][0]["room_id"]
    room = liam.get(f"/api/v1/rooms/{room_id}").json()
    assert room["my_role"] == "teacher"
    dashboard = liam.get("/dashboard", headers={"Accept": "text/html"}).text  # the in-app reminder, on his clock
    assert "Letters about our seasons" in dashboard and "Australia/Sydney (UTC+1" in dashboard
    assert utc_of(room["closes_at"]) - utc_of(room["opens_at"]) == timedelta(days=5)


# ---- 3 and 4. invitations, another time, rooms ----------------------------------------


def test_invitation_flow_propose_then_accept_creates_the_room(api, classes):
    astrid, amani = api(TEACHER_OSLO), api(TEACHER_NAIROBI)
    day = BASE + timedelta(days=1)
    r = invite(astrid, classes, "nairobi", local_iso(OSLO, day, 9, 0), "Rivers and rain")
    assert r.status_code == 201, r.text
    [s] = r.json()["sessions"]
    assert s["status"] == "proposed" and s["awaiting"] == "partner" and s["room_id"] is None
    assert [x["timezone"] for x in s["local"]] == [OSLO, NAIROBI]
    assert s["local"][0]["start_time"] == "09:00"
    assert s["local"][1]["start_time"] == ("11:00" if s["local"][0]["offset"] == "UTC+01:00" else "10:00")

    incoming = amani.get("/api/v1/invitations").json()["incoming"]
    assert s["id"] in [x["id"] for x in incoming]
    # Not verified yet: accepting is refused with a clear reason.
    r = amani.post(f"/api/v1/sessions/{s['id']}/accept")
    assert r.status_code == 403 and r.json()["error"]["code"] == "teacher_not_verified"
    assert "verify" in r.json()["error"]["message"]

    # Amani proposes another time on her own clock: 13:00 in Nairobi.
    r = amani.post(
        f"/api/v1/sessions/{s['id']}/propose",
        {"date": day.isoformat(), "time": "13:00", "note": "After our lunch break"},
    )
    assert r.status_code == 200, r.text
    moved = r.json()
    assert moved["awaiting"] == "organiser" and moved["sequence"] == 1
    assert moved["local"][1]["start_time"] == "13:00" and moved["local"][1]["timezone"] == NAIROBI
    assert utc_of(moved["starts_at"]) == datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
    assert [p["by"] for p in moved["proposals"]] == ["organiser", "partner"]
    assert amani.post(f"/api/v1/sessions/{s['id']}/accept").json()["error"]["code"] == "not_your_turn"
    assert s["id"] in [x["id"] for x in astrid.get("/api/v1/invitations").json()["incoming"]]

    # The organiser cannot book with an unverified partner either.
    r = astrid.post(f"/api/v1/sessions/{s['id']}/accept")
    assert r.status_code == 403 and r.json()["error"]["code"] == "teacher_not_verified"
    verified_nairobi(api)
    r = astrid.post(f"/api/v1/sessions/{s['id']}/accept")
    assert r.status_code == 200, r.text
    booked = r.json()["sessions"][0]
    assert booked["status"] == "accepted" and booked["room_id"]
    room = amani.get(f"/api/v1/rooms/{booked['room_id']}").json()  # the Nairobi class is in
    assert room["my_role"] == "teacher" and room["state"] == "scheduled"
    assert utc_of(room["opens_at"]) == utc_of(booked["starts_at"])  # opens at the start
    assert utc_of(room["closes_at"]) > utc_of(booked["ends_at"])  # closes after the end
    assert astrid.get(f"/api/v1/rooms/{booked['room_id']}").json()["my_role"] == "teacher"
    assert api(TEACHER_SYDNEY).get(f"/api/v1/rooms/{booked['room_id']}").status_code == 403
    # Oslo students see it in their calendar now; the partner class by name, school and country only.
    nora = api("nora.berg")
    mine = nora.get("/api/v1/sessions").json()["sessions"]
    seen = next(x for x in mine if x["id"] == s["id"])
    assert seen["partner_class"] == {
        "id": classes["nairobi"],
        "name": "Grade 6 Explorers",
        "school": "Jacaranda Academy",
        "country": "KE",
        "timezone": NAIROBI,
    }
    assert "organiser" not in seen and "partner_teacher" not in seen and "proposals" not in seen
    assert "@" not in nora.get("/api/v1/sessions").text
    page = nora.get("/calendar", headers={"Accept": "text/html"}).text
    assert "Rivers and rain" in page and "Grade 6 Explorers (Jacaranda Academy, KE)" in page and "@" not in page


def test_second_invitation_over_a_booked_time_reports_conflicts(api, classes):
    astrid = api(TEACHER_OSLO)
    day = BASE + timedelta(days=2)
    first = invite(astrid, classes, "nairobi", local_iso(OSLO, day, 11, 0), "Maps of our towns")
    assert first.status_code == 201, first.text
    first_id = first.json()["sessions"][0]["id"]
    # Half an hour later, same classes: both classes and both teachers are busy.
    check = astrid.post(
        "/api/v1/sessions/check",
        {
            "class_id": classes["oslo"],
            "partner_class_id": classes["nairobi"],
            "starts_at": local_iso(OSLO, day, 11, 30),
            "minutes": 45,
        },
    )
    assert check.status_code == 200
    kinds = sorted(c["kind"] for c in check.json()["conflicts"])
    assert kinds == ["class_busy", "class_busy", "teacher_busy", "teacher_busy"]
    r = invite(astrid, classes, "nairobi", local_iso(OSLO, day, 11, 30), "Maps again")
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"
    assert {c["session_id"] for c in r.json()["conflicts"]} == {first_id}
    assert any("Maps of our towns" in c["message"] for c in r.json()["conflicts"])
    r = invite(astrid, classes, "nairobi", local_iso(OSLO, day, 11, 30), "Maps again", book_anyway=True)
    assert r.status_code == 201
    # Sydney is asleep during Oslo's school day; Oslo is off on its holiday.
    r = invite(astrid, classes, "sydney", local_iso(OSLO, day, 13, 0), "Night call")
    assert r.status_code == 409
    assert {(c["kind"], c["class_id"]) for c in r.json()["conflicts"]} == {("outside_school_hours", classes["sydney"])}
    r = invite(astrid, classes, "nairobi", local_iso(OSLO, HOLIDAY, 10, 0), "Holiday call")
    assert r.status_code == 409
    assert [(c["kind"], c["class_id"]) for c in r.json()["conflicts"]] == [("school_closed", classes["oslo"])]


def test_weekly_series_keeps_oslo_wall_clock_across_the_clock_change(api, classes):
    verified_nairobi(api)
    astrid = api(TEACHER_OSLO)
    change = next_eu_dst_change(TODAY + timedelta(days=14))
    first = change - timedelta(days=12)  # a Tuesday, two weeks before the change
    assert first.isoweekday() == 2
    r = invite(astrid, classes, "nairobi", local_iso(OSLO, first, 10, 0), "Weekly pen pals", weeks=4)
    assert r.status_code == 201, r.text
    series = r.json()["sessions"]
    assert len(series) == 4
    assert len({s["series"]["id"] for s in series}) == 1 and [s["series"]["occurrence"] for s in series] == [0, 1, 2, 3]
    assert all(s["local"][0]["start_time"] == "10:00" for s in series)  # the organiser's wall clock holds
    before, after = series[:2], series[2:]  # weeks 0 and 1 before the change, 2 and 3 after it
    assert len({s["local"][0]["offset"] for s in before}) == len({s["local"][0]["offset"] for s in after}) == 1
    assert before[0]["local"][0]["offset"] != after[0]["local"][0]["offset"]
    for s in series:
        oslo_hours = int(s["local"][0]["offset"][4:6])
        assert utc_of(s["starts_at"]).hour == 10 - oslo_hours  # UTC moves by the hour the clocks moved
        assert s["local"][1]["offset"] == "UTC+03:00"
        assert s["local"][1]["start_time"] == f"{10 - oslo_hours + 3:02d}:00"  # so does Nairobi's time
    assert before[0]["local"][1]["start_time"] != after[0]["local"][1]["start_time"]
    assert utc_of(series[2]["starts_at"]) - utc_of(series[1]["starts_at"]) != timedelta(days=7)
    # The partner accepts the whole series at once: four rooms.
    amani = api(TEACHER_NAIROBI)
    r = amani.post(f"/api/v1/sessions/{series[0]['id']}/accept", {"series": True})
    assert r.status_code == 200, r.text
    assert len({s["room_id"] for s in r.json()["sessions"]}) == 4


@pytest.mark.own_database  # three requests at once, each on a connection of its own
def test_accepting_twice_at_once_makes_one_room(api, classes):
    verified_nairobi(api)
    astrid = api(TEACHER_OSLO)
    r = invite(astrid, classes, "nairobi", local_iso(OSLO, BASE + timedelta(days=2), 9), "Double click")
    sid = r.json()["sessions"][0]["id"]
    tabs = [api(TEACHER_NAIROBI) for _ in range(3)]
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda t: t.post(f"/api/v1/sessions/{sid}/accept"), tabs))
    assert sorted(a.status_code for a in answers) == [200, 409, 409], [a.text for a in answers]
    rooms = [x for x in astrid.get("/api/v1/rooms").json()["rooms"] if x["title"] == "Double click"]
    assert len(rooms) == 1 and astrid.get(f"/api/v1/sessions/{sid}").json()["room_id"] == rooms[0]["id"]


# ---- cancellation, reminders, iCalendar -----------------------------------------------


def book(api, classes, day: date, hh: int, title: str, minutes: int = 30) -> dict:
    verified_nairobi(api)
    astrid = api(TEACHER_OSLO)
    r = invite(astrid, classes, "nairobi", local_iso(OSLO, day, hh), title, minutes=minutes)
    assert r.status_code == 201, r.text
    r = api(TEACHER_NAIROBI).post(f"/api/v1/sessions/{r.json()['sessions'][0]['id']}/accept")
    assert r.status_code == 200, r.text
    return r.json()["sessions"][0]


def test_cancellation_is_told_live_and_by_mail_and_closes_the_room(api, as_live, app, classes):
    s = book(api, classes, BASE, 13, "Festivals we love")
    amani_api = api(TEACHER_NAIROBI)
    amani = as_live(amani_api)
    nora = as_live(api("nora.berg"))
    r = api(TEACHER_OSLO).post(f"/api/v1/sessions/{s['id']}/cancel", {"reason": "School trip moved"})
    assert r.status_code == 200, r.text
    assert r.json()["sessions"][0]["status"] == "cancelled" and r.json()["sessions"][0]["sequence"] == 1
    got = amani.wait_for(lambda u: u["session"] == s["id"] and u["event"] == "cancelled", name="session_update")
    assert got["status"] == "cancelled" and got["title"] == "Festivals we love"
    nora.wait_for(lambda u: u["session"] == s["id"] and u["event"] == "cancelled", name="session_update")
    [mail] = wait_for_mail(app, lambda m: m["To"] == TEACHER_NAIROBI and m["Subject"] == "Cancelled: Festivals we love")
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "School trip moved" in body and "Africa/Nairobi" in body and "Europe/Oslo" in body
    assert Path(app.config["OUTBOX_DIR"]).is_dir()
    room = amani_api.get(f"/api/v1/rooms/{s['room_id']}").json()
    assert room["state"] == "closed"
    cal = Calendar.from_ical(amani_api.get(f"/sessions/{s['id']}.ics", headers={}).content)
    [event] = cal.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and event.decoded("SEQUENCE") == 1
    # Cancelling twice is refused; someone else's session cannot be cancelled.
    assert api(TEACHER_OSLO).post(f"/api/v1/sessions/{s['id']}/cancel").status_code == 409
    assert api(TEACHER_SYDNEY).post(f"/api/v1/sessions/{s['id']}/cancel").status_code == 404


def test_session_ics_and_teacher_feed_parse_back(api, client, classes):
    s = book(api, classes, BASE + timedelta(days=4), 9, "Food, songs; and games", minutes=45)
    astrid = api(TEACHER_OSLO)
    r = astrid.get(f"/sessions/{s['id']}.ics", headers={})
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/calendar; charset=utf-8"
    [event] = Calendar.from_ical(r.content).walk("VEVENT")
    uid = str(event["UID"])
    assert uid.startswith(f"session-{s['id']}@")
    assert event.decoded("DTSTART") == utc_of(s["starts_at"]) and event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event.decoded("DTEND") == utc_of(s["ends_at"])
    assert f"DTSTART:{utc_of(s['starts_at']):%Y%m%dT%H%M%SZ}".encode() in r.content
    assert str(event["SUMMARY"]) == "Food, songs; and games" and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]).endswith(f"/rooms/{s['room_id']}")
    assert "Europe/Oslo" in str(event["DESCRIPTION"]) and "Africa/Nairobi" in str(event["DESCRIPTION"])
    r = astrid.get(f"/api/v1/sessions/{s['id']}/ics")
    assert r.status_code == 200 and Calendar.from_ical(r.content).walk("VEVENT")[0]["UID"] == uid
    # A student's copy names no teacher e-mail.
    r = api("nora.berg").get(f"/sessions/{s['id']}.ics", headers={})
    assert r.status_code == 200 and b"mailto:" not in r.content

    # The feed: made by the teacher, read by a calendar program without a login.
    made = astrid.post("/api/v1/calendar/feed")
    assert made.status_code == 201
    url = urlsplit(made.json()["url"]).path  # a calendar program fetches it without a login
    assert len(made.json()["token"]) >= 43
    feed = client.get(url)
    assert feed.status_code == 200 and feed.headers["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(feed.data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert uid in events and events[uid].decoded("DTSTART") == utc_of(s["starts_at"])
    assert str(cal["X-WR-CALNAME"]) == "Classroom Exchange: Astrid Lunde"
    assert all(str(e["STATUS"]) in ("CONFIRMED", "CANCELLED") for e in events.values())
    # After a cancellation the feed keeps the event, cancelled, with a higher SEQUENCE.
    assert astrid.post(f"/api/v1/sessions/{s['id']}/cancel").status_code == 200
    again = {str(e["UID"]): e for e in Calendar.from_ical(client.get(url).data).walk("VEVENT")}
    assert str(again[uid]["STATUS"]) == "CANCELLED" and again[uid].decoded("SEQUENCE") == 1
    # Wrong tokens and the old address after a new one are plain 404s.
    base = url.rsplit("/", 1)[0]
    assert client.get(base + "/" + "x" * 43 + ".ics").status_code == 404
    assert client.get(base + "/short.ics").status_code == 404
    newer = urlsplit(astrid.post("/api/v1/calendar/feed").json()["url"]).path
    assert client.get(url).status_code == 404 and client.get(newer).status_code == 200


def test_reminders_are_mailed_once(api, app, classes):
    s = book(api, classes, BASE + timedelta(days=4), 13, "Reminder check")
    now = utc_of(s["starts_at"]) - timedelta(hours=2)

    def run() -> int:  # what `exchange scheduling remind` runs, in an app context of its own
        with app.app_context():
            return send_due_reminders(now)

    assert run() >= 2  # both teachers of this session (and of any other session that day)
    # each in their own language: Nairobi's school speaks English first, Oslo's Norwegian (issue 18)
    norwegian = Translations.load(str(catalogues.FOLDER), ["nb"]).gettext("Reminder: %(title)s") % {"title": s["title"]}
    assert norwegian != "Reminder: Reminder check"
    subjects = {TEACHER_NAIROBI: "Reminder: Reminder check", TEACHER_OSLO: norwegian}
    mails = wait_for_mail(app, lambda m: subjects.get(m["To"]) == m["Subject"])
    assert sorted(m["To"] for m in mails) == sorted([TEACHER_OSLO, TEACHER_NAIROBI])
    assert f"/rooms/{s['room_id']}" in mails[0].get_body(preferencelist=("plain",)).get_content()
    assert run() == 0  # once each
    assert len([m for m in outbox_messages(app) if m["Subject"] in subjects.values()]) == 2


# ---- authorisation -------------------------------------------------------------------


def test_who_may_see_and_answer(api, classes):
    astrid = api(TEACHER_OSLO)
    r = invite(astrid, classes, "nairobi", local_iso(OSLO, BASE + timedelta(days=4), 11), "Only for us")
    assert r.status_code == 201, r.text
    sid = r.json()["sessions"][0]["id"]
    nora, liam, admin_oslo = api("nora.berg"), api(TEACHER_SYDNEY), api(ADMIN_OSLO)
    # Students neither search nor invite.
    assert nora.get(f"/api/v1/classes/{classes['oslo']}/partners").status_code == 403
    r = nora.post(
        "/api/v1/sessions",
        {
            "class_id": classes["oslo"],
            "partner_class_id": classes["nairobi"],
            "title": "x",
            "starts_at": local_iso(OSLO, BASE, 10),
        },
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert nora.get("/partners", headers={"Accept": "text/html"}).status_code == 403
    # A pending invitation is for the two teachers (and the schools' admins), not for students.
    assert nora.get(f"/api/v1/sessions/{sid}").status_code == 404
    assert nora.get(f"/sessions/{sid}.ics", headers={}).status_code == 404
    assert admin_oslo.get(f"/api/v1/sessions/{sid}").status_code == 200
    # Another teacher can neither see nor answer it, nor search or invite for a class not theirs.
    assert liam.get(f"/api/v1/sessions/{sid}").status_code == 404
    for action in ("accept", "decline", "cancel"):
        assert liam.post(f"/api/v1/sessions/{sid}/{action}").status_code == 404
    assert liam.post(f"/api/v1/sessions/{sid}/propose", {"starts_at": local_iso(OSLO, BASE, 10)}).status_code == 404
    assert liam.get(f"/api/v1/classes/{classes['oslo']}/partners").status_code == 403
    r = liam.post(
        "/api/v1/sessions",
        {
            "class_id": classes["oslo"],
            "partner_class_id": classes["sydney"],
            "title": "x",
            "starts_at": local_iso(OSLO, BASE, 10),
        },
    )
    assert r.status_code == 403
    # The organiser cannot accept their own invitation; the school admin may look but not answer.
    assert astrid.post(f"/api/v1/sessions/{sid}/accept").json()["error"]["code"] == "not_your_turn"
    assert admin_oslo.post(f"/api/v1/sessions/{sid}/accept").status_code == 403
    waiting = api(TEACHER_NAIROBI).get("/dashboard", headers={"Accept": "text/html"}).text
    assert "waiting for your answer" in waiting and "/invitations" in waiting
    # Bad input is a clear 4xx, never a 500.
    for body in (
        {"class_id": classes["oslo"], "partner_class_id": classes["nairobi"], "title": "x", "starts_at": "tomorrow"},
        {
            "class_id": classes["oslo"],
            "partner_class_id": classes["nairobi"],
            "title": "x",
            "starts_at": "2020-01-01T10:00:00Z",
        },
        {
            "class_id": classes["oslo"],
            "partner_class_id": classes["nairobi"],
            "title": "x",
            "starts_at": local_iso(OSLO, BASE, 10),
            "minutes": 5000,
        },
        {
            "class_id": classes["oslo"],
            "partner_class_id": classes["oslo"],
            "title": "x",
            "starts_at": local_iso(OSLO, BASE, 10),
        },
    ):
        r = astrid.post("/api/v1/sessions", body)
        assert 400 <= r.status_code < 500 and set(r.json()["error"]) == {"code", "message"}, r.text
    # A time the clocks skip in Oslo (02:30 on the spring night) does not exist.
    spring = next_eu_dst_change(TODAY + timedelta(days=2), months=(3,))
    r = astrid.post(
        "/api/v1/sessions/check",
        {
            "class_id": classes["oslo"],
            "partner_class_id": classes["nairobi"],
            "date": spring.isoformat(),
            "time": "02:30",
        },
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "time_does_not_exist"


# ---- quarter-hour zones ---------------------------------------------------------------


def test_nepal_and_india_windows_on_quarter_hour_clocks(api, classes):
    amani, liam = api(TEACHER_NAIROBI), api(TEACHER_SYDNEY)
    moves = (
        (
            amani,
            classes["nairobi"],
            {"timezone": "Asia/Kathmandu", "day_start": "09:00", "day_end": "15:00"},
            {"timezone": NAIROBI, "day_start": "08:00", "day_end": "15:30"},
        ),
        (
            liam,
            classes["sydney"],
            {"timezone": "Asia/Kolkata", "day_start": "08:45", "day_end": "15:15"},
            {"timezone": SYDNEY, "day_start": "08:45", "day_end": "15:15"},
        ),
    )
    try:
        for who, cid, there, _back in moves:
            assert who.post(f"/api/v1/classes/{cid}/profile", there).status_code == 200
        results = amani.get(f"/api/v1/classes/{classes['nairobi']}/partners?weeks=1").json()["results"]
        india = next(r for r in results if r["class"]["id"] == classes["sydney"])
        assert india["has_overlap"] and india["window_count"] == 5
        for w in india["windows"]:
            nepal, kolkata = w["local"]
            assert (nepal["offset"], kolkata["offset"]) == ("UTC+05:45", "UTC+05:30")
            # Kathmandu 09:00-15:00 is 03:15-09:15 UTC: Kolkata 08:45-14:45 on its clock.
            assert (nepal["start_time"], nepal["end_time"]) == ("09:00", "15:00")
            assert (kolkata["start_time"], kolkata["end_time"]) == ("08:45", "14:45")
            assert utc_of(w["start"]).strftime("%H:%M") == "03:15"
        oslo = api(TEACHER_OSLO).get(f"/api/v1/classes/{classes['oslo']}/partners?weeks=1").json()["results"]
        nepal_for_oslo = next(r for r in oslo if r["class"]["id"] == classes["nairobi"])
        assert nepal_for_oslo["window_count"] == 5
        for w in nepal_for_oslo["windows"]:
            assert w["local"][1]["offset"] == "UTC+05:45" and w["local"][1]["end_time"] == "15:00"
            assert w["local"][0]["end_time"].endswith(":15")  # Oslo's clock shows the +05:45 quarter
    finally:
        for who, cid, _there, back in moves:
            who.post(f"/api/v1/classes/{cid}/profile", back)
