"""Per-user token buckets: a burst allowance refilled at a sustained rate (pure, clock injected)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    burst: int
    per_minute: int
    tokens: float = -1.0
    stamp: float = 0.0

    def take(self, now: float) -> bool:
        if self.tokens < 0:
            self.tokens, self.stamp = float(self.burst), now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.per_minute / 60.0)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


@dataclass
class RateLimiter:
    burst: int
    per_minute: int
    buckets: dict = field(default_factory=dict)

    def allow(self, key, now: float) -> bool:
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) > 50_000:  # bounded memory: forget idle users
                self.buckets.clear()
            bucket = self.buckets[key] = TokenBucket(self.burst, self.per_minute)
        return bucket.take(now)
