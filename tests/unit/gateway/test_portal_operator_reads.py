"""What the operators' pages read: the ledger's filters checked as the API checks them, and the dead-letter replays
going to the services that hold the letters (the network's figures: `test_portal_operator_home`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_gateway.admin_routes import replay_queue
from lowe_gateway.portal import operator_reads


def call(method: Callable[..., Any], *args: Any, **_options: Any) -> Any:
    return method(*args)


def test_blank_ledger_filters_are_left_out() -> None:
    query = operator_reads.ledger_query({"status": "dead", "channel": " ", "type": "", "recipient_id": ""})

    assert query == {"status": "dead", "page_size": str(operator_reads.LEDGER_PAGE_SIZE)}


def test_bad_ledger_filters_are_refused_by_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        operator_reads.ledger_query({"status": "lost", "recipient_id": "not-an-id"})

    assert set(refused.value.fields) == {"status", "recipient_id"}


class DeadLetterService:
    def __init__(self, name: str, letters: list[dict[str, Any]]) -> None:
        self.name, self.letters = name, letters
        self.replayed: list[str] = []
        self.queues_replayed: list[str] = []

    def list_dead_letters(self) -> list[dict[str, Any]]:
        return self.letters

    def replay_dead_letter(self, event_id: str) -> list[dict[str, Any]]:
        self.replayed.append(event_id)
        return [letter for letter in self.letters if letter["event_id"] == event_id]

    def replay_dead_letter_queue(self, queue: str, limit: int) -> dict[str, Any] | None:
        """As a service answers: only for a queue of its own, at most `limit` of its letters in one call."""
        self.queues_replayed.append(queue)
        if queue not in {letter["queue"] for letter in self.letters}:
            return None
        replayed = min(limit, len(self.letters))
        return {"service": self.name, "queue": queue, "replayed": replayed, "remaining": len(self.letters) - replayed}


def letter(service: str, queue: str, event_id: str | None) -> dict[str, Any]:
    return {"service": service, "queue": queue, "event_id": event_id, "attempts": 5, "error": "boom"}


def services() -> dict[str, DeadLetterService]:
    return {
        "partners": DeadLetterService("partners", []),
        "centres": DeadLetterService(
            "centres", [letter("centres", "q.matched", "e1"), letter("centres", "q.matched", "e2")]
        ),
        "notifications": DeadLetterService(
            "notifications", [letter("notifications", "q.notify", "e3"), letter("notifications", "q.notify", None)]
        ),
        "events": DeadLetterService("events", []),
    }


def test_the_dead_letters_of_every_service_are_gathered() -> None:
    found = services()

    letters = operator_reads.dead_letters(call, found.__getitem__)

    assert [item["event_id"] for item in letters] == ["e1", "e2", "e3", None]


def test_a_queue_is_replayed_in_one_call_by_the_service_whose_queue_it_is() -> None:
    found = services()

    done = replay_queue(call, found.__getitem__, "q.matched")

    assert done == {"service": "centres", "queue": "q.matched", "replayed": 2, "remaining": 0}
    assert found["centres"].queues_replayed == ["q.matched"] and found["centres"].replayed == []
    assert found["notifications"].queues_replayed == [] and found["events"].queues_replayed == []
    assert replay_queue(call, found.__getitem__, "q.unknown") is None
    assert replay_queue(call, found.__getitem__, "q.matched", 1) == {
        "service": "centres",
        "queue": "q.matched",
        "replayed": 1,
        "remaining": 1,
    }


def test_replaying_an_event_asks_every_service_as_the_api_does() -> None:
    found = services()

    replayed = operator_reads.replay_event(call, found.__getitem__, "e3")

    assert [item["event_id"] for item in replayed] == ["e3"]
    assert all(service.replayed == ["e3"] for service in found.values())
