"""Editing an opportunity: drafts change quietly, published ones tell what changed, finished ones stay as they are."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from decimal import Decimal
from typing import Any

import pytest

from lowe_partners import use_cases
from lowe_partners.commands import UpdateOpportunity
from lowe_partners.model import (
    InvalidOpportunity,
    NotChangeable,
    Opportunity,
    OpportunityNotFound,
    OpportunityUpdated,
    Partner,
)
from tests.unit.partners.fakes import DAY, NOW, FakeUnitOfWork, a_partner, an_opportunity

STARTS = NOW + 10 * DAY


def update(partner: Partner, opportunity: Opportunity, **changes: Any) -> FakeUnitOfWork:
    uow = FakeUnitOfWork(partners=[partner], opportunities=[opportunity])
    use_cases.update_opportunity(UpdateOpportunity(opportunity.id, changes), uow, now=lambda: NOW)
    return uow


def state(opportunity: Opportunity) -> dict[str, Any]:
    return {name: value for name, value in asdict(opportunity).items() if name != "events"}


def test_editing_a_draft_changes_it_and_tells_nobody() -> None:
    partner = a_partner()
    draft = an_opportunity(partner)

    uow = update(partner, draft, title="Excel for beginners", places=12, cost_pln=Decimal("50.00"))

    assert (draft.title, draft.places) == ("Excel for beginners", 12)
    assert (draft.cost_pln, draft.free) == (Decimal("50.00"), False)
    assert (uow.events, uow.committed) == ([], True)


def test_a_draft_may_be_moved_into_the_past() -> None:
    partner = a_partner()
    draft = an_opportunity(partner, starts_at=STARTS)

    update(partner, draft, starts_at=NOW - DAY)

    assert draft.starts_at == NOW - DAY


def test_editing_a_published_opportunity_records_exactly_the_fields_that_changed() -> None:
    partner = a_partner()
    published = an_opportunity(partner, status="published", places=10)

    uow = update(partner, published, title="Excel for beginners", places=10, starts_at=STARTS, languages=["en", "pl"])

    assert uow.events == [
        OpportunityUpdated(
            published, {"title": "Excel for beginners", "starts_at": STARTS, "languages": ["en", "pl"]}, NOW
        )
    ]
    assert (published.status, published.title, published.starts_at) == ("published", "Excel for beginners", STARTS)


def test_update_returns_the_fields_that_changed() -> None:
    published = an_opportunity(a_partner(), status="published", delivery_mode="on_site")

    changed = published.update({"delivery_mode": "online", "kind": "course"}, NOW)

    assert changed == {"delivery_mode": "online"}


@pytest.mark.parametrize("status", ["draft", "published"])
def test_an_edit_that_changes_nothing_records_no_event(status: str) -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner, status=status, starts_at=STARTS)
    before = state(opportunity)

    uow = update(partner, opportunity, title=opportunity.title, starts_at=STARTS, regions=["14"])

    assert uow.events == []
    assert state(opportunity) == before


@pytest.mark.parametrize("status", ["draft", "published"])
@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"apply_by": STARTS + DAY}, "apply_by"),
        ({"ends_at": STARTS - DAY}, "ends_at"),
        ({"starts_at": STARTS + 3 * DAY}, "ends_at"),
        ({"starts_at": STARTS - 2 * DAY}, "apply_by"),
    ],
)
def test_an_edit_breaking_the_schedule_is_refused_and_leaves_the_opportunity_as_it_was(
    status: str, changes: dict[str, Any], named: str
) -> None:
    partner = a_partner()
    opportunity = an_opportunity(
        partner, status=status, apply_by=STARTS - DAY, starts_at=STARTS, ends_at=STARTS + 2 * DAY
    )
    before = state(opportunity)

    with pytest.raises(InvalidOpportunity) as caught:
        update(partner, opportunity, title="Excel for beginners", **changes)

    assert set(caught.value.problems) == {named}
    assert state(opportunity) == before
    assert opportunity.events == []


@pytest.mark.parametrize("field", ["apply_by", "starts_at", "ends_at"])
def test_moving_a_date_of_a_published_opportunity_into_the_past_is_refused_naming_it(field: str) -> None:
    partner = a_partner()
    published = an_opportunity(partner, status="published", places=10)
    before = state(published)

    with pytest.raises(InvalidOpportunity) as caught:
        update(partner, published, places=20, **{field: NOW})

    assert set(caught.value.problems) == {field}
    assert state(published) == before


def test_an_opportunity_that_has_started_can_still_be_edited_without_touching_its_dates() -> None:
    partner = a_partner()
    running = an_opportunity(partner, status="published", starts_at=NOW - DAY, ends_at=NOW + DAY)

    uow = update(partner, running, title="Excel for beginners")

    assert uow.events == [OpportunityUpdated(running, {"title": "Excel for beginners"}, NOW)]


def test_removing_dates_of_a_published_opportunity_is_allowed() -> None:
    partner = a_partner()
    published = an_opportunity(partner, status="published", apply_by=STARTS - DAY, starts_at=STARTS)

    uow = update(partner, published, apply_by=None)

    assert (published.apply_by, published.deadline) == (None, STARTS)
    assert uow.events == [OpportunityUpdated(published, {"apply_by": None}, NOW)]


@pytest.mark.parametrize("finished", ["closed", "withdrawn"])
def test_a_finished_opportunity_cannot_be_edited(finished: str) -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner, status=finished)
    before = state(opportunity)
    uow = FakeUnitOfWork(partners=[partner], opportunities=[opportunity])

    with pytest.raises(NotChangeable):
        use_cases.update_opportunity(UpdateOpportunity(opportunity.id, {"title": "New"}), uow, now=lambda: NOW)

    assert state(opportunity) == before
    assert (uow.events, uow.committed) == ([], False)


def test_editing_an_unknown_opportunity_fails() -> None:
    with pytest.raises(OpportunityNotFound):
        use_cases.update_opportunity(UpdateOpportunity(uuid.uuid4(), {"title": "New"}), FakeUnitOfWork())
