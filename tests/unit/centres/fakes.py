"""In-memory stand-ins for the centres service's repositories and unit of work, and builders for its objects.

The fakes answer what the real repositories promise (paused subscriptions, inactive centres and centres with an
active subscription are no candidates) without narrowing any further: the indexes are tested against a database.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from lowe_centres.listing import BEST, FeedQuery
from lowe_centres.model import Centre, FeedEntry, PartnerName, PublishedOpportunity, Subscription
from lowe_centres.ports import ExpressedInterest
from tests.unit.fakes import FakeUnitOfWorkBase

CREATED_AT = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
PUBLISHED_AT = datetime(2025, 3, 3, 11, 30, tzinfo=UTC)


class FakeCentreRepository:
    def __init__(self, subscriptions: FakeSubscriptionRepository) -> None:
        self._centres: dict[UUID, Centre] = {}
        self._subscriptions = subscriptions

    def add(self, centre: Centre) -> None:
        self._centres[centre.id] = centre

    def get(self, centre_id: UUID) -> Centre | None:
        return self._centres.get(centre_id)

    def get_many(self, centre_ids: set[UUID]) -> list[Centre]:
        return [self._centres[centre_id] for centre_id in centre_ids if centre_id in self._centres]

    def recommendation_candidates(self, opportunity: PublishedOpportunity) -> list[Centre]:
        return [
            centre
            for centre in self._centres.values()
            if centre.active
            and centre.has_profile
            and not any(not s.paused for s in self._subscriptions.list_for(centre.id))
        ]


class FakeSubscriptionRepository:
    def __init__(self) -> None:
        self._subscriptions: list[Subscription] = []
        self.centres: FakeCentreRepository | None = None

    def add(self, subscription: Subscription) -> None:
        self._subscriptions.append(subscription)

    def remove(self, subscription: Subscription) -> None:
        self._subscriptions.remove(subscription)

    def get(self, subscription_id: UUID) -> Subscription | None:
        return next((s for s in self._subscriptions if s.id == subscription_id), None)

    def list_for(self, centre_id: UUID) -> list[Subscription]:
        return [s for s in self._subscriptions if s.centre_id == centre_id]

    def for_centres(self, centre_ids: set[UUID]) -> list[Subscription]:
        return [s for s in self._subscriptions if s.centre_id in centre_ids]

    def candidates_by_centre(
        self, opportunity: PublishedOpportunity, now: datetime | None = None
    ) -> list[tuple[Centre, list[Subscription]]]:
        """Every live subscription of an active centre, by centre (the unit of work links the centres)."""
        assert self.centres is not None
        grouped: dict[Centre, list[Subscription]] = {}
        for subscription in self._subscriptions:
            centre = self.centres.get(subscription.centre_id)
            if not subscription.paused and centre is not None and centre.active:
                grouped.setdefault(centre, []).append(subscription)
        return list(grouped.items())

    def all(self) -> list[Subscription]:
        return list(self._subscriptions)


class FakeOpportunityRepository:
    def __init__(self) -> None:
        self._opportunities: dict[UUID, PublishedOpportunity] = {}

    def get(self, opportunity_id: UUID) -> PublishedOpportunity | None:
        return self._opportunities.get(opportunity_id)

    def add(self, opportunity: PublishedOpportunity) -> None:
        self._opportunities[opportunity.id] = opportunity

    def of_partner(self, partner_id: UUID) -> list[PublishedOpportunity]:
        return [o for o in self._opportunities.values() if o.partner_id == partner_id]


class FakePartnerNameRepository:
    def __init__(self) -> None:
        self._known: dict[UUID, PartnerName] = {}

    def get(self, partner_id: UUID) -> PartnerName | None:
        return self._known.get(partner_id)

    def add(self, known: PartnerName) -> None:
        self._known[known.partner_id] = known


class FakeFeedRepository:
    def __init__(self, opportunities: FakeOpportunityRepository | None = None) -> None:
        self.entries: list[FeedEntry] = []
        self.seen: set[FeedEntry] = set()
        self.opportunities = opportunities  # what `page` lists the entries with

    def add(self, entry: FeedEntry) -> None:
        self.entries.append(entry)
        self.seen.add(entry)

    def centres_with(self, opportunity_id: UUID) -> set[UUID]:
        return {entry.centre_id for entry in self.entries if entry.opportunity_id == opportunity_id}

    def centre_counts(self, opportunity_ids: Collection[UUID]) -> dict[UUID, int]:
        counts: dict[UUID, set[UUID]] = {}
        for entry in self.entries:
            if entry.opportunity_id in opportunity_ids and not entry.retracted:
                counts.setdefault(entry.opportunity_id, set()).add(entry.centre_id)
        return {opportunity_id: len(centres) for opportunity_id, centres in counts.items()}

    def for_opportunity(self, opportunity_id: UUID) -> list[FeedEntry]:
        found = [entry for entry in self.entries if entry.opportunity_id == opportunity_id]
        self.seen.update(found)
        return found

    def list_for(self, centre_id: UUID, limit: int, offset: int) -> list[tuple[FeedEntry, PublishedOpportunity]]:
        raise NotImplementedError("listing is tested against a database")

    def for_centre(self, centre_id: UUID) -> list[FeedEntry]:
        return [entry for entry in self.entries if entry.centre_id == centre_id]

    def get(self, entry_id: UUID) -> FeedEntry | None:
        found = next((entry for entry in self.entries if entry.id == entry_id), None)
        if found is not None:
            self.seen.add(found)
        return found

    def of_centre(self, centre_id: UUID, opportunity_id: UUID) -> FeedEntry | None:
        found = next((e for e in self.for_centre(centre_id) if e.opportunity_id == opportunity_id), None)
        return None if found is None else self.get(found.id)

    def page(self, query: FeedQuery) -> list[tuple[FeedEntry, PublishedOpportunity]]:
        """The same filters, order and keyset as the database's query, over the entries in memory."""
        assert self.opportunities is not None, "give the fake feed the opportunities to list entries with"
        listed = [
            (entry, opportunity)
            for entry in self.for_centre(query.centre_id)
            if (opportunity := self.opportunities.get(entry.opportunity_id)) is not None
            and (not query.states or entry.state in query.states)
            and (not query.kinds or opportunity.kind in query.kinds)
            and (query.recommended is None or entry.recommended == query.recommended)
            and (query.include_retracted or not entry.retracted)
        ]

        def key(entry: FeedEntry) -> tuple[float, float, str]:
            score = -entry.score if query.order == BEST else 0.0
            return score, -entry.matched_at.timestamp(), str(entry.id)

        listed.sort(key=lambda pair: key(pair[0]))
        after = query.after
        if after is not None:
            last = (-after.score if query.order == BEST else 0.0, -after.matched_at.timestamp(), str(after.id))
            listed = [pair for pair in listed if key(pair[0]) > last]
        return listed[: query.limit + 1]


