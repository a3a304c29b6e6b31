"""`partner_updated`: the copies of the partner's opportunities take its new name, so later matches carry it; the
newest news wins whichever queue delivers it last."""

from __future__ import annotations

import uuid
from datetime import timedelta

from lowe_centres import use_cases
from lowe_centres.commands import RenamePartner, ReviseOpportunity
from tests.unit.centres.fakes import PUBLISHED_AT, FakeUnitOfWork, a_subscription
from tests.unit.centres.flows import OPPORTUNITY_ID, UPDATED_AT, match_it, matched, published, with_centre

PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")
RENAMED_AT = PUBLISHED_AT + timedelta(days=1)


def rename(uow: FakeUnitOfWork, name: str = "Fundacja Nowa", at: object = RENAMED_AT) -> int:
    return use_cases.rename_partner(RenamePartner(PARTNER_ID, name, at), uow)  # type: ignore[arg-type]


def test_the_partners_copies_take_the_new_name_and_later_matches_carry_it() -> None:
    uow = FakeUnitOfWork()
    match_it(uow, published(partner_id=PARTNER_ID))
    other = uuid.uuid4()
    match_it(uow, published(opportunity_id=other, partner_id=uuid.uuid4(), partner_name="Inny Partner"))

    assert rename(uow) == 1

    assert uow.opportunities.get(OPPORTUNITY_ID).partner_name == "Fundacja Nowa"  # type: ignore[union-attr]
    assert uow.opportunities.get(other).partner_name == "Inny Partner"  # type: ignore[union-attr]
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre))
    uow.events.clear()
    use_cases.revise_opportunity(
        ReviseOpportunity(published(partner_id=PARTNER_ID, title="Excel"), ["title"], RENAMED_AT - timedelta(hours=1)),
        uow,
    )
    assert matched(uow)[centre.id].opportunity.partner_name == "Fundacja Nowa"  # the older update's name lost


def test_the_same_news_twice_changes_nothing_the_second_time() -> None:
    uow = FakeUnitOfWork()
    match_it(uow, published(partner_id=PARTNER_ID))

    assert (rename(uow), rename(uow)) == (1, 0)


def test_an_older_rename_arriving_late_does_not_undo_a_newer_one() -> None:
    uow = FakeUnitOfWork()
    match_it(uow, published(partner_id=PARTNER_ID))

    rename(uow, "Fundacja Nowsza", RENAMED_AT + timedelta(hours=1))
    rename(uow, "Fundacja Nowa", RENAMED_AT)

    assert uow.opportunities.get(OPPORTUNITY_ID).partner_name == "Fundacja Nowsza"  # type: ignore[union-attr]
    assert uow.partner_names.get(PARTNER_ID).name == "Fundacja Nowsza"  # type: ignore[union-attr]


def test_a_rename_before_the_publication_reaches_us_names_the_copy_when_it_comes() -> None:
    uow = FakeUnitOfWork()
    rename(uow)
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre))

    match_it(uow, published(partner_id=PARTNER_ID))  # published before the rename: its name is older

    assert matched(uow)[centre.id].opportunity.partner_name == "Fundacja Nowa"


def test_a_rename_older_than_the_copys_own_news_is_not_taken() -> None:
    uow = FakeUnitOfWork()
    match_it(uow, published(partner_id=PARTNER_ID))
    use_cases.revise_opportunity(
        ReviseOpportunity(published(partner_id=PARTNER_ID, partner_name="Fundacja 2026"), ["title"], UPDATED_AT), uow
    )

    assert rename(uow, "Fundacja Nowa", UPDATED_AT - timedelta(hours=1)) == 0
    assert uow.opportunities.get(OPPORTUNITY_ID).partner_name == "Fundacja 2026"  # type: ignore[union-attr]
