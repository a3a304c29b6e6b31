"""Consumer-driven contract tests: what each producer publishes, each consumer loads with its own schema.

Messages are built along the producer's own path (see `tests.contract.messages`) and go through JSON as they would
through the broker. Every consumer-side test lives in this file, marked with `consumer_test`, so that the coverage
check at the end sees all of them however the tests are selected.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from marshmallow import ValidationError

from lowe_backbone.contracts import registry
from lowe_backbone.envelope import load_envelope
from lowe_centres import integration as centres_integration
from lowe_centres.commands import MatchPublishedOpportunity, RenamePartner
from lowe_centres.consumed import (
    closed_command,
    match_command,
    rename_partner_command,
    reopened_command,
    revise_command,
    withdrawn_command,
)
from lowe_centres.consumed_interests import (
    FollowInterest,
    allocated_command,
    declined_command,
    expressed_command,
    released_command,
    waitlisted_command,
)
from lowe_centres.consumed_interests import withdrawn_command as interest_withdrawn_command
from lowe_centres.model import MatchReasons, OpportunityMatched, PublishedOpportunity
from lowe_notifications.consumed import matched_opportunity
from lowe_notifications.model import MatchedOpportunity
from lowe_partners import integration as partners_integration
from lowe_partners.events import OpportunityClosed, OpportunityUpdated, OpportunityWithdrawn, PartnerUpdated
from lowe_partners.interest_events import (
    InterestDeclined,
    InterestExpressed,
    InterestIds,
    InterestWaitlisted,
    InterestWithdrawn,
    OpportunityReopened,
    PlacesAllocated,
    PlacesReleased,
)
from lowe_partners.model import OpportunityPublished
from tests.contract.messages import (
    CENTRE_ID,
    MATCHED_AT,
    OPPORTUNITY_ID,
    PARTNER_ID,
    PUBLISHED_AT,
    a_published_opportunity,
    from_partners,
    over_the_broker,
)

F = TypeVar("F", bound=Callable[..., Any])
ContractKey = tuple[str, str, int]

COVERED: dict[ContractKey, set[str]] = {}

# Registered contracts that no service consumes yet. A contract leaves this set in the change that adds its first
# consumer-side test; the coverage check below fails if one is in neither place, or in both.
NOT_CONSUMED_YET: set[ContractKey] = set()


def consumer_test(producer: str, event_type: str, version: int) -> Callable[[F], F]:
    """Marks a test as proving that a consumer loads this contract."""

    def mark(test: F) -> F:
        COVERED.setdefault((producer, event_type, version), set()).add(test.__name__)
        return test

    return mark


def opportunity_published(regions: list[str] | None = None) -> dict[str, Any]:
    opportunity = a_published_opportunity(regions=["02", "14"] if regions is None else regions)
    event = OpportunityPublished(opportunity, "Fundacja Cyfrowa", PUBLISHED_AT)
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
        partner_id=PARTNER_ID,
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


# the lifecycle of an opportunity after its publication, as the centres service reads it
LIFECYCLE_AT = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def data_of(message: dict[str, object]) -> dict[str, object]:
    return dict(load_envelope(message)["data"])


@consumer_test("partners", "opportunity_updated", 1)
def test_centres_read_an_update_as_the_current_opportunity_and_what_changed() -> None:
    opportunity = a_published_opportunity(title="Excel dla seniorów", regions=["14"])
    message = from_partners(
        OpportunityUpdated(opportunity, {"title": opportunity.title}, LIFECYCLE_AT), "Fundacja Cyfrowa"
    )

    cmd = revise_command(data_of(message))

    assert cmd.changed == ["title"]
    assert (cmd.opportunity.opportunity_id, cmd.opportunity.title) == (OPPORTUNITY_ID, "Excel dla seniorów")
    assert (cmd.opportunity.partner_name, cmd.opportunity.regions, cmd.opportunity.nationwide) == (
        "Fundacja Cyfrowa",
        ["14"],
        False,
    )


@consumer_test("partners", "opportunity_withdrawn", 1)
def test_centres_read_a_withdrawal_with_its_reason_and_time() -> None:
    message = from_partners(OpportunityWithdrawn(OPPORTUNITY_ID, PARTNER_ID, "partner_suspended", LIFECYCLE_AT))

    cmd = withdrawn_command(data_of(message))

    assert (cmd.opportunity_id, cmd.status, cmd.reason, cmd.at) == (
        OPPORTUNITY_ID,
        "withdrawn",
        "partner_suspended",
        LIFECYCLE_AT,
    )


@consumer_test("partners", "opportunity_closed", 1)
def test_centres_read_a_closing_with_its_reason_and_time() -> None:
    message = from_partners(OpportunityClosed(OPPORTUNITY_ID, PARTNER_ID, "places_exhausted", LIFECYCLE_AT))

    cmd = closed_command(data_of(message))

    assert (cmd.opportunity_id, cmd.status, cmd.reason, cmd.at) == (
        OPPORTUNITY_ID,
        "closed",
        "places_exhausted",
        LIFECYCLE_AT,
    )


@consumer_test("partners", "opportunity_reopened", 1)
def test_centres_read_a_reopening_with_its_time() -> None:
    message = from_partners(OpportunityReopened(OPPORTUNITY_ID, PARTNER_ID, "places_freed", 2, LIFECYCLE_AT))

    cmd = reopened_command(data_of(message))

    assert (cmd.opportunity_id, cmd.at) == (OPPORTUNITY_ID, LIFECYCLE_AT)


@consumer_test("partners", "opportunity_closed", 1)
@pytest.mark.parametrize("field", ["opportunity_id", "reason", "closed_at"])
def test_centres_refuse_a_closing_without_a_field_they_need(field: str) -> None:
    data = data_of(from_partners(OpportunityClosed(OPPORTUNITY_ID, PARTNER_ID, "deadline_passed", LIFECYCLE_AT)))
    del data[field]

    with pytest.raises(ValidationError):
        closed_command(data)


# the centres' feeds follow each centre's interest: every interest event is news about one interest
INTEREST_IDS = InterestIds(uuid.UUID("3f9a3a59-54b4-4d8e-a8d5-6e8e7d7f0b11"), OPPORTUNITY_ID, PARTNER_ID, CENTRE_ID)


def followed(event: object, read: Callable[[dict[str, Any]], FollowInterest]) -> tuple[object, ...]:
    cmd = read(data_of(from_partners(event)))
    assert (cmd.centre_id, cmd.opportunity_id, cmd.update.interest_id) == (
        CENTRE_ID,
        OPPORTUNITY_ID,
        INTEREST_IDS.interest_id,
    )
    update = cmd.update
    return update.status, update.at, update.places_requested, update.places_allocated, update.waitlist_position


@consumer_test("partners", "interest_expressed", 1)
def test_centres_read_an_expressed_interest_as_requested_with_the_places_asked() -> None:
    assert followed(InterestExpressed(INTEREST_IDS, 4, LIFECYCLE_AT), expressed_command) == (
        "requested",
        LIFECYCLE_AT,
        4,
        None,
        None,
    )
    assert followed(InterestExpressed(INTEREST_IDS, None, LIFECYCLE_AT), expressed_command)[2] is None


@consumer_test("partners", "places_allocated", 1)
def test_centres_read_an_allocation_with_the_places_the_interest_holds() -> None:
    allocated = PlacesAllocated(INTEREST_IDS, 3, 10, 2, True, LIFECYCLE_AT)

    assert followed(allocated, allocated_command) == ("allocated", LIFECYCLE_AT, 3, 3, None)


@consumer_test("partners", "interest_waitlisted", 1)
def test_centres_read_a_waitlisting_with_its_position() -> None:
    waiting = InterestWaitlisted(INTEREST_IDS, 5, 2, LIFECYCLE_AT)

    assert followed(waiting, waitlisted_command) == ("waitlisted", LIFECYCLE_AT, 5, 0, 2)


@consumer_test("partners", "interest_declined", 1)
def test_centres_read_a_declined_interest() -> None:
    assert followed(InterestDeclined(INTEREST_IDS, None, LIFECYCLE_AT), declined_command) == (
        "declined",
        LIFECYCLE_AT,
        None,
        0,
        None,
    )


@consumer_test("partners", "places_released", 1)
def test_centres_read_a_release_of_every_place_as_released_and_of_some_as_still_allocated() -> None:
    every = PlacesReleased(INTEREST_IDS, 3, 0, 7, 3, LIFECYCLE_AT)
    some = PlacesReleased(INTEREST_IDS, 1, 2, 9, 1, LIFECYCLE_AT)

    assert followed(every, released_command) == ("released", LIFECYCLE_AT, None, 0, None)
    assert followed(some, released_command) == ("allocated", LIFECYCLE_AT, None, 2, None)


@consumer_test("partners", "places_allocated", 1)
@consumer_test("partners", "places_released", 1)
@pytest.mark.parametrize(
    ("event", "read", "field"),
    [
        (InterestExpressed(INTEREST_IDS, 1, LIFECYCLE_AT), expressed_command, "expressed_at"),
        (PlacesAllocated(INTEREST_IDS, 1, 1, None, False, LIFECYCLE_AT), allocated_command, "centre_id"),
        (InterestWaitlisted(INTEREST_IDS, 1, 1, LIFECYCLE_AT), waitlisted_command, "position"),
        (InterestDeclined(INTEREST_IDS, 1, LIFECYCLE_AT), declined_command, "interest_id"),
        (PlacesReleased(INTEREST_IDS, 1, 0, 0, None, LIFECYCLE_AT), released_command, "still_held"),
    ],
)
def test_centres_refuse_interest_news_without_a_field_they_need(
    event: object, read: Callable[[dict[str, Any]], FollowInterest], field: str
) -> None:
    data = data_of(from_partners(event))
    del data[field]

    with pytest.raises(ValidationError) as caught:
        read(data)

    assert field in caught.value.messages


@consumer_test("partners", "interest_withdrawn", 1)
def test_centres_read_a_withdrawn_interest_as_holding_nothing() -> None:
    withdrawn = InterestWithdrawn(INTEREST_IDS, 3, LIFECYCLE_AT)

    assert followed(withdrawn, interest_withdrawn_command) == ("withdrawn", LIFECYCLE_AT, None, 0, None)
    data = data_of(from_partners(withdrawn))
    del data["withdrawn_at"]
    with pytest.raises(ValidationError):
        interest_withdrawn_command(data)


@consumer_test("partners", "partner_updated", 1)
def test_centres_read_a_partners_update_as_its_new_name_as_of_when() -> None:
    at = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    event = PartnerUpdated(PARTNER_ID, "Fundacja Nowa", "biuro@nowa.pl", "Anna Nowak", None, ("email", "name"), at)

    assert rename_partner_command(data_of(from_partners(event))) == RenamePartner(PARTNER_ID, "Fundacja Nowa", at)


@consumer_test("partners", "partner_updated", 1)
@pytest.mark.parametrize("field", ["partner_id", "name", "updated_at"])
def test_centres_refuse_a_partners_update_without_a_field_they_need(field: str) -> None:
    at = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    data = data_of(
        from_partners(PartnerUpdated(PARTNER_ID, "Fundacja Nowa", "biuro@nowa.pl", None, None, ("name",), at))
    )
    del data[field]

    with pytest.raises(ValidationError) as caught:
        rename_partner_command(data)
    assert field in caught.value.messages


@consumer_test("partners", "opportunity_updated", 1)
def test_centres_read_an_updates_time_and_the_partner_it_belongs_to() -> None:
    opportunity = a_published_opportunity()
    at = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    cmd = revise_command(data_of(from_partners(OpportunityUpdated(opportunity, {"title": "x"}, at), "Fundacja")))

    assert (cmd.at, cmd.opportunity.partner_id, cmd.opportunity.partner_name) == (at, PARTNER_ID, "Fundacja")


def test_every_registered_contract_has_a_consumer_side_test_or_is_known_not_to_be_consumed_yet() -> None:
    # the registry keeps its table private; it is the one list of every (producer, type, version)
    registered = set(registry._SCHEMAS)

    assert registered, "the registry lists no contracts"
    assert registered - set(COVERED) - NOT_CONSUMED_YET == set(), "contracts with no consumer-side test"


def test_a_contract_with_a_consumer_side_test_is_not_listed_as_not_consumed_yet() -> None:
    assert set(COVERED) & NOT_CONSUMED_YET == set(), "consumed now: take these out of NOT_CONSUMED_YET"


def test_consumer_tests_and_the_not_consumed_list_name_only_registered_contracts() -> None:
    registered = set(registry._SCHEMAS)

    assert set(COVERED) - registered == set(), "tests for contracts the registry does not know"
    assert NOT_CONSUMED_YET - registered == set(), "NOT_CONSUMED_YET names contracts the registry does not know"
