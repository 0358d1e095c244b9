"""The review queue page in headless Chromium: a new flag appears without a reload, and the
moderator approves it from the page; the room sees the message."""

from __future__ import annotations

from conftest import MODERATOR, TEACHER_OSLO, demo_room_id
from test_moderation_live import ABUSE


def test_queue_updates_live_and_moderator_acts(server, browser, api, live):
    room = demo_room_id(api(TEACHER_OSLO))
    page = browser.new_context().new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/login")
    page.get_by_label("E-mail or username").fill(MODERATOR)
    page.get_by_label("Password").fill("exchange-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")
    page.get_by_role("link", name="Review queue").click()
    page.wait_for_selector("#queue-status.online")
    student, reader = live(api("elias.haugen")), live(api("mia.thompson"))
    student.join(room), reader.join(room)
    text = ABUSE + " from the page test"
    ack = student.send(room, text)
    assert ack["held"] is True
    item = page.locator(f'#flags li[data-id="{ack["flag_id"]}"]')
    item.wait_for()  # appeared without a reload
    assert text in item.inner_text()
    item.get_by_role("button", name="Claim").click()
    page.wait_for_selector(f'#flags li[data-id="{ack["flag_id"]}"][data-status="claimed"]')
    item = page.locator(f'#flags li[data-id="{ack["flag_id"]}"]')
    item.get_by_label("Reason").fill("Fine between friends")
    item.get_by_role("button", name="Approve").click()
    page.wait_for_selector(f'#flags li[data-id="{ack["flag_id"]}"]', state="detached")
    got = reader.wait_for(lambda m: m["body"] == text)
    assert got["author"]["name"] == "Elias H."
    assert not errors, errors
