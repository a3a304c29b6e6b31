"""Each service answers for its own dead-letter queues over RPC, so the gateway's operators can list and replay them
without knowing any service's consumers."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from nameko.extensions import DependencyProvider

from lowe_backbone.deadletters import (
    MAX_QUEUE_REPLAY,
    DeadLetter,
    QueueReplay,
    list_dead_letters,
    replay_dead_letters,
    replay_queue,
)
from lowe_backbone.errors import InvalidInput
from lowe_backbone.rpc import rpc
from lowe_backbone.topology import ConsumerBinding, bindings_of


class DeadLetterQueues(DependencyProvider):
    """The service's own consumer bindings and broker, found once at setup."""

    def setup(self) -> None:
        self.amqp_uri = self.container.config["AMQP_URI"]
        self.bindings: list[ConsumerBinding] = bindings_of(self.container.service_cls)

    def get_dependency(self, worker_ctx: Any) -> DeadLetterQueues:
        return self

    def found(self) -> list[DeadLetter]:
        return list_dead_letters(self.amqp_uri, self.bindings)

    def replay(self, event_id: str) -> list[DeadLetter]:
        return replay_dead_letters(self.amqp_uri, self.bindings, event_id=event_id)

    def replay_queue(self, queue: str, limit: int) -> QueueReplay | None:
        """None when the queue (a consumer queue, or its dead-letter queue) is not this service's."""
        binding = next((b for b in self.bindings if queue in (b.queue, b.dead_letter_queue)), None)
        return None if binding is None else replay_queue(self.amqp_uri, binding, limit)


def _view(service: str, letter: DeadLetter) -> dict[str, Any]:
    return {"service": service, **asdict(letter)}


class DeadLetterRpc:
    """Mixed into a service class: `list_dead_letters`, `replay_dead_letter` and `replay_dead_letter_queue` for its
    own queues."""

    name: str
    dead_letters = DeadLetterQueues()

    @rpc
    def list_dead_letters(self) -> list[dict[str, Any]]:
        return [_view(self.name, letter) for letter in self.dead_letters.found()]

    @rpc
    def replay_dead_letter(self, event_id: str) -> list[dict[str, Any]]:
        """Every dead letter of that event, in any of this service's queues; an empty list when there is none."""
        return [_view(self.name, letter) for letter in self.dead_letters.replay(str(event_id))]

    @rpc(expected_exceptions=InvalidInput)
    def replay_dead_letter_queue(self, queue: str, limit: int = MAX_QUEUE_REPLAY) -> dict[str, Any] | None:
        """The oldest `limit` (1 to 500) dead letters of one of this service's queues, in one call:
        `{service, queue, replayed, remaining}` (counts); None when the queue is not this service's."""
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_QUEUE_REPLAY:
            raise InvalidInput(
                "The limit is not valid.", {"limit": [f"Give a whole number from 1 to {MAX_QUEUE_REPLAY}."]}
            )
        done = self.dead_letters.replay_queue(str(queue), limit)
        if done is None:
            return None
        return {"service": self.name, "queue": done.queue, "replayed": len(done.replayed), "remaining": done.remaining}
