"""The moderators' lists under load with several processes (issue 16): every chat message reads
the lists' version from Redis, and more senders than the Redis pool holds ask at once. They must
wait for a connection, not fall back to reading the lists from the database for each message."""

from __future__ import annotations

import threading
import uuid

from support import REDIS_URL

from exchange.moderation.safety_lists import ListCache


def test_more_readers_than_connections_all_read_the_version():
    key = f"exchange-test-{uuid.uuid4().hex[:8]}-safety-lists"
    cache = ListCache(REDIS_URL, key, max_connections=2)
    before = cache._current_version()
    assert before is not None
    versions: list[object] = []
    start = threading.Barrier(24)

    def read() -> None:
        start.wait()
        for _ in range(20):
            versions.append(cache._current_version())

    threads = [threading.Thread(target=read) for _ in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(versions) == 24 * 20 and None not in versions  # None: Redis unread, lists from the database
    cache.changed()  # another process adds an entry: the version moves for every reader
    assert cache._current_version() != before
