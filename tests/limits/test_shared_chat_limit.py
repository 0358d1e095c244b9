"""The chat limit holds across processes: two `exchange serve` processes on one database, joined
by Redis, together accept one user's limit once, not once each."""

from __future__ import annotations

import pytest
from conftest import TEACHER_OSLO, demo_room_id
from support import Api, Live, redis_pair

BURST = 6  # with PER_MINUTE=6 the window is 60 s: 6 messages in any minute


@pytest.fixture(scope="module")
def pair():
    a, b = redis_pair({"EXCHANGE_RATE_BURST": str(BURST), "EXCHANGE_RATE_PER_MINUTE": str(BURST)})
    yield a, b
    b.stop()
    a.stop()


def test_student_sending_through_both_processes_gets_one_limit(pair):
    a, b = pair
    room = demo_room_id(Api(a.url).login(TEACHER_OSLO))
    via_a = Live(Api(a.url).login("elias.haugen")).connect()
    via_b = Live(Api(b.url).login("elias.haugen")).connect()
    try:
        assert via_a.join(room)["ok"] and via_b.join(room)["ok"]
        acks = [(via_a if i % 2 == 0 else via_b).send(room, f"turn {i}") for i in range(4 * BURST)]
        accepted = [ack for ack in acks if ack["ok"]]
        refused = [ack for ack in acks if not ack["ok"]]
        assert len(accepted) == BURST, [ack.get("error") for ack in acks]
        assert acks[:BURST] == accepted  # the first ones pass, through either process
        assert {ack["error"] for ack in refused} == {"rate_limited"}
        assert refused[0]["message"] == "You are sending messages too fast. Wait a moment."
        # Both processes refuse: the count is shared, not per process.
        assert not via_a.send(room, "one more on A")["ok"] and not via_b.send(room, "one more on B")["ok"]
    finally:
        via_a.close(), via_b.close()
    log = a.log() + b.log()
    assert "rate limited limit=chat key=user:" in log and "turn 1" not in log  # which limit and an id, no content


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