class FakePartners:
    """The partners service: records what it was asked; `refusal` is raised instead when set."""

    def __init__(self, expressed_at: datetime = PUBLISHED_AT) -> None:
        self.asked: list[tuple[UUID, UUID, int | None]] = []
        self.notes: list[str | None] = []
        self.interest_id = uuid.uuid4()
        self.expressed_at = expressed_at
        self.refusal: Exception | None = None

    def express_interest(
        self, opportunity_id: UUID, centre_id: UUID, places: int | None, note: str | None = None
    ) -> ExpressedInterest:
        if self.refusal is not None:
            raise self.refusal
        self.asked.append((opportunity_id, centre_id, places))
        self.notes.append(note)
        return ExpressedInterest(self.interest_id, places, self.expressed_at)


class FakeUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self) -> None:
        super().__init__()
        self.subscriptions = FakeSubscriptionRepository()
        self.centres = FakeCentreRepository(self.subscriptions)
        self.subscriptions.centres = self.centres
        self.opportunities = FakeOpportunityRepository()
        self.feed = FakeFeedRepository(self.opportunities)
        self.partner_names = FakePartnerNameRepository()

    def _seen_aggregates(self) -> list[Any]:
        return list(self.feed.seen)


def a_centre(name: str = "LOWE Radom", voivodeship: str = "14", **changes: Any) -> Centre:
    return Centre(
        id=uuid.uuid4(), name=name, voivodeship=voivodeship, municipality="Radom", created_at=CREATED_AT, **changes
    )


def a_subscription(centre: Centre | None = None, **changes: Any) -> Subscription:
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "centre_id": centre.id if centre is not None else uuid.uuid4(),
        "name": "everything",
        "kinds": [],
        "topics": [],
        "regions": ["14"],
        "nationwide": False,
        "delivery": "instant",
        "created_at": CREATED_AT,
    }
    fields.update(changes)
    return Subscription(**fields)


def an_opportunity(**changes: Any) -> PublishedOpportunity:
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "partner_name": "Fundacja Cyfrowa",
        "kind": "course",
        "title": "Excel for seniors",
        "description": "Six Saturday mornings.",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["14"],
        "nationwide": False,
        "published_at": PUBLISHED_AT,
    }
    fields.update(changes)
    if "regions" in changes and "nationwide" not in changes:
        fields["nationwide"] = not fields["regions"]
    return PublishedOpportunity(**fields)
