"""A publisher that only returns once the broker has taken responsibility for the message.

Persistent messages, publisher confirms and `mandatory=True`: an unroutable message raises instead of
vanishing. One long-lived connection, guarded so concurrent greenthreads never share a socket read. A confirm that
does not come within `io_timeout` (a frozen broker) fails the publish and drops the connection, so the caller (the
outbox relay) keeps the event for its next round instead of waiting for the broker to wake.
"""

from __future__ import annotations

import contextlib
from typing import Any

from eventlet.semaphore import Semaphore
from kombu import Connection, Exchange, Producer

PERSISTENT = 2
IO_TIMEOUT_SECONDS = 10


class Unroutable(Exception):
    """The broker returned the message: no queue is bound for it."""


class ConfirmedPublisher:
    def __init__(self, amqp_uri: str, io_timeout: float = IO_TIMEOUT_SECONDS) -> None:
        self.amqp_uri = amqp_uri
        self.io_timeout = io_timeout
        self._lock = Semaphore(1)
        self._connection: Connection | None = None
        self._producer: Producer | None = None
        self._declared: set[str] = set()
        self._returned: list[Any] = []

    def publish(
        self,
        body: str | bytes,
        exchange: str,
        routing_key: str,
        headers: dict[str, Any] | None = None,
        message_id: str | None = None,
        exchange_type: str = "topic",
    ) -> None:
        with self._lock:
            try:
                self._publish(body, exchange, routing_key, headers or {}, message_id, exchange_type)
            except Unroutable:
                raise
            except Exception:
                self._drop()
                raise

    def _publish(
        self,
        body: str | bytes,
        exchange: str,
        routing_key: str,
        headers: dict[str, Any],
        message_id: str | None,
        exchange_type: str,
    ) -> None:
        producer = self._ensure_producer()
        if exchange and exchange not in self._declared:
            Exchange(exchange, type=exchange_type, durable=True)(producer.channel).declare()
            self._declared.add(exchange)
        self._returned.clear()
        properties = {"message_id": message_id} if message_id else {}
        producer.publish(
            body,
            exchange=exchange,
            routing_key=routing_key,
            headers=headers,
            mandatory=True,
            delivery_mode=PERSISTENT,
            content_type="application/json",
            content_encoding="utf-8",
            retry=False,
            timeout=self.io_timeout,
            confirm_timeout=self.io_timeout,
            **properties,
        )
        if self._returned:
            raise Unroutable(f"no queue bound for {exchange or '(default)'}/{routing_key}")

    def _ensure_producer(self) -> Producer:
        if self._producer is None:
            connection = Connection(
                self.amqp_uri,
                connect_timeout=self.io_timeout,
                heartbeat=0,
                transport_options={
                    "confirm_publish": True,
                    "read_timeout": self.io_timeout,
                    "write_timeout": self.io_timeout,
                },
            )
            connection.connect()
            self._connection = connection
            self._producer = Producer(connection.channel(), on_return=self._on_return)
            self._declared.clear()
        return self._producer

    def _on_return(self, exception: Any, exchange: str, routing_key: str, message: Any) -> None:
        self._returned.append((exchange, routing_key))

    def _drop(self) -> None:
        """After a failure: let the connection go without the closing handshake, which a broker that is gone or
        frozen would never answer."""
        connection, self._connection, self._producer = self._connection, None, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.collect()

    def close(self) -> None:
        connection, self._connection, self._producer = self._connection, None, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.release()
