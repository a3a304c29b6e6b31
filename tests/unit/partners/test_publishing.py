"""Publishing: only a verified partner's draft, with no date in the past and a schedule that holds together."""

from __future__ import annotations

from typing import Any

import pytest

from lowe_partners import use_cases
from lowe_partners.commands import CreateOpportunity, PublishOpportunity
from lowe_partners.model import (
    AlreadyPublished,
    InvalidOpportunity,
    Opportunity,
    OpportunityPublished,
    Partner,
    PartnerNotFound,
    PartnerNotVerified,
)
from tests.unit.partners.fakes import DAY, NOW, FakeUnitOfWork, a_partner, an_opportunity

STARTS = NOW + 10 * DAY
PAST = NOW - DAY


def publish(partner: Partner, opportunity: Opportunity) -> FakeUnitOfWork:
    uow = FakeUnitOfWork(partners=[partner], opportunities=[opportunity])
    use_cases.publish_opportunity(PublishOpportunity(opportunity.id), uow, now=lambda: NOW)
    return uow


def refused_fields(partner: Partner, opportunity: Opportunity) -> set[str]:
    with pytest.raises(InvalidOpportunity) as caught:
        opportunity.publish(partner, NOW)
    assert (opportunity.status, opportunity.published_at, opportunity.events) == ("draft", None, [])
    return set(caught.value.problems)


def test_a_verified_partner_publishes_a_draft_with_a_coherent_future_schedule() -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner, apply_by=STARTS - DAY, starts_at=STARTS, ends_at=STARTS + DAY)

    uow = publish(partner, opportunity)

    assert (opportunity.status, opportunity.published_at) == ("published", NOW)
    assert uow.events == [OpportunityPublished(opportunity, partner.name, NOW)]


def test_applications_may_close_at_the_start_and_an_opportunity_may_end_when_it_starts() -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner, apply_by=STARTS, starts_at=STARTS, ends_at=STARTS)

    opportunity.publish(partner, NOW)

    assert opportunity.status == "published"


def test_an_opportunity_without_any_date_may_be_published() -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner)

    opportunity.publish(partner, NOW)

    assert (opportunity.status, opportunity.deadline) == ("published", None)


@pytest.mark.parametrize("status", ["pending", "suspended"])
def test_a_partner_that_is_not_verified_cannot_publish(status: str) -> None:
    partner = a_partner(status=status)
    opportunity = an_opportunity(partner, starts_at=STARTS)
    uow = FakeUnitOfWork(partners=[partner], opportunities=[opportunity])

    with pytest.raises(PartnerNotVerified):
        use_cases.publish_opportunity(PublishOpportunity(opportunity.id), uow, now=lambda: NOW)

    assert (opportunity.status, opportunity.published_at) == ("draft", None)
    assert (uow.events, uow.committed) == ([], False)


def test_publishing_an_opportunity_whose_partner_is_gone_fails() -> None:
    opportunity = an_opportunity(a_partner())
    uow = FakeUnitOfWork(opportunities=[opportunity])

    with pytest.raises(PartnerNotFound):
        use_cases.publish_opportunity(PublishOpportunity(opportunity.id), uow, now=lambda: NOW)

    assert opportunity.status == "draft"


@pytest.mark.parametrize("finished", ["withdrawn", "closed"])
def test_a_finished_opportunity_cannot_be_published_again(finished: str) -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner, status=finished)

    with pytest.raises(AlreadyPublished):
        opportunity.publish(partner, NOW)

    assert (opportunity.status, opportunity.events) == (finished, [])


@pytest.mark.parametrize("field", ["apply_by", "starts_at", "ends_at"])
def test_publishing_with_a_date_in_the_past_is_refused_naming_it(field: str) -> None:
    partner = a_partner()

    assert refused_fields(partner, an_opportunity(partner, "draft", **{field: PAST})) == {field}


def test_a_date_at_the_moment_of_publishing_already_counts_as_past() -> None:
    partner = a_partner()

    assert refused_fields(partner, an_opportunity(partner, starts_at=NOW)) == {"starts_at"}


def test_publishing_with_every_date_in_the_past_names_each_of_them() -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner, apply_by=PAST - DAY, starts_at=PAST, ends_at=PAST)

    assert refused_fields(partner, opportunity) == {"apply_by", "starts_at", "ends_at"}


@pytest.mark.parametrize(
    ("schedule", "named"),
    [
        ({"apply_by": STARTS + DAY, "starts_at": STARTS}, {"apply_by"}),
        ({"starts_at": STARTS, "ends_at": STARTS - DAY}, {"ends_at"}),
        ({"apply_by": STARTS + DAY, "starts_at": STARTS, "ends_at": STARTS - DAY}, {"apply_by", "ends_at"}),
    ],
)
def test_publishing_a_schedule_out_of_order_is_refused_naming_the_wrong_dates(
    schedule: dict[str, Any], named: set[str]
) -> None:
    partner = a_partner()

    assert refused_fields(partner, an_opportunity(partner, **schedule)) == named


def test_applications_closing_after_an_end_with_no_start_are_not_a_schedule_conflict() -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner, apply_by=STARTS + DAY, ends_at=STARTS)

    opportunity.publish(partner, NOW)

    assert opportunity.status == "published"


def creating(**schedule: Any) -> tuple[FakeUnitOfWork, CreateOpportunity]:
    partner = a_partner()
    cmd = CreateOpportunity(
        partner_id=partner.id,
        kind="course",
        title="Excel for seniors",
        description="Six Saturday mornings.",
        topics=["digital_skills"],
        target_groups=[],
        regions=[],
        **schedule,
    )
    return FakeUnitOfWork(partners=[partner]), cmd


@pytest.mark.parametrize(
    ("schedule", "named"),
    [
        ({"apply_by": STARTS + DAY, "starts_at": STARTS}, {"apply_by"}),
        ({"starts_at": STARTS, "ends_at": STARTS - DAY}, {"ends_at"}),
    ],
)
def test_creating_a_schedule_out_of_order_is_refused_and_stores_nothing(
    schedule: dict[str, Any], named: set[str]
) -> None:
    uow, cmd = creating(**schedule)

    with pytest.raises(InvalidOpportunity) as caught:
        use_cases.create_opportunity(cmd, uow, now=lambda: NOW)

    assert set(caught.value.problems) == named
    assert (uow.opportunities.all(), uow.committed) == ([], False)


def test_a_draft_may_be_created_with_dates_in_the_past() -> None:
    uow, cmd = creating(apply_by=PAST - DAY, starts_at=PAST)

    opportunity = use_cases.create_opportunity(cmd, uow, now=lambda: NOW)

    assert (opportunity.status, opportunity.deadline) == ("draft", PAST - DAY)
