"""The centres service's use cases: `verb_noun(cmd, uow)`. The registry and subscriptions are here; what follows
the partners' opportunity events is in `matching_flows`."""

from __future__ import annotations

import uuid

from lowe_centres.commands import AddSubscription, RegisterCentre, SubscriptionRef, UpdateCentre, UpdateSubscription
from lowe_centres.matching_flows import (
    finish_opportunity,
    match_published_opportunity,
    rename_partner,
    reopen_opportunity,
    revise_opportunity,
)
from lowe_centres.model import (
    Centre,
    CentreNotFound,
    FeedEntry,
    PublishedOpportunity,
    Subscription,
    SubscriptionNotFound,
)
from lowe_centres.ports import Clock, UnitOfWork, utc_now

__all__ = [
    "Clock",
    "UnitOfWork",
    "finish_opportunity",
    "match_published_opportunity",
    "rename_partner",
    "reopen_opportunity",
    "revise_opportunity",
    "utc_now",
]


def register_centre(cmd: RegisterCentre, uow: UnitOfWork, now: Clock = utc_now) -> Centre:
    centre = Centre(
        id=uuid.uuid4(),
        name=cmd.name,
        voivodeship=cmd.voivodeship,
        municipality=cmd.municipality,
        created_at=now(),
        **cmd.details,
    )
    with uow:
        uow.centres.add(centre)
        uow.commit()
    return centre


def get_centre(centre_id: uuid.UUID, uow: UnitOfWork) -> Centre:
    with uow:
        return _centre(centre_id, uow)


def get_centres(centre_ids: tuple[uuid.UUID, ...], uow: UnitOfWork) -> list[Centre]:
    """Those of the centres that exist, in one read; unknown ids are left out."""
    with uow:
        return uow.centres.get_many(set(centre_ids))


def count_centres_by_voivodeship(uow: UnitOfWork) -> dict[str, int]:
    """The operators' figures: inactive centres count too, as the network map has always counted them."""
    with uow:
        return uow.centres.count_by_voivodeship()


def update_centre(cmd: UpdateCentre, uow: UnitOfWork) -> Centre:
    """Changes only what is given; the matching index follows at commit. Subscriptions keep the regions they were
    given, even when the centre's voivodeship changes."""
    with uow:
        centre = _centre(cmd.centre_id, uow)
        centre.update(cmd.changes)
        uow.commit()
        return centre


def add_subscription(cmd: AddSubscription, uow: UnitOfWork, now: Clock = utc_now) -> Subscription:
    with uow:
        centre = _centre(cmd.centre_id, uow)
        subscription = Subscription(
            id=uuid.uuid4(),
            centre_id=centre.id,
            name=cmd.name,
            kinds=list(cmd.kinds),
            topics=list(cmd.topics),
            regions=[] if cmd.nationwide else list(cmd.regions or [centre.voivodeship]),
            nationwide=cmd.nationwide,
            delivery=cmd.delivery,
            created_at=now(),
            target_groups=list(cmd.target_groups),
            online_anywhere=cmd.online_anywhere,
            free_only=cmd.free_only,
            keywords=list(cmd.keywords),
            min_days_before_deadline=cmd.min_days_before_deadline,
        )
        uow.subscriptions.add(subscription)
        uow.commit()
    return subscription


def list_subscriptions(centre_id: uuid.UUID, uow: UnitOfWork) -> list[Subscription]:
    with uow:
        _centre(centre_id, uow)
        return uow.subscriptions.list_for(centre_id)


def pause_subscription(cmd: SubscriptionRef, uow: UnitOfWork, now: Clock = utc_now) -> Subscription:
    """Paused, it matches nothing new; what it matched stays in the feed. Pausing twice changes nothing."""
    with uow:
        subscription = _subscription(cmd, uow)
        subscription.pause(now())
        uow.commit()
        return subscription


def resume_subscription(cmd: SubscriptionRef, uow: UnitOfWork) -> Subscription:
    with uow:
        subscription = _subscription(cmd, uow)
        subscription.resume()
        uow.commit()
        return subscription


def update_subscription(cmd: UpdateSubscription, uow: UnitOfWork, now: Clock = utc_now) -> Subscription:
    """Changes what is given (`active` pauses or resumes); the matching index follows at commit, as for any change.
    Regions given make it regional (null: the centre's own voivodeship); `nationwide` true drops the regions, false
    makes a nationwide one regional in the centre's voivodeship. Nothing already in the feeds changes."""
    with uow:
        subscription = _subscription(cmd.ref, uow)
        changes = dict(cmd.changes)
        if changes.get("nationwide"):
            changes["regions"] = []
        elif "regions" in changes or (changes.get("nationwide") is False and subscription.nationwide):
            changes["nationwide"] = False
            changes["regions"] = changes.get("regions") or [_centre(cmd.ref.centre_id, uow).voivodeship]
        subscription.change(changes, cmd.active, now())
        uow.commit()
        return subscription


def delete_subscription(cmd: SubscriptionRef, uow: UnitOfWork) -> None:
    """Gone from the matching index at commit; the feed entries it produced stay."""
    with uow:
        uow.subscriptions.remove(_subscription(cmd, uow))
        uow.commit()


def list_feed(
    centre_id: uuid.UUID, uow: UnitOfWork, limit: int = 50, offset: int = 0
) -> list[tuple[FeedEntry, PublishedOpportunity]]:
    with uow:
        _centre(centre_id, uow)
        return uow.feed.list_for(centre_id, limit, offset)


def _centre(centre_id: uuid.UUID, uow: UnitOfWork) -> Centre:
    centre = uow.centres.get(centre_id)
    if centre is None:
        raise CentreNotFound(str(centre_id))
    return centre


def _subscription(cmd: SubscriptionRef, uow: UnitOfWork) -> Subscription:
    """Another centre's subscription is as unknown as one that does not exist."""
    _centre(cmd.centre_id, uow)
    subscription = uow.subscriptions.get(cmd.subscription_id)
    if subscription is None or subscription.centre_id != cmd.centre_id:
        raise SubscriptionNotFound(str(cmd.subscription_id))
    return subscription
