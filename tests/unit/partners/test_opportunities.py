"""Partners and their opportunities: the domain and its use cases, over in-memory fakes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from lowe_partners import use_cases
from lowe_partners.commands import CreateOpportunity, PublishOpportunity, RegisterPartner
from lowe_partners.model import AlreadyPublished, OpportunityNotFound, OpportunityPublished, PartnerNotFound
from tests.unit.partners.fakes import FakeUnitOfWork

REGISTERED_AT = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
CREATED_AT = datetime(2025, 3, 2, 10, 0, tzinfo=UTC)
PUBLISHED_AT = datetime(2025, 3, 3, 11, 30, tzinfo=UTC)


def register(uow: FakeUnitOfWork, name: str = "Fundacja Cyfrowa") -> uuid.UUID:
    cmd = RegisterPartner(name=name, sector="social", email="kontakt@fundacja.example", voivodeship="14")
    return use_cases.register_partner(cmd, uow, now=lambda: REGISTERED_AT).id


def create(uow: FakeUnitOfWork, partner_id: uuid.UUID, regions: list[str] | None = None) -> uuid.UUID:
    cmd = CreateOpportunity(
        partner_id=partner_id,
        kind="course",
        title="  Excel for seniors  ",
        description=" Six Saturday mornings. ",
        topics=["digital_skills"],
        target_groups=["seniors"],
        regions=["14"] if regions is None else regions,
    )
    return use_cases.create_opportunity(cmd, uow, now=lambda: CREATED_AT).id


def publish(uow: FakeUnitOfWork, opportunity_id: uuid.UUID) -> None:
    use_cases.publish_opportunity(PublishOpportunity(opportunity_id), uow, now=lambda: PUBLISHED_AT)


def test_registering_a_partner_stores_it_and_commits() -> None:
    uow = FakeUnitOfWork()

    partner_id = register(uow, name="  Fundacja Cyfrowa  ")

    partner = uow.partners.get(partner_id)
    assert partner is not None
    assert partner.name == "Fundacja Cyfrowa"
    assert (partner.sector, partner.voivodeship, partner.created_at) == ("social", "14", REGISTERED_AT)
    assert uow.committed


def test_creating_an_opportunity_stores_a_trimmed_draft() -> None:
    uow = FakeUnitOfWork()
    partner_id = register(uow)

    opportunity = uow.opportunities.get(create(uow, partner_id))

    assert opportunity is not None
    assert opportunity.status == "draft"
    assert opportunity.published_at is None
    assert (opportunity.title, opportunity.description) == ("Excel for seniors", "Six Saturday mornings.")
    assert opportunity.events == []


def test_creating_an_opportunity_for_an_unknown_partner_fails() -> None:
    uow = FakeUnitOfWork()

    with pytest.raises(PartnerNotFound):
        create(uow, uuid.uuid4())

    assert uow.opportunities.all() == []
    assert not uow.committed


def test_publishing_records_one_opportunity_published_event_with_its_data() -> None:
    uow = FakeUnitOfWork()
    partner_id = register(uow)
    opportunity_id = create(uow, partner_id)

    publish(uow, opportunity_id)

    assert uow.events == [
        OpportunityPublished(
            opportunity_id=opportunity_id,
            partner_id=partner_id,
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
    ]
    opportunity = uow.opportunities.get(opportunity_id)
    assert opportunity is not None
    assert (opportunity.status, opportunity.published_at) == ("published", PUBLISHED_AT)


def test_publishing_twice_is_refused_and_records_no_second_event() -> None:
    uow = FakeUnitOfWork()
    opportunity_id = create(uow, register(uow))
    publish(uow, opportunity_id)
    uow.reset()

    with pytest.raises(AlreadyPublished):
        publish(uow, opportunity_id)

    assert uow.events == []
    assert not uow.committed


def test_publishing_an_unknown_opportunity_fails() -> None:
    uow = FakeUnitOfWork()

    with pytest.raises(OpportunityNotFound):
        publish(uow, uuid.uuid4())


def test_an_opportunity_without_regions_is_nationwide() -> None:
    uow = FakeUnitOfWork()
    opportunity_id = create(uow, register(uow), regions=[])

    publish(uow, opportunity_id)

    opportunity = uow.opportunities.get(opportunity_id)
    assert opportunity is not None and opportunity.nationwide
    [event] = uow.events
    assert isinstance(event, OpportunityPublished)
    assert (event.regions, event.nationwide) == ([], True)


def test_an_opportunity_with_regions_is_not_nationwide() -> None:
    uow = FakeUnitOfWork()

    opportunity = uow.opportunities.get(create(uow, register(uow), regions=["02", "14"]))

    assert opportunity is not None and not opportunity.nationwide


def test_another_partner_cannot_publish_an_opportunity() -> None:
    uow = FakeUnitOfWork()
    opportunity = uow.opportunities.get(create(uow, register(uow)))
    stranger = uow.partners.get(register(uow, name="Someone Else"))
    assert opportunity is not None and stranger is not None

    with pytest.raises(OpportunityNotFound):
        opportunity.publish(stranger, PUBLISHED_AT)

    assert (opportunity.status, opportunity.events) == ("draft", [])


def test_getting_an_unknown_opportunity_fails() -> None:
    with pytest.raises(OpportunityNotFound):
        use_cases.get_opportunity(uuid.uuid4(), FakeUnitOfWork())
