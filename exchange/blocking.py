"""CPU-heavy work off the event loop.

Under eventlet (`exchange serve`) every request and socket shares one OS thread: a password
hash (scrypt, about 75 ms) run there stalls every room of the process. `run_blocking` runs such
work in eventlet's pool of native threads instead, so the hub keeps serving while it runs. In
threading mode, in the tests and in commands it is a plain call.

It is a plain call too while the caller holds SQLite's write lock (a write not yet committed):
yielding then would let another greenlet wait for that lock inside C, which freezes the hub, so
the holder never resumes to commit (`Database.holds_sqlite_write_lock`). A ~75 ms stall beats a
30 s one. Callers that can hash before they write (create an account, accept an invitation) do.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from .db import db

T = TypeVar("T")


def offloading() -> bool:
    """True when the process is green (eventlet patched threads), so blocking calls go to tpool."""
    patcher = sys.modules.get("eventlet.patcher")  # not imported: not green (and no deprecation warning)
    return patcher is not None and bool(patcher.is_monkey_patched("thread"))


def run_blocking(fn: Callable[..., T], *args: object) -> T:
    """fn(*args) in a native thread under eventlet, else in the caller's thread; its result or its exception."""
    if offloading() and not db.holds_sqlite_write_lock():
        from eventlet import tpool  # why: only a green process has eventlet loaded and needs its pool

        return tpool.execute(fn, *args)  # type: ignore[no-any-return]  # tpool is untyped
    return fn(*args)
