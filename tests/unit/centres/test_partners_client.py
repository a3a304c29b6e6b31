"""The partners service over RPC, as the centres' use cases see it: the payload its `express_interest` takes, its
reply read back, and its refusals left as they are."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import eventlet
import pytest

from lowe_backbone.errors import Conflict, Unavailable
from lowe_centres.partners_client import PartnersRpc
from lowe_centres.ports import ExpressedInterest

OPPORTUNITY_ID, CENTRE_ID, INTEREST_ID = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


class Proxy:
    def __init__(self, reply: dict[str, Any] | Exception) -> None:
        self.reply = reply
        self.calls: list[tuple[Any, ...]] = []

    def express_interest(self, opportunity_id: Any, payload: Any) -> dict[str, Any]:
        self.calls.append((opportunity_id, payload))
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply


def test_it_sends_the_opportunity_and_the_centre_as_the_partners_rpc_takes_them_and_reads_the_interest() -> None:
    proxy = Proxy(
        {
            "id": str(INTEREST_ID),
            "centre_id": str(CENTRE_ID),
            "places": 3,
            "status": "pending",
            "expressed_at": "2025-03-04T09:00:00+00:00",
            "position": None,
        }
    )

    interest = PartnersRpc(proxy).express_interest(OPPORTUNITY_ID, CENTRE_ID, 3)

    assert proxy.calls == [(str(OPPORTUNITY_ID), {"centre_id": str(CENTRE_ID), "places": 3})]
    assert interest == ExpressedInterest(INTEREST_ID, 3, datetime(2025, 3, 4, 9, 0, tzinfo=UTC))


def test_the_partners_refusal_is_raised_as_it_came() -> None:
    refusal = Conflict("The opportunity has 2 places in all.", {"places": ["The opportunity has 2 places in all."]})

    with pytest.raises(Conflict) as raised:
        PartnersRpc(Proxy(refusal)).express_interest(OPPORTUNITY_ID, CENTRE_ID, 9)

    assert raised.value is refusal


class SilentProxy:
    """A partners service that never answers."""

    def express_interest(self, opportunity_id: Any, payload: Any) -> dict[str, Any]:
        eventlet.sleep(5)
        raise AssertionError("should have been given up on")


def test_a_partners_service_that_does_not_answer_is_given_up_on_as_unavailable() -> None:
    with pytest.raises(Unavailable) as raised:
        PartnersRpc(SilentProxy(), timeout=0.05).express_interest(OPPORTUNITY_ID, CENTRE_ID, 1)

    assert raised.value.fields == {"opportunity_id": str(OPPORTUNITY_ID)}
