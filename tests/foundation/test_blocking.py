"""Password hashing runs off the event loop under eventlet: other greenlets keep running meanwhile."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GREEN = textwrap.dedent(
    """
    import eventlet
    eventlet.monkey_patch()
    from exchange.blocking import offloading, run_blocking
    from werkzeug.security import check_password_hash, generate_password_hash

    ticks = []
    def ticker():
        while True:
            ticks.append(1)
            eventlet.sleep(0)

    stored = generate_password_hash("a fictional passphrase")
    eventlet.spawn(ticker)
    eventlet.sleep(0)
    before = len(ticks)
    results = [run_blocking(check_password_hash, stored, "a fictional passphrase") for _ in range(3)]
    during = len(ticks) - before
    try:
        run_blocking(int, "not a number")
        raised = "no"
    except ValueError:
        raised = "ValueError"
    print(offloading(), results, during > 0, raised)
    """
)


def test_hashing_under_eventlet_lets_other_greenlets_run():
    out = subprocess.run(
        [sys.executable, "-c", GREEN], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout.split()
    # offloaded; right answers; the ticker greenlet ran while the hashes were computed; errors come back
    assert out == ["True", "[True,", "True,", "True]", "True", "ValueError"]


def test_without_eventlet_it_is_a_plain_call():
    from exchange.blocking import offloading, run_blocking

    assert offloading() is False
    assert run_blocking(sorted, [3, 1, 2]) == [1, 2, 3]


HOLDING_THE_WRITE_LOCK = textwrap.dedent(
    """
    import eventlet
    eventlet.monkey_patch()
    import sys
    from sqlalchemy import text
    from exchange.blocking import run_blocking
    from exchange.db import db

    native_sleep = eventlet.patcher.original("time").sleep  # work that holds the thread, like scrypt
    db.configure("sqlite:///" + sys.argv[1])
    db.session.execute(text("create table t (id integer primary key, who text)"))
    db.session.commit()
    db.session.remove()
    seen = []

    def holder():
        db.session.execute(text("select count(*) from t")).scalar()
        seen.append(db.holds_sqlite_write_lock())  # a read takes no write lock
        db.session.execute(text("insert into t (who) values ('holder')"))
        seen.append(db.holds_sqlite_write_lock())
        run_blocking(native_sleep, 0.3)
        db.session.commit()
        seen.append(db.holds_sqlite_write_lock())
        db.session.remove()

    def other_writer():
        eventlet.sleep(0.05)  # arrives while the holder is still at its slow work
        db.session.execute(text("PRAGMA busy_timeout=2000"))
        try:
            db.session.execute(text("insert into t (who) values ('other')"))
            db.session.commit()
            seen.append("stored")
        except Exception as exc:
            seen.append(type(exc).__name__)
        db.session.remove()

    threads = [eventlet.spawn(holder), eventlet.spawn(other_writer)]
    for t in threads:
        t.wait()
    rows = sorted(r[0] for r in db.session.execute(text("select who from t")))
    print(seen, rows)
    """
)


def test_work_done_while_holding_sqlites_write_lock_never_freezes_the_other_writers(tmp_path):
    """Offloading while holding SQLite's write lock let another greenlet wait for the lock inside C,
    which froze the hub: the holder could not resume to commit and the other writer failed after its
    busy timeout ("database is locked"; a guardian's sign-up timed out in CI). Work done while the
    lock is held now runs in place, so both writers store their rows."""
    out = subprocess.run(
        [sys.executable, "-c", HOLDING_THE_WRITE_LOCK, str(tmp_path / "lock.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()
    assert out == "[False, True, False, 'stored'] ['holder', 'other']"
