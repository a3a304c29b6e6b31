"""Names and declarations of every queue and exchange, shared by consumers and the deploy-time command.

Each consumer queue has a dead-letter queue beside it. Retries wait in one delay queue per delay level:
a fanout exchange feeds a queue with a fixed TTL whose dead-letter exchange is the default exchange, so an
expired message returns to the consumer queue named by its routing key.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kombu import Exchange, Queue

from lowe_backbone.unit_of_work import event_exchange

DEFAULT_RETRY_DELAYS_MS: tuple[int, ...] = (1000, 5000, 30000)
ENTRYPOINTS_ATTR = "nameko_entrypoints"
QUEUE_TYPES = ("classic", "quorum")  # quorum: replicated over a RabbitMQ cluster (3.8 and later)


@dataclass(frozen=True)
class ConsumerBinding:
    source: str
    event_type: str
    service: str
    method: str

    @property
    def queue(self) -> str:
        # nameko's SERVICE_POOL queue name, so its consumer and this declaration agree
        return f"evt-{self.source}-{self.event_type}--{self.service}.{self.method}"

    @property
    def dead_letter_queue(self) -> str:
        return dead_letter_queue_name(self.queue)


def dead_letter_queue_name(queue: str) -> str:
    return f"{queue}.dlq"


def retry_exchange_name(delay_ms: int) -> str:
    return f"lowe.retry.{delay_ms}ms"


def parse_retry_delays(value: Any) -> tuple[int, ...]:
    if value is None or value == "":
        return DEFAULT_RETRY_DELAYS_MS
    if isinstance(value, bool):
        raise ValueError(f"retry delays must be milliseconds, got {value!r}")
    if isinstance(value, int):
        value = [value]
    if isinstance(value, str):
        value = [part for part in value.replace(" ", "").split(",") if part]
    delays = tuple(int(part) for part in value)
    if any(delay <= 0 for delay in delays):
        raise ValueError(f"retry delays must be positive milliseconds, got {value!r}")
    return delays


def declare_retry_levels(channel: Any, delays_ms: Iterable[int]) -> None:
    for delay in delays_ms:
        exchange = Exchange(retry_exchange_name(delay), type="fanout", durable=True)
        Queue(
            retry_exchange_name(delay),
            exchange=exchange,
            durable=True,
            queue_arguments={"x-message-ttl": delay, "x-dead-letter-exchange": ""},
        )(channel).declare()


def parse_queue_type(value: Any) -> str:
    queue_type = str(value or "classic").strip().lower()
    if queue_type not in QUEUE_TYPES:
        raise ValueError(f"EVENT_QUEUE_TYPE must be one of {', '.join(QUEUE_TYPES)}, got {value!r}")
    return queue_type


def _type_arguments(queue_type: str) -> dict[str, Any]:
    """Nothing for classic queues, so queues declared before the setting existed keep matching."""
    return {} if queue_type == "classic" else {"x-queue-type": queue_type}


def consumer_queue(binding: ConsumerBinding, queue_type: str = "classic") -> Queue:
    """The same declaration for the handler and the deploy-time command: RabbitMQ refuses a second declaration of a
    queue with other arguments."""
    exchange = Exchange(event_exchange(binding.source), type="topic", durable=True)
    arguments = _type_arguments(queue_type)
    return Queue(
        binding.queue, exchange=exchange, routing_key=binding.event_type, durable=True, queue_arguments=arguments
    )


def declare_consumer(channel: Any, binding: ConsumerBinding, queue_type: str = "classic") -> None:
    consumer_queue(binding, queue_type)(channel).declare()
    Queue(binding.dead_letter_queue, durable=True, queue_arguments=_type_arguments(queue_type))(channel).declare()


def bindings_of(service_cls: type) -> list[ConsumerBinding]:
    """Every reliable event handler a nameko service class declares."""
    from lowe_backbone.messaging import ReliableEventHandler

    service_name = str(getattr(service_cls, "name"))  # noqa: B009 - nameko's convention, not typed
    found = []
    for method_name, method in inspect.getmembers(service_cls, inspect.isfunction):
        for entrypoint in getattr(method, ENTRYPOINTS_ATTR, ()):
            if isinstance(entrypoint, ReliableEventHandler):
                found.append(
                    ConsumerBinding(entrypoint.source_service, entrypoint.event_type, service_name, method_name)
                )
    return found
