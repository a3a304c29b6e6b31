"""Rate limits kept in a real Redis: every gateway replica counts against the same window."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis

from lowe_gateway.limits import RedisRateLimiter
from tests.unit.gateway.test_rate_limits import Clock

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def prefixed_redis() -> Iterator[tuple[redis.Redis, str]]:
    client = redis.Redis.from_url(REDIS_URL)
    prefix = f"lowe-test-rate:{uuid.uuid4().hex}"
    yield client, prefix
    for stale in client.scan_iter(f"{prefix}*"):
        client.delete(stale)


def test_replicas_share_one_count_which_expires_with_its_window(prefixed_redis: tuple[redis.Redis, str]) -> None:
    client, prefix = prefixed_redis
    clock = Clock()
    first, second = (RedisRateLimiter(client, 3, 60, prefix=prefix, clock=clock) for _ in range(2))

    allowed = [first.hit("key").allowed, second.hit("key").allowed, first.hit("key").allowed]
    refused = second.hit("key")

    assert allowed == [True, True, True]
    assert (refused.allowed, refused.retry_after) == (False, 60 - 1_000_020 % 60)
    [counter] = list(client.scan_iter(f"{prefix}*"))
    assert 0 < client.ttl(counter) <= 61
