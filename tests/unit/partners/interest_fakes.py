"""In-memory stand-ins for the interest use cases' repositories and unit of work, and builders for their objects."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from lowe_partners import interest_use_cases
from lowe_partners.interest_commands import AcceptInterest, DeclineInterest, ExpressInterest, ReleasePlaces
from lowe_partners.interest_use_cases import Decision
from lowe_partners.interests import OPEN_STATUSES, Interest
from lowe_partners.model import Opportunity

PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")
PUBLISHED_AT = datetime(2025, 3, 3, 11, 30, tzinfo=UTC)
NOW = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)


class FakeOpportunities:
    def __init__(self, opportunities: list[Opportunity]) -> None:
        self._opportunities = {opportunity.id: opportunity for opportunity in opportunities}
        self.seen: dict[UUID, Opportunity] = {}
        self.locked: list[UUID] = []  # what `get_for_update` claimed, in order, as row locks would

    def get(self, opportunity_id: UUID) -> Opportunity | None:
        found = self._opportunities.get(opportunity_id)
        if found is not None:
            self.seen.setdefault(found.id, found)
        return found

    def get_for_update(self, opportunity_id: UUID) -> Opportunity | None:
        self.locked.append(opportunity_id)
        return self.get(opportunity_id)


class FakeInterests:
    def __init__(self) -> None:
        self._interests: dict[UUID, Interest] = {}
        self.seen: dict[UUID, Interest] = {}

    def add(self, interest: Interest) -> None:
        self._interests[interest.id] = interest
        self.seen.setdefault(interest.id, interest)

    def get(self, interest_id: UUID) -> Interest | None:
        found = self._interests.get(interest_id)
        if found is not None:
            self.seen.setdefault(found.id, found)
        return found

    def open_of_centre(self, opportunity_id: UUID, centre_id: UUID) -> Interest | None:
        found = [interest for interest in self.open_of_opportunity(opportunity_id) if interest.centre_id == centre_id]
        return found[0] if found else None

    def open_of_opportunity(self, opportunity_id: UUID) -> list[Interest]:
        return [interest for interest in self.of_opportunity(opportunity_id) if interest.status in OPEN_STATUSES]

    def of_opportunity(self, opportunity_id: UUID) -> list[Interest]:
        found = sorted(
            (interest for interest in self._interests.values() if interest.opportunity_id == opportunity_id),
            key=lambda interest: interest.line_key,
        )
        for interest in found:
            self.seen.setdefault(interest.id, interest)
        return found


class FakeUnitOfWork:
    """Like PartnersUnitOfWork, `commit` collects the interests' events first, then the opportunities'."""

    def __init__(self, *opportunities: Opportunity) -> None:
        self.opportunities = FakeOpportunities(list(opportunities))
        self.interests = FakeInterests()
        self.committed = False
        self.events: list[object] = []

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.interests.seen.clear()
        self.opportunities.seen.clear()

    def commit(self) -> None:
        for aggregate in [*self.interests.seen.values(), *self.opportunities.seen.values()]:
            while aggregate.events:
                self.events.append(aggregate.events.pop(0))
        self.committed = True

    def reset(self) -> None:
        """Forgets what earlier steps committed, so the next step is observed alone."""
        self.committed = False
        self.events.clear()


def an_opportunity(status: str = "published", places: int | None = 10, **details: Any) -> Opportunity:
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "partner_id": PARTNER_ID,
        "kind": "course",
        "title": "Excel for seniors",
        "description": "Six Saturday mornings.",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["14"],
        "created_at": PUBLISHED_AT,
        "status": status,
        "places": places,
    }
    if status != "draft":
        fields["published_at"] = PUBLISHED_AT
    if status in ("closed", "withdrawn"):
        fields.update(finished_at=PUBLISHED_AT, finish_reason="earlier")
    fields.update(details)
    return Opportunity(**fields)


class Desk:
    """Runs the use cases on one fake unit of work, a minute apart, the way a test reads best."""

    def __init__(self, uow: FakeUnitOfWork, start: datetime = NOW) -> None:
        self.uow = uow
        self.clock = start

    def now(self) -> datetime:
        self.clock += MINUTE
        return self.clock

    def express(self, opportunity: Opportunity, places: int | None = None, centre_id: UUID | None = None) -> Interest:
        cmd = ExpressInterest(opportunity.id, centre_id or uuid.uuid4(), places, None)
        return interest_use_cases.express_interest(cmd, self.uow, now=self.now)

    def accept(self, interest: Interest) -> Decision:
        return interest_use_cases.accept_interest(AcceptInterest(interest.id), self.uow, now=self.now)

    def decline(self, interest: Interest) -> Decision:
        return interest_use_cases.decline_interest(DeclineInterest(interest.id), self.uow, now=self.now)

    def release(self, interest: Interest, places: int | None = None) -> Decision:
        return interest_use_cases.release_places(ReleasePlaces(interest.id, places), self.uow, now=self.now)

    def accepted(self, opportunity: Opportunity, *asks: int | None) -> list[Interest]:
        """Interests asking for `asks`, expressed in that order, then accepted in that order."""
        interests = [self.express(opportunity, places) for places in asks]
        for interest in interests:
            self.accept(interest)
        self.uow.reset()
        return interests
