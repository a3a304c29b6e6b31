"""A connection that missed its heartbeats is dropped at once, not closed politely.

py-amqp notices a silent broker (`Too many heartbeats missed`), then kombu closes the connection by sending
Close and waiting for Close-OK — from the peer it has just declared dead. Under eventlet the socket's read
timeout (SO_RCVTIMEO) is ignored, so with a frozen broker (a stopped VM, a hung node) that wait lasts until
the broker wakes: every consumer of the service sits silent instead of reconnecting. Dropping the socket
first makes the close a no-op, so the consumer's reconnect loop starts (and logs) within two heartbeats.
"""

from __future__ import annotations

from typing import Any

from amqp.exceptions import ConnectionError as AmqpConnectionError
from amqp.exceptions import ConnectionForced
from kombu.exceptions import OperationalError
from kombu.transport import pyamqp

# what sending on a connection the broker has just dropped raises (an ack, a reply)
BROKER_GONE = (OSError, OperationalError, AmqpConnectionError)

_MARK = "_lowe_drops_dead_connections"


def drop_connections_that_miss_heartbeats() -> None:
    """Idempotent; called once by `lowe-serve` before nameko starts the service."""
    original = pyamqp.Transport.heartbeat_check
    if getattr(original, _MARK, False):
        return

    def heartbeat_check(self: pyamqp.Transport, connection: Any, rate: int = 2) -> Any:
        try:
            return original(self, connection, rate=rate)
        except ConnectionForced:
            connection.collect()
            raise

    setattr(heartbeat_check, _MARK, True)
    pyamqp.Transport.heartbeat_check = heartbeat_check  # type: ignore[method-assign]
