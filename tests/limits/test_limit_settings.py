"""The limits' settings and storage, without a server: a bad limit stops the start, the chat
limit keeps today's burst and rate, and a Redis that does not answer still leaves a limit."""

from __future__ import annotations

import pytest
from support import free_port

from exchange.config import load_config
from exchange.ratelimits import CHAT, TYPING, RateLimits, chat_item


def test_a_bad_limit_setting_stops_the_start(tmp_path):
    with pytest.raises(SystemExit, match="EXCHANGE_TYPING_LIMIT"):
        load_config({"EXCHANGE_DATA_DIR": str(tmp_path), "EXCHANGE_TYPING_LIMIT": "quite fast"})
    cfg = load_config({"EXCHANGE_DATA_DIR": str(tmp_path), "EXCHANGE_JOIN_CODE_LIMIT": "3 per 2 seconds"})
    assert cfg["JOIN_CODE_LIMIT"] == "3 per 2 seconds" and cfg["TYPING_LIMIT"] == "5 per 5 seconds"


@pytest.mark.parametrize(
    ("burst", "per_minute", "amount", "seconds"),
    [
        (8, 40, 8, 12),  # the defaults: 8 in any 12 s, 40 a minute sustained
        (6, 6, 6, 60),
        (500, 60000, 1000, 1),  # the window is at least a second; the rate is kept
    ],
)
def test_chat_limit_keeps_burst_and_rate(burst, per_minute, amount, seconds):
    item = chat_item(burst, per_minute)
    assert (item.amount, item.get_expiry()) == (amount, seconds)


def test_redis_that_does_not_answer_still_limits(tmp_path):
    cfg = load_config(
        {
            "EXCHANGE_DATA_DIR": str(tmp_path),
            "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
            "EXCHANGE_TYPING_LIMIT": "2 per 1 minute",
        }
    )
    limits = RateLimits(cfg)
    assert [limits.hit(TYPING, "user:1") for _ in range(3)] == [True, True, False]
    assert limits.degraded and limits.hit(CHAT, "user:1")


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
