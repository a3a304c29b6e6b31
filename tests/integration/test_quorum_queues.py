"""With EVENT_QUEUE_TYPE=quorum the event queues and their dead-letter queues are quorum queues (replicated when the
broker is a cluster); handling, retries and dead-lettering work the same, and the deploy-time command declares
exactly what the handlers declare."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from amqp.exceptions import PreconditionFailed
from kombu import Connection, Queue
from nameko.containers import ServiceContainer

from lowe_backbone.context import FlowContext
from lowe_backbone.errors import PermanentFailure
from lowe_backbone.messaging import ReliableEventHandler
from lowe_backbone.topology import ConsumerBinding, parse_queue_type
from tests.messaging import publish_raw, queue_depth
from tests.support import wait_for

BINDING = ConsumerBinding("register", "entry_made", "ledger", "handle_entry")
handled: list[str] = []


class LedgerService:
    name = "ledger"
    flow = FlowContext()

    @ReliableEventHandler.decorator("register", "entry_made")
    def handle_entry(self, message: dict[str, Any]) -> None:
        if message["entry"] == "poison":
            raise PermanentFailure("never")
        handled.append(message["entry"])


def queue_type_of(broker_uri: str, queue: str) -> str:
    """A classic redeclaration of a quorum queue is refused: which of the two the queue is, without the
    management plugin."""
    with Connection(broker_uri) as connection:
        try:
            Queue(queue, durable=True)(connection.channel()).declare()
        except PreconditionFailed as refused:
            assert "x-queue-type" in str(refused)
            return "quorum"
    return "classic"


def post(broker_uri: str, entry: str) -> None:
    body = json.dumps({"entry": entry})
    publish_raw(broker_uri, "register.events", "entry_made", body, message_id=str(uuid.uuid4()))


def test_event_queues_are_quorum_queues_when_configured_and_work_the_same(
    start_service: Callable[..., ServiceContainer], broker_uri: str
) -> None:
    handled.clear()
    start_service(LedgerService, EVENT_QUEUE_TYPE="quorum")

    post(broker_uri, "first")
    post(broker_uri, "poison")
    post(broker_uri, "second")

    wait_for(lambda: handled == ["first", "second"], what="both entries handled")
    wait_for(lambda: queue_depth(broker_uri, BINDING.dead_letter_queue) == 1, what="the poison dead-lettered")
    assert queue_type_of(broker_uri, BINDING.queue) == "quorum"
    assert queue_type_of(broker_uri, BINDING.dead_letter_queue) == "quorum"


def test_the_deploy_time_command_declares_quorum_queues_the_services_accept(
    start_service: Callable[..., ServiceContainer], broker_uri: str
) -> None:
    environment = {**os.environ, "AMQP_URI": broker_uri, "EVENT_QUEUE_TYPE": "quorum", "RETRY_DELAYS_MS": "100,200"}
    declared = subprocess.run(
        [sys.executable, "-m", "lowe_backbone.cli", "topology", "declare", "--service", "centres"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert declared.returncode == 0, declared.stderr
    assert "quorum" in declared.stdout

    from lowe_centres.service import CentresService

    start_service(CentresService, EVENT_QUEUE_TYPE="quorum")  # declares the same queues again: no conflict


@pytest.mark.parametrize("value", ["mirrored", "stream", "1"])
def test_an_unknown_queue_type_is_refused_by_name(value: str) -> None:
    with pytest.raises(ValueError, match="EVENT_QUEUE_TYPE"):
        parse_queue_type(value)
