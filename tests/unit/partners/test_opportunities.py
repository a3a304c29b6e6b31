"""Partners and their opportunities: registering, creating and publishing through the use cases, over fakes."""

from __future__ import annotations

import uuid

import pytest

from lowe_partners import use_cases
from lowe_partners.commands import CreateOpportunity, PublishOpportunity, RegisterPartner, VerifyPartner
from lowe_partners.model import (
    AlreadyPublished,
    OpportunityNotFound,
    OpportunityPublished,
    PartnerNotFound,
    UnknownPartner,
)
from tests.unit.partners.fakes import CREATED_AT, NOW, REGISTERED_AT, FakeUnitOfWork


def register(uow: FakeUnitOfWork, name: str = "Fundacja Cyfrowa", verified: bool = True) -> uuid.UUID:
    cmd = RegisterPartner(name=name, sector="social", email="kontakt@fundacja.example", voivodeship="14")
    partner_id = use_cases.register_partner(cmd, uow, now=lambda: REGISTERED_AT).id
    if verified:
        use_cases.verify_partner(VerifyPartner(partner_id), uow, now=lambda: REGISTERED_AT)
    uow.reset()
    return partner_id


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
    use_cases.publish_opportunity(PublishOpportunity(opportunity_id), uow, now=lambda: NOW)


def test_registering_a_partner_stores_a_pending_partner_and_commits() -> None:
    uow = FakeUnitOfWork()
    cmd = RegisterPartner(name="  Fundacja Cyfrowa  ", sector="social", email="a@b.example", voivodeship="14")

    partner = use_cases.register_partner(cmd, uow, now=lambda: REGISTERED_AT)

    assert partner.name == "Fundacja Cyfrowa"
    assert (partner.sector, partner.voivodeship, partner.created_at) == ("social", "14", REGISTERED_AT)
    assert (partner.status, partner.verified) == ("pending", False)
    assert uow.partners.all() == [partner]
    assert uow.committed
    assert uow.events == []


def test_getting_a_partner_returns_it_and_an_unknown_one_fails() -> None:
    uow = FakeUnitOfWork()
    partner_id = register(uow)

    assert use_cases.get_partner(partner_id, uow).id == partner_id
    with pytest.raises(PartnerNotFound):
        use_cases.get_partner(uuid.uuid4(), uow)


def test_creating_an_opportunity_stores_a_trimmed_draft() -> None:
    uow = FakeUnitOfWork()
    partner_id = register(uow)

    opportunity = uow.opportunities.get(create(uow, partner_id))

    assert opportunity is not None
    assert opportunity.status == "draft"
    assert opportunity.published_at is None
    assert (opportunity.title, opportunity.description) == ("Excel for seniors", "Six Saturday mornings.")
    assert (opportunity.delivery_mode, opportunity.languages, opportunity.free) == ("on_site", ["pl"], True)
    assert opportunity.events == []
    assert uow.events == []


def test_a_pending_partner_may_already_prepare_drafts() -> None:
    uow = FakeUnitOfWork()

    opportunity = uow.opportunities.get(create(uow, register(uow, verified=False)))

    assert opportunity is not None and opportunity.status == "draft"


def test_creating_an_opportunity_for_an_unknown_partner_fails() -> None:
    uow = FakeUnitOfWork()

    with pytest.raises(UnknownPartner):
        create(uow, uuid.uuid4())

    assert uow.opportunities.all() == []
    assert not uow.committed


def test_publishing_records_one_opportunity_published_event_carrying_the_opportunity() -> None:
    uow = FakeUnitOfWork()
    opportunity_id = create(uow, register(uow))
    uow.reset()

    publish(uow, opportunity_id)

    opportunity = uow.opportunities.get(opportunity_id)
    assert opportunity is not None
    assert uow.events == [OpportunityPublished(opportunity, "Fundacja Cyfrowa", NOW)]
    assert (opportunity.status, opportunity.published_at) == ("published", NOW)
    assert uow.committed


def test_publishing_claims_the_partner_so_a_concurrent_suspension_cannot_slip_in_between() -> None:
    uow = FakeUnitOfWork()
    partner_id = register(uow)
    opportunity_id = create(uow, partner_id)
    uow.partners.locked.clear()

    publish(uow, opportunity_id)

    assert uow.partners.locked == {partner_id}


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


def test_an_opportunity_without_regions_is_published_as_nationwide() -> None:
    uow = FakeUnitOfWork()
    opportunity_id = create(uow, register(uow), regions=[])

    publish(uow, opportunity_id)

    [event] = uow.events
    assert isinstance(event, OpportunityPublished)
    assert (event.opportunity.regions, event.opportunity.nationwide) == ([], True)


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
        opportunity.publish(stranger, NOW)

    assert (opportunity.status, opportunity.events) == ("draft", [])


def test_getting_an_opportunity_returns_it_and_an_unknown_one_fails() -> None:
    uow = FakeUnitOfWork()
    opportunity_id = create(uow, register(uow))

    assert use_cases.get_opportunity(opportunity_id, uow).id == opportunity_id
    with pytest.raises(OpportunityNotFound):
        use_cases.get_opportunity(uuid.uuid4(), uow)
