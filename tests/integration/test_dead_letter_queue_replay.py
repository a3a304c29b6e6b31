"""A whole queue's dead letters replayed in one call (the services' `replay_dead_letter_queue` RPC, on real RabbitMQ):
each goes back to its consumer once, under its own event id, at most `limit` per call with the rest counted as
remaining, and a replay the broker fails midway loses none of them."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_backbone import deadletters
from lowe_backbone.context import FlowContext
from lowe_backbone.dead_letter_rpc import DeadLetterRpc
from lowe_backbone.deadletters import replay_queue
from lowe_backbone.errors import InvalidInput, PermanentFailure
from lowe_backbone.messaging import ATTEMPT_HEADER, ERROR_HEADER, ReliableEventHandler
from lowe_backbone.publishing import ConfirmedPublisher
from lowe_backbone.topology import ConsumerBinding
from tests.messaging import drain, publish_raw, queue_depth
from tests.support import stays, wait_for

BINDING = ConsumerBinding("bulletin", "notice_pinned", "board", "handle_notice")
handled: list[str] = []  # the event id of every message the handler was given
refusing = {"on": True}


class BoardService(DeadLetterRpc):
    """Refuses every notice for good while `refusing["on"]`: each goes straight to the dead-letter queue."""

    name = "board"
    flow = FlowContext()

    @ReliableEventHandler.decorator("bulletin", "notice_pinned")
    def handle_notice(self, message: dict[str, Any]) -> None:
        handled.append(message["event_id"])
        if refusing["on"]:
            raise PermanentFailure("the board is full")


@pytest.fixture
def board(start_service: Callable[..., ServiceContainer]) -> ServiceContainer:
    handled.clear()
    refusing["on"] = True
    return start_service(BoardService)


@pytest.fixture
def rpc(board: ServiceContainer, broker_uri: str) -> Iterator[Any]:
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=30) as proxy:
        yield proxy


def dead_lettered(broker_uri: str, count: int) -> list[str]:
    """`count` notices refused into the dead-letter queue; their event ids."""
    ids = [str(uuid.uuid4()) for _ in range(count)]
    for event_id in ids:
        body = json.dumps({"event_id": event_id, "notice": f"notice {event_id[:8]}"})
        publish_raw(broker_uri, "bulletin.events", "notice_pinned", body, message_id=event_id)
    wait_for(lambda: queue_depth(broker_uri, BINDING.dead_letter_queue) == count, what=f"{count} dead letters")
    return ids


def replays(ids: list[str]) -> Counter[str]:
    """How often each event reached the handler after its first, refused, delivery."""
    seen = Counter(handled)
    return Counter({event_id: seen[event_id] - 1 for event_id in ids})


def test_one_call_replays_every_dead_letter_of_the_queue_and_each_reaches_the_consumer_once(
    rpc: Any, broker_uri: str
) -> None:
    ids = dead_lettered(broker_uri, 4)
    refusing["on"] = False

    done = rpc.board.replay_dead_letter_queue(BINDING.queue)

    assert done == {"service": "board", "queue": BINDING.queue, "replayed": 4, "remaining": 0}
    wait_for(lambda: set(replays(ids).values()) == {1}, what="every replayed notice handled")
    assert stays(lambda: set(replays(ids).values()) == {1}, duration=0.5), replays(ids)
    assert queue_depth(broker_uri, BINDING.dead_letter_queue) == 0


def test_a_bounded_replay_sends_back_the_oldest_and_counts_the_rest_as_remaining(rpc: Any, broker_uri: str) -> None:
    ids = dead_lettered(broker_uri, 5)
    refusing["on"] = False

    first = rpc.board.replay_dead_letter_queue(BINDING.queue, 2)

    assert (first["replayed"], first["remaining"]) == (2, 3)
    wait_for(lambda: sorted(replays(ids).values()) == [0, 0, 0, 1, 1], what="the two replayed notices handled")
    assert queue_depth(broker_uri, BINDING.dead_letter_queue) == 3
    rest = rpc.board.replay_dead_letter_queue(BINDING.queue)
    assert (rest["replayed"], rest["remaining"]) == (3, 0)
    wait_for(lambda: set(replays(ids).values()) == {1}, what="the rest handled")


def test_a_queue_that_is_not_the_services_own_or_a_limit_out_of_bounds_replays_nothing(
    rpc: Any, broker_uri: str
) -> None:
    dead_lettered(broker_uri, 1)

    assert rpc.board.replay_dead_letter_queue("evt-partners-opportunity_published--centres.handle_it") is None
    for limit in (0, 501, "10", True):
        with pytest.raises(InvalidInput):
            rpc.board.replay_dead_letter_queue(BINDING.queue, limit)
    assert queue_depth(broker_uri, BINDING.dead_letter_queue) == 1


def test_a_replayed_letter_keeps_its_event_id_and_body_with_a_fresh_retry_budget(
    board: ServiceContainer, broker_uri: str
) -> None:
    ids = dead_lettered(broker_uri, 2)
    board.stop()  # nobody takes the replayed letters: they wait on the consumer queue to be read here

    done = replay_queue(broker_uri, BINDING)

    sent_back = [letter.event_id for letter in done.replayed]
    assert sorted(sent_back) == sorted(ids) and done.remaining == 0
    back = drain(broker_uri, BINDING.queue)
    assert [message.properties["message_id"] for message in back] == sent_back
    assert [json.loads(message.body)["event_id"] for message in back] == sent_back
    assert all(ATTEMPT_HEADER not in message.headers and ERROR_HEADER not in message.headers for message in back)


class BrokerGoneAfter(ConfirmedPublisher):
    """Confirms `allowed` publishes, then fails as a publish to a broker that has gone away does."""

    def __init__(self, amqp_uri: str, allowed: int = 2) -> None:
        super().__init__(amqp_uri)
        self.allowed = allowed

    def publish(self, *args: Any, **kwargs: Any) -> None:
        if self.allowed <= 0:
            raise ConnectionResetError("the broker went away")
        self.allowed -= 1
        super().publish(*args, **kwargs)


def test_a_replay_the_broker_fails_midway_leaves_every_letter_not_sent_back_in_the_dead_letter_queue(
    rpc: Any, broker_uri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = dead_lettered(broker_uri, 5)
    refusing["on"] = False
    monkeypatch.setattr(deadletters, "ConfirmedPublisher", BrokerGoneAfter)

    with pytest.raises(ConnectionResetError):
        replay_queue(broker_uri, BINDING)

    wait_for(lambda: sorted(replays(ids).values()) == [0, 0, 0, 1, 1], what="the two sent back before the failure")
    assert queue_depth(broker_uri, BINDING.dead_letter_queue) == 3
    monkeypatch.undo()
    assert rpc.board.replay_dead_letter_queue(BINDING.queue)["replayed"] == 3
    wait_for(lambda: set(replays(ids).values()) == {1}, what="the rest handled once")
