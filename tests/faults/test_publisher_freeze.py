"""A confirmed publish to a frozen broker fails within its timeout instead of waiting for the broker to wake, and the
next publish after the thaw goes through (the outbox relay keeps the event meanwhile)."""

from __future__ import annotations

import time
import uuid

import pytest
from kombu import Connection, Queue

from lowe_backbone.publishing import ConfirmedPublisher
from tests.faults.stack import Servers

pytestmark = pytest.mark.faults

TIMEOUT = 2.0
QUEUE = "lowe.publisher-freeze"


def test_a_publish_to_a_frozen_broker_fails_within_its_timeout_and_the_next_one_after_the_thaw_succeeds(
    servers: Servers,
) -> None:
    broker = servers.rabbitmq
    vhost = f"lowe-faults-{uuid.uuid4().hex[:8]}"
    uri = broker.add_vhost(vhost)
    with Connection(uri) as connection:
        Queue(QUEUE, durable=True)(connection.channel()).declare()
    publisher = ConfirmedPublisher(uri, io_timeout=TIMEOUT)
    try:
        publisher.publish("{}", exchange="", routing_key=QUEUE)  # the connection is up
        broker.freeze()
        try:
            started = time.monotonic()
            with pytest.raises(TimeoutError):
                publisher.publish("{}", exchange="", routing_key=QUEUE)
            waited = time.monotonic() - started
        finally:
            broker.thaw()
        print(f"\nconfirm timeout {TIMEOUT} s: the publish failed after {waited:.1f} s")
        assert waited < 2 * TIMEOUT + 1
        publisher.publish("{}", exchange="", routing_key=QUEUE)
    finally:
        publisher.close()
        broker.ctl("delete_vhost", vhost)
