"""A student away from a busy room loses nothing: 1,500 messages arrive while she is gone, far more
than a join replays (EXCHANGE_RESUME_LIMIT, 500). The join says so (`resync`, `first_seq`); the
paged history API (`after` / `before` / `limit`) gives every message once, in order; the room
page scrolls back to the very first message and fills a long gap after a reconnect."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import TEACHER_NAIROBI, TEACHER_OSLO, demo_room_id
from socket_relay import SocketRelay
from support import _BIRDS, _TREES, Api, Live

AWAY = 1500
RESUME_LIMIT = 500  # the server's default; the module's server does not change it


def away_words(i: int) -> str:
    """Three harmless words, different for each i below 1,728."""
    return f"{_TREES[i % 12]} {_BIRDS[(i // 12) % 12]} {_TREES[(i // 144) % 12]}"


@pytest.fixture(scope="module")
def away(server):
    """Mia joins, leaves; her teacher's partner class sends 1,500 messages (a teacher's messages are
    delivered at once); then a moderator removes one, so the history holds a tombstone too."""
    teacher = Api(server.url).login(TEACHER_OSLO)
    room = demo_room_id(teacher)
    student = Api(server.url).login("mia.thompson")
    first_visit = Live(student).connect()
    joined = first_visit.join(room)
    assert joined["ok"], joined
    last = joined["room"]["last_seq"]
    first_visit.close()

    writer = Live(teacher).connect()
    assert writer.join(room)["ok"]
    # Told apart by plain words, never by numbers: a decimal run reaches 1488 (a hate code, held), and
    # digits read as leet ("55b", "50b").
    bodies = [f"While you were away: {away_words(i)}" for i in range(AWAY)]
    acks = writer.send_many(room, bodies)  # a busy room: many sends in flight at once
    writer.close()
    assert len(acks) == AWAY
    sent: dict[int, str] = {}
    for body, ack in zip(bodies, acks):
        assert ack["ok"] and isinstance(ack.get("seq"), int), ack
        sent[ack["seq"]] = body
    assert sorted(sent) == list(range(last + 1, last + AWAY + 1))

    removed = last + 700
    report = (
        Api(server.url)
        .login("nora.berg")
        .post(
            "/api/v1/reports",
            {"room": room, "seq": removed, "subject_type": "message", "category": "bullying", "reason": "Unkind words"},
        )
    )
    assert report.status_code == 201, report.text
    act = teacher.post(f"/api/v1/flags/{report.json()['flag_id']}/actions", {"action": "remove", "reason": "Unkind"})
    assert act.status_code == 200, act.text
    end = last + AWAY + 1  # the removal record
    return SimpleNamespace(room=room, last=last, sent=sent, removed=removed, end=end, student=student, teacher=teacher)


def expected_message(away, m) -> None:
    """What every reader must see at m's seq: the sent text, the tombstone, or the removal record."""
    if m["seq"] == away.removed:
        assert m["body"] == "" and m["meta"]["removed"] is True and m["kind"] == "message"
    elif m["seq"] == away.end:
        assert m["kind"] == "removal" and m["meta"]["target_seq"] == away.removed
    else:
        assert m["body"] == away.sent[m["seq"]] and m["author"]["name"] == "Astrid Lunde", m


def page(api: Api, room: int, **params) -> dict:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    r = api.get(f"/api/v1/rooms/{room}/messages?{query}")
    assert r.status_code == 200, r.text
    return r.json()


def test_join_far_behind_says_resync_and_where_its_page_starts(server, away):
    back = Live(away.student).connect()
    try:
        ack = back.join(away.room, last_seq=away.last)
    finally:
        back.close()
    assert ack["ok"] and ack["resync"] is True
    first = away.end - RESUME_LIMIT + 1
    assert ack["first_seq"] == first == ack["messages"][0]["seq"]
    assert [m["seq"] for m in ack["messages"]] == list(range(first, away.end + 1))
    # Not far behind: no resync, and first_seq is simply where the replay starts.
    near = Live(away.student).connect()
    try:
        ack = near.join(away.room, last_seq=away.end - 3)
        ahead = near.join(away.room, last_seq=2**70)  # a seq no room reaches: nothing to replay, no error
    finally:
        near.close()
    assert ack["resync"] is False and ack["first_seq"] == away.end - 2 and len(ack["messages"]) == 3
    assert ahead["ok"] and ahead["messages"] == [] and ahead["first_seq"] is None


