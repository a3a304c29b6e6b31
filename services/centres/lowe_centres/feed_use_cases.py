"""Use cases about a centre's feed: reading it page by page, marking entries, expressing interest from an entry,
and following what the partner decides about that interest. `verb_noun(cmd, uow)`."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from lowe_backbone.logs import get_logger
from lowe_centres.consumed_interests import FollowInterest
from lowe_centres.feed_commands import ClaimFeedEntry, EntryRef, ExpressInterest, MarkFeedEntry
from lowe_centres.feed_repository import Listed
from lowe_centres.listing import FeedCursor, FeedQuery
from lowe_centres.model import CentreNotFound, FeedEntry, PublishedOpportunity
from lowe_centres.model.feed import REQUESTED, FeedEntryNotFound, InterestUpdate
from lowe_centres.ports import Clock, ExpressedInterest, Partners, UnitOfWork, utc_now

log = get_logger(__name__)


@dataclass(frozen=True)
class FeedPage:
    items: list[Listed]
    next_cursor: str | None  # None on the last page


def list_feed_page(query: FeedQuery, uow: UnitOfWork) -> FeedPage:
    with uow:
        _require_centre(query.centre_id, uow)
        found = uow.feed.page(query)
    items = found[: query.limit]
    if len(found) <= query.limit:
        return FeedPage(items, None)
    last = items[-1][0]
    return FeedPage(items, FeedCursor(query.order, last.score, last.matched_at, last.id).encode())


def count_matched_centres(opportunity_ids: tuple[UUID, ...], uow: UnitOfWork) -> dict[UUID, int]:
    """How many centres each opportunity reached (an entry retracted after an edit no longer counts); 0 for an id
    no feed has, unknown ones included. Whose opportunities they are is the caller's check."""
    with uow:
        found = uow.feed.centre_counts(opportunity_ids)
    return {opportunity_id: found.get(opportunity_id, 0) for opportunity_id in opportunity_ids}


def mark_feed_entry(cmd: MarkFeedEntry, uow: UnitOfWork, now: Clock = utc_now) -> Listed:
    """A change of state records `feed_entry_marked` in the same transaction; the same state again records nothing."""
    with uow:
        entry, opportunity = _entry(cmd.entry, uow)
        entry.mark(cmd.state, now())
        uow.commit()
    return entry, opportunity


def claim_feed_entry(cmd: ClaimFeedEntry, uow: UnitOfWork, partners: Partners, now: Clock = utc_now) -> Listed:
    """Asks the partners service for the centre's interest (its refusals reach the caller as they are), then records
    it on the entry, claimed. Its `interest_expressed` event records the same, whichever comes first; if this
    second step failed, the event would still claim the entry."""
    return _claim(cmd, uow, partners, now)[0]


def express_interest(
    cmd: ExpressInterest, uow: UnitOfWork, partners: Partners, now: Clock = utc_now
) -> tuple[ExpressedInterest, UUID | None]:
    """The centre's interest in an opportunity: from its feed entry when it has one (exactly `claim_feed_entry`, its
    refusals included), else asked of the partners service directly. Returns the interest and the entry, if any."""
    with uow:
        _require_centre(cmd.centre_id, uow)
        entry = uow.feed.of_centre(cmd.centre_id, cmd.opportunity_id)
    if entry is None:
        return partners.express_interest(cmd.opportunity_id, cmd.centre_id, cmd.places, cmd.message), None
    claim = ClaimFeedEntry(EntryRef(cmd.centre_id, entry.id), cmd.places, cmd.message)
    return _claim(claim, uow, partners, now)[1], entry.id


def _claim(cmd: ClaimFeedEntry, uow: UnitOfWork, partners: Partners, now: Clock) -> tuple[Listed, ExpressedInterest]:
    with uow:
        entry, opportunity = _entry(cmd.entry, uow)
        entry.check_claimable(opportunity)
    interest = partners.express_interest(entry.opportunity_id, entry.centre_id, cmd.places, cmd.message)
    expressed = InterestUpdate(interest.id, REQUESTED, interest.expressed_at, places_requested=interest.places)
    with uow:
        entry, opportunity = _entry(cmd.entry, uow)
        entry.follow(expressed, now())
        uow.commit()
    return (entry, opportunity), interest


def follow_interest(cmd: FollowInterest, uow: UnitOfWork, now: Clock = utc_now) -> bool:
    """Keeps the partner's news about a centre's interest on the centre's entry for the opportunity, however the
    interest was expressed; older news than what is recorded is ignored. A centre with no entry for the opportunity
    gets nothing recorded. True if the entry changed."""
    with uow:
        entry = uow.feed.of_centre(cmd.centre_id, cmd.opportunity_id)
        if entry is None:
            log.info(
                "interest_not_in_feed",
                centre_id=str(cmd.centre_id),
                opportunity_id=str(cmd.opportunity_id),
                interest_id=str(cmd.update.interest_id),
                status=cmd.update.status,
            )
            uow.commit()  # the event is processed all the same
            return False
        applied = entry.follow(cmd.update, now())
        if not applied:
            log.info("interest_news_older_than_recorded", interest_id=str(cmd.update.interest_id))
        uow.commit()
    return applied


def _entry(ref: EntryRef, uow: UnitOfWork) -> tuple[FeedEntry, PublishedOpportunity]:
    """Another centre's entry is as unknown as one that does not exist."""
    _require_centre(ref.centre_id, uow)
    entry = uow.feed.get(ref.entry_id)
    if entry is None or entry.centre_id != ref.centre_id:
        raise FeedEntryNotFound(str(ref.entry_id))
    opportunity = uow.opportunities.get(entry.opportunity_id)
    if opportunity is None:  # never: an entry is delivered from the centres' copy
        raise FeedEntryNotFound(str(ref.entry_id))
    return entry, opportunity


def _require_centre(centre_id: UUID, uow: UnitOfWork) -> None:
    if uow.centres.get(centre_id) is None:
        raise CentreNotFound(str(centre_id))
