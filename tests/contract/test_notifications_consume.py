"""Consumer-side contract tests: what the notifications service reads from the centres' and partners' events,
built along each producer's own path (see `tests.contract.messages`). The matches' own tests are in
`test_event_contracts`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.envelope import load_envelope
from lowe_centres import integration as centres_integration
from lowe_centres.model import FeedEntry, MatchReasons, OpportunityMatched, OpportunityUnmatched, PublishedOpportunity
from lowe_notifications.consumed import (
    PartnerDetails,
    feed_mark,
    matched_notice,
    matched_opportunity,
    partner_details,
    partner_status_notice,
    unmatched_notice,
)
from lowe_notifications.consumed_interests import closed_opportunity, interest_news, opportunity_info, withdrawal
from lowe_notifications.deadline_use_cases import OpportunityInfo
from lowe_notifications.repository import Audience
from lowe_partners.events import (
    OpportunityClosed,
    OpportunityUpdated,
    OpportunityWithdrawn,
    PartnerSuspended,
    PartnerUpdated,
    PartnerVerified,
)
from lowe_partners.interest_events import (
    InterestDeclined,
    InterestExpressed,
    InterestIds,
    InterestWaitlisted,
    InterestWithdrawn,
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
from tests.contract.test_event_contracts import consumer_test

AT = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)
IDS = InterestIds(uuid.UUID("3c1d2b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), OPPORTUNITY_ID, PARTNER_ID, CENTRE_ID)
AUDIENCE = Audience(OPPORTUNITY_ID, CENTRE_ID, "Excel for seniors", "Fundacja Cyfrowa", "LOWE Radom")


def published() -> PublishedOpportunity:
    return PublishedOpportunity(
        id=OPPORTUNITY_ID,
        partner_name="Fundacja Cyfrowa",
        kind="course",
        title="Excel for seniors",
        description="Six Saturday mornings.",
        topics=["digital_skills"],
        target_groups=["seniors"],
        regions=["14"],
        nationwide=False,
        published_at=PUBLISHED_AT,
    )


def from_centres(event: object) -> dict[str, Any]:
    return dict(load_envelope(over_the_broker("centres", event, centres_integration.to_integration_event))["data"])


def partners_data(event: object) -> dict[str, Any]:
    return dict(load_envelope(from_partners(event))["data"])


@consumer_test("centres", "opportunity_matched", 1)
def test_notifications_read_a_match_as_a_notice_to_the_centre_with_its_delivery_hint() -> None:
    reasons = MatchReasons(kind="course", topics=["digital_skills"], region="14", subscriptions=["Cyfrowe"])
    event = OpportunityMatched(CENTRE_ID, "LOWE Radom", published(), reasons, "daily_digest", MATCHED_AT)

    audience, notice = matched_notice("e-1", matched_opportunity(from_centres(event)))

    assert audience == AUDIENCE
    assert (notice.recipient_id, notice.type, notice.suggested_mode, notice.occurred_at) == (
        CENTRE_ID,
        "opportunity_matched",
        "daily_digest",
        MATCHED_AT,
    )
    assert notice.data["region_name"] == "mazowieckie" and notice.data["centre_name"] == "LOWE Radom"


@consumer_test("centres", "opportunity_unmatched", 1)
def test_notifications_read_an_unmatch_as_a_notice_to_the_centre() -> None:
    event = OpportunityUnmatched(CENTRE_ID, "LOWE Radom", published(), ["regions"], AT)

    notice = unmatched_notice("e-2", from_centres(event))

    assert (notice.recipient_id, notice.type, notice.occurred_at) == (CENTRE_ID, "opportunity_unmatched", AT)
    assert (notice.data["title"], notice.data["changed"]) == ("Excel for seniors", ["regions"])


@consumer_test("centres", "opportunity_unmatched", 1)
@pytest.mark.parametrize("field", ["centre_id", "opportunity_id", "title", "unmatched_at"])
def test_notifications_refuse_an_unmatch_without_a_field_they_need(field: str) -> None:
    data = from_centres(OpportunityUnmatched(CENTRE_ID, "LOWE Radom", published(), ["regions"], AT))
    del data[field]

    with pytest.raises(ValidationError) as caught:
        unmatched_notice("e-2", data)
    assert field in caught.value.messages


@consumer_test("partners", "partner_verified", 1)
@consumer_test("partners", "partner_suspended", 1)
@pytest.mark.parametrize(
    ("event", "kind"),
    [
        (PartnerVerified(PARTNER_ID, "Fundacja Cyfrowa", "biuro@fundacja.pl", AT), "partner_verified"),
        (PartnerSuspended(PARTNER_ID, "Fundacja Cyfrowa", "biuro@fundacja.pl", "fraud", AT), "partner_suspended"),
    ],
)
def test_notifications_read_a_partners_status_with_its_email(event: object, kind: str) -> None:
    notice = partner_status_notice("e-3", kind, partners_data(event))

    assert (notice.recipient_id, notice.recipient_type, notice.type) == (PARTNER_ID, "partner", kind)
    assert (notice.email_hint, notice.occurred_at, notice.data["name"]) == ("biuro@fundacja.pl", AT, "Fundacja Cyfrowa")


@consumer_test("partners", "partner_verified", 1)
@consumer_test("partners", "partner_suspended", 1)
@pytest.mark.parametrize("field", ["partner_id", "name", "email"])
def test_notifications_refuse_a_partners_status_without_a_field_they_need(field: str) -> None:
    data = partners_data(PartnerVerified(PARTNER_ID, "Fundacja Cyfrowa", "biuro@fundacja.pl", AT))
    del data[field]

    with pytest.raises(ValidationError) as caught:
        partner_status_notice("e-3", "partner_verified", data)
    assert field in caught.value.messages


@consumer_test("partners", "interest_expressed", 1)
@consumer_test("partners", "places_allocated", 1)
@consumer_test("partners", "interest_waitlisted", 1)
@consumer_test("partners", "interest_declined", 1)
@consumer_test("partners", "places_released", 1)
@consumer_test("partners", "interest_withdrawn", 1)
@pytest.mark.parametrize(
    ("event", "event_type", "told", "notification_type", "numbers"),
    [
        (InterestExpressed(IDS, 3, AT), "interest_expressed", PARTNER_ID, "interest_expressed", {"places": 3}),
        (PlacesAllocated(IDS, 3, 5, 1, False, AT), "places_allocated", CENTRE_ID, "allocation_decided", {"places": 3}),
        (InterestWaitlisted(IDS, 2, 4, AT), "interest_waitlisted", CENTRE_ID, "allocation_decided", {"position": 4}),
        (InterestDeclined(IDS, None, AT), "interest_declined", CENTRE_ID, "allocation_decided", {"places": None}),
        (PlacesReleased(IDS, 2, 1, 4, 6, AT), "places_released", PARTNER_ID, "places_released", {"still_held": 1}),
        (
            InterestWithdrawn(IDS, 2, AT),
            "interest_withdrawn",
            PARTNER_ID,
            "interest_withdrawn",
            {"places_released": 2, "decision": "withdrawn"},
        ),
    ],
)
def test_notifications_read_interest_news_for_whom_it_concerns(
    event: object, event_type: str, told: uuid.UUID, notification_type: str, numbers: dict[str, Any]
) -> None:
    news = interest_news("e-4", event_type, partners_data(event))
    notice = news.notice(AUDIENCE)

    assert (news.opportunity_id, news.centre_id, news.at) == (OPPORTUNITY_ID, CENTRE_ID, AT)
    assert (notice.recipient_id, notice.type, notice.data["title"]) == (told, notification_type, "Excel for seniors")
    assert numbers.items() <= notice.data.items()


@consumer_test("partners", "places_allocated", 1)
@pytest.mark.parametrize("field", ["opportunity_id", "centre_id", "partner_id", "allocated_at"])
def test_notifications_refuse_interest_news_without_a_field_they_need(field: str) -> None:
    data = partners_data(PlacesAllocated(IDS, 3, 5, 1, False, AT))
    del data[field]

    with pytest.raises(ValidationError) as caught:
        interest_news("e-4", "places_allocated", data)
    assert field in caught.value.messages


@consumer_test("partners", "opportunity_withdrawn", 1)
def test_notifications_tell_every_centre_the_withdrawn_opportunity_reached() -> None:
    found = withdrawal("e-5", partners_data(OpportunityWithdrawn(OPPORTUNITY_ID, PARTNER_ID, "partner_suspended", AT)))
    notice = found.make(AUDIENCE)

    assert found.opportunity_id == OPPORTUNITY_ID and found.make(None) is None
    assert notice is not None
    assert (notice.recipient_id, notice.type, notice.data["reason"]) == (
        CENTRE_ID,
        "opportunity_withdrawn",
        "partner_suspended",
    )


APPLY_BY = datetime(2025, 4, 20, 22, 0, tzinfo=UTC)
STARTS_AT = datetime(2025, 5, 5, 8, 0, tzinfo=UTC)


@consumer_test("partners", "opportunity_published", 1)
def test_notifications_read_a_publication_as_the_opportunitys_title_and_deadline() -> None:
    opportunity = a_published_opportunity(apply_by=APPLY_BY, starts_at=STARTS_AT)
    data = partners_data(OpportunityPublished(opportunity, "Fundacja Cyfrowa", PUBLISHED_AT))

    assert opportunity_info(data) == OpportunityInfo(OPPORTUNITY_ID, "Excel for seniors", APPLY_BY, PUBLISHED_AT)


@consumer_test("partners", "opportunity_updated", 1)
def test_notifications_read_an_update_with_the_start_as_the_deadline_when_there_is_no_apply_by() -> None:
    opportunity = a_published_opportunity(starts_at=STARTS_AT)
    data = dict(load_envelope(from_partners(OpportunityUpdated(opportunity, {"starts_at": None}, AT), "F"))["data"])

    assert opportunity_info(data) == OpportunityInfo(OPPORTUNITY_ID, "Excel for seniors", STARTS_AT, AT)


@consumer_test("partners", "opportunity_published", 1)
@pytest.mark.parametrize("field", ["opportunity_id", "title", "published_at"])
def test_notifications_refuse_a_publication_without_a_field_they_need(field: str) -> None:
    data = partners_data(OpportunityPublished(a_published_opportunity(), "Fundacja Cyfrowa", PUBLISHED_AT))
    del data[field]

    with pytest.raises(ValidationError) as caught:
        opportunity_info(data)
    assert field in caught.value.messages


@consumer_test("partners", "opportunity_closed", 1)
def test_notifications_read_a_closing_as_the_end_of_its_deadline_warnings() -> None:
    data = partners_data(OpportunityClosed(OPPORTUNITY_ID, PARTNER_ID, "places_exhausted", AT))

    assert closed_opportunity(data) == (OPPORTUNITY_ID, AT)


@consumer_test("partners", "interest_expressed", 1)
@consumer_test("partners", "interest_declined", 1)
@consumer_test("partners", "places_released", 1)
@consumer_test("partners", "interest_withdrawn", 1)
@pytest.mark.parametrize(
    ("event", "event_type", "active"),
    [
        (InterestExpressed(IDS, None, AT), "interest_expressed", True),
        (InterestDeclined(IDS, 2, AT), "interest_declined", False),
        (PlacesReleased(IDS, 2, 0, 4, 6, AT), "places_released", False),
        (PlacesReleased(IDS, 2, 1, 4, 6, AT), "places_released", None),
        (InterestWithdrawn(IDS, 0, AT), "interest_withdrawn", False),
        (InterestWithdrawn(IDS, 3, AT), "interest_withdrawn", False),
    ],
)
def test_notifications_read_whether_a_centres_claim_begins_or_ends(
    event: object, event_type: str, active: bool
) -> None:
    assert interest_news("e-6", event_type, partners_data(event)).claim_active is active


def marked(state: str, previous: str = "new") -> dict[str, Any]:
    """Along the centres' own path: a feed entry marked, its event through the outbox's contract."""
    entry = FeedEntry(uuid.uuid4(), CENTRE_ID, OPPORTUNITY_ID, {}, "instant", MATCHED_AT, state=previous)
    entry.mark(state, AT)
    [event] = entry.events
    return over_the_broker("centres", event, centres_integration.to_integration_event)


@consumer_test("centres", "feed_entry_marked", 1)
@pytest.mark.parametrize(("state", "saved"), [("saved", True), ("dismissed", False), ("seen", False), ("new", False)])
def test_notifications_read_a_marked_feed_entry_as_the_centre_watching_the_deadline_or_not(
    state: str, saved: bool
) -> None:
    previous = "new" if state != "new" else "seen"
    assert feed_mark(load_envelope(marked(state, previous))["data"]) == (OPPORTUNITY_ID, CENTRE_ID, saved, AT)


@consumer_test("centres", "feed_entry_marked", 1)
@pytest.mark.parametrize("field", ["centre_id", "opportunity_id", "state", "marked_at"])
def test_notifications_refuse_a_marked_feed_entry_without_a_field_they_need(field: str) -> None:
    data = dict(load_envelope(marked("saved"))["data"])
    del data[field]

    with pytest.raises(ValidationError) as caught:
        feed_mark(data)
    assert field in caught.value.messages


@consumer_test("partners", "interest_withdrawn", 1)
@pytest.mark.parametrize("field", ["opportunity_id", "centre_id", "partner_id", "withdrawn_at"])
def test_notifications_refuse_a_withdrawn_interest_without_a_field_they_need(field: str) -> None:
    data = partners_data(InterestWithdrawn(IDS, 0, AT))
    del data[field]

    with pytest.raises(ValidationError) as caught:
        interest_news("e-7", "interest_withdrawn", data)
    assert field in caught.value.messages


@consumer_test("partners", "partner_updated", 1)
def test_notifications_read_a_partners_update_as_its_email_as_of_when() -> None:
    event = PartnerUpdated(PARTNER_ID, "Fundacja Nowa", "biuro@nowa.pl", None, "+48 600 000 000", ("email",), AT)

    assert partner_details(partners_data(event)) == PartnerDetails(PARTNER_ID, "biuro@nowa.pl", AT)


@consumer_test("partners", "partner_updated", 1)
@pytest.mark.parametrize("field", ["partner_id", "email", "updated_at"])
def test_notifications_refuse_a_partners_update_without_a_field_they_need(field: str) -> None:
    data = partners_data(PartnerUpdated(PARTNER_ID, "Fundacja Nowa", "biuro@nowa.pl", None, None, ("name",), AT))
    del data[field]

    with pytest.raises(ValidationError) as caught:
        partner_details(data)
    assert field in caught.value.messages
