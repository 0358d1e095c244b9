"""The in-memory moving window (exchange/ratelimit_window.py), on an injected clock."""

from limits import RateLimitItemPerMinute, RateLimitItemPerSecond

from exchange.ratelimit_window import _SWEEP_EVERY, MemoryMovingWindow


class Clock:
    def __init__(self, t: float = 1_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def test_at_most_amount_hits_in_any_span_of_the_window():
    clock = Clock()
    window, item = MemoryMovingWindow(clock), RateLimitItemPerSecond(3, 10)
    assert [window.hit(item, "chat", "user:1") for _ in range(4)] == [True, True, True, False]
    clock.t += 5
    assert not window.hit(item, "chat", "user:1")  # the three are still inside the last 10 s
    assert window.hit(item, "chat", "user:2")  # another user has a window of their own
    clock.t += 5  # the first three hits are exactly 10 s old now: out of the window
    assert window.hit(item, "chat", "user:1")


def test_a_refused_hit_is_not_counted_and_test_counts_nothing():
    clock = Clock()
    window, item = MemoryMovingWindow(clock), RateLimitItemPerSecond(2, 10)
    assert window.test(item, "k") and window.test(item, "k") and window.test(item, "k")
    window.hit(item, "k")
    clock.t += 6
    window.hit(item, "k")
    assert not window.hit(item, "k") and not window.test(item, "k")
    clock.t += 4.5  # the first hit aged out, the second (and no refused one) remains
    assert window.test(item, "k") and window.hit(item, "k")
    assert not window.hit(item, "k")


def test_window_stats_say_when_the_oldest_hit_ages_out():
    clock = Clock()
    window, item = MemoryMovingWindow(clock), RateLimitItemPerMinute(2)
    stats = window.get_window_stats(item, "k")
    assert stats.remaining == 2 and stats.reset_time == clock.t + 60
    window.hit(item, "k")
    clock.t += 20
    window.hit(item, "k")
    stats = window.get_window_stats(item, "k")
    assert stats.remaining == 0 and stats.reset_time == clock.t - 20 + 60


def test_idle_keys_are_forgotten_so_memory_stays_bounded():
    clock = Clock()
    window, item = MemoryMovingWindow(clock), RateLimitItemPerSecond(5, 1)
    for i in range(_SWEEP_EVERY - 1):
        window.hit(item, f"user:{i}")
        clock.t += 0.001
    assert len(window) == _SWEEP_EVERY - 1
    clock.t += 2  # every earlier hit is out of its window
    window.hit(item, "user:last")  # the sweep runs on this hit
    assert len(window) == 1
