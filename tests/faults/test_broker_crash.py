"""The broker dies (kill -9) under partners' traffic: nothing acknowledged is lost, nothing happens twice."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.faults.effects import count_where, settled
from tests.faults.schedule import BrokerNemesis, publish_at_rate
from tests.faults.stack import Stack
from tests.faults.workload import Workload

pytestmark = pytest.mark.faults

SETTLE_WITHIN = 90.0
RPC_TIMEOUT = 5  # the network's; a refused request must be answered within it, plus slack


def test_every_acknowledged_publish_is_delivered_once_after_a_broker_crash(start_stack: Callable[..., Stack]) -> None:
    stack = start_stack()
    workload = Workload(stack.network.url, stack.operator_key)
    workload.set_up()

    with BrokerNemesis(stack.broker, every=2.0, down_for=4.0, kills=1) as nemesis:
        indeterminate = publish_at_rate(workload, count=40, rate=10, give_up_after=120)
    feed, inbox, took = settled(stack.database_urls, workload.expected_effects(), SETTLE_WITHIN, indeterminate)

    print(
        f"\nbroker killed {nemesis.kills}x, restarted in {nemesis.restart_seconds} s; "
        f"acknowledged {len(workload.published)} publishes ({len(workload.recovered)} on a retry), "
        f"answers {dict(workload.answers.statuses)}, no answer {workload.answers.no_answer}, "
        f"indeterminate {len(indeterminate)}; settled in {took:.1f} s"
    )
    print(feed.line())
    print(inbox.line())
    assert nemesis.kills == 1
    assert len(workload.published) == 40
    assert feed.ok and inbox.ok
    assert feed.expected == inbox.expected == 80  # two matching centres


def test_while_the_broker_is_down_requests_are_refused_cleanly_and_acknowledged_ones_arrive_later(
    start_stack: Callable[..., Stack],
) -> None:
    stack = start_stack()
    workload = Workload(stack.network.url, stack.operator_key)
    workload.set_up()
    drafts = [draft for draft in (workload.create(number) for number in range(8)) if draft]
    assert len(drafts) == 8

    for draft in drafts[:5]:  # published just before the crash: possibly still only in the partners' outbox
        assert workload.publish(draft)
    stack.broker.kill()
    pending_at_crash = count_where(
        stack.database_urls["partners"], "SELECT count(*) FROM outbox WHERE published_at IS NULL"
    )
    down_answers_before = sum(workload.answers.statuses.values())
    refused_within: list[float] = []
    for number, draft in enumerate(drafts[5:]):
        asked = time.monotonic()
        workload.create(100 + number)
        workload.publish(draft)
        refused_within.append(time.monotonic() - asked)
    down_answers = dict(workload.answers.statuses)
    asked_while_down = sum(down_answers.values()) - down_answers_before
    restart = stack.broker.start()
    feed, inbox, took = settled(stack.database_urls, workload.expected_effects(), SETTLE_WITHIN)

    print(
        f"\noutbox rows pending at the crash {pending_at_crash}; while down: {asked_while_down} requests, "
        f"answers {down_answers}, no answer {workload.answers.no_answer}, slowest create+publish "
        f"{max(refused_within):.1f} s; broker restarted in {restart:.1f} s; settled in {took:.1f} s"
    )
    print(feed.line())
    print(inbox.line())
    assert workload.answers.unclean() == 0, "a refusal must be a clean 503, not a 500 or a hang"
    assert down_answers.get(503, 0) == asked_while_down, "every request while the broker was down got a 503"
    assert max(refused_within) <= 2 * (RPC_TIMEOUT + 2)
    assert len(workload.published) == 5
    assert feed.ok and inbox.ok
