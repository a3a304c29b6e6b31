"""A partner's status: pending until verified, and suspension withdrawing everything it has open."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from lowe_partners import use_cases
from lowe_partners.commands import SuspendPartner, VerifyPartner
from lowe_partners.model import OpportunityWithdrawn, PartnerNotFound, PartnerSuspended, PartnerVerified
from tests.unit.partners.fakes import DAY, NOW, FakeUnitOfWork, a_partner, an_opportunity


def verify(uow: FakeUnitOfWork, partner_id: uuid.UUID) -> None:
    use_cases.verify_partner(VerifyPartner(partner_id), uow, now=lambda: NOW)


def suspend(uow: FakeUnitOfWork, partner_id: uuid.UUID, reason: str = "Fake organisation.") -> None:
    use_cases.suspend_partner(SuspendPartner(partner_id, reason), uow, now=lambda: NOW)


def test_a_new_partner_is_pending_and_not_verified() -> None:
    partner = a_partner(status="pending")

    assert (partner.status, partner.verified, partner.status_changed_at) == ("pending", False, None)


def test_verifying_a_pending_partner_records_when_and_one_partner_verified_event() -> None:
    partner = a_partner(status="pending")

    partner.verify(NOW)

    assert (partner.status, partner.verified, partner.status_changed_at) == ("verified", True, NOW)
    assert partner.events == [PartnerVerified(partner.id, "Fundacja Cyfrowa", "kontakt@fundacja.example", NOW)]


def test_verifying_a_verified_partner_again_changes_nothing_and_records_no_event() -> None:
    partner = a_partner(status="pending")
    partner.verify(NOW)

    partner.verify(NOW + DAY)

    assert (partner.status, partner.status_changed_at) == ("verified", NOW)
    assert len(partner.events) == 1


def test_a_suspended_partner_verified_again_is_verified() -> None:
    partner = a_partner(status="suspended")

    partner.verify(NOW)

    assert partner.verified
    assert partner.events == [PartnerVerified(partner.id, partner.name, partner.email, NOW)]


@pytest.mark.parametrize("status", ["pending", "verified"])
def test_suspending_a_partner_records_the_reason_in_one_partner_suspended_event(status: str) -> None:
    partner = a_partner(status=status)

    partner.suspend("Fake organisation.", NOW)

    assert (partner.status, partner.verified, partner.status_changed_at) == ("suspended", False, NOW)
    assert partner.events == [
        PartnerSuspended(partner.id, "Fundacja Cyfrowa", "kontakt@fundacja.example", "Fake organisation.", NOW)
    ]


def test_suspending_a_suspended_partner_again_changes_nothing_and_records_no_event() -> None:
    partner = a_partner()
    partner.suspend("Fake organisation.", NOW)

    partner.suspend("Another reason.", NOW + DAY)

    assert (partner.status, partner.status_changed_at) == ("suspended", NOW)
    assert len(partner.events) == 1


def test_the_verify_use_case_commits_the_partner_verified_event_once() -> None:
    partner = a_partner(status="pending")
    uow = FakeUnitOfWork(partners=[partner])

    verify(uow, partner.id)
    verify(uow, partner.id)

    assert uow.events == [PartnerVerified(partner.id, partner.name, partner.email, NOW)]
    assert partner.verified and uow.committed
    assert uow.partners.locked == {partner.id}


@pytest.mark.parametrize("change", [verify, suspend])
def test_changing_the_status_of_an_unknown_partner_fails(change: Callable[[FakeUnitOfWork, uuid.UUID], None]) -> None:
    uow = FakeUnitOfWork()

    with pytest.raises(PartnerNotFound):
        change(uow, uuid.uuid4())

    assert not uow.committed


def test_suspending_withdraws_every_open_opportunity_of_the_partner_with_one_event_each() -> None:
    partner = a_partner()
    first, second = an_opportunity(partner, status="published"), an_opportunity(partner, status="published")
    uow = FakeUnitOfWork(partners=[partner], opportunities=[first, second])

    suspend(uow, partner.id)

    assert (first.status, first.finished_at, first.finish_reason) == ("withdrawn", NOW, "partner_suspended")
    assert (second.status, second.finished_at, second.finish_reason) == ("withdrawn", NOW, "partner_suspended")
    assert uow.events[0] == PartnerSuspended(partner.id, partner.name, partner.email, "Fake organisation.", NOW)
    assert len(uow.events) == 3
    assert set(uow.events[1:]) == {
        OpportunityWithdrawn(first.id, partner.id, "partner_suspended", NOW),
        OpportunityWithdrawn(second.id, partner.id, "partner_suspended", NOW),
    }
    assert uow.committed


def test_suspending_leaves_drafts_and_finished_opportunities_as_they_were() -> None:
    partner = a_partner()
    draft = an_opportunity(partner)
    closed = an_opportunity(partner, status="closed", finish_reason="deadline_passed")
    withdrawn = an_opportunity(partner, status="withdrawn", finish_reason="withdrawn_by_partner")
    uow = FakeUnitOfWork(partners=[partner], opportunities=[draft, closed, withdrawn])

    suspend(uow, partner.id)

    assert [draft.status, closed.status, withdrawn.status] == ["draft", "closed", "withdrawn"]
    assert [closed.finish_reason, withdrawn.finish_reason] == ["deadline_passed", "withdrawn_by_partner"]
    assert [type(event) for event in uow.events] == [PartnerSuspended]


def test_suspending_a_partner_leaves_other_partners_opportunities_open() -> None:
    partner, other = a_partner(), a_partner(name="Someone Else")
    theirs = an_opportunity(other, status="published")
    uow = FakeUnitOfWork(partners=[partner, other], opportunities=[theirs])

    suspend(uow, partner.id)

    assert theirs.status == "published"
    assert [type(event) for event in uow.events] == [PartnerSuspended]


def test_suspending_twice_records_the_suspension_and_the_withdrawals_only_once() -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner, status="published")
    uow = FakeUnitOfWork(partners=[partner], opportunities=[opportunity])
    suspend(uow, partner.id)
    uow.reset()

    suspend(uow, partner.id, reason="Again.")

    assert uow.events == []
    assert (partner.status_changed_at, opportunity.finished_at) == (NOW, NOW)
