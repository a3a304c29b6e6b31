"""Repositories: the domain's view of storage (the inbox, recipients, preferences, endpoints, audiences)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_notifications.model import Notification, Preference, Recipient
from lowe_notifications.model.deadlines import Claim, Deadline
from lowe_notifications.model.participants import EventCopy, Participant
from lowe_notifications.model.webhooks import WebhookEndpoint
from lowe_notifications.orm import (
    claims,
    notifications,
    opportunity_audience,
    participants,
    preferences,
    recipients,
    webhook_endpoints,
)


@dataclass(frozen=True)
class InboxQuery:
    recipient_id: UUID
    limit: int = 50
    unread_only: bool = False
    type: str | None = None
    after: tuple[datetime, UUID] | None = None  # keyset cursor: (created_at, id) of the last item seen
    language: str | None = None  # the reader's, when not the one the entries were written in


@dataclass(frozen=True)
class Audience:
    opportunity_id: UUID
    centre_id: UUID
    title: str
    partner_name: str
    centre_name: str


class NotificationRepository(Protocol):
    def add(self, notification: Notification) -> None: ...
    def get(self, notification_id: UUID) -> Notification | None: ...
    def list_for(self, query: InboxQuery) -> list[Notification]: ...
    def unread_count(self, recipient_id: UUID) -> int: ...


class SqlAlchemyNotificationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, notification: Notification) -> None:
        self.session.add(notification)

    def get(self, notification_id: UUID) -> Notification | None:
        return self.session.get(Notification, notification_id)

    def list_for(self, query: InboxQuery) -> list[Notification]:
        columns = notifications.c
        statement = sa.select(Notification).where(columns.recipient_id == query.recipient_id)
        if query.unread_only:
            statement = statement.where(columns.read_at.is_(None))
        if query.type:
            statement = statement.where(columns.type == query.type)
        if query.after is not None:
            at, last_id = query.after
            statement = statement.where(
                sa.or_(columns.created_at < at, sa.and_(columns.created_at == at, columns.id < last_id))
            )
        statement = statement.order_by(columns.created_at.desc(), columns.id.desc()).limit(query.limit)
        return list(self.session.scalars(statement))

    def unread_count(self, recipient_id: UUID) -> int:
        query = sa.select(sa.func.count()).where(
            notifications.c.recipient_id == recipient_id, notifications.c.read_at.is_(None)
        )
        return int(self.session.execute(query).scalar_one())


class SqlAlchemyRecipientRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, recipient: Recipient) -> None:
        self.session.add(recipient)

    def get(self, recipient_id: UUID) -> Recipient | None:
        return self.session.get(Recipient, recipient_id)

    def get_many(self, recipient_ids: list[UUID]) -> dict[UUID, Recipient]:
        found = self.session.scalars(sa.select(Recipient).where(recipients.c.id.in_(recipient_ids)))
        return {recipient.id: recipient for recipient in found}


class SqlAlchemyPreferenceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, preference: Preference) -> None:
        self.session.add(preference)

    def get(self, recipient_id: UUID, notification_type: str) -> Preference | None:
        return self.session.get(Preference, (recipient_id, notification_type))

    def for_type(self, recipient_ids: list[UUID], notification_type: str) -> dict[UUID, Preference]:
        columns = preferences.c
        query = sa.select(Preference).where(columns.recipient_id.in_(recipient_ids), columns.type == notification_type)
        return {preference.recipient_id: preference for preference in self.session.scalars(query)}

    def of_recipient(self, recipient_id: UUID) -> list[Preference]:
        query = sa.select(Preference).where(preferences.c.recipient_id == recipient_id).order_by(preferences.c.type)
        return list(self.session.scalars(query))

    def remove(self, preference: Preference) -> None:
        self.session.delete(preference)


class SqlAlchemyEndpointRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, endpoint: WebhookEndpoint) -> None:
        self.session.add(endpoint)

    def get(self, endpoint_id: UUID) -> WebhookEndpoint | None:
        return self.session.get(WebhookEndpoint, endpoint_id)

    def of_owner(self, owner_id: UUID) -> list[WebhookEndpoint]:
        columns = webhook_endpoints.c
        query = sa.select(WebhookEndpoint).where(columns.owner_id == owner_id).order_by(columns.created_at, columns.id)
        return list(self.session.scalars(query))

    def of_owners(self, owner_ids: list[UUID]) -> dict[UUID, list[WebhookEndpoint]]:
        columns = webhook_endpoints.c
        query = (
            sa.select(WebhookEndpoint).where(columns.owner_id.in_(owner_ids)).order_by(columns.created_at, columns.id)
        )
        found: dict[UUID, list[WebhookEndpoint]] = {}
        for endpoint in self.session.scalars(query):
            found.setdefault(endpoint.owner_id, []).append(endpoint)
        return found


class SqlAlchemyAudienceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def remember_many(self, audiences: list[Audience]) -> None:
        """What the centres were told last wins: names are updated where they changed, new pairs inserted at once."""
        if not audiences:
            return
        columns = opportunity_audience.c
        wanted = {(audience.opportunity_id, audience.centre_id): audience for audience in audiences}
        known = self.session.execute(
            sa.select(opportunity_audience).where(
                columns.opportunity_id.in_({key[0] for key in wanted}),
                columns.centre_id.in_({key[1] for key in wanted}),
            )
        )
        fresh = dict(wanted)
        for row in known:
            audience = fresh.pop((row.opportunity_id, row.centre_id), None)
            if audience is not None and Audience(**row._mapping) != audience:
                key = (columns.opportunity_id == row.opportunity_id) & (columns.centre_id == row.centre_id)
                self.session.execute(sa.update(opportunity_audience).where(key).values(**_names(audience)))
        if fresh:
            self.session.execute(
                opportunity_audience.insert(),
                [{"opportunity_id": a.opportunity_id, "centre_id": a.centre_id, **_names(a)} for a in fresh.values()],
            )

    def of_opportunity(self, opportunity_id: UUID) -> list[Audience]:
        columns = opportunity_audience.c
        rows = self.session.execute(
            sa.select(opportunity_audience).where(columns.opportunity_id == opportunity_id).order_by(columns.centre_id)
        )
        return [Audience(**row._mapping) for row in rows]

    def find(self, opportunity_id: UUID, centre_id: UUID) -> Audience | None:
        return next((a for a in self.of_opportunity(opportunity_id) if a.centre_id == centre_id), None)


def _names(audience: Audience) -> dict[str, str]:
    return {"title": audience.title, "partner_name": audience.partner_name, "centre_name": audience.centre_name}


class SqlAlchemyParticipantRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, participant: Participant) -> None:
        self.session.add(participant)

    def get(self, registration_id: UUID) -> Participant | None:
        return self.session.get(Participant, registration_id, with_for_update=True)

    def of_event(self, event_id: UUID) -> list[Participant]:
        query = sa.select(Participant).where(participants.c.event_id == event_id).order_by(participants.c.updated_at)
        return list(self.session.scalars(query))

    def remove(self, participant: Participant) -> None:
        self.session.delete(participant)

    def get_event(self, event_id: UUID) -> EventCopy | None:
        return self.session.get(EventCopy, event_id, with_for_update=True)

    def find_event(self, event_id: UUID) -> EventCopy | None:
        return self.session.get(EventCopy, event_id)

    def add_event(self, event: EventCopy) -> None:
        self.session.add(event)

    def flush(self) -> None:
        self.session.flush()


class SqlAlchemyDeadlineRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, opportunity_id: UUID) -> Deadline | None:
        return self.session.get(Deadline, opportunity_id, with_for_update=True)

    def add(self, deadline: Deadline) -> None:
        self.session.add(deadline)
        self.session.flush()

    def get_claim(self, opportunity_id: UUID, centre_id: UUID) -> Claim | None:
        return self.session.get(Claim, (opportunity_id, centre_id), with_for_update=True)

    def add_claim(self, claim: Claim) -> None:
        self.session.add(claim)

    def claims_of(self, opportunity_id: UUID) -> list[Claim]:
        query = sa.select(Claim).where(claims.c.opportunity_id == opportunity_id).order_by(claims.c.centre_id)
        return list(self.session.scalars(query))
