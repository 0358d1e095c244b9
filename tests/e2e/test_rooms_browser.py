"""The room page in headless Chromium: a teacher and a partner-school student talk; the
student's page loses its connection, reconnects by itself and shows what it missed."""

from __future__ import annotations

from conftest import TEACHER_OSLO, demo_room_id
from socket_relay import SocketRelay


def login(browser, server, who, relay: SocketRelay | None = None):
    ctx = browser.new_context()
    page = ctx.new_page()
    if relay is not None:
        relay.install(page)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/login")
    page.get_by_label("E-mail or username").fill(who)
    page.get_by_label("Password").fill("exchange-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")
    return page, errors


def say(page, text):
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()


def test_teacher_and_partner_student_exchange_and_resume(server, browser, api, live):
    room = demo_room_id(api(TEACHER_OSLO))
    teacher, t_errors = login(browser, server, TEACHER_OSLO)
    relay = SocketRelay()
    student, s_errors = login(browser, server, "mia.thompson", relay)
    for page in (teacher, student):
        page.get_by_role("link", name="Oslo and Sydney: seasons and weather").click()
        page.wait_for_selector("#conn-status.online")
    assert teacher.get_by_role("heading", name="Teacher controls").is_visible()
    assert student.locator("#controls").count() == 0

    say(teacher, "Hello Sydney! What season is it for you?")
    student.get_by_text("Hello Sydney! What season is it for you?").wait_for()
    say(student, "It is almost summer here!")
    teacher.get_by_text("It is almost summer here!").wait_for()
    # The teacher in Oslo sees the Sydney student by first name and initial only.
    assert (
        teacher.locator("#messages li", has_text="It is almost summer here!").locator(".author").inner_text()
        == "Mia T."
    )

    # Drop the student's connection and keep it down while the others talk.
    relay.cut()
    student.wait_for_selector("#conn-status.offline")
    other = live(api("nora.berg"))
    assert other.join(room)["ok"]
    missed = [f"Missed message number {i}" for i in range(3)]
    for text in missed:
        assert other.send(room, text)["ok"]
    assert student.locator("#conn-status.offline").count() == 1  # still away while they were sent
    relay.restore()
    student.wait_for_selector("#conn-status.online", timeout=15000)
    for text in missed:
        student.get_by_text(text).wait_for()
    bodies = student.locator("#messages li .body").all_inner_texts()
    assert [b for b in bodies if b.startswith("Missed message")] == missed  # once each, in order
    seqs = [
        int(s)
        for s in student.locator("#messages li[data-seq]").evaluate_all("els => els.map(e => e.dataset.seq)")
        if s != "0"
    ]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    assert not t_errors and not s_errors, (t_errors, s_errors)


def test_teacher_locks_room_from_the_page(server, browser, api):
    teacher, _ = login(browser, server, TEACHER_OSLO)
    student, _ = login(browser, server, "jack.nguyen")
    room = demo_room_id(api(TEACHER_OSLO))
    for page in (teacher, student):
        page.goto(f"{server.url}/rooms/{room}")
        page.wait_for_selector("#conn-status.online")
    controls = teacher.locator("#controls button:visible")
    assert controls.all_inner_texts() == ["Close", "Lock"]  # an open room: no Open, no Unlock
    teacher.get_by_role("button", name="Lock", exact=True).click()
    student.wait_for_selector("#room-state.state-locked")
    assert student.get_by_label("Your message").is_disabled()
    teacher.wait_for_selector("#controls button[data-action=unlock]:visible")
    assert controls.all_inner_texts() == ["Close", "Unlock"]
    teacher.get_by_role("button", name="Unlock").click()
    student.wait_for_selector("#room-state.state-open")
    assert student.get_by_label("Your message").is_enabled()
    teacher.wait_for_selector("#controls button[data-action=lock]:visible")
    assert controls.all_inner_texts() == ["Close", "Lock"]


def test_page_fills_a_gap_in_live_messages(server, browser, api, live):
    """With several server processes a live message can overtake another or go missing on the
    way; the page never skips a seq: it waits briefly, then fetches what it lacks, in order."""
    room = demo_room_id(api(TEACHER_OSLO))
    relay = SocketRelay()
    page, errors = login(browser, server, "mia.thompson", relay)
    page.goto(f"{server.url}/rooms/{room}")
    page.wait_for_selector("#conn-status.online")
    writer = live(api("nora.berg"))
    writer.join(room)
    relay.drop_live = True
    lost = [f"Lost on the way {i}" for i in range(2)]
    for text in lost:
        assert writer.send(room, text)["ok"]
    for _ in range(50):  # until both live broadcasts reached the relay and were lost there
        if len(relay.dropped) == len(lost):
            break
        page.wait_for_timeout(100)
    assert len(relay.dropped) == len(lost), relay.dropped
    assert page.get_by_text(lost[0]).count() == 0
    relay.drop_live = False
    assert writer.send(room, "Arrives live after a gap")["ok"]
    page.get_by_text("Arrives live after a gap").wait_for()
    bodies = page.locator("#messages li .body").all_inner_texts()
    tail = [b for b in bodies if b in lost or b == "Arrives live after a gap"]
    assert tail == lost + ["Arrives live after a gap"]
    seqs = [
        int(s)
        for s in page.locator("#messages li[data-seq]").evaluate_all("els => els.map(e => e.dataset.seq)")
        if s != "0"
    ]
    assert seqs == sorted(seqs) and seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert not errors, errors
