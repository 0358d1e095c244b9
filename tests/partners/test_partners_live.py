"""Must-show 1 of issue 21, in Chromium on a running demo server: a museum registers, the district
verifies it, the museum publishes a service-learning opportunity, a student says they are
interested, the teacher endorses, the guardian consents, the museum confirms. Each person uses
their own browser and sees each step's result on their page."""

from __future__ import annotations

from datetime import timedelta

from conftest import TEACHER_OSLO, new_context
from support import DEMO_PASSWORD, suite_now

DISTRICT, DISTRICT_PASSWORD = "district.partners@exchange.example", "district-partners-pass-1"
MUSEUM = "Northern Lights Science Museum"
MUSEUM_LOGIN, MUSEUM_PASSWORD = "sigrid.aune@northernlights.example", "museum-pass-2027"
GUARDIAN = "guardian.berg@home.example"
TITLE = "Help us build a winter birds display"


def _log_in(page, base: str, login: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mail or username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def _as(browser, server, login: str | None, password: str = DEMO_PASSWORD):
    context = new_context(browser)
    page = context.new_page()
    if login:
        _log_in(page, server.url, login, password)
    return context, page


def test_a_museum_registers_is_verified_publishes_and_confirms_a_student(server, browser):
    server.run_cli("admin", "create", "--email", DISTRICT, "--password", DISTRICT_PASSWORD, check=False)
    day = suite_now().date()

    # 1. The museum registers itself, with its first contact's account.
    context, page = _as(browser, server, None)
    page.goto(server.url + "/organisations/register")
    page.get_by_label("Name of the organisation").fill(MUSEUM)
    page.get_by_label("Kind").select_option("museum")
    page.get_by_label("Mission").fill("Science for every child in the north.")
    page.get_by_label("What you offer learners").fill("Service learning and online visits.")
    page.get_by_label("Your first name").fill("Sigrid")
    page.get_by_label("Your last name").fill("Aune")
    page.get_by_label("Your work e-mail").fill(MUSEUM_LOGIN)
    page.get_by_label("Choose a password (at least 10 characters)").fill(MUSEUM_PASSWORD)
    page.get_by_label("We will send the district our safeguarding policy", exact=False).check()
    page.get_by_role("button", name="Register").click()
    assert page.get_by_text(f"{MUSEUM} is registered.").is_visible()
    context.close()

    # 2. The district records the four pieces of evidence and verifies the museum.
    context, page = _as(browser, server, DISTRICT, DISTRICT_PASSWORD)
    page.goto(server.url + "/organisations")
    page.get_by_role("link", name=MUSEUM).click()
    assert page.locator("#org-status").inner_text() == "Waiting for the district"
    for kind, detail in (
        ("registration", "Museum register no. NL-31"),
        ("safeguarding_policy", "Child safeguarding policy, 2027"),
        ("insurance", "Public liability, Polar Mutual"),
        ("safeguarding_lead", "Tor Eide, learning manager"),
    ):
        page.get_by_label("Evidence", exact=True).select_option(kind)
        page.get_by_label("Detail (number, insurer, the lead's name)").fill(detail)
        page.get_by_label("Expires on").fill((day + timedelta(days=365)).isoformat())
        page.get_by_role("button", name="Record the evidence").click()
        assert page.get_by_text("The evidence is recorded.").is_visible()
    page.get_by_label("Decision").select_option("verify")
    page.get_by_role("button", name="Decide").click()
    assert page.locator("#org-status").inner_text() == "Verified"
    context.close()

    # 3. The museum publishes a service-learning opportunity.
    context, page = _as(browser, server, MUSEUM_LOGIN, MUSEUM_PASSWORD)
    page.goto(server.url + "/opportunities/new")
    page.get_by_label("Kind").select_option("service_learning")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Description").fill("Students count the winter birds at the feeders and build a display.")
    page.get_by_label("What students will learn").fill("Bird identification, tallying data, writing labels.")
    page.get_by_label("9-10").check()
    page.get_by_label("Minimum age (optional)").fill("14")
    page.get_by_label("Starts on").fill((day + timedelta(days=20)).isoformat())
    page.get_by_label("Ends on").fill((day + timedelta(days=40)).isoformat())
    page.get_by_label("Place (when not online)").fill("Northern Lights Science Museum, bird room")
    page.get_by_label("Places", exact=True).fill("4")
    page.get_by_label("Supervising adult").fill("Sigrid Aune, educator")
    page.get_by_label("Adults", exact=True).fill("1")
    page.get_by_label("Students for that many adults").fill("4")
    page.get_by_role("button", name="Publish").click()
    assert page.get_by_text("The opportunity is published.").is_visible()
    opportunity_url = page.url
    context.close()

    # 4. A student finds it on the list and says they are interested.
    context, page = _as(browser, server, "nora.berg")
    page.goto(server.url + "/opportunities?q=winter+birds")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Why are you interested?", exact=False).fill("I feed the birds at home every morning.")
    page.get_by_role("button", name="I'm interested").click()
    assert page.locator("#my-request").inner_text() == "Waiting for the teacher"
    context.close()

    # 5. The teacher endorses, confirming the minimum age.
    context, page = _as(browser, server, TEACHER_OSLO)
    page.goto(server.url + "/opportunities/requests")
    card = page.locator("li.request", has_text=TITLE)
    assert card.get_by_text("I feed the birds").is_visible()  # the student's words reach their teacher
    card.get_by_label("I confirm the student is at least 14 years old").check()
    card.get_by_role("button", name="Endorse").click()
    assert (
        page.locator("li.request", has_text=TITLE)
        .locator(".request-state")
        .inner_text()
        .startswith("Waiting for the family's consent")
    )
    context.close()

    # 6. The guardian reads the details and consents.
    context, page = _as(browser, server, GUARDIAN)
    page.goto(server.url + "/opportunities/requests")
    card = page.locator("li.request", has_text=TITLE)
    assert card.get_by_text("Sigrid Aune, educator").is_visible()  # the supervising adult, before consenting
    card.get_by_role("button", name="I consent").click()
    assert (
        page.locator("li.request", has_text=TITLE)
        .locator(".request-state")
        .inner_text()
        .startswith("Waiting for the organisation")
    )
    context.close()

    # 7. The museum confirms a place; it sees the student by first name and initial only.
    context, page = _as(browser, server, MUSEUM_LOGIN, MUSEUM_PASSWORD)
    page.goto(opportunity_url)
    page.get_by_role("link", name="Applicants").click()
    row = page.locator("#applicants li", has_text="Nora B.")
    assert "Fjordvik School" in row.inner_text() and "Berg" not in row.inner_text()
    assert page.get_by_text("I feed the birds").count() == 0
    row.get_by_role("button", name="Confirm a place").click()
    assert (
        page.locator("#applicants li", has_text="Nora B.").locator(".request-state").inner_text() == "Place confirmed"
    )
    assert page.get_by_text("3 of 4 places left.").is_visible()
    context.close()

    # The student sees the place on the opportunity's page.
    context, page = _as(browser, server, "nora.berg")
    page.goto(opportunity_url)
    assert page.locator("#my-request").inner_text() == "Place confirmed"
    context.close()
