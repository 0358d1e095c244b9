"""Issue 17, must show: the first afternoon from an empty data folder, through pages only.

After `exchange admin create` (the one command), in headless Chromium: the platform administrator
creates a school and invites its admin; the school admin invites a teacher; the teacher creates a
class and opens its room; a student signs up with the join code; the teacher approves; they talk.
No demo data: the server starts on an empty folder, as a new school's would.
"""

from __future__ import annotations

import re

import pytest
from support import ServerProcess

pytestmark = pytest.mark.sqlite_only  # the embedded default is what a new school installs

PLATFORM = "platform.admin@exchange-school.example"
PASSWORD = "first-Afternoon-2026"


@pytest.fixture(scope="module")
def empty_server():
    srv = ServerProcess(demo=False).start()
    yield srv
    srv.stop()


def _page(browser, errors: list):
    page = browser.new_context().new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def _log_in(page, base: str, login: str, password: str = PASSWORD) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mail or username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")


def _accept_invitation(page, link: str, first: str, last: str) -> None:
    page.goto(link)
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Choose a password (at least 10 characters)").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/dashboard")


def test_a_new_school_runs_its_first_session_from_an_empty_data_folder(empty_server, browser):
    from playwright.sync_api import expect

    base = empty_server.url
    made = empty_server.run_cli("admin", "create", "--email", PLATFORM, "--password", PASSWORD)
    assert made.returncode == 0, made.stderr
    errors: list[str] = []
    # 1. The platform administrator creates the school and invites its admin.
    platform = _page(browser, errors)
    _log_in(platform, base, PLATFORM)
    platform.get_by_role("link", name="Schools", exact=True).click()
    platform.get_by_label("School name").fill("Birchwood Lakes School")
    platform.get_by_label("Country (two-letter code, e.g. NO or KE)").fill("CA")
    platform.get_by_label("Region (optional)").fill("Ontario")
    platform.get_by_label("Time zone (e.g. Europe/Oslo)").fill("America/Toronto")
    platform.get_by_label("Languages (codes, comma separated, e.g. en, fr)").fill("en, fr")
    platform.get_by_label("The school accepts the terms of use").check()
    platform.get_by_role("button", name="Create school").click()
    expect(platform.get_by_role("heading", name=re.compile("Birchwood Lakes School"))).to_be_visible()
    platform.get_by_label("E-mail").fill("office@birchwood-lakes.example")
    platform.get_by_role("button", name="Invite admin").click()
    admin_link = platform.get_by_label("Invitation link").input_value()
    assert "/invitations/" in admin_link

    # 2. The school admin accepts and invites a teacher.
    admin = _page(browser, errors)
    _accept_invitation(admin, admin_link, "Odette", "Marchand")
    admin.get_by_role("link", name="People").click()
    admin.get_by_role("link", name="Invite a teacher").click()
    admin.get_by_label("E-mail").fill("r.okafor@birchwood-lakes.example")
    admin.get_by_role("button", name="Send invitation").click()
    teacher_link = admin.get_by_label("Invitation link").input_value()

    # 3. The teacher accepts, creates a class and opens its room.
    teacher = _page(browser, errors)
    _accept_invitation(teacher, teacher_link, "Remi", "Okafor")
    teacher.goto(base + "/classes/new")
    teacher.get_by_label("Class name").fill("10B Lake Science")
    teacher.get_by_label("Grade band").select_option("9-10")
    teacher.get_by_label("School day starts").fill("08:30")
    teacher.get_by_label("School day ends").fill("15:00")
    teacher.get_by_role("button", name=re.compile("Create")).click()
    code = teacher.locator("#join-code").inner_text().strip()
    class_url = teacher.url
    teacher.get_by_role("button", name="Open a room for this class").click()
    expect(teacher.get_by_text("Your class room is open")).to_be_visible()
    room_url = teacher.url
    assert "/rooms/" in room_url

    # 4. A student signs up with the join code; the teacher approves.
    student = _page(browser, errors)
    student.goto(base + "/join")
    student.get_by_label("Class code from your teacher").fill(code)
    student.get_by_label("First name").fill("Tala")
    student.get_by_label("Last name").fill("Whitecloud")
    student.get_by_label("Choose a username").fill("tala.w")
    student.get_by_label("Choose a password (at least 10 characters)").fill(PASSWORD)
    student.get_by_role("button", name="Join").click()
    student.wait_for_url("**/login")
    teacher.goto(class_url)
    teacher.get_by_role("button", name="Approve Tala").click()
    expect(teacher.get_by_role("button", name="Approve Tala")).to_have_count(0)

    # 5. They exchange messages in the class room, live.
    _log_in(student, base, "tala.w")
    student.get_by_role("link", name="10B Lake Science: class room").click()
    teacher.goto(room_url)
    for page in (teacher, student):
        page.wait_for_selector("#conn-status.online")
    student.get_by_label("Your message").fill("Hello, is our lake frozen yet?")
    student.get_by_role("button", name="Send").click()
    expect(teacher.get_by_text("Hello, is our lake frozen yet?")).to_be_visible()
    teacher.get_by_label("Your message").fill("Not yet, Tala: we measure the ice on Friday.")
    teacher.get_by_role("button", name="Send").click()
    expect(student.get_by_text("we measure the ice on Friday")).to_be_visible()
    for page in (platform, admin, teacher, student):
        page.context.close()
    assert errors == []
