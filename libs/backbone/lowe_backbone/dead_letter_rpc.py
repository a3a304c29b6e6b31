"""Each service answers for its own dead-letter queues over RPC, so the gateway's operators can list and replay them
without knowing any service's consumers."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from nameko.extensions import DependencyProvider

from lowe_backbone.deadletters import DeadLetter, list_dead_letters, replay_dead_letters
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


def _view(service: str, letter: DeadLetter) -> dict[str, Any]:
    return {"service": service, **asdict(letter)}


class DeadLetterRpc:
    """Mixed into a service class: `list_dead_letters` and `replay_dead_letter` for its own queues."""

    name: str
    dead_letters = DeadLetterQueues()

    @rpc
    def list_dead_letters(self) -> list[dict[str, Any]]:
        return [_view(self.name, letter) for letter in self.dead_letters.found()]

    @rpc
    def replay_dead_letter(self, event_id: str) -> list[dict[str, Any]]:
        """Every dead letter of that event, in any of this service's queues; an empty list when there is none."""
        return [_view(self.name, letter) for letter in self.dead_letters.replay(str(event_id))]
