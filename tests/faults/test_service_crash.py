"""A consumer is killed (kill -9) holding unacknowledged deliveries: they are redelivered, each effect happens once.

The centres process is frozen (SIGSTOP) first so that the broker has handed it deliveries it will never ack,
then killed and started again; no test hook in the service code.
"""

from __future__ import annotations

import signal
from collections.abc import Callable

import pytest

from tests.faults.effects import settled
from tests.faults.stack import Stack
from tests.faults.workload import Workload
from tests.support import wait_for

pytestmark = pytest.mark.faults

PUBLISHES = 8


def _unacked_by_centres(stack: Stack) -> int:
    listing = stack.broker.ctl(
        "list_queues", "-p", stack.vhost, "--no-table-headers", "name", "messages_unacknowledged"
    )
    return sum(
        int(columns[1])
        for columns in (line.split() for line in listing.splitlines())
        if len(columns) == 2 and columns[0].startswith("evt-partners-") and "--centres." in columns[0]
    )


def test_deliveries_held_by_a_killed_consumer_are_redelivered_and_take_effect_once(
    start_stack: Callable[..., Stack],
) -> None:
    stack = start_stack()
    workload = Workload(stack.network.url, stack.operator_key)
    workload.set_up()

    stack.network.signal("centres", signal.SIGSTOP)
    for number in range(PUBLISHES):
        draft = workload.create(number)
        assert draft is not None and workload.publish(draft)
    held = wait_for(lambda: _unacked_by_centres(stack), timeout=30, what="deliveries held by the frozen centres")
    stack.network.kill_service("centres")
    stack.network.start_service("centres")
    restarted_in = stack.network.wait_healthy()
    feed, inbox, took = settled(stack.database_urls, workload.expected_effects(), timeout=60)

    print(
        f"\ncentres killed holding {held} unacknowledged deliveries; back in {restarted_in:.1f} s; settled in "
        f"{took:.1f} s"
    )
    print(feed.line())
    print(inbox.line())
    assert held >= 1
    assert feed.ok and inbox.ok
    assert feed.expected == 2 * PUBLISHES
