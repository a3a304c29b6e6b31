"""Use cases that follow the partners' opportunity events: the centres' copy, matching, and what the feeds get."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from lowe_centres.commands import (
    FinishOpportunity,
    MatchPublishedOpportunity,
    RenamePartner,
    ReopenOpportunity,
    ReviseOpportunity,
)
from lowe_centres.model import (
    FeedEntry,
    MatchReasons,
    PartnerName,
    PublishedOpportunity,
    deliver,
    merge,
    recommend,
)
from lowe_centres.model.matching import Matcher
from lowe_centres.model.shapes import CentreProfile, SubscriptionFilters
from lowe_centres.ports import Clock, UnitOfWork, utc_now

Found = tuple[CentreProfile, MatchReasons, str]  # a centre, why (merged), and how it is delivered
# a fan-out to thousands of centres is committed in parts, so the first centres are told while the rest are written
FAN_OUT_CHUNK = 500


def match_published_opportunity(cmd: MatchPublishedOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> int:
    """Puts the opportunity in the feed of every centre it matches; returns how many. A redelivery reaches only
    centres that do not have it yet, which is what lets a large fan-out commit in parts."""
    with uow:
        opportunity = uow.opportunities.get(cmd.opportunity_id)
        if opportunity is None:
            opportunity = _copy_of(cmd)
            uow.opportunities.add(opportunity)
        elif opportunity.status != "published":
            opportunity.revise(_details_of(cmd))  # it finished before its publication reached us
        _name_as_known(opportunity, uow)
        delivered = 0
        if opportunity.status == "published":
            at = now()
            already = uow.feed.centres_with(opportunity.id)
            for centre, reasons, delivery in matching_centres(opportunity, uow, at):
                if centre.id not in already:
                    uow.feed.add(deliver(centre, opportunity, reasons, delivery, at, uuid.uuid4()))
                    delivered += 1
                    if delivered % FAN_OUT_CHUNK == 0:
                        uow.commit_progress()  # a redelivery after a crash skips the centres that have it
        uow.commit()
    return delivered


def revise_opportunity(cmd: ReviseOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> int:
    """Keeps the copy current and matches it again. A feed entry whose centre it no longer fits is retracted
    (`opportunity_unmatched`); centres it newly fits get it (`opportunity_matched`, also when their entry had been
    retracted); the others' explanations are brought up to date. Returns how many newly got it."""
    with uow:
        opportunity = uow.opportunities.get(cmd.opportunity.opportunity_id)
        details = _details_of(cmd.opportunity, cmd.at)
        if opportunity is None:
            opportunity = PublishedOpportunity(id=cmd.opportunity.opportunity_id, **details)  # type: ignore[arg-type]
            uow.opportunities.add(opportunity)
        else:
            opportunity.revise(details)
        _name_as_known(opportunity, uow)
        delivered = _rematch(opportunity, uow, now(), cmd.changed) if opportunity.status == "published" else 0
        uow.commit()
    return delivered


def finish_opportunity(cmd: FinishOpportunity, uow: UnitOfWork) -> None:
    """Marks the copy withdrawn or closed, so feeds show it; remembered even if its publication comes later."""
    with uow:
        opportunity = uow.opportunities.get(cmd.opportunity_id)
        if opportunity is None:
            opportunity = PublishedOpportunity(
                id=cmd.opportunity_id,
                partner_name="",
                kind="",
                title="",
                description="",
                topics=[],
                target_groups=[],
                regions=[],
                nationwide=False,
                published_at=cmd.at,
            )
            uow.opportunities.add(opportunity)
        opportunity.finish(cmd.status, cmd.reason, cmd.at)
        uow.commit()


def rename_partner(cmd: RenamePartner, uow: UnitOfWork) -> int:
    """`partner_updated`: the copies of the partner's opportunities take its new name (so later matches carry it),
    unless they know a newer one; remembered for copies still to come. Returns how many copies changed."""
    with uow:
        known: PartnerName | None = uow.partner_names.get(cmd.partner_id)
        if known is None:
            uow.partner_names.add(PartnerName(cmd.partner_id, cmd.name, cmd.at))
        else:
            known.learn(cmd.name, cmd.at)
        renamed = sum(
            opportunity.name_partner(cmd.name, cmd.at) for opportunity in uow.opportunities.of_partner(cmd.partner_id)
        )
        uow.commit()
    return renamed


def _name_as_known(opportunity: PublishedOpportunity, uow: UnitOfWork) -> None:
    """A `partner_updated` newer than the news that just wrote the copy wins (the two travel on separate queues)."""
    if opportunity.partner_id is None:
        return
    known: PartnerName | None = uow.partner_names.get(opportunity.partner_id)
    if known is not None:
        opportunity.name_partner(known.name, known.updated_at)


def reopen_opportunity(cmd: ReopenOpportunity, uow: UnitOfWork) -> None:
    """Places freed up on an opportunity that had closed for lack of them; its publication may still be on the way."""
    with uow:
        opportunity = uow.opportunities.get(cmd.opportunity_id)
        if opportunity is not None:
            opportunity.reopen(cmd.at)
        uow.commit()


