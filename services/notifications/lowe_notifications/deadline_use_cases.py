"""Keeping the centres' deadline warnings in step with what the partners say about opportunities and interests,
and with the feed entries the centres save.

The warning is scheduled in the ledger (every channel the centre takes, due 3 days before the deadline) in the
same transaction as the news that calls for it; the dispatcher sends it when due, after any restart."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from lowe_notifications.model import Delivery, Notice, plan_channels
from lowe_notifications.model.deadlines import DEADLINE_CLOSING, Claim, Deadline
from lowe_notifications.model.deliveries import FAILED, QUEUED
from lowe_notifications.model.notices import CENTRE
from lowe_notifications.model.participants import LONG_AGO
from lowe_notifications.use_cases import Clock, UnitOfWork, utc_now


@dataclass(frozen=True)
class OpportunityInfo:
    opportunity_id: UUID
    title: str
    deadline: datetime | None
    at: datetime


def note_opportunity(info: OpportunityInfo, uow: UnitOfWork, now: Clock = utc_now) -> None:
    """`opportunity_published` / `opportunity_updated`: its title and deadline (news older than known is ignored)."""
    with uow:
        known = _locked_deadline(uow, info.opportunity_id)
        if info.at >= known.updated_at:
            known.title, known.deadline, known.updated_at = info.title, info.deadline, info.at
        reschedule_warnings(uow, info.opportunity_id, now())
        uow.commit()


def note_finished(uow: UnitOfWork, opportunity_id: UUID, at: datetime) -> None:
    """Withdrawn or closed: no warning any more (inside the caller's unit of work)."""
    _locked_deadline(uow, opportunity_id).open = False
    reschedule_warnings(uow, opportunity_id, at)


def note_claim(uow: UnitOfWork, opportunity_id: UUID, centre_id: UUID, active: bool, at: datetime) -> None:
    """A centre's interest began (`interest_expressed`) or ended (declined, withdrawn, every place given back)."""
    _locked_deadline(uow, opportunity_id)
    claim: Claim | None = uow.deadlines.get_claim(opportunity_id, centre_id)
    if claim is None:
        uow.deadlines.add_claim(Claim(opportunity_id, centre_id, active, at))
    elif at >= claim.updated_at:
        claim.active, claim.updated_at = active, at
    reschedule_warnings(uow, opportunity_id, at)


def note_saved(uow: UnitOfWork, opportunity_id: UUID, centre_id: UUID, saved: bool, at: datetime) -> None:
    """`feed_entry_marked`: the entry saved (watch the deadline) or marked anything else (stop, unless claimed)."""
    _locked_deadline(uow, opportunity_id)
    claim: Claim | None = uow.deadlines.get_claim(opportunity_id, centre_id)
    if claim is None:
        claim = Claim(opportunity_id, centre_id, False, LONG_AGO)
        uow.deadlines.add_claim(claim)
    claim.mark(saved, at)
    reschedule_warnings(uow, opportunity_id, at)


def _locked_deadline(uow: UnitOfWork, opportunity_id: UUID) -> Deadline:
    """The opportunity's row, locked (PostgreSQL) by every news about it, so a claim and a deadline arriving at once
    on separate queues are taken one after the other; made empty when nothing arrived yet (two first news at once:
    one insert fails on the key and its message is retried)."""
    known: Deadline | None = uow.deadlines.get(opportunity_id)
    if known is None:
        known = Deadline(opportunity_id, "", None, True, LONG_AGO)
        uow.deadlines.add(known)
    return known


def reschedule_warnings(uow: UnitOfWork, opportunity_id: UUID, now: datetime) -> None:
    deadline: Deadline | None = uow.deadlines.get(opportunity_id)
    claims = list(uow.deadlines.claims_of(opportunity_id))
    due = deadline.warning_due(now) if deadline is not None else None
    wanted = deadline.warning_key() if deadline is not None and due is not None else None
    warned = {c.centre_id for c in claims if c.watching} if wanted else set()
    pending = uow.deliveries.pending_for([c.centre_id for c in claims], DEADLINE_CLOSING) if claims else []
    for delivery in pending:
        if delivery.data.get("opportunity_id") != str(opportunity_id):
            continue
        if delivery.source_event_id != wanted or delivery.recipient_id not in warned:
            delivery.cancel("the deadline moved, or the opportunity or the interest ended", now)
    if deadline is None or due is None or wanted is None:
        return
    for centre_id in sorted(warned):
        _schedule(uow, deadline, centre_id, wanted, due, now)


def _schedule(uow: UnitOfWork, deadline: Deadline, centre_id: UUID, key: str, due: datetime, now: datetime) -> None:
    data = {
        "opportunity_id": str(deadline.opportunity_id),
        "title": deadline.title,
        "deadline": deadline.deadline.isoformat() if deadline.deadline else None,
    }
    notice = Notice(key, centre_id, CENTRE, DEADLINE_CLOSING, data, now)
    preference = uow.preferences.get(centre_id, DEADLINE_CLOSING)
    endpoints = [str(e.id) for e in uow.endpoints.of_owner(centre_id) if e.takes(DEADLINE_CLOSING)]
    for planned in plan_channels(notice, preference, endpoints):
        existing: Delivery | None = uow.deliveries.find(key, centre_id, planned.channel, planned.target)
        if existing is not None:  # the same deadline was warned of, or is waiting, or its warning was dropped
            if existing.status == FAILED:
                existing.status, existing.attempts, existing.last_error = QUEUED, 0, None
                existing.next_attempt_at, existing.updated_at = due, now
            continue
        uow.deliveries.add(
            Delivery(
                id=uuid.uuid4(),
                source_event_id=key,
                recipient_id=centre_id,
                recipient_type=CENTRE,
                channel=planned.channel,
                target=planned.target,
                type=DEADLINE_CLOSING,
                data=data,
                status=QUEUED,
                created_at=now,
                updated_at=now,
                next_attempt_at=due,  # the inbox entry too appears only then
            )
        )
