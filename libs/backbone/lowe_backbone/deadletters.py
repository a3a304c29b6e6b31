"""Listing and replaying dead letters: for the operations command, and for each service's own queues over RPC."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from amqp.exceptions import ChannelError
from kombu import Connection

from lowe_backbone.messaging import ATTEMPT_HEADER, ERROR_HEADER, FAILED_AT_HEADER, ORIGINAL_QUEUE_HEADER
from lowe_backbone.publishing import ConfirmedPublisher
from lowe_backbone.topology import ConsumerBinding

MAX_MESSAGES_PER_QUEUE = 10_000
MAX_QUEUE_REPLAY = 500  # letters one queue replay sends back: a call stays well within an RPC's time
REPLAYED_AT_HEADER = "x-lowe-replayed-at"


@dataclass(frozen=True)
class DeadLetter:
    queue: str
    event_id: str | None
    event_type: str | None
    attempts: int
    error: str | None
    failed_at: str | None


@dataclass(frozen=True)
class QueueReplay:
    """`remaining`: the letters in the dead-letter queue when the replay began that it did not send back."""

    queue: str
    replayed: list[DeadLetter]
    remaining: int


def _depth(connection: Connection, queue: str) -> int:
    """A passive declare: a missing queue (its consumer never started here) simply has no dead letters."""
    channel = connection.channel()
    try:
        return int(channel.queue_declare(queue, passive=True).message_count)
    except ChannelError:
        return 0
    finally:
        with contextlib.suppress(Exception):
            channel.close()


def _describe(queue: str, message: Any) -> DeadLetter:
    headers = message.headers or {}
    event_type = None
    with contextlib.suppress(ValueError, AttributeError):
        event_type = json.loads(message.body).get("type")
    return DeadLetter(
        queue=headers.get(ORIGINAL_QUEUE_HEADER, queue),
        event_id=message.properties.get("message_id"),
        event_type=event_type,
        attempts=int(headers.get(ATTEMPT_HEADER, 0)),
        error=headers.get(ERROR_HEADER),
        failed_at=headers.get(FAILED_AT_HEADER),
    )


def list_dead_letters(amqp_uri: str, bindings: Iterable[ConsumerBinding]) -> list[DeadLetter]:
    """Reads without removing: every message taken is returned to its queue when the channel closes."""
    found = []
    with Connection(amqp_uri) as connection:
        for binding in bindings:
            depth = _depth(connection, binding.dead_letter_queue)
            if not depth:
                continue
            channel = connection.channel()
            try:
                for _ in range(min(depth, MAX_MESSAGES_PER_QUEUE)):
                    raw = channel.basic_get(binding.dead_letter_queue, no_ack=False)
                    if raw is None:
                        break
                    found.append(_describe(binding.queue, channel.message_to_python(raw)))
            finally:
                channel.close()
    return found


def replay_dead_letters(
    amqp_uri: str, bindings: Iterable[ConsumerBinding], event_id: str | None = None
) -> list[DeadLetter]:
    """Sends dead letters (all, or those of one event) back to their consumer queue with a fresh retry budget."""

    def wanted(letter: DeadLetter) -> bool:
        return event_id is None or letter.event_id == event_id

    replayed: list[DeadLetter] = []
    with _replaying(amqp_uri) as (connection, publisher):
        for binding in bindings:
            replayed.extend(_replay_from(connection, publisher, binding, wanted, MAX_MESSAGES_PER_QUEUE).replayed)
    return replayed


def replay_queue(amqp_uri: str, binding: ConsumerBinding, limit: int = MAX_QUEUE_REPLAY) -> QueueReplay:
    """Sends the oldest `limit` dead letters of one consumer queue back to it; the rest wait for the next call."""
    with _replaying(amqp_uri) as (connection, publisher):
        return _replay_from(connection, publisher, binding, lambda _letter: True, limit)


@contextlib.contextmanager
def _replaying(amqp_uri: str) -> Iterator[tuple[Connection, ConfirmedPublisher]]:
    publisher = ConfirmedPublisher(amqp_uri)
    try:
        with Connection(amqp_uri) as connection:
            yield connection, publisher
    finally:
        publisher.close()


def _replay_from(
    connection: Connection,
    publisher: ConfirmedPublisher,
    binding: ConsumerBinding,
    wanted: Callable[[DeadLetter], bool],
    limit: int,
) -> QueueReplay:
    """Each letter is acked only once the broker has confirmed its copy on the consumer queue: when anything fails
    midway, that letter and every one not reached stay in the dead-letter queue (a letter sent back twice keeps its
    event id, so the handler's idempotency takes it once). Those passed over return to the queue when the channel
    closes."""
    # only what was there when the replay began: a replayed event that fails again is dead-lettered to the tail
    # of this queue, and must not be taken for another letter to replay
    depth = _depth(connection, binding.dead_letter_queue)
    replayed: list[DeadLetter] = []
    taken = 0
    if not depth:
        return QueueReplay(binding.queue, replayed, 0)
    channel = connection.channel()
    try:
        while taken < min(depth, MAX_MESSAGES_PER_QUEUE) and len(replayed) < limit:
            raw = channel.basic_get(binding.dead_letter_queue, no_ack=False)
            if raw is None:
                depth = taken  # someone else took the rest
                break
            taken += 1
            message = channel.message_to_python(raw)
            letter = _describe(binding.queue, message)
            if not wanted(letter):
                continue
            _send_back(publisher, message, letter)
            message.ack()
            replayed.append(letter)
    finally:
        channel.close()
    return QueueReplay(binding.queue, replayed, depth - len(replayed))


def _send_back(publisher: ConfirmedPublisher, message: Any, letter: DeadLetter) -> None:
    """To the consumer queue, under the event's own id, without the previous attempts' count and error."""
    headers = {
        key: value
        for key, value in (message.headers or {}).items()
        if key not in (ATTEMPT_HEADER, ERROR_HEADER, FAILED_AT_HEADER)
    }
    headers[REPLAYED_AT_HEADER] = datetime.now(UTC).isoformat()
    publisher.publish(message.body, exchange="", routing_key=letter.queue, headers=headers, message_id=letter.event_id)
