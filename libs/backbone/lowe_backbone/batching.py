"""Event consumption in batches, for the handlers that a fan-out floods: one worker, one transaction and one commit
for up to `EVENT_BATCH_SIZE` messages, each still acked only after that commit.

The broker gives the batched consumers their own connection with a prefetch of twice the batch size, so the next
batch gathers while one is being handled. A batch waits at most `EVENT_BATCH_LINGER_MS` for more messages once its
first has arrived. When a batch fails, each of its messages is handled again on its own, through the same retries
and dead-letter queue as `ReliableEventHandler`: one bad message never holds back the others, and the handler's
idempotency (a processed-event mark per event) makes whatever the batch had done before failing a no-op.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import eventlet
from nameko.exceptions import ContainerBeingKilled
from nameko.messaging import QueueConsumer

from lowe_backbone.logs import get_logger
from lowe_backbone.messaging import ReliableEventHandler

log = get_logger(__name__)

DEFAULT_BATCH_SIZE = 100
DEFAULT_LINGER_MS = 5


def batch_size_of(config: dict[str, Any]) -> int:
    return max(1, int(config.get("EVENT_BATCH_SIZE", DEFAULT_BATCH_SIZE)))


class BatchingQueueConsumer(QueueConsumer):
    """nameko's queue consumer on a connection of its own, whose prefetch follows the batch size rather than the
    number of workers."""

    @property
    def prefetch_count(self) -> int:
        return 2 * batch_size_of(self.container.config)


class BatchedEventHandler(ReliableEventHandler):
    """`@BatchedEventHandler.decorator(source, event_type)`: the method receives a list of message bodies."""

    queue_consumer = BatchingQueueConsumer()

    def setup(self) -> None:
        super().setup()
        self.batch_size = batch_size_of(self.container.config)
        self.linger = float(self.container.config.get("EVENT_BATCH_LINGER_MS", DEFAULT_LINGER_MS)) / 1000
        self._gathered: list[tuple[Any, Any]] = []
        self._flush_scheduled = False

    def handle_message(self, body: Any, message: Any) -> None:
        self._gathered.append((body, message))
        if len(self._gathered) >= self.batch_size:
            self._flush()
        elif not self._flush_scheduled:
            self._flush_scheduled = True
            self.container.spawn_managed_thread(self._flush_after_linger, identifier=f"{self.method_name}.batch")

    def _flush_after_linger(self) -> None:
        eventlet.sleep(self.linger)
        self._flush()

    def _flush(self) -> None:
        self._flush_scheduled = False
        gathered, self._gathered = self._gathered, []
        if not gathered:
            return
        bodies = [body for body, _ in gathered]
        messages = [message for _, message in gathered]
        handle_result = partial(self._handle_batch_result, gathered)
        self._spawn(bodies, messages, handle_result)

    def _spawn(self, bodies: list[Any], messages: list[Any], handle_result: Any) -> None:
        try:
            self.container.spawn_worker(
                self,
                (bodies,),
                {},
                context_data=self.unpack_message_headers(messages[0]),
                handle_result=handle_result,
            )
        except ContainerBeingKilled:
            for message in messages:
                self._settle(self.queue_consumer.requeue_message, message)

    def _handle_batch_result(
        self, gathered: list[tuple[Any, Any]], worker_ctx: Any, result: Any = None, exc_info: Any = None
    ) -> tuple[Any, Any]:
        if exc_info is None:
            for _, message in gathered:
                self._settle(self.queue_consumer.ack_message, message)
            log.info("event_batch_handled", queue=self.binding.queue, events=len(gathered))
            return result, exc_info
        if len(gathered) == 1:
            _, message = gathered[0]
            self.handle_message_processed(message, result, exc_info)
            return result, exc_info
        log.warning(
            "event_batch_failed_handling_one_by_one",
            queue=self.binding.queue,
            events=len(gathered),
            error=repr(exc_info[1]),
        )
        # from a thread of its own: this worker holds a slot of the pool the new workers wait for
        self.container.spawn_managed_thread(partial(self._one_by_one, gathered), identifier=f"{self.method_name}.retry")
        return result, exc_info

    def _one_by_one(self, gathered: list[tuple[Any, Any]]) -> None:
        for body, message in gathered:
            self._spawn([body], [message], partial(self._handle_batch_result, [(body, message)]))
