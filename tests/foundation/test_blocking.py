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
