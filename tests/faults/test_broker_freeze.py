"""The broker freezes (SIGSTOP) for 30 s: every service notices within two heartbeats, then resumes by itself."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from tests.faults.effects import feed_entries
from tests.faults.stack import Stack
from tests.faults.workload import Workload
from tests.support import wait_for

pytestmark = pytest.mark.faults

HEARTBEAT = 5
FROZEN_FOR = 30.0
SLACK = 3.0
BOUND = 2 * HEARTBEAT + SLACK
CONSUMING = ("partners", "centres", "notifications", "events", "gateway")
LOST = "Connection to broker lost"


def _noticed_at(stack: Stack, service: str, after: datetime) -> datetime | None:
    for line in stack.network.log_lines(service):
        at = datetime.fromisoformat(str(line.get("timestamp", "")).replace("Z", "+00:00"))
        if at >= after and str(line.get("event", "")).startswith(LOST):
            return at
    return None


def test_a_frozen_broker_is_noticed_within_two_heartbeats_and_work_resumes_after_it(
    start_stack: Callable[..., Stack],
) -> None:
    stack = start_stack(heartbeat=HEARTBEAT)
    workload = Workload(stack.network.url, stack.operator_key)
    workload.set_up()

    frozen_at = datetime.now(UTC)
    stack.broker.freeze()
    try:
        time.sleep(FROZEN_FOR)
    finally:
        stack.broker.thaw()
    time.sleep(2.0)  # a service that only notices once the broker answers again logs it just after the thaw
    detection = {}
    for service in CONSUMING:
        noticed = _noticed_at(stack, service, frozen_at)
        detection[service] = None if noticed is None else (noticed - frozen_at).total_seconds()

    thawed = time.monotonic()
    draft = wait_for(lambda: workload.create(1), timeout=60, interval=1, what="a create after the thaw")
    wait_for(lambda: workload.publish(draft, retry=True), timeout=60, interval=1, what="a publish after the thaw")
    expected = workload.expected_effects()
    wait_for(lambda: expected <= set(feed_entries(stack.database_urls["centres"])), timeout=60, what="the feed")
    resumed = time.monotonic() - thawed

    print(f"\nheartbeat {HEARTBEAT} s, frozen {FROZEN_FOR:.0f} s; noticed after (s): {detection}")
    print(f"thaw -> publish acknowledged and in both feeds: {resumed:.1f} s; answers {dict(workload.answers.statuses)}")
    assert resumed <= 60
    late = {service: seconds for service, seconds in detection.items() if seconds is None or seconds > BOUND}
    assert not late, f"not noticed within {BOUND:.0f} s (2 heartbeats + {SLACK:.0f} s): {late}"
