"""Settling a message on a connection the broker has just dropped is logged, never raised into nameko's worker
(which would kill the whole service); anything else still raises."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from amqp.exceptions import ConnectionForced
from kombu.exceptions import OperationalError

from lowe_backbone.messaging import ReliableEventHandler
from lowe_backbone.topology import ConsumerBinding


def handler() -> ReliableEventHandler:
    made = ReliableEventHandler("partners", "opportunity_published")
    made.binding = ConsumerBinding("partners", "opportunity_published", "centres", "handle_opportunity_published")
    return made


def message() -> Any:
    return SimpleNamespace(properties={"message_id": "e-1"})


@pytest.mark.parametrize(
    "gone",
    [
        ConnectionResetError(104, "Connection reset by peer"),
        BrokenPipeError(),
        OperationalError("refused"),
        ConnectionForced("Too many heartbeats missed"),
    ],
)
def test_an_ack_the_dropped_connection_cannot_carry_is_reported_not_raised(gone: Exception) -> None:
    def ack(_: Any) -> None:
        raise gone

    assert handler()._settle(ack, message()) is False


def test_an_ack_that_goes_through_is_reported_as_sent() -> None:
    acked = []
    assert handler()._settle(acked.append, message()) is True
    assert len(acked) == 1


def test_a_programming_error_while_settling_still_raises() -> None:
    def ack(_: Any) -> None:
        raise AttributeError("no channel")

    with pytest.raises(AttributeError):
        handler()._settle(ack, message())
