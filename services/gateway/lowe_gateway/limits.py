"""Rate limits per API key: a fixed window of `limit` requests per `window` seconds.

With `REDIS_URL` set, the counters live in Redis (one INCR and, for a new window, one EXPIRE, in a single
round trip), so several gateway replicas share them; without it each replica counts in its own memory, which is
right for one gateway. Either way an exhausted key gets how long to wait (`Retry-After`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

Clock = Callable[[], float]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    remaining: int
    retry_after: int  # whole seconds until the window ends: what `Retry-After` says


class RateLimiter(Protocol):
    limit: int

    def hit(self, key: str) -> Verdict: ...

    def peek(self, key: str) -> Verdict: ...


class MemoryRateLimiter:
    def __init__(self, limit: int, window: float, clock: Clock = time.time) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._counts: dict[str, tuple[int, int]] = {}  # key -> (window number, requests in it)
        self._lock = threading.Lock()

    def hit(self, key: str) -> Verdict:
        now = self.clock()
        current = int(now // self.window)
        with self._lock:
            number, count = self._counts.get(key, (current, 0))
            count = count + 1 if number == current else 1
            self._counts[key] = (current, count)
            if len(self._counts) > 100_000:  # forget finished windows now and then
                self._counts = {k: v for k, v in self._counts.items() if v[0] == current}
        return _verdict(self.limit, count, (current + 1) * self.window - now)

    def peek(self, key: str) -> Verdict:
        """Whether one more would still be allowed, without counting it (the portal counts failed sign-ins only)."""
        now = self.clock()
        current = int(now // self.window)
        with self._lock:
            number, count = self._counts.get(key, (current, 0))
        return _verdict(self.limit, (count if number == current else 0) + 1, (current + 1) * self.window - now)


class RedisRateLimiter:
    def __init__(self, client: Any, limit: int, window: float, prefix: str = "lowe:rate", clock: Clock = time.time):
        self.client, self.limit, self.window, self.prefix, self.clock = client, limit, window, prefix, clock

    def hit(self, key: str) -> Verdict:
        now = self.clock()
        current = int(now // self.window)
        counter = f"{self.prefix}:{key}:{current}"
        pipeline = self.client.pipeline(transaction=True)
        pipeline.incr(counter)
        pipeline.expire(counter, math.ceil(self.window) + 1, nx=True)
        count, _ = pipeline.execute()
        return _verdict(self.limit, int(count), (current + 1) * self.window - now)

    def peek(self, key: str) -> Verdict:
        now = self.clock()
        current = int(now // self.window)
        count = int(self.client.get(f"{self.prefix}:{key}:{current}") or 0)
        return _verdict(self.limit, count + 1, (current + 1) * self.window - now)


def _verdict(limit: int, count: int, left: float) -> Verdict:
    return Verdict(count <= limit, max(limit - count, 0), max(1, math.ceil(left)))


def rate_limiter(
    config: dict[str, Any], limit: int | None = None, window: float | None = None, name: str = ""
) -> RateLimiter:
    """From the gateway's config: `RATE_LIMIT` requests per `RATE_WINDOW` seconds (or the `limit` and `window`
    given), in Redis when `REDIS_URL`; `name` keeps another limiter's counters apart in Redis."""
    limit = int(config.get("RATE_LIMIT", 600)) if limit is None else limit
    window = float(config.get("RATE_WINDOW", 60)) if window is None else window
    url = str(config.get("REDIS_URL") or "").strip()
    if not url:
        return MemoryRateLimiter(limit, window)
    import redis

    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    prefix = str(config.get("RATE_PREFIX") or "lowe:rate") + (f":{name}" if name else "")
    return RedisRateLimiter(client, limit, window, prefix=prefix)
