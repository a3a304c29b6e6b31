"""The operators' dead letters through the gateway: a real poison event, dead-lettered by the consumers that gave up
on it, listed (`GET /api/v1/admin/dead-letters`) without being taken off their queues, and replayed
(`POST /api/v1/admin/dead-letters/{event_id}/replay`) back to those consumers. Operators only."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from tests.integration.gateway_helpers import UNKNOWN_ID, Network, assert_error, ok
from tests.messaging import publish_raw, queue_depth
from tests.support import wait_for

LETTER_FIELDS = {"service", "queue", "event_id", "event_type", "attempts", "error", "failed_at"}
# every consumer of `opportunity_published`: each dead-letters an event off its contract on its own queue
CONSUMERS = {
    "centres": "evt-partners-opportunity_published--centres.handle_opportunity_published",
    "notifications": "evt-partners-opportunity_published--notifications.handle_opportunity_published",
}


def publish_poison(network: Network) -> str:
    """An `opportunity_published` with no data: no consumer can take it, none retries it (it will never fit)."""
    event_id = str(uuid.uuid4())
    body = {"event_id": event_id, "type": "opportunity_published", "version": 1, "producer": "partners", "data": {}}
    publish_raw(network.broker_uri, "partners.events", "opportunity_published", json.dumps(body), message_id=event_id)
    return event_id


def letters_of(network: Network, event_id: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = ok(network.get("/api/v1/admin/dead-letters"))["items"]
    return sorted((letter for letter in items if letter["event_id"] == event_id), key=lambda letter: letter["service"])


def dead_lettered(network: Network, event_id: str) -> list[dict[str, Any]]:
    """The event's dead letters once every consumer has given up on it."""

    def all_there() -> list[dict[str, Any]] | None:
        letters = letters_of(network, event_id)
        return letters if {letter["service"] for letter in letters} == set(CONSUMERS) else None

    found: list[dict[str, Any]] = wait_for(all_there, timeout=15, what="the poison event's dead letters")
    return found


@pytest.fixture(scope="module")
def poison(network: Network) -> str:
    event_id = publish_poison(network)
    dead_lettered(network, event_id)
    return event_id


def test_dead_letters_are_listed_with_their_service_queue_and_error_and_stay_queued(
    network: Network, poison: str
) -> None:
    letters = letters_of(network, poison)

    assert [set(letter) for letter in letters] == [LETTER_FIELDS] * len(CONSUMERS)
    assert [(letter["service"], letter["queue"]) for letter in letters] == [
        (service, queue) for service, queue in sorted(CONSUMERS.items())
    ]
    for letter in letters:
        assert (letter["event_type"], letter["attempts"]) == ("opportunity_published", 1)
        assert "ValidationError" in letter["error"], letter
    assert letters_of(network, poison) == letters  # reading takes nothing off the queues
    for queue in CONSUMERS.values():
        assert queue_depth(network.broker_uri, f"{queue}.dlq") >= 1


def test_a_replay_sends_the_event_back_to_the_consumers_that_gave_up_on_it(network: Network) -> None:
    event_id = publish_poison(network)
    before = dead_lettered(network, event_id)

    response = network.post(f"/api/v1/admin/dead-letters/{event_id}/replay")

    assert response.status_code == 200, response.text
    replayed = sorted(response.json()["replayed"], key=lambda letter: letter["service"])
    assert [(letter["service"], letter["event_id"], letter["queue"]) for letter in replayed] == [
        (letter["service"], event_id, letter["queue"]) for letter in before
    ]
    # still off its contract, so each consumer dead-letters it again: the replay reached them, with a fresh budget
    again = dead_lettered(network, event_id)
    assert [(letter["service"], letter["attempts"]) for letter in again] == [
        (service, 1) for service in sorted(CONSUMERS)
    ]


def test_replaying_an_event_with_no_dead_letter_is_a_404_naming_it(network: Network, poison: str) -> None:
    unknown = network.post(f"/api/v1/admin/dead-letters/{UNKNOWN_ID}/replay")

    assert assert_error(unknown, 404, "not_found", "event_id")["fields"]["event_id"] == UNKNOWN_ID
    assert len(letters_of(network, poison)) == len(CONSUMERS)  # nothing else was touched
    assert_error(network.post("/api/v1/admin/dead-letters/not-an-id/replay"), 404, "not_found")


def test_only_operators_reach_the_dead_letters(network: Network, poison: str) -> None:
    _, as_partner = network.partner()
    _, as_centre = network.centre()
    for organisation in (as_partner, as_centre):
        assert_error(organisation.get("/api/v1/admin/dead-letters"), 403, "forbidden")
        assert_error(organisation.post(f"/api/v1/admin/dead-letters/{poison}/replay"), 403, "forbidden")
    assert_error(network.get("/api/v1/admin/dead-letters", key=None), 401, "unauthenticated")
    assert len(letters_of(network, poison)) == len(CONSUMERS)  # none was replayed


def test_replaying_a_queue_sends_back_at_most_the_limit_and_counts_what_remains(network: Network, poison: str) -> None:
    """Last in the module: the letters it sends back are given up on again, and are waited for before it ends."""
    second = publish_poison(network)
    dead_lettered(network, second)
    queue = CONSUMERS["centres"]
    held = queue_depth(network.broker_uri, f"{queue}.dlq")
    assert held >= 2

    first = network.post(f"/api/v1/admin/dead-letters/queues/{queue}/replay?limit=1")
    rest = network.post(f"/api/v1/admin/dead-letters/queues/{queue}/replay")

    assert ok(first) == {"service": "centres", "queue": queue, "replayed": 1, "remaining": held - 1}
    done = ok(rest)  # the first call's letter may already be back, given up on again: then it goes back too
    assert (done["queue"], done["remaining"]) == (queue, 0) and held - 1 <= done["replayed"] <= held, done
    for event_id in (poison, second):  # the consumer got each back and, the event still off its contract, gave up
        assert [letter["attempts"] for letter in dead_lettered(network, event_id)] == [1] * len(CONSUMERS)
    notifications_queue = CONSUMERS["notifications"]
    assert queue_depth(network.broker_uri, f"{notifications_queue}.dlq") >= 2  # another queue's letters stayed


def test_a_queue_replay_names_a_bad_limit_an_unknown_queue_and_is_for_operators_only(
    network: Network, poison: str
) -> None:
    queue = CONSUMERS["centres"]

    assert_error(
        network.post(f"/api/v1/admin/dead-letters/queues/{queue}/replay?limit=0"), 400, "invalid_input", "limit"
    )
    assert_error(
        network.post(f"/api/v1/admin/dead-letters/queues/{queue}/replay?limit=501"), 400, "invalid_input", "limit"
    )
    assert_error(network.post("/api/v1/admin/dead-letters/queues/no.such.queue/replay"), 404, "not_found", "queue")
    _, as_partner = network.partner()
    assert_error(as_partner.post(f"/api/v1/admin/dead-letters/queues/{queue}/replay"), 403, "forbidden")
    assert len(letters_of(network, poison)) == len(CONSUMERS)  # none of it replayed anything
