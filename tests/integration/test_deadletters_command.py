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
