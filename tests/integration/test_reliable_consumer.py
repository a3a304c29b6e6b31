"""A failing handler is retried with delays, then dead-lettered, while other messages keep flowing; replay works."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from nameko.containers import ServiceContainer

from lowe_backbone.context import FlowContext
from lowe_backbone.deadletters import list_dead_letters, replay_dead_letters
from lowe_backbone.errors import PermanentFailure
from lowe_backbone.messaging import ReliableEventHandler
from lowe_backbone.topology import ConsumerBinding
from tests.messaging import publish_raw, queue_depth
from tests.support import stays, wait_for

BINDING = ConsumerBinding("noticeboard", "notice_posted", "flaky", "handle_notice")
deliveries: list[dict[str, Any]] = []
failing: set[str] = set()


class FlakyService:
    """Fails on the notices named in `failing`: permanently for 'poison', transiently otherwise."""

    name = "flaky"
    flow = FlowContext()

    @ReliableEventHandler.decorator("noticeboard", "notice_posted")
    def handle_notice(self, message: dict[str, Any]) -> None:
        deliveries.append(message)
        if message["notice"] in failing:
            if message["notice"].startswith("poison"):
                raise PermanentFailure("this notice can never be handled")
            raise RuntimeError(f"the notice board is down for {message['notice']}")


@pytest.fixture
def flaky(start_service: Callable[..., ServiceContainer]) -> ServiceContainer:
    deliveries.clear()
    failing.clear()
    return start_service(FlakyService)


def post(broker_uri: str, notice: str) -> str:
    event_id = str(uuid.uuid4())
    publish_raw(broker_uri, "noticeboard.events", "notice_posted", json.dumps({"notice": notice}), message_id=event_id)
    return event_id


def delivered(notice: str) -> int:
    return sum(1 for message in deliveries if message["notice"] == notice)


def test_a_failing_message_is_retried_then_dead_lettered_while_others_flow(
    flaky: ServiceContainer, broker_uri: str
) -> None:
    failing.add("broken")
    broken_id = post(broker_uri, "broken")
    post(broker_uri, "fine-1")
    post(broker_uri, "fine-2")

    wait_for(lambda: delivered("fine-1") and delivered("fine-2"), what="the healthy messages")
    assert delivered("broken") < 3, "healthy messages waited behind the failing one"
    wait_for(lambda: queue_depth(broker_uri, BINDING.dead_letter_queue) == 1, what="the dead letter")

    assert delivered("broken") == 3  # the first attempt and two delayed retries ("100,200" ms)
    assert delivered("fine-1") == delivered("fine-2") == 1
    [letter] = list_dead_letters(broker_uri, [BINDING])
    assert letter.event_id == broken_id
    assert letter.queue == BINDING.queue
    assert letter.attempts == 3
    assert "the notice board is down" in (letter.error or "")
    assert queue_depth(broker_uri, BINDING.dead_letter_queue) == 1, "listing must not remove dead letters"


def test_a_permanent_failure_is_dead_lettered_without_retries(flaky: ServiceContainer, broker_uri: str) -> None:
    failing.add("poison")
    post(broker_uri, "poison")

    wait_for(lambda: queue_depth(broker_uri, BINDING.dead_letter_queue) == 1, what="the dead letter")
    assert stays(lambda: delivered("poison") == 1, duration=0.5)


def test_replaying_a_dead_letter_delivers_it_again_once_the_cause_is_fixed(
    flaky: ServiceContainer, broker_uri: str
) -> None:
    failing.update({"late", "other"})
    late_id = post(broker_uri, "late")
    post(broker_uri, "other")
    wait_for(lambda: queue_depth(broker_uri, BINDING.dead_letter_queue) == 2, what="two dead letters")
    failing.clear()

    replayed = replay_dead_letters(broker_uri, [BINDING], event_id=late_id)

    assert [letter.event_id for letter in replayed] == [late_id]
    wait_for(lambda: delivered("late") == 4, what="the replayed delivery")
    assert queue_depth(broker_uri, BINDING.dead_letter_queue) == 1
    assert [letter.event_id for letter in list_dead_letters(broker_uri, [BINDING])] != [late_id]

    replay_dead_letters(broker_uri, [BINDING])
    wait_for(lambda: delivered("other") == 4, what="replay of all")
    assert queue_depth(broker_uri, BINDING.dead_letter_queue) == 0
