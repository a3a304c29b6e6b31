"""Listing and replaying dead letters, for the operations command."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from amqp.exceptions import ChannelError
from kombu import Connection

from lowe_backbone.messaging import ATTEMPT_HEADER, ERROR_HEADER, FAILED_AT_HEADER, ORIGINAL_QUEUE_HEADER
from lowe_backbone.publishing import ConfirmedPublisher
from lowe_backbone.topology import ConsumerBinding

MAX_MESSAGES_PER_QUEUE = 10_000


@dataclass(frozen=True)
class DeadLetter:
    queue: str
    event_id: str | None
    event_type: str | None
    attempts: int
    error: str | None
    failed_at: str | None


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
    replayed = []
    publisher = ConfirmedPublisher(amqp_uri)
    try:
        with Connection(amqp_uri) as connection:
            for binding in bindings:
                # only what was there when the replay began: a replayed event that fails again is dead-lettered
                # to the tail of this queue, and must not be taken for another letter to replay
                depth = _depth(connection, binding.dead_letter_queue)
                if not depth:
                    continue
                channel = connection.channel()
                try:
                    for _ in range(min(depth, MAX_MESSAGES_PER_QUEUE)):
                        raw = channel.basic_get(binding.dead_letter_queue, no_ack=False)
                        if raw is None:
                            break
                        message = channel.message_to_python(raw)
                        letter = _describe(binding.queue, message)
                        if event_id is not None and letter.event_id != event_id:
                            continue
                        headers = {
                            key: value
                            for key, value in (message.headers or {}).items()
                            if key not in (ATTEMPT_HEADER, ERROR_HEADER, FAILED_AT_HEADER)
                        }
                        headers["x-lowe-replayed-at"] = datetime.now(UTC).isoformat()
                        publisher.publish(
                            message.body,
                            exchange="",
                            routing_key=letter.queue,
                            headers=headers,
                            message_id=letter.event_id,
                        )
                        message.ack()
                        replayed.append(letter)
                finally:
                    channel.close()
    finally:
        publisher.close()
    return replayed
