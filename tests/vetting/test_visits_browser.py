"""Virtual visits and vetting pages in headless Chromium: a teacher requests a visit from the
offers page in her own time zone, the expert accepts on his page and opens the visit room;
a verifier changes a record's state from the record page, a reason required."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from conftest import ADMIN_OSLO, TEACHER_OSLO, new_context
from support import suite_now, suite_today
from vetting_steps import EXPERT_PASSWORD, apply, make_experts, publish, verify


def login(browser, server, who, password="exchange-demo"):
    page = new_context(browser).new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/login")
    page.get_by_label("E-mail or username").fill(who)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")
    return page, errors


def test_teacher_requests_visit_and_expert_accepts(server, browser, api):
    admin = api(ADMIN_OSLO)
    (expert_api,) = make_experts(server, 1)
    verify(admin, expert_api, display_name="Dr. Yuki Sato", organisation="Volcano Observatory")
    offer = publish(expert_api, topic="How volcanoes work")

    teacher, t_errors = login(browser, server, TEACHER_OSLO)
    teacher.get_by_role("link", name="Expert visits").first.click()
    card = teacher.locator(f'li.offer[data-offer="{offer}"]')
    card.wait_for()
    assert "Dr. Yuki Sato" in card.inner_text() and "Verified adult" in card.inner_text()
    assert "NCR-" not in teacher.content()  # no evidence on the teacher's page
    day = (suite_now().astimezone(ZoneInfo("Europe/Oslo")) + timedelta(days=2)).date()
    card.get_by_label("Class").select_option(label="9A Global Citizens (9-10)")
    card.get_by_label("Start (your time zone)").fill(f"{day.isoformat()}T10:00")
    card.get_by_label("Note for the expert (optional)").fill("We just finished a unit on plate tectonics.")
    card.get_by_role("button", name="Request a visit").click()
    teacher.get_by_text("Visit requested.").wait_for()
    sent = teacher.locator("#sent li", has_text="How volcanoes work")
    assert sent.get_attribute("data-status") == "requested"
    request = next(
        r
        for r in api(TEACHER_OSLO).get("/api/v1/visit-requests/sent").json()["requests"]
        if r["topic"] == "How volcanoes work"
    )
    expected = datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("Europe/Oslo")).astimezone(timezone.utc)
    assert request["proposed_start"] == expected.isoformat().replace("+00:00", "Z")  # read in the teacher's zone

    expert, e_errors = login(browser, server, expert_api.user["email"], EXPERT_PASSWORD)
    expert.get_by_role("link", name="My offers").click()
    item = expert.locator(f'#incoming li[data-request="{request["id"]}"]')
    assert "9A Global Citizens" in item.inner_text() and "Fjordvik School" in item.inner_text()
    assert "10:00" in item.inner_text()  # the class's local time is shown beside the expert's own
    item.get_by_role("button", name="Accept").click()
    expert.get_by_text("Visit accepted: the room is ready.").wait_for()
    item = expert.locator(f'#incoming li[data-request="{request["id"]}"]')
    assert item.get_attribute("data-status") == "accepted"
    item.get_by_role("link", name="Open the visit room").click()
    expert.get_by_role("heading", name="Visit: How volcanoes work").wait_for()
    assert not t_errors and not e_errors, (t_errors, e_errors)


def test_verifier_changes_state_on_record_page_with_reason(server, browser, api):
    (expert_api,) = make_experts(server, 1)
    record = apply(expert_api, display_name="Dr. Bruno Costa", organisation="River Research Centre")
    page, errors = login(browser, server, ADMIN_OSLO)
    page.get_by_role("link", name="Expert vetting").click()
    page.get_by_role("link", name="Dr. Bruno Costa").click()
    assert page.locator("#vet-state").inner_text() == "applied"
    page.get_by_label("New state").select_option("in_review")
    page.get_by_role("button", name="Change state").click()  # no reason
    page.locator("#transition-form .error").first.wait_for()
    assert page.locator("#vet-state").inner_text() == "applied"
    page.get_by_label("Reason (required, recorded in the audit log)").fill("Application complete; starting the checks.")
    page.get_by_role("button", name="Change state").click()
    page.get_by_text("The record is now in review.").wait_for()
    assert page.locator("#vet-state").inner_text() == "in review"
    assert "Application complete; starting the checks." in page.locator("#history").inner_text()
    # Evidence recorded from the page appears in the checklist, for the verifier only.
    form = page.locator("#evidence-background")
    form.get_by_label("Provider or scheme").fill("National criminal-record check")
    form.get_by_label("Reference number").fill(f"NCR-PAGE-{record}")
    form.get_by_label("Issued on").fill((suite_today() - timedelta(days=3)).isoformat())
    form.get_by_role("button", name="Record").click()
    page.get_by_text("Evidence recorded.").wait_for()
    row = page.locator('#checklist tr[data-slot="background"]')
    assert "valid" in row.inner_text() and f"NCR-PAGE-{record}" in row.inner_text()
    assert not errors, errors
