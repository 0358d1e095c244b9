"""A moving-window rate limiter in this process's memory, for the embedded default (no Redis).

Same answers as `limits.strategies.MovingWindowRateLimiter` on `limits.storage.MemoryStorage`
(at most `amount` hits in any span of the item's expiry), without what that storage does per hit:
it starts a timer thread (a green thread under eventlet) to expire old entries, which cost more
than the rest of a chat message's rate check. Here old hits are dropped when their key is next
used, and keys left idle are swept every few thousand hits, so memory stays bounded by the users
active within one window.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from limits import RateLimitItem
from limits.util import WindowStats

_SWEEP_EVERY = 4096  # hits between sweeps of idle keys


class MemoryMovingWindow:
    """`hit`, `test` and `get_window_stats` as the `limits` strategies name them."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._expiry: dict[str, int] = {}
        self._lock = threading.Lock()
        self._until_sweep = _SWEEP_EVERY

    def _window(self, item: RateLimitItem, identifiers: tuple[str, ...], now: float) -> tuple[str, deque[float]]:
        """The key's hits still inside the window (older ones dropped), oldest first."""
        key = item.key_for(*identifiers)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            self._expiry[key] = item.get_expiry()
        start = now - item.get_expiry()
        while hits and hits[0] <= start:
            hits.popleft()
        return key, hits

    def hit(self, item: RateLimitItem, *identifiers: str, cost: int = 1) -> bool:
        """Count `cost` hits now; False (and nothing counted) when that would exceed the limit."""
        now = self._clock()
        with self._lock:
            _key, hits = self._window(item, identifiers, now)
            if len(hits) + cost > item.amount:
                return False
            hits.extend([now] * cost)
            self._until_sweep -= 1
            if self._until_sweep <= 0:
                self._sweep(now)
            return True

    def test(self, item: RateLimitItem, *identifiers: str, cost: int = 1) -> bool:
        """Would `cost` more hits be allowed now? Counts nothing."""
        with self._lock:
            _key, hits = self._window(item, identifiers, self._clock())
            return len(hits) + cost <= item.amount

    def get_window_stats(self, item: RateLimitItem, *identifiers: str) -> WindowStats:
        """When the oldest hit in the window ages out (epoch seconds), and how many remain."""
        now = self._clock()
        with self._lock:
            _key, hits = self._window(item, identifiers, now)
            reset = (hits[0] if hits else now) + item.get_expiry()
            return WindowStats(reset, max(0, item.amount - len(hits)))

    def _sweep(self, now: float) -> None:
        """Under the lock: forget keys whose every hit has aged out."""
        self._until_sweep = _SWEEP_EVERY
        idle = [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self._expiry[k]]
        for key in idle:
            del self._hits[key], self._expiry[key]

    def __len__(self) -> int:
        return len(self._hits)
