"""Rate limits per key: a fixed window per key, then how long to wait."""

from __future__ import annotations

from lowe_gateway.limits import MemoryRateLimiter, rate_limiter


class Clock:
    def __init__(self, now: float = 1_000_020.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_key_gets_its_limit_per_window_then_how_long_to_wait() -> None:
    clock = Clock()
    limiter = MemoryRateLimiter(limit=3, window=60, clock=clock)

    verdicts = [limiter.hit("key-a") for _ in range(4)]

    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert [v.remaining for v in verdicts] == [2, 1, 0, 0]
    assert verdicts[-1].retry_after == 60 - 1_000_020 % 60
    assert limiter.hit("key-b").allowed  # every key has its own count


def test_a_new_window_starts_afresh() -> None:
    clock = Clock()
    limiter = MemoryRateLimiter(limit=1, window=60, clock=clock)
    limiter.hit("key")
    assert not limiter.hit("key").allowed

    clock.now += 60
    assert limiter.hit("key").allowed


def test_without_redis_the_config_counts_in_memory() -> None:
    assert isinstance(rate_limiter({"RATE_LIMIT": 5, "RATE_WINDOW": 1}), MemoryRateLimiter)
