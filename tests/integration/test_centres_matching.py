"""Rich subscriptions, retraction and recommendations through the real services, broker and databases."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_centres.service import CentresService
from lowe_partners.service import PartnersService
from tests.messaging import count_rows, rows
from tests.support import wait_for

PROFILE = {"served_topics": ["digital_skills"], "target_groups": ["seniors"]}


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(CentresService)
    start_service(PartnersService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


@pytest.fixture
def partner(rpc: Any) -> dict[str, Any]:
    registered = rpc.partners.register_partner(
        {"name": "Fundacja Cyfrowa Wieś", "sector": "social", "email": "fcw@example.pl", "voivodeship": "14"}
    )
    return dict(rpc.partners.verify_partner(registered["id"]))


def publish(rpc: Any, partner: dict[str, Any], **details: Any) -> str:
    body = {
        "partner_id": partner["id"],
        "kind": "course",
        "title": "Komputer bez tajemnic",
        "description": "Kurs dla seniorów",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["14"],
        **details,
    }
    opportunity = rpc.partners.create_opportunity(body)
    return str(rpc.partners.publish_opportunity(opportunity["id"])["id"])


def a_centre(rpc: Any, voivodeship: str = "14", subscription: dict[str, Any] | None = None, **details: Any) -> str:
    centre = rpc.centres.register_centre({"name": "LOWE", "voivodeship": voivodeship, "municipality": "Liw", **details})
    if subscription is not None:
        rpc.centres.add_subscription(centre["id"], {"name": "Nasza", **subscription})
    return str(centre["id"])


def feed(rpc: Any, centre_id: str) -> dict[str, dict[str, Any]]:
    return {item["opportunity"]["id"]: item for item in rpc.centres.get_feed(centre_id)}


def processed(database_url: Callable[[str], str], count: int) -> Callable[[], bool]:
    return lambda: count_rows(database_url("centres"), "processed_events") >= count


def outbox(database_url: Callable[[str], str], event_type: str) -> list[dict[str, Any]]:
    found = rows(database_url("centres"), "SELECT payload FROM outbox WHERE event_type = :t ORDER BY id", t=event_type)
    return [json.loads(row.payload)["data"] for row in found]


def test_online_free_only_keyword_and_deadline_filters_through_the_services(
    rpc: Any, partner: dict[str, Any], database_url: Callable[[str], str]
) -> None:
    online_excel = a_centre(rpc, subscription={"online_anywhere": True, "keywords": ["excel"]})
    free_only = a_centre(rpc, subscription={"online_anywhere": True, "free_only": True})
    local = a_centre(rpc, "02", subscription={})
    unhurried = a_centre(rpc, "02", subscription={"min_days_before_deadline": 30})
    apply_by = datetime.now(UTC) + timedelta(days=10, hours=1)

    opportunity = publish(
        rpc,
        partner,
        title="Excel w chmurze",
        regions=["02"],
        delivery_mode="online",
        cost_pln="80.00",
        apply_by=apply_by.isoformat(),
    )

    wait_for(lambda: opportunity in feed(rpc, online_excel) and opportunity in feed(rpc, local), what="the feeds")
    reasons = feed(rpc, online_excel)[opportunity]["reasons"]
    assert reasons == {
        "kind": "course",
        "topics": ["digital_skills"],
        "region": "02",
        "subscriptions": ["Nasza"],
        "keywords": ["excel"],
        "online": True,
        "deadline_in_days": 10,
    }
    assert feed(rpc, local)[opportunity]["score"] > feed(rpc, online_excel)[opportunity]["score"]
    assert feed(rpc, free_only) == {} and feed(rpc, unhurried) == {}
    copy = feed(rpc, local)[opportunity]["opportunity"]
    assert (copy["delivery_mode"], copy["free"], copy["cost_pln"]) == ("online", False, "80.00")
    [event] = [data for data in outbox(database_url, "opportunity_matched") if data["centre_id"] == online_excel]
    assert (event["reasons"]["online"], event["recommended"]) == (True, False)
    assert event["score"] == feed(rpc, online_excel)[opportunity]["score"]


def test_an_edit_retracts_the_entries_it_no_longer_fits_and_reaches_new_centres(
    rpc: Any, partner: dict[str, Any], database_url: Callable[[str], str]
) -> None:
    digital = a_centre(rpc, subscription={"topics": ["digital_skills"]})
    health = a_centre(rpc, subscription={"topics": ["health"]})
    opportunity = publish(rpc, partner)
    wait_for(lambda: opportunity in feed(rpc, digital), what="the first match")

    rpc.partners.update_opportunity(opportunity, {"topics": ["health"]})

    wait_for(lambda: opportunity in feed(rpc, health), what="the newly matching centre")
    entry = feed(rpc, digital)[opportunity]
    assert entry["retracted"] is True and entry["retracted_at"] is not None
    assert entry["opportunity"]["topics"] == ["health"]
    [unmatched] = outbox(database_url, "opportunity_unmatched")
    assert (unmatched["centre_id"], unmatched["opportunity_id"], unmatched["changed"]) == (
        digital,
        opportunity,
        ["topics"],
    )
    assert unmatched["reason"] == "no_longer_matches"
    assert len(outbox(database_url, "opportunity_matched")) == 2


def test_a_paused_subscription_misses_what_is_published_until_it_is_resumed(
    rpc: Any, partner: dict[str, Any], database_url: Callable[[str], str]
) -> None:
    centre = a_centre(rpc, subscription={})
    [subscription] = rpc.centres.list_subscriptions(centre)

    paused = rpc.centres.pause_subscription(centre, subscription["id"])
    first = publish(rpc, partner)
    wait_for(processed(database_url, 1), what="the first publication to be handled")
    resumed = rpc.centres.resume_subscription(centre, subscription["id"])
    second = publish(rpc, partner)
    wait_for(lambda: second in feed(rpc, centre), what="the second publication")

    assert (paused["paused"], resumed["paused"], resumed["paused_at"]) == (True, False, None)
    assert first not in feed(rpc, centre)


def test_a_centre_without_subscriptions_is_recommended_what_fits_its_profile(
    rpc: Any, partner: dict[str, Any], database_url: Callable[[str], str]
) -> None:
    profiled = a_centre(rpc, **PROFILE)
    bare = a_centre(rpc)

    opportunity = publish(rpc, partner)

    wait_for(lambda: opportunity in feed(rpc, profiled), what="the recommendation")
    entry = feed(rpc, profiled)[opportunity]
    assert (entry["recommended"], entry["delivery"], entry["reasons"]["profile"]) == (True, "daily_digest", True)
    assert feed(rpc, bare) == {}
    [event] = outbox(database_url, "opportunity_matched")
    assert (event["centre_id"], event["recommended"], event["reasons"]["subscriptions"]) == (profiled, True, [])


def test_the_registry_over_rpc(rpc: Any) -> None:
    details = {
        "running_body": "municipality",
        "running_body_name": "Gmina Liw",
        "host_school": "Szkoła Podstawowa w Liwie",
        "street": "ul. Szkolna 1",
        "postal_code": "07-100",
        "city": "Liw",
        "powiat": "węgrowski",
        "latitude": 52.37,
        "longitude": 22.0,
        "email": "lowe@liw.example.pl",
        "phone": "+48 25 792 57 00",
        "contact_person": "Jan Kowalski",
        "languages": ["pl", "uk"],
        **PROFILE,
    }
    centre_id = a_centre(rpc, **details)

    centre = rpc.centres.get_centre(centre_id)
    assert {name: centre[name] for name in details} == details
    assert centre["status"] == "active"

    updated = rpc.centres.update_centre(centre_id, {"status": "inactive", "phone": None})
    assert (updated["status"], updated["phone"], updated["city"]) == ("inactive", None, "Liw")
