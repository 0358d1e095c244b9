"""Partner search to invitation in headless Chromium: the Oslo teacher finds Nairobi with common
school hours on both clocks, Sydney with an asynchronous offer instead, picks a window, sees
both local times previewed, sends the invitation and finds it among her invitations; the
Nairobi teacher's invitations page hears of it live.

The demo calendars are plausible school years, so on some dates (Christmas, Easter, the
northern summer) Oslo and Nairobi share no school day for weeks. The test reads both class
profiles and searches from the first day both schools are in, on the suite's clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from conftest import TEACHER_NAIROBI, TEACHER_OSLO, new_context
from support import Api, suite_now

MINUTES = 40


def school_hours(profile: dict, day: date) -> tuple[datetime, datetime] | None:
    """The UTC school hours of a class on its local `day` from its profile, or None when it is not in."""
    if day.isoweekday() not in profile["school_days"] or day.isoformat() in profile["holidays"]:
        return None
    if profile["term_start"] and not profile["term_start"] <= day.isoformat() <= profile["term_end"]:
        return None
    zone = ZoneInfo(profile["timezone"])
    start, end = (datetime.combine(day, time.fromisoformat(profile[k]), zone) for k in ("day_start", "day_end"))
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def first_common_day(mine: dict, theirs: dict, after: date) -> date:
    """The first local day after `after` on which both classes are in school at the same time for an hour."""
    for n in range(1, 400):
        day = after + timedelta(days=n)
        a, b = school_hours(mine, day), school_hours(theirs, day)
        if a and b and min(a[1], b[1]) - max(a[0], b[0]) >= timedelta(hours=1):
            return day
    raise AssertionError("the demo classes never share school time")


def profile_of(server, teacher: str) -> dict:
    api = Api(server.url).login(teacher)
    return api.get(f"/api/v1/classes/{api.get('/api/v1/classes').json()['classes'][0]['id']}/profile").json()


def busy_times(server, teacher: str) -> list[tuple[datetime, datetime]]:
    """Live sessions already proposed or booked for this teacher's classes (the demo has one)."""
    invitations = Api(server.url).login(teacher).get("/api/v1/invitations").json()
    sessions = [s for group in invitations.values() for s in group]
    return [
        (utc(s["starts_at"]), utc(s["ends_at"]))
        for s in sessions
        if s["kind"] == "live" and s["status"] in ("proposed", "accepted")
    ]


def preview_for(minutes: int):
    """Matches the invitation page's conflict check for a session of `minutes`."""

    def matches(response) -> bool:
        body = response.request.post_data_json if response.request.method == "POST" else None
        return response.url.endswith("/api/v1/sessions/check") and (body or {}).get("minutes") == minutes

    return matches


def utc(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(timezone.utc)


def login(browser, server, who: str):
    context = new_context(browser, locale="en-GB", timezone_id="Europe/Oslo")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(server.url + "/login")
    page.get_by_label("E-mail or username").fill(who)
    page.get_by_label("Password").fill("exchange-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")
    return page, problems


def test_partner_search_then_invite(server, browser):
    page, problems = login(browser, server, TEACHER_OSLO)
    partner_page, partner_problems = login(browser, server, TEACHER_NAIROBI)
    partner_page.goto(server.url + "/invitations")
    partner_page.wait_for_load_state("networkidle")

    oslo_profile, nairobi_profile = profile_of(server, TEACHER_OSLO), profile_of(server, TEACHER_NAIROBI)
    today_in_oslo = suite_now().astimezone(ZoneInfo("Europe/Oslo")).date()
    common = first_common_day(oslo_profile, nairobi_profile, today_in_oslo)
    busy = busy_times(server, TEACHER_OSLO) + busy_times(server, TEACHER_NAIROBI)

    page.get_by_role("link", name="Find partners").click()
    page.wait_for_url("**/partners")
    assert page.get_by_label("From").input_value() == (today_in_oslo + timedelta(days=1)).isoformat()
    page.get_by_label("From").fill(common.isoformat())
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(f"**from={common.isoformat()}**")
    cards = page.locator("#partner-results > li")
    names = [cards.nth(i).locator("h2").inner_text() for i in range(cards.count())]
    assert names.index("Grade 6 Explorers") < names.index("Year 9 Geography")
    nairobi = cards.nth(names.index("Grade 6 Explorers"))
    sydney = cards.nth(names.index("Year 9 Geography"))
    assert "Jacaranda Academy" in nairobi.inner_text() and "Africa/Nairobi" in nairobi.inner_text()
    header = nairobi.locator("thead").inner_text()
    assert "9A Global Citizens" in header and "Grade 6 Explorers" in header
    rows = nairobi.locator("tr.window")
    starts = [utc(rows.nth(i).locator("time").first.get_attribute("datetime")) for i in range(rows.count())]
    assert starts and starts[0].astimezone(ZoneInfo("Europe/Oslo")).date() == common
    # The first window that no session of either teacher already takes.
    free = next(
        i
        for i, start in enumerate(starts)
        if all(start + timedelta(minutes=MINUTES) <= b or start >= e for b, e in busy)
    )
    row = rows.nth(free)
    cells = row.locator("td")
    assert (
        "Europe/Oslo (UTC+0" in cells.nth(0).inner_text() and "Africa/Nairobi (UTC+03:00)" in cells.nth(1).inner_text()
    )
    assert "No common school time in these weeks." in sydney.inner_text()
    assert sydney.get_by_role("button", name="Offer an asynchronous exchange").is_visible()

    row.get_by_role("link", name="Invite for this time").click()
    page.wait_for_url("**/invite?**")
    assert page.locator("#date").input_value() and page.locator("#time").input_value()
    page.locator("#preview .clock").first.wait_for()
    assert page.locator("#preview .clock").count() == 2  # both clocks, before anything is sent
    # Leave the field as a person does (its change event fires on blur) and wait for that preview's answer:
    # a check still in flight when the form is sent would answer after it and could drop the page's notice.
    with page.expect_response(preview_for(MINUTES)):
        page.locator("#minutes").fill(str(MINUTES))
        page.locator("#minutes").press("Tab")
    page.wait_for_selector("#conflict-box :text('No conflicts.')")
    page.get_by_label("Title").fill("Weather diaries")
    page.get_by_label("Agenda").fill("Each class shows a week of weather.")
    page.get_by_label("Cultural prompt").fill("A word for rain in your language")
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_url("**/invitations")
    assert "Invitation sent to Grade 6 Explorers." in page.locator(".flash").inner_text()
    item = page.locator("#outgoing li.session", has_text="Weather diaries")
    text = item.inner_text()
    assert "Europe/Oslo" in text and "Africa/Nairobi" in text and "waiting for an answer" in text

    # The partner's open invitations page hears of it at once, then shows it after a reload.
    note = partner_page.locator("#live-notes li", has_text="Weather diaries")
    note.wait_for()
    assert "New invitation" in note.inner_text()
    partner_page.reload()
    incoming = partner_page.locator("#incoming li.session", has_text="Weather diaries")
    # Nairobi's teacher is not verified yet: the reason instead of an Accept that would fail (issue 17).
    assert incoming.get_by_role("button", name="Accept").count() == 0
    assert "Your school admin must verify you first" in incoming.inner_text()
    assert incoming.get_by_role("link", name="Propose another time").is_visible()
    assert not problems, problems
    assert not partner_problems, partner_problems
