"""What each route answers when asked properly, and exactly which rows that writes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest

from tests.integration.gateway_helpers import (
    CENTRE,
    MISSING,
    PARTNER,
    SUBSCRIPTION,
    Network,
    amend,
    opportunity_for,
    rows_written,
    without_key,
)
from tests.support import wait_for

PARTNER_FIELDS = {
    *("id", "name", "sector", "email", "voivodeship", "created_at", "organisation_type", "description", "website"),
    *("street", "postal_code", "city", "contact_person", "phone", "nip", "regon", "krs", "erasmus_oid"),
    *("status", "status_changed_at"),
}
OPPORTUNITY_FIELDS = {
    *("id", "partner_id", "kind", "title", "description", "topics", "target_groups", "regions"),
    *("nationwide", "status", "created_at", "published_at", "delivery_mode", "languages", "places", "cost_pln"),
    *("free", "starts_at", "ends_at", "apply_by", "contact", "links", "finished_at", "finish_reason"),
}
CENTRE_FIELDS = {
    *("id", "name", "voivodeship", "municipality", "created_at", "running_body", "running_body_name", "host_school"),
    *("street", "postal_code", "city", "powiat", "latitude", "longitude", "email", "phone", "contact_person"),
    *("served_topics", "target_groups", "languages", "status"),
}
SUBSCRIPTION_FIELDS = {
    *("id", "centre_id", "name", "kinds", "topics", "regions", "nationwide", "delivery", "created_at"),
    *("target_groups", "online_anywhere", "free_only", "keywords", "min_days_before_deadline", "paused", "paused_at"),
}
KEY_FIELDS = {"id", "key", "prefix", "role", "organisation_id", "label", "created_at", "expires_at", "revoked_at"}
FEED_ITEM_FIELDS = {
    *("opportunity", "reasons", "score", "recommended", "retracted", "retracted_at", "delivery", "matched_at"),
    *("id", "state", "state_changed_at", "interest"),
}


@pytest.fixture(scope="module")
def partner(network: Network) -> dict[str, Any]:
    return network.verified_partner(PARTNER)


@pytest.fixture(scope="module")
def as_partner(network: Network, partner: dict[str, Any]) -> Network:
    return network.as_(partner["api_key"]["key"])


def assert_timestamp(value: str) -> None:
    assert datetime.fromisoformat(value).utcoffset() is not None, value


def assert_first_key(organisation: dict[str, Any], role: str) -> None:
    """The organisation's first key, shown this once: its owner's, and one the gateway takes."""
    key = organisation["api_key"]
    assert set(key) == KEY_FIELDS
    assert (key["role"], key["organisation_id"], key["revoked_at"], key["expires_at"]) == (
        role,
        organisation["id"],
        None,
        None,
    )
    assert key["key"].startswith(key["prefix"]) and len(key["key"]) > len(key["prefix"])
    assert_timestamp(key["created_at"])


def test_registering_a_partner_answers_201_with_the_stored_partner(network: Network) -> None:
    with rows_written(network) as written:
        response = network.post("/api/v1/partners", json={**PARTNER, "name": "  PUP Kielce  "})
    assert response.status_code == 201, response.text
    assert response.headers["Content-Type"] == "application/json"
    partner = response.json()
    assert set(partner) == PARTNER_FIELDS | {"api_key"}
    assert_first_key(partner, "partner")
    assert uuid.UUID(partner["id"])
    assert_timestamp(partner["created_at"])
    assert {key: partner[key] for key in PARTNER} == {**PARTNER, "name": "PUP Kielce"}
    assert partner["organisation_type"] == {"public": "other_public", "social": "other_ngo"}.get(
        PARTNER["sector"], "business"
    )
    assert partner["nip"] is partner["website"] is None
    assert written == {"partners.partners": 1, "gateway.api_keys": 1}
    read = network.get(f"/api/v1/partners/{partner['id']}", key=partner["api_key"]["key"])
    assert (read.status_code, read.json()) == (200, without_key(partner))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, {"topics": ["digital_skills"], "regions": ["26"], "nationwide": False}, id="as-given"),
        pytest.param(
            {"title": "  Kurs  ", "description": " Opis\n"}, {"title": "Kurs", "description": "Opis"}, id="trims"
        ),
        pytest.param(
            {"topics": ["health", "digital_skills", "health"], "regions": ["26", "14", "26"]},
            {"topics": ["digital_skills", "health"], "regions": ["14", "26"]},
            id="sorted-without-repeats",
        ),
        pytest.param({"regions": []}, {"regions": [], "nationwide": True}, id="nationwide"),
        pytest.param({"target_groups": MISSING}, {"target_groups": []}, id="target-groups-optional"),
    ],
)
def test_creating_an_opportunity_answers_201_with_a_draft_of_the_keys_partner(
    network: Network, partner: dict[str, Any], as_partner: Network, changes: dict[str, Any], expected: dict[str, Any]
) -> None:
    with rows_written(network) as written:
        response = as_partner.post("/api/v1/opportunities", json=amend(opportunity_for(), changes))
    assert response.status_code == 201, response.text
    opportunity = response.json()
    assert set(opportunity) == OPPORTUNITY_FIELDS
    assert (opportunity["partner_id"], opportunity["status"], opportunity["published_at"]) == (
        partner["id"],
        "draft",
        None,
    )
    assert_timestamp(opportunity["created_at"])
    assert {key: opportunity[key] for key in expected} == expected
    tags = len(opportunity["topics"]) + len(opportunity["target_groups"]) + (len(opportunity["regions"]) or 1)
    assert written == {"partners.opportunities": 1, "partners.opportunity_tags": tags}  # what listing filters on
    assert as_partner.get(f"/api/v1/opportunities/{opportunity['id']}").json() == opportunity
    assert network.get(f"/api/v1/opportunities/{opportunity['id']}").json() == opportunity  # and an operator


def test_publishing_answers_200_with_the_published_opportunity_and_writes_one_event(
    network: Network, as_partner: Network
) -> None:
    draft = as_partner.create("/api/v1/opportunities", opportunity_for())
    with rows_written(network, "partners") as written:
        response = as_partner.post(f"/api/v1/opportunities/{draft['id']}/publish")
    assert response.status_code == 200, response.text
    published = response.json()
    assert published["status"] == "published"
    assert_timestamp(published["published_at"])
    assert published | {"status": "draft", "published_at": None} == draft
    assert written == {"partners.outbox": 1}
    fetched = network.get(f"/api/v1/opportunities/{draft['id']}")
    assert (fetched.status_code, fetched.json()) == (200, published)


def test_registering_a_centre_answers_201_with_the_stored_centre(network: Network) -> None:
    with rows_written(network) as written:
        response = network.post("/api/v1/centres", json={**CENTRE, "name": " LOWE ", "municipality": " Bodzentyn "})
    assert response.status_code == 201, response.text
    centre = response.json()
    assert set(centre) == CENTRE_FIELDS | {"api_key"}
    assert_first_key(centre, "centre")
    assert uuid.UUID(centre["id"])
    assert_timestamp(centre["created_at"])
    assert (centre["name"], centre["voivodeship"], centre["municipality"]) == ("LOWE", "26", "Bodzentyn")
    assert written == {"centres.centres": 1, "centres.index_changes": 1, "gateway.api_keys": 1}
    read = network.get(f"/api/v1/centres/{centre['id']}", key=centre["api_key"]["key"])
    assert (read.status_code, read.json()) == (200, without_key(centre))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            {"name": "Wszystko"},
            {"kinds": [], "topics": [], "regions": ["26"], "nationwide": False, "delivery": "instant"},
            id="defaults-to-the-centres-region",
        ),
        pytest.param(
            {"name": "Kraj", "nationwide": True, "delivery": "daily_digest"},
            {"regions": [], "nationwide": True, "delivery": "daily_digest"},
            id="nationwide-digest",
        ),
        pytest.param(
            {"name": " Sąsiedzi ", "kinds": ["workshop", "course", "course"], "regions": ["28", "14"]},
            {"name": "Sąsiedzi", "kinds": ["course", "workshop"], "regions": ["14", "28"]},
            id="trimmed-sorted-without-repeats",
        ),
    ],
)
def test_adding_a_subscription_answers_201_with_the_stored_subscription(
    network: Network, body: dict[str, Any], expected: dict[str, Any]
) -> None:
    centre, as_centre = network.centre()
    with rows_written(network) as written:
        response = as_centre.post(f"/api/v1/centres/{centre['id']}/subscriptions", json=body)
    assert response.status_code == 201, response.text
    subscription = response.json()
    assert set(subscription) == SUBSCRIPTION_FIELDS
    assert subscription["centre_id"] == centre["id"]
    assert_timestamp(subscription["created_at"])
    assert {key: subscription[key] for key in expected} == expected
    assert written == {"centres.subscriptions": 1, "centres.index_changes": 1}


def test_a_new_centre_has_an_empty_feed_and_inbox(network: Network) -> None:
    centre, as_centre = network.centre()
    feed = as_centre.get(f"/api/v1/centres/{centre['id']}/feed")
    inbox = as_centre.get("/api/v1/notifications")
    assert (feed.status_code, feed.json()) == (200, {"items": [], "next_cursor": None})
    assert (inbox.status_code, inbox.json()) == (200, {"notifications": [], "unread": 0})


def test_a_published_opportunity_reaches_the_feed_and_inbox_of_a_matching_centre(
    network: Network, as_partner: Network
) -> None:
    centre, as_centre = network.centre()
    as_centre.create(f"/api/v1/centres/{centre['id']}/subscriptions", SUBSCRIPTION)
    opportunity = as_partner.publish(opportunity_for())

    feed = wait_for(lambda: as_centre.get(f"/api/v1/centres/{centre['id']}/feed").json()["items"], what="the feed")
    assert [set(item) for item in feed] == [FEED_ITEM_FIELDS]
    assert feed[0]["opportunity"]["id"] == opportunity["id"]
    assert feed[0]["opportunity"]["partner_name"] == PARTNER["name"]
    assert feed[0]["reasons"] == {
        "kind": "course",
        "topics": ["digital_skills"],
        "region": "26",
        "subscriptions": ["Cyfrowe"],
    }
    assert_timestamp(feed[0]["matched_at"])

    def inbox() -> dict[str, Any]:
        return as_centre.get("/api/v1/notifications").json()

    notifications = wait_for(lambda: inbox()["notifications"], what="the notification")
    assert [set(item) for item in notifications] == [{"id", "type", "title", "body", "data", "created_at", "read_at"}]
    assert notifications[0]["data"]["opportunity_id"] == opportunity["id"]
    assert notifications[0]["read_at"] is None
    assert inbox()["unread"] == 1
