"""Telling the centres' participants: their registration, the waiting line, changes, cancellations and a reminder
24 hours before each session. E-mail only, and only to someone who gave one; the address is read from the events
service when the message is sent, never kept here."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from lowe_notifications.consumed_events import EventNews, RegistrationNews
from lowe_notifications.model import EMAIL, Delivery, Notice
from lowe_notifications.model.deliveries import QUEUED
from lowe_notifications.model.notices import PARTICIPANT
from lowe_notifications.model.participants import (
    CONFIRMED,
    ERASED,
    LONG_AGO,
    REMINDER_BEFORE,
    EventCopy,
    Participant,
    event_data,
    reminder_key,
)
from lowe_notifications.use_cases import Clock, UnitOfWork, record_notices, utc_now

REMINDER = "session_reminder"
HOLD_FOR_EVENT = timedelta(minutes=10)  # at most: then it goes without the event's details


def follow_registration(news: RegistrationNews, uow: UnitOfWork, now: Clock = utc_now) -> None:
    with uow:
        at = now()
        event = _locked_event(uow, news.registration_event_id, news.centre_id)
        participant: Participant | None = uow.participants.get(news.registration_id)
        if participant is None:
            participant = Participant(
                news.registration_id, news.registration_event_id, news.centre_id, news.status, news.by_email, news.at
            )
            participant.language = news.language or participant.language
            uow.participants.add(participant)
        elif not participant.follow(news.status, news.by_email, news.at, news.language):
            uow.commit()  # older news: only the processed-event mark
            return
        if news.notification_type is not None and participant.by_email:
            data = event_data(event, news.registration_event_id, news.centre_id)
            data["position"] = news.position
            notice = _notice(news.event_id, participant, news.notification_type, data, news.at)
            for delivery in record_notices([notice], uow, now):
                if event.updated_at == LONG_AGO:  # the event's own news is on its way: wait for its details
                    delivery.next_attempt_at = at + HOLD_FOR_EVENT
        if participant.status == CONFIRMED and not event.cancelled:
            _schedule_reminders(uow, [participant], event, at)
        elif not participant.active:
            _cancel_reminders(uow, [participant], "the registration was cancelled", at)
        uow.commit()


def follow_event(news: EventNews, uow: UnitOfWork, now: Clock = utc_now) -> None:
    """Keeps the event's copy; tells its registered participants of a change or a cancellation; keeps their
    reminders in step with its sessions."""
    with uow:
        at = now()
        event = _locked_event(uow, news.copy.event_id, news.copy.centre_id)
        if news.copy.updated_at < event.updated_at:
            uow.commit()
            return
        event.title, event.sessions, event.location = news.copy.title, news.copy.sessions, news.copy.location
        event.cancelled, event.updated_at = event.cancelled or news.copy.cancelled, news.copy.updated_at
        registered = [p for p in uow.participants.of_event(event.event_id) if p.active]
        for held in uow.deliveries.pending_for([p.registration_id for p in registered]) if registered else []:
            if held.type != REMINDER and held.next_attempt_at is not None and held.next_attempt_at > at:
                held.next_attempt_at = at  # what waited for the event's details goes now
                uow.queued_deliveries = True
        if news.kind in ("event_changed", "event_cancelled"):
            data = event_data(event, event.event_id, event.centre_id)
            data["reason"] = news.reason
            told = [_notice(news.event_id, p, news.kind, data, news.copy.updated_at) for p in registered if p.by_email]
            record_notices(told, uow, now)
        if event.cancelled:
            _cancel_reminders(uow, registered, "the event was cancelled", at)
        else:
            keys = {reminder_key(session) for session in event.sessions}
            for stale in uow.deliveries.pending_for([p.registration_id for p in registered], REMINDER):
                if stale.source_event_id not in keys:
                    stale.cancel("the session was moved or removed", at)
            _schedule_reminders(uow, [p for p in registered if p.status == CONFIRMED], event, at)
        uow.commit()


def forget_participants(registration_ids: list[uuid.UUID], uow: UnitOfWork, now: Clock = utc_now) -> None:
    """`participant_erased`: nothing more is sent to them; only their ids stay (marked erased, so that late news about
    them changes nothing)."""
    with uow:
        at = now()
        for delivery in uow.deliveries.pending_for(registration_ids):
            delivery.cancel("the participant was erased", at)
        for registration_id in registration_ids:
            if (participant := uow.participants.get(registration_id)) is not None:
                participant.status, participant.by_email, participant.updated_at = ERASED, False, at
        uow.commit()


def _locked_event(uow: UnitOfWork, event_id: uuid.UUID, centre_id: uuid.UUID) -> EventCopy:
    """The event's row, locked (PostgreSQL) until the unit of work ends; made empty when nothing arrived yet (two
    first news at once: one insert fails on the key and its message is retried, finding the row)."""
    event: EventCopy | None = uow.participants.get_event(event_id)
    if event is None:
        event = EventCopy.placeholder(event_id, centre_id)
        uow.participants.add_event(event)
        uow.participants.flush()
    return event


def _notice(source: str, participant: Participant, kind: str, data: dict[str, Any], at: datetime) -> Notice:
    return Notice(source, participant.registration_id, PARTICIPANT, kind, data, at)


def _schedule_reminders(uow: UnitOfWork, confirmed: list[Participant], event: EventCopy, at: datetime) -> None:
    """One reminder per confirmed participant and upcoming session, due 24 hours before it (unique in the ledger:
    news arriving twice or in another order never makes a second one)."""
    for participant in confirmed:
        if not participant.by_email:
            continue
        for session in event.upcoming(at):
            key = reminder_key(session)
            if uow.deliveries.find(key, participant.registration_id, EMAIL) is not None:
                continue
            data = event_data(event, event.event_id, event.centre_id)
            data.update(session_id=session["session_id"], starts_at=session["starts_at"])
            due = datetime.fromisoformat(session["starts_at"]) - REMINDER_BEFORE
            uow.deliveries.add(_reminder(key, participant, data, at, due))


def _reminder(key: str, participant: Participant, data: dict[str, Any], at: datetime, due: datetime) -> Delivery:
    return Delivery(
        id=uuid.uuid4(),
        source_event_id=key,
        recipient_id=participant.registration_id,
        recipient_type=PARTICIPANT,
        channel=EMAIL,
        target="",
        type=REMINDER,
        data=data,
        status=QUEUED,
        created_at=at,
        updated_at=at,
        next_attempt_at=due,
    )


def _cancel_reminders(uow: UnitOfWork, participants: list[Participant], reason: str, at: datetime) -> None:
    ids = [p.registration_id for p in participants]
    for delivery in uow.deliveries.pending_for(ids, REMINDER) if ids else []:
        delivery.cancel(reason, at)