def test_student_reads_all_1500_forward_once_each_in_order(server, away):
    got, cursor, pages = [], away.last, 0
    while True:
        p = page(away.student, away.room, after=cursor)  # the default page: 100
        pages += 1
        assert len(p["messages"]) <= 100
        got += p["messages"]
        cursor = p["next_after"]
        if not p["has_more"]:
            break
    assert [m["seq"] for m in got] == list(range(away.last + 1, away.end + 1))
    assert pages == -(-(AWAY + 1) // 100)
    for m in got:
        expected_message(away, m)
    assert [m["body"] for m in got if m["seq"] in away.sent and m["seq"] != away.removed] == [
        away.sent[s] for s in sorted(away.sent) if s != away.removed
    ]
    # Catching up as the README says: from the join's first_seq, pages of 500 up to it.
    first = away.end - RESUME_LIMIT + 1
    gap, cursor = [], away.last
    while cursor < first - 1:
        p = page(away.student, away.room, after=cursor, limit=500)
        gap += [m for m in p["messages"] if m["seq"] < first]
        cursor = p["next_after"]
    assert [m["seq"] for m in gap] == list(range(away.last + 1, first))
    assert gap == got[: len(gap)]  # the same messages, byte for byte, whichever page size


def test_student_pages_backwards_to_the_same_history(server, away):
    forward = []
    cursor = away.last
    while (p := page(away.student, away.room, after=cursor, limit=500))["messages"]:
        forward += p["messages"]
        cursor = p["next_after"]
    back, cursor = [], away.end + 1
    while True:
        p = page(away.student, away.room, before=cursor, limit=120)
        assert [m["seq"] for m in p["messages"]] == sorted(m["seq"] for m in p["messages"])  # ascending
        back = p["messages"] + back
        cursor = p["next_before"]
        if cursor <= away.last + 1:
            break
        assert p["has_more"] is True
    back = [m for m in back if m["seq"] > away.last]
    assert back == forward and len(back) == AWAY + 1
    # The very start of the room: nothing before seq 1.
    start = page(away.student, away.room, before=1)
    assert start == {"messages": [], "has_more": False, "next_before": 1}
    oldest = page(away.student, away.room, before=3)
    assert [m["seq"] for m in oldest["messages"]] == [1, 2] and oldest["has_more"] is False


def test_limits_and_clear_errors(server, away):
    assert len(page(away.student, away.room, after=away.last, limit=100000)["messages"]) == 500  # clamped
    assert len(page(away.student, away.room, after=away.last, limit=7)["messages"]) == 7
    tail = page(away.student, away.room, before=10**30, limit=2)
    assert [m["seq"] for m in tail["messages"]] == [away.end - 1, away.end] and tail["has_more"] is True
    beyond = page(away.student, away.room, after=2**64)
    assert beyond["messages"] == [] and beyond["has_more"] is False
    end = page(away.student, away.room, after=away.end)
    assert end == {"messages": [], "has_more": False, "next_after": away.end}
    for query in (
        "after=-1",
        "after=abc",
        "before=1.5",
        "limit=0",
        "limit=-5",
        "after=1&before=9",
        "after=",
        "limit=ten",
    ):
        r = away.student.get(f"/api/v1/rooms/{away.room}/messages?{query}")
        assert r.status_code == 400, (query, r.text)
        error = r.json()["error"]
        assert error["code"] == "invalid_payload" and error["message"].endswith("."), (query, error)
        assert "Traceback" not in r.text
    outsider = Api(server.url).login(TEACHER_NAIROBI)
    r = outsider.get(f"/api/v1/rooms/{away.room}/messages?before={away.end}")
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_a_member"


# --- the room page in Chromium ---


def open_room(browser, server, who, room, relay: SocketRelay | None = None):
    ctx = browser.new_context()
    page_ = ctx.new_page()
    if relay is not None:
        relay.install(page_)
    errors: list[str] = []
    page_.on("pageerror", lambda e: errors.append(str(e)))
    page_.goto(server.url + "/login")
    page_.get_by_label("E-mail or username").fill(who)
    page_.get_by_label("Password").fill("exchange-demo")
    page_.get_by_role("button", name="Log in").click()
    page_.wait_for_url("**/dashboard")
    page_.goto(f"{server.url}/rooms/{room}")
    page_.wait_for_selector("#conn-status.online")
    return page_, errors


def dom_seqs(page_) -> list[int]:
    return [
        int(s)
        for s in page_.locator("#messages li[data-seq]").evaluate_all("els => els.map(e => e.dataset.seq)")
        if s != "0"
    ]


def test_room_page_scrolls_back_to_the_first_message(server, browser, away):
    first = page(away.teacher, away.room, after=0, limit=1)["messages"][0]
    newest = away.sent[away.end - 1]
    reader, errors = open_room(browser, server, "mia.thompson", away.room)
    reader.get_by_text(newest, exact=True).wait_for()
    assert len(dom_seqs(reader)) < RESUME_LIMIT + 1  # only the newest page to begin with
    older = reader.get_by_role("button", name="Load earlier messages")
    assert older.is_visible()
    # Scroll up with the mouse wheel a few times: each time at the top, an older page arrives above.
    messages = reader.locator("#messages")
    for _ in range(4):
        count = len(dom_seqs(reader))
        messages.hover()
        reader.mouse.wheel(0, -200000)
        reader.wait_for_function("n => document.querySelectorAll('#messages li[data-seq]').length > n", arg=count)
        reader.wait_for_function("() => !document.getElementById('load-older').disabled")
    # The reader stays where they were: not thrown back to the top, not to the bottom.
    assert messages.evaluate("el => el.scrollTop") > 0
    # Then the keyboard: the button, pressed with Enter, until the beginning of the room.
    for _ in range(40):
        if not older.is_visible():
            break
        older.focus()
        reader.keyboard.press("Enter")
        reader.wait_for_function("() => !document.getElementById('load-older').disabled")
    assert not older.is_visible()
    assert reader.get_by_text("This is the beginning of the room.").is_visible()
    seqs = dom_seqs(reader)
    assert len(seqs) == len(set(seqs)), "a seq is shown twice"
    # Every stored message of the room, once, in order (a removal record has no line of its own).
    assert seqs == [m["seq"] for m in whole_history(away) if m["kind"] != "removal"]
    assert seqs[0] == 1 and away.end not in seqs
    first_li = reader.locator("#messages li[data-seq='1'] .body")
    first_li.scroll_into_view_if_needed()
    assert first_li.is_visible() and first_li.inner_text() == first["body"]
    assert (
        reader.locator(f"#messages li[data-seq='{away.removed}'] .body").inner_text()
        == "This message was removed by a moderator."
    )
    last_li = reader.locator(f"#messages li[data-seq='{away.end - 1}'] .body")
    last_li.scroll_into_view_if_needed()
    assert last_li.is_visible() and last_li.inner_text() == newest
    assert not errors, errors


def whole_history(away) -> list[dict]:
    records, cursor = [], 0
    while (p := page(away.teacher, away.room, after=cursor, limit=500))["messages"]:
        records += p["messages"]
        cursor = p["next_after"]
    return records


def test_room_page_fills_a_long_gap_after_reconnecting(server, browser, away):
    relay = SocketRelay()
    reader, errors = open_room(browser, server, "mia.thompson", away.room, relay)
    reader.get_by_text(away.sent[away.end - 1], exact=True).wait_for()
    before = dom_seqs(reader)
    relay.cut()  # the line goes down and stays down while the room goes on
    reader.wait_for_selector("#conn-status.offline")
    writer = Live(away.teacher).connect()
    assert writer.join(away.room)["ok"]
    texts = [f"Sent during the outage: {away_words(i)}" for i in range(RESUME_LIMIT + 120)]
    try:
        acks = writer.send_many(away.room, texts)
    finally:
        writer.close()
    assert len(acks) == len(texts) and all(a["ok"] for a in acks), acks[:3]
    ordered = sorted(zip((a["seq"] for a in acks), texts))  # the room's order is the order of storing
    seqs, missed = [s for s, _ in ordered], [t for _, t in ordered]
    relay.restore()  # the page's own next reconnection attempt gets through
    reader.wait_for_selector("#conn-status.online", timeout=20000)
    reader.get_by_text(missed[-1], exact=True).wait_for()  # the last stored
    shown = dom_seqs(reader)
    assert len(shown) == len(set(shown)), "a seq is shown twice"
    assert shown == sorted(shown) and shown[: len(before)] == before  # what was there stays
    assert shown[len(before) :] == seqs  # every missed message, once, in order, right after
    bodies = reader.locator("#messages li .body").all_inner_texts()
    assert [b for b in bodies if b.startswith("Sent during the outage")] == missed
    assert not errors, errors


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
