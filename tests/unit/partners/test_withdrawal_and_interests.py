"""Withdrawing an opportunity, by its partner or by the partner's suspension, answers the interests still waiting."""

from __future__ import annotations

from lowe_partners import use_cases
from lowe_partners.commands import SuspendPartner, WithdrawOpportunity
from lowe_partners.events import OpportunityWithdrawn
from lowe_partners.interest_events import InterestDeclined
from lowe_partners.interests import ACCEPTED, DECLINED
from tests.unit.partners.fakes import FakeUnitOfWork as PartnersUnitOfWork
from tests.unit.partners.fakes import a_partner
from tests.unit.partners.interest_fakes import Desk, FakeUnitOfWork, an_opportunity


def test_withdrawing_an_opportunity_declines_the_interests_still_pending_or_waiting() -> None:
    opportunity = an_opportunity(places=3)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    allocated, waiting, pending = desk.express(opportunity, 2), desk.express(opportunity, 2), desk.express(opportunity)
    desk.accept(allocated)
    desk.accept(waiting)  # 2 asked, 1 left: it waits
    uow.reset()

    use_cases.withdraw_opportunity(WithdrawOpportunity(opportunity.id), uow, now=desk.now)  # type: ignore[arg-type]

    assert [(i.status, i.allocated) for i in (allocated, waiting, pending)] == [
        (ACCEPTED, 2),
        (DECLINED, 0),
        (DECLINED, 0),
    ]
    assert [type(event) for event in uow.events] == [InterestDeclined, InterestDeclined, OpportunityWithdrawn]
    assert {event.ids.interest_id for event in uow.events if isinstance(event, InterestDeclined)} == {
        waiting.id,
        pending.id,
    }


def test_suspending_a_partner_declines_the_interests_waiting_on_its_opportunities() -> None:
    partner = a_partner()
    opportunity = an_opportunity(partner_id=partner.id)
    uow = PartnersUnitOfWork([partner], [opportunity])
    pending = Desk(uow).express(opportunity)  # type: ignore[arg-type]
    uow.events.clear()

    use_cases.suspend_partner(SuspendPartner(partner.id, "fraud_suspected"), uow)

    assert pending.status == DECLINED
    assert [type(event).__name__ for event in uow.events][:2] == ["PartnerSuspended", "InterestDeclined"]
