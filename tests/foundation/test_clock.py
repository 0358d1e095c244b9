"""The one clock: an injected instant that then runs on, only when testing; the servers of the
suite start on `EXCHANGE_TEST_NOW`; a stray EXCHANGE_FAKE_NOW in production is ignored."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from conftest import TEACHER_OSLO, demo_room_id
from support import SUITE_NOW, Api, ServerProcess, iso_z

from exchange import clock

LONG_AGO = "2001-05-04T10:00:00Z"


@pytest.fixture()
def restore_suite_clock():
    yield
    clock.configure(iso_z(SUITE_NOW), testing=True)


def test_injected_clock_starts_at_the_instant_and_runs_on(restore_suite_clock):
    clock.configure("2027-03-28T00:59:59+00:00", testing=True)
    first = clock.now()
    assert timedelta(0) <= first - datetime(2027, 3, 28, 0, 59, 59, tzinfo=timezone.utc) < timedelta(seconds=1)
    assert first.tzinfo is not None and first.utcoffset() == timedelta(0)
    time.sleep(0.05)
    assert clock.now() > first  # ordering and timeouts still work
    assert clock.today().isoformat() == "2027-03-28"
    clock.configure("2027-03-28T12:00:00", testing=True)  # no offset: read as UTC
    assert clock.now().hour == 12 and clock.is_injected()


def test_outside_testing_the_instant_is_ignored(restore_suite_clock):
    clock.configure(LONG_AGO, testing=False)
    assert not clock.is_injected() and clock.now().year > 2001
    with pytest.raises(ValueError):
        clock.configure("next tuesday", testing=True)


def _demo_room_opens_at(server) -> datetime:
    teacher = Api(server.url).login(TEACHER_OSLO)
    room = teacher.get(f"/api/v1/rooms/{demo_room_id(teacher)}").json()
    return datetime.fromisoformat(room["opens_at"].replace("Z", "+00:00"))


def test_servers_run_on_the_suite_clock_and_ignore_a_stray_instant():
    """The demo room opens five minutes before the server's now: on the suite's clock by default,
    on a test's own instant when it gives one, and never on an instant given outside testing."""
    for env, expect_injected in (
        ({}, None),
        ({"EXCHANGE_FAKE_NOW": LONG_AGO}, True),
        ({"EXCHANGE_TESTING": "0", "EXCHANGE_FAKE_NOW": LONG_AGO}, False),
    ):
        server = ServerProcess(env=env).start()
        try:
            opens_at = _demo_room_opens_at(server)
        finally:
            server.stop()
        if expect_injected is None:
            assert SUITE_NOW - timedelta(minutes=5) <= opens_at <= server.now()
        elif expect_injected:
            assert opens_at.year == 2001 and opens_at.date().isoformat() == "2001-05-04"
        else:
            assert opens_at.year > 2001, "EXCHANGE_FAKE_NOW must be ignored outside testing"


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
