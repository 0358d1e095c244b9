"""Guardian pages in headless Chromium: the teacher creates an invitation link on the consent page,
the guardian follows it, creates an account and gives consent with a click; the student can then
join the partner room. The consent letter prints without the site's navigation, Arabic right to left."""

from __future__ import annotations

import pytest
from conftest import TEACHER_OSLO, demo_room_id
from guardians_support import ensure_guardians_demo, new_student

from support import DEMO_PASSWORD


@pytest.fixture(scope="module", autouse=True)
def families(server):
    ensure_guardians_demo(server)


def login(page, server, who: str) -> None:
    page.goto(server.url + "/login")
    page.get_by_label("E-mail or username").fill(who)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")


def test_guardian_follows_link_and_gives_consent_on_the_page(server, browser, api, live):
    teacher_api = api(TEACHER_OSLO)
    room = demo_room_id(teacher_api)
    student_api, _student_id = new_student(server, teacher_api, first="Linnea")
    student = live(student_api)
    assert student.join(room)["ok"] is False

    errors: list[str] = []
    teacher_ctx = browser.new_context()
    teacher = teacher_ctx.new_page()
    teacher.on("pageerror", lambda e: errors.append(str(e)))
    teacher.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(teacher, server, TEACHER_OSLO)
    teacher.get_by_role("link", name="Consent").first.click()
    teacher.get_by_role("link", name="9A Global Citizens").click()
    row = teacher.locator("#consent-overview tr", has_text="Linnea Nilsen").first
    assert row.locator('td[data-scope="exchanges"]').get_attribute("data-status") == "missing"
    teacher.get_by_role("button", name="Invite a guardian of Linnea").click()
    link = teacher.locator("#invite-url").input_value()
    assert link.startswith(server.url + "/guardian/invite/")
    teacher_ctx.close()

    family_ctx = browser.new_context()
    family = family_ctx.new_page()
    family.on("pageerror", lambda e: errors.append(str(e)))
    family.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    family.goto(link)
    assert "Linnea N." in family.locator("h1").inner_text()
    family.get_by_label("Your first name").fill("Astri")
    family.get_by_label("Your last name").fill("Nilsen")
    family.get_by_label("Your e-mail").fill("astri.nilsen@home.example")
    family.get_by_label("Choose a password (at least 10 characters)").fill("a-long-family-password")
    family.get_by_role("button", name="Create account").click()
    family.wait_for_url("**/guardian")
    state = family.locator('li[data-scope="exchanges"] .badge')
    assert state.inner_text().startswith("missing")
    family.get_by_role("button", name="Give consent: Exchanges with partner classes").click()
    family.wait_for_selector('li[data-scope="exchanges"][data-status="granted"]')
    assert "Consent given: Exchanges with partner classes." in family.locator(".flash").inner_text()
    assert family.get_by_role("button", name="Withdraw consent: Exchanges with partner classes").is_visible()
    family_ctx.close()

    assert student.join(room)["ok"] is True
    assert not errors, errors


def test_consent_letter_prints_without_navigation_and_right_to_left(server, browser, api):
    teacher_api = api(TEACHER_OSLO)
    _student_api, student_id = new_student(server, teacher_api, first="Yasmin")
    ctx = browser.new_context()
    page = ctx.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    login(page, server, TEACHER_OSLO)
    page.goto(server.url + f"/students/{student_id}/consent-letter?lang=ar")
    letter = page.locator("article#letter")
    assert letter.get_attribute("dir") == "rtl"
    assert letter.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "Yasmin Nilsen" in letter.inner_text()
    assert page.locator("header.top").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.get_by_role("button", name="Print").is_visible()
    assert letter.is_visible()
    ctx.close()
    assert not violations, violations
