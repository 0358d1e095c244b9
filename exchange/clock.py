"""The one place the application reads the time: `now()` is an aware UTC datetime.

In production it is the real clock. A test server (EXCHANGE_TESTING=1) given EXCHANGE_FAKE_NOW
starts at that instant and runs on with the monotonic clock, so dates are fixed while ordering,
mutes and timeouts behave as in life. Pure: no Flask; `create_app` calls `configure` once.
"""

from __future__ import annotations

import logging
import time
from datetime import date, datetime, timedelta, timezone

log = logging.getLogger("exchange.clock")

_start: datetime | None = None  # the injected instant; None means the real clock
_started_at = 0.0  # the monotonic reading at which `_start` held


def parse_instant(value: str) -> datetime:
    """An ISO 8601 date-time as an aware UTC datetime (one without an offset is read as UTC)."""
    dt = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def configure(fake_now: str | None, *, testing: bool) -> None:
    """Start the injected clock at `fake_now` when testing; otherwise use the real clock.

    Outside tests a stray EXCHANGE_FAKE_NOW is ignored: it must never keep a lapsed expert
    cleared or a closed room open. A malformed value in a test fails loudly (ValueError)."""
    global _start, _started_at
    if fake_now and testing:
        _start, _started_at = parse_instant(fake_now), time.monotonic()
        log.warning("clock injected: starts at %s", _start.isoformat())
        return
    if fake_now:
        log.warning("clock: EXCHANGE_FAKE_NOW ignored (EXCHANGE_TESTING is off)")
    _start = None


def now() -> datetime:
    """The current instant in UTC, on the injected clock when one is configured."""
    if _start is None:
        return datetime.now(timezone.utc)
    return _start + timedelta(seconds=time.monotonic() - _started_at)


def today() -> date:
    """Today's date in UTC (evidence, retention and reports count days in UTC)."""
    return now().date()


def is_injected() -> bool:
    return _start is not None
