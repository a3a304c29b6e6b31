"""The end of an opportunity: withdrawn by its partner, or closed once applications are over."""

from __future__ import annotations

import uuid

import pytest

from lowe_partners import use_cases
from lowe_partners.commands import WithdrawOpportunity
from lowe_partners.model import NotChangeable, OpportunityClosed, OpportunityNotFound, OpportunityWithdrawn
from tests.unit.partners.fakes import DAY, NOW, FakeUnitOfWork, a_partner, an_opportunity

LATER = NOW + 5 * DAY


def withdraw(uow: FakeUnitOfWork, opportunity_id: uuid.UUID) -> None:
    use_cases.withdraw_opportunity(WithdrawOpportunity(opportunity_id), uow, now=lambda: NOW)


def test_withdrawing_a_draft_finishes_it_and_records_the_transition_too() -> None:
    draft = an_opportunity(a_partner())
    uow = FakeUnitOfWork(opportunities=[draft])

    withdraw(uow, draft.id)

    assert (draft.status, draft.finished_at, draft.finish_reason) == ("withdrawn", NOW, "withdrawn_by_partner")
    assert (uow.events, uow.committed) == (
        [OpportunityWithdrawn(draft.id, draft.partner_id, "withdrawn_by_partner", NOW)],
        True,
    )


def test_withdrawing_a_published_opportunity_records_one_opportunity_withdrawn_event() -> None:
    partner = a_partner()
    published = an_opportunity(partner, status="published")
    uow = FakeUnitOfWork(opportunities=[published])

    withdraw(uow, published.id)

    assert (published.status, published.finished_at, published.finish_reason) == (
        "withdrawn",
        NOW,
        "withdrawn_by_partner",
    )
    assert uow.events == [OpportunityWithdrawn(published.id, partner.id, "withdrawn_by_partner", NOW)]


@pytest.mark.parametrize("status", ["draft", "published"])
def test_withdrawing_twice_is_refused_and_records_nothing_more(status: str) -> None:
    opportunity = an_opportunity(a_partner(), status=status)
    uow = FakeUnitOfWork(opportunities=[opportunity])
    withdraw(uow, opportunity.id)
    uow.reset()

    with pytest.raises(NotChangeable):
        withdraw(uow, opportunity.id)

    assert (opportunity.status, opportunity.finished_at) == ("withdrawn", NOW)
    assert (uow.events, uow.committed) == ([], False)


def test_a_closed_opportunity_cannot_be_withdrawn() -> None:
    closed = an_opportunity(a_partner(), status="closed", finish_reason="deadline_passed")

    with pytest.raises(NotChangeable):
        closed.withdraw("withdrawn_by_partner", NOW)

    assert (closed.status, closed.finish_reason, closed.events) == ("closed", "deadline_passed", [])


def test_withdrawing_an_unknown_opportunity_fails() -> None:
    with pytest.raises(OpportunityNotFound):
        withdraw(FakeUnitOfWork(), uuid.uuid4())


def test_closing_a_published_opportunity_records_the_reason_in_one_opportunity_closed_event() -> None:
    partner = a_partner()
    published = an_opportunity(partner, status="published")

    published.close("places_exhausted", NOW)

    assert (published.status, published.finished_at, published.finish_reason) == ("closed", NOW, "places_exhausted")
    assert published.events == [OpportunityClosed(published.id, partner.id, "places_exhausted", NOW)]


@pytest.mark.parametrize("status", ["draft", "closed", "withdrawn"])
def test_only_a_published_opportunity_can_be_closed(status: str) -> None:
    opportunity = an_opportunity(a_partner(), status=status)

    with pytest.raises(NotChangeable):
        opportunity.close("deadline_passed", NOW)

    assert (opportunity.status, opportunity.events) == (status, [])


def test_the_deadline_is_the_apply_by_date_or_else_the_start() -> None:
    partner = a_partner()

    assert an_opportunity(partner, apply_by=NOW, starts_at=LATER).deadline == NOW
    assert an_opportunity(partner, starts_at=LATER, ends_at=LATER + DAY).deadline == LATER
    assert an_opportunity(partner, ends_at=LATER).deadline is None


@pytest.mark.parametrize(
    ("status", "deadline", "past"),
    [
        ("published", NOW - DAY, True),
        ("published", NOW, True),
        ("published", NOW + DAY, False),
        ("published", None, False),
        ("draft", NOW - DAY, False),
        ("closed", NOW - DAY, False),
        ("withdrawn", NOW - DAY, False),
    ],
)
def test_only_a_published_opportunity_whose_deadline_has_come_is_past_its_deadline(
    status: str, deadline: object, past: bool
) -> None:
    assert an_opportunity(a_partner(), status=status, apply_by=deadline).past_deadline(NOW) is past


def close_expired(uow: FakeUnitOfWork, batch: int = 100) -> int:
    return use_cases.close_expired_opportunities(uow, now=lambda: NOW, batch=batch)


def test_closing_expired_opportunities_closes_exactly_the_open_ones_whose_deadline_passed() -> None:
    partner = a_partner()
    applications_over = an_opportunity(partner, status="published", apply_by=NOW - DAY, starts_at=LATER)
    started = an_opportunity(partner, status="published", starts_at=NOW - DAY, ends_at=LATER)
    still_open = an_opportunity(partner, status="published", apply_by=NOW + DAY, starts_at=LATER)
    undated = an_opportunity(partner, status="published", ends_at=NOW - DAY)
    draft = an_opportunity(partner, apply_by=NOW - DAY)
    withdrawn = an_opportunity(partner, status="withdrawn", apply_by=NOW - DAY)
    everything = [applications_over, started, still_open, undated, draft, withdrawn]
    uow = FakeUnitOfWork(opportunities=everything)

    closed = close_expired(uow)

    assert closed == 2
    assert [item.status for item in everything] == ["closed", "closed", "published", "published", "draft", "withdrawn"]
    assert (applications_over.finish_reason, applications_over.finished_at) == ("deadline_passed", NOW)
    assert (started.finish_reason, started.finished_at) == ("deadline_passed", NOW)
    assert set(uow.events) == {
        OpportunityClosed(applications_over.id, partner.id, "deadline_passed", NOW),
        OpportunityClosed(started.id, partner.id, "deadline_passed", NOW),
    }
    assert uow.committed


def test_closing_expired_opportunities_closes_at_most_a_batch_and_the_rest_on_the_next_run() -> None:
    partner = a_partner()
    due = [an_opportunity(partner, status="published", apply_by=NOW - days * DAY) for days in (3, 2, 1)]
    uow = FakeUnitOfWork(opportunities=due)

    assert close_expired(uow, batch=2) == 2
    assert sorted(item.status for item in due) == ["closed", "closed", "published"]
    assert len(uow.events) == 2
    assert close_expired(uow, batch=2) == 1
    assert [item.status for item in due] == ["closed", "closed", "closed"]
    assert close_expired(uow, batch=2) == 0


def test_closing_expired_opportunities_when_none_are_due_closes_nothing() -> None:
    uow = FakeUnitOfWork(opportunities=[an_opportunity(a_partner(), status="published", apply_by=NOW + DAY)])

    assert close_expired(uow) == 0
    assert uow.events == []
