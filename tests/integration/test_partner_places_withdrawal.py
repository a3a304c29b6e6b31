"""Withdrawing an interest and reading one through the running partners service: its events in the outbox, written
in the same transaction, and the refusals as the gateway knows them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from lowe_backbone.errors import Conflict, InvalidInput, NotFound
from tests.integration.test_partner_places import outbox_events, published_opportunity, rpc

__all__ = ["rpc"]


def test_withdrawing_an_allocated_interest_releases_its_places_to_the_line_and_tells_the_centres(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    opportunity = published_opportunity(rpc, places=2)
    holder, waiting = (
        rpc.partners.express_interest(opportunity["id"], {"centre_id": str(uuid.uuid4()), "places": 2})
        for _ in range(2)
    )
    rpc.partners.accept_interest(holder["id"])
    assert rpc.partners.accept_interest(waiting["id"])["status"] == "waitlisted"

    withdrawn = rpc.partners.withdraw_interest(holder["id"])

    assert (withdrawn["status"], withdrawn["allocated"], withdrawn["opportunity"]["allocated"]) == ("withdrawn", 0, 2)
    assert withdrawn["withdrawn_at"] is not None
    promoted = rpc.partners.get_interest(waiting["id"])
    assert (promoted["status"], promoted["allocated"], promoted["position"]) == ("accepted", 2, None)
    events = outbox_events(database_url("partners"), opportunity["id"])
    assert [event_type for event_type, _data in events][-3:] == [
        "places_released",
        "interest_withdrawn",
        "places_allocated",
    ]
    data = events[-2][1]
    assert data == {
        "interest_id": holder["id"],
        "opportunity_id": opportunity["id"],
        "partner_id": opportunity["partner_id"],
        "centre_id": holder["centre_id"],
        "places_released": 2,
        "withdrawn_at": data["withdrawn_at"],
    }


def test_a_waiting_interest_is_withdrawn_and_what_is_over_cannot_be(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    opportunity = published_opportunity(rpc, places=1)
    holder, waiting = (
        rpc.partners.express_interest(opportunity["id"], {"centre_id": str(uuid.uuid4()), "places": 1})
        for _ in range(2)
    )
    rpc.partners.accept_interest(holder["id"])
    rpc.partners.accept_interest(waiting["id"])
    assert rpc.partners.get_interest(waiting["id"])["position"] == 1

    assert rpc.partners.withdraw_interest(waiting["id"])["status"] == "withdrawn"
    before = len(outbox_events(database_url("partners"), opportunity["id"]))
    with pytest.raises(Conflict, match="withdrawn"):
        rpc.partners.withdraw_interest(waiting["id"])
    assert len(outbox_events(database_url("partners"), opportunity["id"])) == before
    with pytest.raises(NotFound) as unknown:
        rpc.partners.withdraw_interest(str(uuid.uuid4()))
    assert set(unknown.value.fields) == {"interest_id"}
    with pytest.raises(InvalidInput) as invalid:
        rpc.partners.withdraw_interest("LOWE")
    assert set(invalid.value.fields) == {"interest_id"}


def test_an_interest_is_read_with_the_ids_the_gateway_authorises_with(rpc: Any) -> None:
    opportunity = published_opportunity(rpc, places=None)
    centre = str(uuid.uuid4())
    interest = rpc.partners.express_interest(opportunity["id"], {"centre_id": centre, "places": 3, "note": "Hej"})

    found = rpc.partners.get_interest(interest["id"])

    assert {name: found[name] for name in ("id", "opportunity_id", "centre_id", "partner_id", "status", "places")} == {
        "id": interest["id"],
        "opportunity_id": opportunity["id"],
        "centre_id": centre,
        "partner_id": opportunity["partner_id"],
        "status": "pending",
        "places": 3,
    }
    with pytest.raises(NotFound):
        rpc.partners.get_interest(str(uuid.uuid4()))
