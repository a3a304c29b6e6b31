"""Consumer-driven contract tests: what each producer publishes, each consumer loads with its own schema.

Messages are built along the producer's own path (domain event -> `to_integration_event` -> the registry's
`validated_payload` -> `Envelope.to_message()`) and go through JSON as they would through the broker.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from marshmallow import ValidationError

from lowe_backbone.contracts import registry
from lowe_backbone.envelope import Envelope, load_envelope
from lowe_centres import integration as centres_integration
from lowe_centres.commands import MatchPublishedOpportunity
from lowe_centres.consumed import match_command
from lowe_centres.model import MatchReasons, OpportunityMatched, PublishedOpportunity
from lowe_notifications.consumed import matched_opportunity
from lowe_notifications.model import MatchedOpportunity
from lowe_partners import integration as partners_integration
from lowe_partners.model import OpportunityPublished

F = TypeVar("F", bound=Callable[..., Any])
ContractKey = tuple[str, str, int]

OPPORTUNITY_ID = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")
PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")
CENTRE_ID = uuid.UUID("a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55")
PUBLISHED_AT = datetime(2025, 3, 3, 11, 30, tzinfo=UTC)
MATCHED_AT = datetime(2025, 3, 3, 11, 31, tzinfo=UTC)

COVERED: dict[ContractKey, set[str]] = {}


def consumer_test(producer: str, event_type: str, version: int) -> Callable[[F], F]:
    """Marks a test as proving that a consumer loads this contract."""

    def mark(test: F) -> F:
        COVERED.setdefault((producer, event_type, version), set()).add(test.__name__)
        return test

    return mark


def over_the_broker(producer: str, event: object, to_integration_event: Callable[[object], Any]) -> dict[str, Any]:
    event_type, version, data = to_integration_event(event)
    payload = registry.validated_payload(producer, event_type, version, data)
    message = Envelope(event_type, version, producer, "corr-1", payload).to_message()
    delivered: dict[str, Any] = json.loads(json.dumps(message))
    return delivered


def opportunity_published(regions: list[str] | None = None) -> dict[str, Any]:
    regions = ["02", "14"] if regions is None else regions
    event = OpportunityPublished(
        opportunity_id=OPPORTUNITY_ID,
        partner_id=PARTNER_ID,
        partner_name="Fundacja Cyfrowa",
        kind="course",
        title="Excel for seniors",
        description="Six Saturday mornings.",
        topics=["digital_skills", "languages"],
        target_groups=["seniors"],
        regions=regions,
        nationwide=not regions,
        published_at=PUBLISHED_AT,
    )
    return over_the_broker("partners", event, partners_integration.to_integration_event)


def opportunity_matched(region: str = "14", topics: list[str] | None = None) -> dict[str, Any]:
    opportunity = PublishedOpportunity(
        id=OPPORTUNITY_ID,
        partner_name="Fundacja Cyfrowa",
        kind="course",
        title="Excel for seniors",
        description="Six Saturday mornings.",
        topics=["digital_skills", "languages"],
        target_groups=["seniors"],
        regions=["02", "14"],
        nationwide=False,
        published_at=PUBLISHED_AT,
    )
    reasons = MatchReasons(
        kind="course", topics=["languages"] if topics is None else topics, region=region, subscriptions=["all", "lang"]
    )
    event = OpportunityMatched(CENTRE_ID, "LOWE Radom", opportunity, reasons, "daily_digest", MATCHED_AT)
    return over_the_broker("centres", event, centres_integration.to_integration_event)


@consumer_test("partners", "opportunity_published", 1)
def test_centres_turn_opportunity_published_into_a_match_command() -> None:
    envelope = load_envelope(opportunity_published())

    assert (envelope["type"], envelope["version"], envelope["producer"]) == ("opportunity_published", 1, "partners")
    assert match_command(envelope["data"]) == MatchPublishedOpportunity(
        opportunity_id=OPPORTUNITY_ID,
        partner_name="Fundacja Cyfrowa",
        kind="course",
        title="Excel for seniors",
        description="Six Saturday mornings.",
        topics=["digital_skills", "languages"],
        target_groups=["seniors"],
        regions=["02", "14"],
        nationwide=False,
        published_at=PUBLISHED_AT,
    )


@consumer_test("partners", "opportunity_published", 1)
def test_centres_read_a_nationwide_opportunity_as_nationwide() -> None:
    cmd = match_command(load_envelope(opportunity_published(regions=[]))["data"])

    assert (cmd.regions, cmd.nationwide) == ([], True)


@consumer_test("partners", "opportunity_published", 1)
def test_centres_read_an_opportunity_naming_no_regions_as_nationwide_whatever_the_flag_says() -> None:
    message = opportunity_published(regions=[])
    message["data"]["nationwide"] = False

    assert match_command(load_envelope(message)["data"]).nationwide is True


@consumer_test("partners", "opportunity_published", 1)
def test_centres_ignore_fields_a_producer_adds_to_opportunity_published() -> None:
    message = opportunity_published()
    message["data"]["application_deadline"] = "2025-04-01"

    assert match_command(load_envelope(message)["data"]).opportunity_id == OPPORTUNITY_ID


@consumer_test("partners", "opportunity_published", 1)
@pytest.mark.parametrize(
    "field", ["opportunity_id", "kind", "title", "topics", "regions", "nationwide", "published_at"]
)
def test_centres_refuse_opportunity_published_without_a_field_they_need(field: str) -> None:
    message = opportunity_published()
    del message["data"][field]

    with pytest.raises(ValidationError) as caught:
        match_command(load_envelope(message)["data"])

    assert field in caught.value.messages


@consumer_test("centres", "opportunity_matched", 1)
def test_notifications_turn_opportunity_matched_into_a_matched_opportunity() -> None:
    envelope = load_envelope(opportunity_matched())

    assert (envelope["type"], envelope["version"], envelope["producer"]) == ("opportunity_matched", 1, "centres")
    assert matched_opportunity(envelope["data"]) == MatchedOpportunity(
        centre_id=CENTRE_ID,
        opportunity_id=OPPORTUNITY_ID,
        title="Excel for seniors",
        kind="course",
        partner_name="Fundacja Cyfrowa",
        topics=["languages"],
        region="14",
        subscriptions=["all", "lang"],
    )


@consumer_test("centres", "opportunity_matched", 1)
def test_notifications_read_a_nationwide_match_with_no_topics() -> None:
    matched = matched_opportunity(load_envelope(opportunity_matched(region="nationwide", topics=[]))["data"])

    assert (matched.region, matched.topics) == ("nationwide", [])


@consumer_test("centres", "opportunity_matched", 1)
def test_notifications_ignore_fields_a_producer_adds_to_opportunity_matched() -> None:
    message = opportunity_matched()
    message["data"]["score"] = 0.9
    message["data"]["reasons"]["target_groups"] = ["seniors"]

    assert matched_opportunity(load_envelope(message)["data"]).region == "14"


@consumer_test("centres", "opportunity_matched", 1)
@pytest.mark.parametrize("field", ["centre_id", "opportunity_id", "title", "kind", "partner_name", "reasons"])
def test_notifications_refuse_opportunity_matched_without_a_field_they_need(field: str) -> None:
    message = opportunity_matched()
    del message["data"][field]

    with pytest.raises(ValidationError) as caught:
        matched_opportunity(load_envelope(message)["data"])

    assert field in caught.value.messages


@consumer_test("centres", "opportunity_matched", 1)
def test_notifications_refuse_match_reasons_without_a_region() -> None:
    message = opportunity_matched()
    del message["data"]["reasons"]["region"]

    with pytest.raises(ValidationError) as caught:
        matched_opportunity(load_envelope(message)["data"])

    assert caught.value.messages == {"reasons": {"region": ["Missing data for required field."]}}


def test_every_registered_contract_has_a_consumer_side_test() -> None:
    # the registry keeps its table private; it is the one list of every (producer, type, version)
    registered = set(registry._SCHEMAS)

    assert registered, "the registry lists no contracts"
    assert registered - set(COVERED) == set(), "contracts with no consumer-side test in this file"
    assert set(COVERED) - registered == set(), "tests for contracts the registry does not know"
