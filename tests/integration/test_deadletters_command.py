"""The operator's `lowe deadletters` command lists and replays a real service's dead letters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable

from nameko.containers import ServiceContainer

from lowe_centres.service import CentresService
from tests.messaging import publish_raw, queue_depth
from tests.support import wait_for

DEAD_LETTERS = "evt-partners-opportunity_published--centres.handle_opportunity_published.dlq"


def lowe(broker_uri: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lowe_backbone.cli", *args],
        env={**os.environ, "AMQP_URI": broker_uri},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_off_contract_event_is_dead_lettered_listed_and_replayed_by_the_operator(
    start_service: Callable[..., ServiceContainer], broker_uri: str
) -> None:
    start_service(CentresService)
    event_id = str(uuid.uuid4())
    publish_raw(
        broker_uri,
        "partners.events",
        "opportunity_published",
        json.dumps({"event_id": event_id, "type": "opportunity_published", "data": {}}),
        message_id=event_id,
    )
    wait_for(lambda: queue_depth(broker_uri, DEAD_LETTERS) == 1, what="the dead letter")

    listed = lowe(broker_uri, "deadletters", "list", "--service", "centres", "--json")
    assert listed.returncode == 0, listed.stderr
    [letter] = json.loads(listed.stdout)
    assert letter["event_id"] == event_id
    assert letter["attempts"] == 1
    assert "ValidationError" in letter["error"]
    assert queue_depth(broker_uri, DEAD_LETTERS) == 1

    unknown = lowe(broker_uri, "deadletters", "replay", "--event-id", str(uuid.uuid4()))
    assert unknown.returncode == 1 and "0 dead letter(s) replayed" in unknown.stdout

    replayed = lowe(broker_uri, "deadletters", "replay", "--event-id", event_id)
    assert replayed.returncode == 0, replayed.stderr
    assert f"replayed {event_id}" in replayed.stdout
    # still off-contract, so the consumer dead-letters it again: the replay reached the consumer
    wait_for(lambda: queue_depth(broker_uri, DEAD_LETTERS) == 1, what="the replayed message back in the DLQ")


def test_the_operator_replays_one_queue_at_most_limit_letters_at_a_time(
    start_service: Callable[..., ServiceContainer], broker_uri: str
) -> None:
    start_service(CentresService)
    for _ in range(3):
        event_id = str(uuid.uuid4())
        body = json.dumps({"event_id": event_id, "type": "opportunity_published", "data": {}})
        publish_raw(broker_uri, "partners.events", "opportunity_published", body, message_id=event_id)
    wait_for(lambda: queue_depth(broker_uri, DEAD_LETTERS) == 3, what="three dead letters")
    queue = DEAD_LETTERS.removesuffix(".dlq")

    replayed = lowe(broker_uri, "deadletters", "replay", "--queue", queue, "--limit", "2")

    assert replayed.returncode == 0, replayed.stderr
    assert f"2 dead letter(s) replayed, 1 remaining in {queue}" in replayed.stdout
    assert sum(1 for line in replayed.stdout.splitlines() if line.startswith("replayed ")) == 2
    # still off-contract, so the consumer dead-letters both again: the replay reached it
    wait_for(lambda: queue_depth(broker_uri, DEAD_LETTERS) == 3, what="the replayed messages back in the DLQ")
    unknown = lowe(broker_uri, "deadletters", "replay", "--queue", "evt-nobody-nothing--nobody.handle")
    assert unknown.returncode != 0 and "no such event queue" in unknown.stderr
    both = lowe(broker_uri, "deadletters", "replay", "--queue", queue, "--all")
    assert both.returncode != 0 and "say which" in both.stderr
