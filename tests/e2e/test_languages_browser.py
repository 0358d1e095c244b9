"""Issue 18, must show: the pages in the reader's language, in headless Chromium.

Arabic from the login page to the room, right to left; Norwegian dates and times in the
viewer's time zone. Expected words come from the catalogues (what that reader is shown).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import babel.dates
from babel.support import Translations
from conftest import TEACHER_OSLO, new_context

from exchange.i18n import catalogues


def said(lang: str, english: str) -> str:
    return Translations.load(str(catalogues.FOLDER), [lang]).gettext(english)


def log_in(page, base: str, login: str) -> None:
    page.goto(base + "/login")
    page.locator("#login").fill(login)
    page.locator("#password").fill("exchange-demo")
    page.locator("form button[type=submit].primary").click()
    page.wait_for_url("**/dashboard")


def test_arabic_from_the_login_page_to_the_room(server, browser, tmp_path):
    context = new_context(browser, locale="ar", timezone_id="Europe/Oslo")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/login")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert page.locator("h1").inner_text() == said("ar", "Log in") != "Log in"
    log_in(page, server.url, TEACHER_OSLO)
    assert html.get_attribute("dir") == "rtl"
    page.get_by_role("link", name="Oslo and Sydney: seasons and weather").click()
    page.wait_for_selector("#conn-status.online")
    assert html.get_attribute("dir") == "rtl"
    assert page.locator("#conn-status").inner_text() == said("ar", "Connected")
    send = page.get_by_role("button", name=said("ar", "Send"))
    # the page is mirrored: the send button sits at the start of the line, to the left of the field
    assert send.bounding_box()["x"] < page.locator("#body").bounding_box()["x"]
    text = "مرحبا Mia، عندنا 3 أسئلة عن الطقس"  # Arabic with an English name and a number
    page.locator("#body").fill(text)
    send.click()
    mine = page.locator("#messages li", has_text="عندنا 3 أسئلة").last
    mine.wait_for()
    assert mine.locator(".body").get_attribute("dir") == "auto"  # each message isolated in its own direction
    assert mine.locator(".author bdi").count() == 1  # the name isolated too
    # measured in one step inside the page: the pending line is replaced by the delivered one
    # (room.js), which may fall between two separate reads, and a detached line has no box
    measured = page.wait_for_function(
        """(needle) => {
            const lines = [...document.querySelectorAll('#messages li')].filter(li => li.textContent.includes(needle));
            const line = lines[lines.length - 1];
            const author = line && line.querySelector('.author'), body = line && line.querySelector('.body');
            if (!author || !body) return null;
            const a = author.getBoundingClientRect(), b = body.getBoundingClientRect();
            return a.width && b.width ? {gap: a.x - (b.x + b.width)} : null;
        }""",
        arg="عندنا 3 أسئلة",
    ).json_value()
    gap = measured["gap"]
    assert gap >= 4  # right to left: the message sits left of the name, with a space between
    shot = Path(os.environ.get("EXCHANGE_SCREENSHOTS") or tmp_path) / "room-ar.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert not errors, errors
    context.close()


def test_norwegian_dates_and_times_in_the_viewers_zone(server, browser, api):
    sessions = api(TEACHER_OSLO).get("/api/v1/sessions").json()["sessions"]
    assert sessions, "the demo data holds an upcoming session of the Oslo class"
    first = sessions[0]
    zone = "Europe/Oslo"  # the Oslo teacher's zone in their profile
    start = datetime.fromisoformat(first["starts_at"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(first["ends_at"].replace("Z", "+00:00"))

    def label(locale: str) -> str:
        day = babel.dates.format_skeleton("yMMMEd", start, tzinfo=babel.dates.get_timezone(zone), locale=locale)
        t0 = babel.dates.format_time(start, "short", tzinfo=babel.dates.get_timezone(zone), locale=locale)
        t1 = babel.dates.format_time(end, "short", tzinfo=babel.dates.get_timezone(zone), locale=locale)
        return f"{day}, {t0}–{t1}"

    context = new_context(
        browser, locale="nb-NO", timezone_id="America/New_York"
    )  # travelling: the profile's zone counts
    page = context.new_page()
    log_in(page, server.url, TEACHER_OSLO)
    assert page.locator("html").get_attribute("lang") == "nb"
    page.goto(server.url + "/calendar")
    when = page.locator("p.when time").first
    assert when.inner_text() == label("nb") != label("en")
    # chat times: Norwegian clock, the viewer's zone named
    page.goto(server.url + "/dashboard")
    page.get_by_role("link", name="Oslo and Sydney: seasons and weather").click()
    page.wait_for_selector("#conn-status.online")
    page.locator("#body").fill("Hei fra Oslo")
    page.get_by_role("button", name=said("nb", "Send")).click()
    stamp = page.locator("#messages li:not(.pending)", has_text="Hei fra Oslo").last.locator("time")
    stamp.wait_for()
    iso = stamp.get_attribute("datetime")
    expected = page.evaluate(
        "iso => new Date(iso).toLocaleTimeString('nb', {hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Oslo', timeZoneName: 'short'})",
        iso,
    )
    assert stamp.inner_text() == expected and ("CET" in expected or "CEST" in expected or "GMT+" in expected)
    context.close()


def test_the_links_of_the_top_bar_stay_on_one_row_at_1280_px_in_french(server, browser):
    """Issue 17: the menu wrapped onto two or three lines. At 1280 px the bar has two rows by design
    (the name, who is logged in and the language above; the links below), in the longer French
    labels too: every link of a school admin (the longest menu) on one row, and the bar that high."""
    context = new_context(browser, locale="fr-FR", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        log_in(page, server.url, "admin@fjordvik.example")
        tops = {round(box["y"]) for box in (a.bounding_box() for a in page.locator("#main-nav > a").all())}
        assert len(tops) == 1, tops
        account = page.locator(".account").bounding_box()
        nav = page.locator("#main-nav").bounding_box()
        assert account["y"] + account["height"] <= nav["y"]  # who is logged in sits above the links
        assert page.locator("header.top").bounding_box()["height"] < 130
        assert page.get_by_role("button", name=said("fr", "Log out")).is_visible()
    finally:
        context.close()
