"""The in-memory inverted index that names the candidates for an opportunity: every subscription and every centre
profile has a slot, each (dimension, accepted value) a bitmap of slots; an opportunity's candidates are the
intersection, over the dimensions, of the union of the bitmaps of the values it offers (and '*'). Paused
subscriptions, inactive centres and centres that have an active subscription (for recommendations) are masked out
by bitmaps of their own. Plain Python: `index_sync` keeps it consistent with the database."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from lowe_centres.bitmaps import EMPTY, Postings, bit, from_slots, slots_of
from lowe_centres.index import ANY, index_terms, profile_terms

SUBSCRIPTION_DIMENSIONS = ("kind", "topic", "region", "group", "free", "keyword")
PROFILE_DIMENSIONS = ("topic", "group", "region")


@dataclass(frozen=True, slots=True)
class IndexedSubscription:
    """What matching reads of a subscription, in a small immutable record (100,000 of them stay in memory)."""

    id: UUID
    centre_id: UUID
    name: str
    kinds: tuple[str, ...]
    topics: tuple[str, ...]
    regions: tuple[str, ...]
    nationwide: bool
    delivery: str
    created_at: datetime
    target_groups: tuple[str, ...] = ()
    online_anywhere: bool = False
    free_only: bool = False
    keywords: tuple[str, ...] = ()
    min_days_before_deadline: int | None = None
    paused: bool = False

    @classmethod
    def of(cls, subscription: Any) -> IndexedSubscription:
        """From a `Subscription` or a row of the subscriptions table."""
        return cls(
            id=subscription.id,
            centre_id=subscription.centre_id,
            name=subscription.name,
            kinds=_words(subscription.kinds),
            topics=_words(subscription.topics),
            regions=_words(subscription.regions),
            nationwide=subscription.nationwide,
            delivery=sys.intern(subscription.delivery),
            created_at=subscription.created_at,
            target_groups=_words(subscription.target_groups),
            online_anywhere=subscription.online_anywhere,
            free_only=subscription.free_only,
            keywords=tuple(subscription.keywords),
            min_days_before_deadline=subscription.min_days_before_deadline,
            paused=subscription.paused,
        )


@dataclass(frozen=True, slots=True, eq=False)
class IndexedCentre:
    """What matching and a feed entry read of a centre (compared and hashed by identity: grouping is by record)."""

    id: UUID
    name: str
    voivodeship: str
    status: str
    served_topics: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()

    @classmethod
    def of(cls, centre: Any) -> IndexedCentre:
        """From a `Centre` or a row of the centres table."""
        return cls(
            id=centre.id,
            name=centre.name,
            voivodeship=sys.intern(centre.voivodeship),
            status=sys.intern(centre.status),
            served_topics=_words(centre.served_topics),
            target_groups=_words(centre.target_groups),
        )

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def has_profile(self) -> bool:
        return bool(self.served_topics or self.target_groups)


Record = TypeVar("Record", IndexedSubscription, IndexedCentre)


class _Slots(Generic[Record]):
    """Gives each id a small number, reusing the numbers of removed ones so the bitmaps stay short."""

    def __init__(self) -> None:
        self.by_id: dict[UUID, int] = {}
        self.records: list[Record | None] = []
        self._free: list[int] = []

    def __getitem__(self, slot: int) -> Record:
        record = self.records[slot]
        assert record is not None, f"slot {slot} is free"
        return record

    def members(self) -> Iterator[tuple[int, Record]]:
        return ((slot, record) for slot, record in enumerate(self.records) if record is not None)

    def take(self, key: UUID, record: Record) -> int:
        slot = self._free.pop() if self._free else len(self.records)
        if slot == len(self.records):
            self.records.append(record)
        else:
            self.records[slot] = record
        self.by_id[key] = slot
        return slot

    def release(self, key: UUID) -> int | None:
        slot = self.by_id.pop(key, None)
        if slot is not None:
            self.records[slot] = None
            self._free.append(slot)
        return slot


class MatchingIndex:
    def __init__(self) -> None:
        self._subscriptions: _Slots[IndexedSubscription] = _Slots()
        self._centres: _Slots[IndexedCentre] = _Slots()
        self._terms = {dimension: Postings() for dimension in SUBSCRIPTION_DIMENSIONS}
        self._profiles = {dimension: Postings() for dimension in PROFILE_DIMENSIONS}
        self._live = EMPTY  # subscriptions that are not paused, of active centres
        self._recommendable = EMPTY  # active centres with a profile and no active subscription
        self._of_centre: dict[UUID, set[UUID]] = {}
        self._owners: list[IndexedCentre | None] = []  # by subscription slot: its centre's record

    def __len__(self) -> int:
        return len(self._subscriptions.by_id)

    def load(self, centres: Iterable[IndexedCentre], subscriptions: Iterable[IndexedSubscription]) -> None:
        """Everything at once, each bitmap built in one pass: what a replica does when it starts."""
        self._subscriptions, self._centres, self._of_centre = _Slots(), _Slots(), {}
        for centre in centres:
            self._centres.take(centre.id, centre)
        for subscription in subscriptions:
            self._subscriptions.take(subscription.id, subscription)
            self._of_centre.setdefault(subscription.centre_id, set()).add(subscription.id)
        self._terms = _postings(SUBSCRIPTION_DIMENSIONS, self._subscriptions, index_terms)
        self._profiles = _postings(PROFILE_DIMENSIONS, self._centres, profile_terms)
        self._owners = [None if s is None else self.centre(s.centre_id) for s in self._subscriptions.records]
        self._live = from_slots(slot for slot, s in self._subscriptions.members() if self._is_live(s))
        self._recommendable = from_slots(slot for slot, c in self._centres.members() if self._is_recommendable(c))

    def put_centre(self, centre: IndexedCentre) -> None:
        self._drop_centre_record(centre.id)
        slot = self._centres.take(centre.id, centre)
        for dimension, value in profile_terms(centre):
            self._profiles[dimension].add(value, slot)
        for subscription_id in self._of_centre.get(centre.id, ()):
            self._set_live(self._subscriptions.by_id[subscription_id])
        self._set_recommendable(centre.id)

    def remove_centre(self, centre_id: UUID) -> None:
        for subscription_id in list(self._of_centre.get(centre_id, ())):
            self.remove_subscription(subscription_id)
        self._drop_centre_record(centre_id)

    def put_subscription(self, subscription: IndexedSubscription) -> None:
        self.remove_subscription(subscription.id)
        slot = self._subscriptions.take(subscription.id, subscription)
        for dimension, value in index_terms(subscription):
            self._terms[dimension].add(value, slot)
        self._of_centre.setdefault(subscription.centre_id, set()).add(subscription.id)
        self._set_live(slot)
        self._set_recommendable(subscription.centre_id)

    def remove_subscription(self, subscription_id: UUID) -> None:
        slot = self._subscriptions.by_id.get(subscription_id)
        if slot is None:
            return
        subscription = self._subscriptions[slot]
        for dimension, value in index_terms(subscription):
            self._terms[dimension].discard(value, slot)
        self._live &= ~bit(slot)
        self._subscriptions.release(subscription_id)
        self._of_centre.get(subscription.centre_id, set()).discard(subscription_id)
        self._set_recommendable(subscription.centre_id)

    def centre(self, centre_id: UUID) -> IndexedCentre | None:
        slot = self._centres.by_id.get(centre_id)
        return None if slot is None else self._centres[slot]

    def subscription_candidates(self, offered: dict[str, list[str]]) -> list[IndexedSubscription]:
        """Live subscriptions that accept one of the offered values (or any) in every dimension offered."""
        return [self._subscriptions[slot] for slot in slots_of(self._accepting(offered))]

    def candidates_by_centre(
        self, offered: dict[str, list[str]]
    ) -> list[tuple[IndexedCentre, list[IndexedSubscription]]]:
        """The same candidates, grouped by their centre."""
        groups: dict[IndexedCentre, list[IndexedSubscription]] = {}
        records, owners = self._subscriptions.records, self._owners
        for slot in slots_of(self._accepting(offered)):
            groups.setdefault(owners[slot], []).append(records[slot])  # type: ignore[arg-type]
        return list(groups.items())

    def _accepting(self, offered: dict[str, list[str]]) -> int:
        found = self._live
        for dimension, values in offered.items():
            found &= self._terms[dimension].accepting([*values, ANY])
        return found

    def recommendation_candidates(
        self, topics: list[str], groups: list[str], regions: list[str] | None
    ) -> list[IndexedCentre]:
        """Active centres with no active subscription whose profile shares a topic and a target group (or names
        none) and, unless `regions` is None (nationwide), is in one of the regions."""
        found = self._recommendable
        found &= self._profiles["topic"].accepting([*topics, ANY])
        found &= self._profiles["group"].accepting([*groups, ANY])
        if regions is not None:
            found &= self._profiles["region"].accepting(regions)
        return [self._centres[slot] for slot in slots_of(found)]

    def _drop_centre_record(self, centre_id: UUID) -> None:
        slot = self._centres.by_id.get(centre_id)
        if slot is None:
            return
        old = self._centres[slot]
        for dimension, value in profile_terms(old):
            self._profiles[dimension].discard(value, slot)
        self._recommendable &= ~bit(slot)
        self._centres.release(centre_id)

    def _is_live(self, subscription: IndexedSubscription) -> bool:
        centre = self.centre(subscription.centre_id)
        return not subscription.paused and centre is not None and centre.active

    def _is_recommendable(self, centre: IndexedCentre) -> bool:
        subscriptions = self._subscriptions
        return (
            centre.active
            and centre.has_profile
            and not any(not subscriptions[subscriptions.by_id[s]].paused for s in self._of_centre.get(centre.id, ()))
        )

    def _set_live(self, slot: int) -> None:
        subscription = self._subscriptions[slot]
        if slot >= len(self._owners):
            self._owners.extend([None] * (slot + 1 - len(self._owners)))
        self._owners[slot] = self.centre(subscription.centre_id)
        self._live = self._live | bit(slot) if self._is_live(subscription) else self._live & ~bit(slot)

    def _set_recommendable(self, centre_id: UUID) -> None:
        slot = self._centres.by_id.get(centre_id)
        if slot is None:
            return
        centre = self._centres[slot]
        flag = bit(slot)
        self._recommendable = (
            self._recommendable | flag if self._is_recommendable(centre) else self._recommendable & ~flag
        )


def _postings(
    dimensions: tuple[str, ...], slots: _Slots[Record], terms_of: Callable[[Record], list[tuple[str, str]]]
) -> dict[str, Postings]:
    by_value: dict[str, dict[str, list[int]]] = {dimension: {} for dimension in dimensions}
    for slot, record in slots.members():
        for dimension, value in terms_of(record):
            by_value[dimension].setdefault(value, []).append(slot)
    postings = {dimension: Postings() for dimension in dimensions}
    for dimension, values in by_value.items():
        postings[dimension].load(values)
    return postings


def _words(values: Iterable[str]) -> tuple[str, ...]:
    """Interned: the same few hundred values recur in 100,000 records."""
    return tuple(sys.intern(value) for value in values)
