"""Event consumption that never acks-and-drops.

nameko acks a message whose handler raised. Here a failure is republished to the next retry delay
level (or, when retries are spent or the failure is permanent, to the queue's dead-letter queue) with
publisher confirms, and only then acked. If even that publish fails the message is requeued.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from typing import Any

from kombu import Connection
from marshmallow import ValidationError
from nameko.events import SERVICE_POOL, EventHandler

from lowe_backbone.broker_connections import BROKER_GONE
from lowe_backbone.errors import PermanentFailure
from lowe_backbone.logs import get_logger
from lowe_backbone.publishing import ConfirmedPublisher
from lowe_backbone.topology import (
    ConsumerBinding,
    consumer_queue,
    declare_consumer,
    declare_retry_levels,
    parse_queue_type,
    parse_retry_delays,
    retry_exchange_name,
)

log = get_logger(__name__)

ATTEMPT_HEADER = "x-lowe-attempt"
ERROR_HEADER = "x-lowe-error"
FAILED_AT_HEADER = "x-lowe-failed-at"
ORIGINAL_QUEUE_HEADER = "x-lowe-original-queue"
MAX_ERROR_LENGTH = 2000


def is_permanent(exc: BaseException) -> bool:
    return isinstance(exc, PermanentFailure | ValidationError)


class ReliableEventHandler(EventHandler):
    """A SERVICE_POOL event handler with bounded, delayed retries and a dead-letter queue."""

    def __init__(self, source_service: str, event_type: str, **kwargs: Any) -> None:
        super().__init__(
            source_service,
            event_type,
            handler_type=SERVICE_POOL,
            reliable_delivery=True,
            requeue_on_error=False,
            **kwargs,
        )

    def setup(self) -> None:
        super().setup()
        config = self.container.config
        self.retry_delays = parse_retry_delays(config.get("RETRY_DELAYS_MS"))
        self.binding = ConsumerBinding(
            self.source_service, self.event_type, self.container.service_name, self.method_name
        )
        queue_type = parse_queue_type(config.get("EVENT_QUEUE_TYPE"))
        self.queue = consumer_queue(self.binding, queue_type)  # nameko's own, with the queue type it is declared as
        with Connection(config["AMQP_URI"]) as connection:
            channel = connection.channel()
            declare_retry_levels(channel, self.retry_delays)
            declare_consumer(channel, self.binding, queue_type)
        self.publisher = ConfirmedPublisher(config["AMQP_URI"])

    def stop(self) -> None:
        super().stop()
        self.publisher.close()

    def handle_message_processed(self, message: Any, result: Any = None, exc_info: Any = None) -> None:
        if exc_info is None:
            if self._settle(self.queue_consumer.ack_message, message):
                log.info("event_handled", queue=self.binding.queue, event_id=message.properties.get("message_id"))
            return
        try:
            self._send_to_retry_or_dead_letters(message, exc_info[1])
        except Exception:
            log.exception("failed_message_not_rerouted", queue=self.binding.queue)
            self._settle(self.queue_consumer.requeue_message, message)
            return
        self._settle(self.queue_consumer.ack_message, message)

    def _settle(self, action: Any, message: Any) -> bool:
        """An ack or requeue on a connection the broker just dropped raises here, in the worker, and nameko would kill
        the whole service for it. The broker requeues the unacknowledged message itself and redelivers it once the
        consumer reconnects; the handler's idempotency makes the second run a no-op."""
        try:
            action(message)
        except BROKER_GONE as exc:
            log.warning(
                "ack_not_sent", queue=self.binding.queue, event_id=message.properties.get("message_id"), error=repr(exc)
            )
            return False
        return True

    def _send_to_retry_or_dead_letters(self, message: Any, exc: BaseException) -> None:
        headers = dict(message.headers or {})
        attempt = int(headers.get(ATTEMPT_HEADER, 0)) + 1
        headers[ATTEMPT_HEADER] = attempt
        error = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:MAX_ERROR_LENGTH]
        event_id = message.properties.get("message_id")
        if not is_permanent(exc) and attempt <= len(self.retry_delays):
            delay = self.retry_delays[attempt - 1]
            log.warning(
                "event_handler_failed_will_retry",
                queue=self.binding.queue,
                event_id=event_id,
                attempt=attempt,
                retry_in_ms=delay,
                error=error,
            )
            self.publisher.publish(
                message.body,
                exchange=retry_exchange_name(delay),
                routing_key=self.binding.queue,
                headers=headers,
                message_id=event_id,
                exchange_type="fanout",
            )
            return
        headers.update(
            {
                ERROR_HEADER: error,
                FAILED_AT_HEADER: datetime.now(UTC).isoformat(),
                ORIGINAL_QUEUE_HEADER: self.binding.queue,
            }
        )
        log.error(
            "event_dead_lettered",
            queue=self.binding.queue,
            event_id=event_id,
            attempts=attempt,
            permanent=is_permanent(exc),
            error=error,
        )
        self.publisher.publish(
            message.body,
            exchange="",
            routing_key=self.binding.dead_letter_queue,
            headers=headers,
            message_id=event_id,
        )