def matching_centres(opportunity: PublishedOpportunity, uow: UnitOfWork, at: datetime) -> list[Found]:
    """Every active centre the opportunity fits, once: through its subscriptions (several merged into one), or,
    for a centre with no active subscription, through its profile (recommended, in the daily digest). The
    indexes name the candidates; the domain decides and explains."""
    matcher = Matcher(opportunity, at)
    found = [
        wanted
        for centre, subscriptions in uow.subscriptions.candidates_by_centre(opportunity, now=at)
        if (wanted := _by_subscriptions(centre, subscriptions, matcher)) is not None
    ]
    recommendable = uow.centres.recommendation_candidates(opportunity)
    if recommendable:  # none has an active subscription, so none was matched above; checked all the same
        matched = {centre.id for centre, _, _ in found}
        for centre in recommendable:
            reasons = recommend(centre, opportunity, at)
            if centre.active and centre.id not in matched and reasons is not None:
                found.append((centre, reasons, "daily_digest"))
    return found


def _rematch(opportunity: PublishedOpportunity, uow: UnitOfWork, at: datetime, changed: list[str]) -> int:
    entries = {entry.centre_id: entry for entry in uow.feed.for_opportunity(opportunity.id)}
    live = [entry for entry in entries.values() if not entry.retracted]
    retracted_now = _recheck(live, opportunity, uow, at, changed)
    delivered = 0
    for centre, reasons, delivery in matching_centres(opportunity, uow, at):
        entry = entries.get(centre.id)
        if entry is None:
            uow.feed.add(deliver(centre, opportunity, reasons, delivery, at, uuid.uuid4()))
        elif entry.retracted and centre.id not in retracted_now:
            entry.reinstate(centre, opportunity, reasons, delivery, at)
        else:
            continue
        delivered += 1
    return delivered


def _recheck(
    entries: list[FeedEntry], opportunity: PublishedOpportunity, uow: UnitOfWork, at: datetime, changed: list[str]
) -> set[uuid.UUID]:
    """Does each centre that has it still want it as it is now? Asked of all the centre's subscriptions, paused ones
    too, at the time it was matched: only the partner's edit retracts an entry, not pausing nor the passing days.
    Returns the centres whose entry was retracted."""
    if not entries:
        return set()
    centre_ids = {entry.centre_id for entry in entries}
    centres = {centre.id: centre for centre in uow.centres.get_many(centre_ids)}
    subscriptions: dict[uuid.UUID, list[SubscriptionFilters]] = defaultdict(list)
    for subscription in uow.subscriptions.for_centres(centre_ids):
        subscriptions[subscription.centre_id].append(subscription)
    retracted = set()
    for entry in entries:
        centre, own = centres[entry.centre_id], subscriptions[entry.centre_id]
        wanted = _by_subscriptions(centre, own, Matcher(opportunity, entry.matched_at))
        if wanted is None and (entry.recommended or all(s.paused for s in own)):
            reasons = recommend(centre, opportunity, entry.matched_at)
            wanted = (centre, reasons, "daily_digest") if reasons is not None else None
        if wanted is None:
            entry.retract(centre, opportunity, changed, at)
            retracted.add(centre.id)
        else:
            entry.explain(wanted[1], wanted[2])
    return retracted


def _by_subscriptions(
    centre: CentreProfile, subscriptions: Iterable[SubscriptionFilters], matcher: Matcher
) -> Found | None:
    """The centre's matching subscriptions merged into one; delivered at once if any of them asks for that."""
    matched: list[MatchReasons] = []
    instant = False
    for subscription in subscriptions:
        reasons = matcher.match(subscription, centre.voivodeship)
        if reasons is not None:
            matched.append(reasons)
            instant = instant or subscription.delivery == "instant"
    if not matched:
        return None
    return centre, merge(matched), "instant" if instant else "daily_digest"


def _details_of(cmd: MatchPublishedOpportunity, at: datetime | None = None) -> dict[str, object]:
    """`at`: when the news was true (an update's time; the publication's otherwise)."""
    return {
        "partner_id": cmd.partner_id,
        "partner_name": cmd.partner_name,
        "partner_name_at": at or cmd.published_at,
        "kind": cmd.kind,
        "title": cmd.title,
        "description": cmd.description,
        "topics": list(cmd.topics),
        "target_groups": list(cmd.target_groups),
        "regions": list(cmd.regions),
        "nationwide": cmd.nationwide,
        "published_at": cmd.published_at,
        "delivery_mode": cmd.delivery_mode,
        "free": cmd.free,
        "cost_pln": cmd.cost_pln,
        "starts_at": cmd.starts_at,
        "ends_at": cmd.ends_at,
        "apply_by": cmd.apply_by,
    }


def _copy_of(cmd: MatchPublishedOpportunity) -> PublishedOpportunity:
    return PublishedOpportunity(id=cmd.opportunity_id, **_details_of(cmd))  # type: ignore[arg-type]
