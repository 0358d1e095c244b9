"""Partner search to invitation in headless Chromium: the Oslo teacher finds Nairobi with common
school hours on both clocks, Sydney with an asynchronous offer instead, picks a window, sees
both local times previewed, sends the invitation and finds it among her invitations; the
Nairobi teacher's invitations page hears of it live."""
from __future__ import annotations

from conftest import TEACHER_NAIROBI, TEACHER_OSLO


def login(browser, server, who: str):
    context = browser.new_context(locale="en-GB", timezone_id="Europe/Oslo")
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

    page.get_by_role("link", name="Find partners").click()
    page.wait_for_url("**/partners")
    cards = page.locator("#partner-results > li")
    names = [cards.nth(i).locator("h2").inner_text() for i in range(cards.count())]
    assert names.index("Grade 6 Explorers") < names.index("Year 9 Geography")
    nairobi = cards.nth(names.index("Grade 6 Explorers"))
    sydney = cards.nth(names.index("Year 9 Geography"))
    assert "Jacaranda Academy" in nairobi.inner_text() and "Africa/Nairobi" in nairobi.inner_text()
    header = nairobi.locator("thead").inner_text()
    assert "9A Global Citizens" in header and "Grade 6 Explorers" in header
    row = nairobi.locator("tr.window").nth(2)
    cells = row.locator("td")
    assert "Europe/Oslo (UTC+0" in cells.nth(0).inner_text() and "Africa/Nairobi (UTC+03:00)" in cells.nth(1).inner_text()
    assert "No common school time in these weeks." in sydney.inner_text()
    assert sydney.get_by_role("button", name="Offer an asynchronous exchange").is_visible()

    row.get_by_role("link", name="Invite for this time").click()
    page.wait_for_url("**/invite?**")
    assert page.locator("#date").input_value() and page.locator("#time").input_value()
    page.locator("#preview .clock").first.wait_for()
    assert page.locator("#preview .clock").count() == 2  # both clocks, before anything is sent
    page.locator("#minutes").fill("40")
    page.locator("#minutes").dispatch_event("change")
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
    assert incoming.get_by_role("button", name="Accept").is_visible()
    assert incoming.get_by_role("link", name="Propose another time").is_visible()
    assert not problems, problems
    assert not partner_problems, partner_problems
