"""`partner_updated` through the real partners and centres services, broker and databases: a partner's new name
reaches the centres' copies of its opportunities, and the matches that follow carry it; a change that changes
nothing publishes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.integration.test_centres_matching import a_centre, feed, outbox, partner, publish, rpc
from tests.messaging import rows
from tests.support import wait_for

__all__ = ["partner", "rpc"]  # fixtures


def partners_outbox(database_url: Callable[[str], str], event_type: str) -> list[dict[str, Any]]:
    found = rows(database_url("partners"), "SELECT payload FROM outbox WHERE event_type = :t ORDER BY id", t=event_type)
    return [json.loads(row.payload)["data"] for row in found]


def test_a_renamed_partner_is_renamed_in_the_feeds_and_in_later_matches(
    rpc: Any, partner: dict[str, Any], database_url: Callable[[str], str]
) -> None:
    centre = a_centre(rpc, subscription={})
    first = publish(rpc, partner)
    wait_for(lambda: first in feed(rpc, centre), what="the first opportunity matched")

    rpc.partners.update_partner(partner["id"], {"name": "Fundacja Nowa Nazwa", "city": "Radom"})

    [event] = partners_outbox(database_url, "partner_updated")
    assert (event["partner_id"], event["name"], event["changed"]) == (
        partner["id"],
        "Fundacja Nowa Nazwa",
        ["city", "name"],
    )
    wait_for(
        lambda: feed(rpc, centre)[first]["opportunity"]["partner_name"] == "Fundacja Nowa Nazwa",
        what="the copy renamed",
    )
    second = publish(rpc, partner, title="Druga oferta")
    wait_for(lambda: second in feed(rpc, centre), what="the second opportunity matched")
    names = {m["opportunity_id"]: m["partner_name"] for m in outbox(database_url, "opportunity_matched")}
    assert names[second] == "Fundacja Nowa Nazwa"

    rpc.partners.update_partner(partner["id"], {"name": "Fundacja Nowa Nazwa"})  # nothing changes

    assert len(partners_outbox(database_url, "partner_updated")) == 1
