"""An opportunity's life after publication, through the real services: verification, suspension, edits, deadlines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_backbone.errors import Conflict
from lowe_centres.service import CentresService
from lowe_partners.service import PartnersService
from tests.messaging import count_rows, rows
from tests.support import wait_for


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(CentresService)
    start_service(PartnersService, DEADLINE_CHECK_INTERVAL=0.2)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def a_partner(rpc: Any, verified: bool = True) -> dict[str, Any]:
    partner = rpc.partners.register_partner(
        {"name": "Gminna Biblioteka Publiczna", "sector": "public", "email": "gbp@example.pl", "voivodeship": "18"}
    )
    return dict(rpc.partners.verify_partner(partner["id"])) if verified else dict(partner)


def an_opportunity(rpc: Any, partner: dict[str, Any], publish: bool = True, **details: Any) -> dict[str, Any]:
    body = {
        "partner_id": partner["id"],
        "kind": "workshop",
        "title": "Warsztaty",
        "description": "Opis",
        "topics": ["culture"],
        "regions": ["18"],
        **details,
    }
    opportunity = rpc.partners.create_opportunity(body)
    return dict(rpc.partners.publish_opportunity(opportunity["id"])) if publish else dict(opportunity)


def a_subscribed_centre(rpc: Any, topics: list[str]) -> str:
    centre = rpc.centres.register_centre({"name": "LOWE Dukla", "voivodeship": "18", "municipality": "Dukla"})
    rpc.centres.add_subscription(centre["id"], {"name": "Nasze tematy", "topics": topics})
    return str(centre["id"])


def feed_statuses(rpc: Any, centre_id: str) -> dict[str, str]:
    return {item["opportunity"]["id"]: item["opportunity"]["status"] for item in rpc.centres.get_feed(centre_id)}


def events(database_url: Callable[[str], str], event_type: str) -> list[dict[str, Any]]:
    found = rows(database_url("partners"), "SELECT payload FROM outbox WHERE event_type = :t ORDER BY id", t=event_type)
    return [json.loads(row.payload)["data"] for row in found]


def test_only_a_verified_partner_publishes(rpc: Any) -> None:
    partner = a_partner(rpc, verified=False)
    draft = an_opportunity(rpc, partner, publish=False)

    with pytest.raises(Conflict):
        rpc.partners.publish_opportunity(draft["id"])
    rpc.partners.verify_partner(partner["id"])
    assert rpc.partners.publish_opportunity(draft["id"])["status"] == "published"


def test_suspending_a_partner_withdraws_its_open_opportunities_and_the_feeds_follow(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    partner = a_partner(rpc)
    centre_id = a_subscribed_centre(rpc, ["culture"])
    published = [an_opportunity(rpc, partner)["id"] for _ in range(2)]
    draft = an_opportunity(rpc, partner, publish=False)
    wait_for(lambda: len(feed_statuses(rpc, centre_id)) == 2, what="both in the feed")

    suspended = rpc.partners.suspend_partner(partner["id"], {"reason": "Dane rejestrowe się nie zgadzają"})

    assert suspended["status"] == "suspended"
    withdrawn = events(database_url, "opportunity_withdrawn")
    assert sorted(event["opportunity_id"] for event in withdrawn) == sorted(published)
    assert {event["reason"] for event in withdrawn} == {"partner_suspended"}
    assert len(events(database_url, "partner_suspended")) == 1
    wait_for(lambda: feed_statuses(rpc, centre_id) == dict.fromkeys(published, "withdrawn"), what="the feed to follow")
    assert rpc.partners.get_opportunity(draft["id"])["status"] == "draft"
    with pytest.raises(Conflict):
        rpc.partners.publish_opportunity(draft["id"])


def test_editing_a_published_opportunity_tells_the_centres_what_changed(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    partner = a_partner(rpc)
    culture_centre = a_subscribed_centre(rpc, ["culture"])
    health_centre = a_subscribed_centre(rpc, ["health"])
    opportunity = an_opportunity(rpc, partner)
    wait_for(lambda: feed_statuses(rpc, culture_centre), what="the first centre's feed")

    rpc.partners.update_opportunity(opportunity["id"], {"title": "Warsztaty zdrowia", "topics": ["culture", "health"]})

    [updated] = events(database_url, "opportunity_updated")
    assert updated["changed"] == ["title", "topics"]
    assert updated["title"] == "Warsztaty zdrowia" and updated["partner_name"] == partner["name"]
    wait_for(lambda: feed_statuses(rpc, health_centre), what="the newly matching centre's feed")
    [entry] = rpc.centres.get_feed(culture_centre)
    assert entry["opportunity"]["title"] == "Warsztaty zdrowia"


def test_deadlines_close_opportunities_exactly_once_with_two_replicas_running(
    rpc: Any, start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str]
) -> None:
    start_service(PartnersService, DEADLINE_CHECK_INTERVAL=0.2)  # a second replica, its own timer
    partner = a_partner(rpc)
    centre_id = a_subscribed_centre(rpc, ["culture"])
    soon = datetime.now(UTC) + timedelta(seconds=1.5)
    closing = [an_opportunity(rpc, partner, apply_by=soon.isoformat())["id"] for _ in range(5)]
    lasting = an_opportunity(rpc, partner, apply_by=(soon + timedelta(days=30)).isoformat())["id"]

    wait_for(lambda: len(events(database_url, "opportunity_closed")) >= 5, timeout=15, what="the deadlines")
    wait_for(
        lambda: count_rows(database_url("partners"), "outbox", "published_at IS NULL AND last_error IS NULL") == 0,
        what="the relays",
    )

    closed = events(database_url, "opportunity_closed")
    assert sorted(event["opportunity_id"] for event in closed) == sorted(closing)
    assert {event["reason"] for event in closed} == {"deadline_passed"}
    assert rpc.partners.get_opportunity(lasting)["status"] == "published"
    wait_for(lambda: list(feed_statuses(rpc, centre_id).values()).count("closed") == 5, what="the feed to follow")
