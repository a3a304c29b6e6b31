"""Imperative mapping of the domain onto the notifications database."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import registry

from lowe_backbone.sqltypes import JsonDict, JsonList, UtcDateTime
from lowe_backbone.tables import outbox_table, processed_events_table
from lowe_notifications.model import Delivery, Notification, Preference, Recipient
from lowe_notifications.model.deadlines import Claim, Deadline
from lowe_notifications.model.participants import EventCopy, Participant
from lowe_notifications.model.webhooks import WebhookEndpoint

metadata = sa.MetaData()
mapper_registry = registry(metadata=metadata)

notifications = sa.Table(
    "notifications",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("recipient_id", sa.Uuid, nullable=False),
    sa.Column("recipient_type", sa.String(20), nullable=False),
    sa.Column("type", sa.String(50), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("data", JsonDict(), nullable=False),
    sa.Column("source_event_id", sa.String(36), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("read_at", UtcDateTime(), nullable=True),
    sa.UniqueConstraint("source_event_id", "recipient_id", name="uq_notifications_event_recipient"),
    sa.Index("ix_notifications_recipient_created", "recipient_id", "created_at"),
)

deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("source_event_id", sa.String(80), nullable=False),
    sa.Column("recipient_id", sa.Uuid, nullable=False),
    sa.Column("recipient_type", sa.String(20), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("target", sa.String(36), nullable=False),
    sa.Column("type", sa.String(50), nullable=False),
    sa.Column("data", JsonDict(), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("next_attempt_at", UtcDateTime(), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.Column("sent_at", UtcDateTime(), nullable=True),
    sa.Column("digest_on", sa.String(10), nullable=True),
    sa.Column("digest_id", sa.Uuid, nullable=True),
    sa.Column("locked_until", UtcDateTime(), nullable=True),
    sa.Column("lock_token", sa.String(36), nullable=True),
    sa.UniqueConstraint("source_event_id", "recipient_id", "channel", "target", name="uq_deliveries_once"),
    sa.Index("ix_deliveries_due", "status", "next_attempt_at"),
    sa.Index("ix_deliveries_recipient", "recipient_id", "created_at"),
)

recipients = sa.Table(
    "recipients",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("email", sa.String(320), nullable=True),
    sa.Column("email_source", sa.String(20), nullable=True),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("digest_hour", sa.Integer, nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.Column("email_at", UtcDateTime(), nullable=True),
)

preferences = sa.Table(
    "preferences",
    metadata,
    sa.Column("recipient_id", sa.Uuid, primary_key=True),
    sa.Column("type", sa.String(50), primary_key=True),
    sa.Column("channels", JsonList(), nullable=False),
    sa.Column("mode", sa.String(20), nullable=False),
    sa.Column("language", sa.String(2), nullable=True),
)

webhook_endpoints = sa.Table(
    "webhook_endpoints",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("owner_id", sa.Uuid, nullable=False, index=True),
    sa.Column("owner_type", sa.String(20), nullable=False),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("secret_sealed", sa.Text, nullable=False),
    sa.Column("types", JsonList(), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("disabled_reason", sa.String(50), nullable=True),
    sa.Column("disabled_at", UtcDateTime(), nullable=True),
    sa.Column("previous_secret_sealed", sa.Text, nullable=True),
    sa.Column("previous_secret_until", UtcDateTime(), nullable=True),
)

# which centres an opportunity reached (from `opportunity_matched`): told when it is withdrawn, and named in news
opportunity_audience = sa.Table(
    "opportunity_audience",
    metadata,
    sa.Column("opportunity_id", sa.Uuid, primary_key=True),
    sa.Column("centre_id", sa.Uuid, primary_key=True),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("partner_name", sa.String(300), nullable=False),
    sa.Column("centre_name", sa.String(300), nullable=False),
)

# the centres' events and their registrations, as the events service announced them: ids, titles, times, states
event_copies = sa.Table(
    "event_copies",
    metadata,
    sa.Column("event_id", sa.Uuid, primary_key=True),
    sa.Column("centre_id", sa.Uuid, nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("sessions", JsonList(), nullable=False),
    sa.Column("location", JsonDict(), nullable=False),
    sa.Column("cancelled", sa.Boolean, nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
)

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("registration_id", sa.Uuid, primary_key=True),
    sa.Column("event_id", sa.Uuid, nullable=False, index=True),
    sa.Column("centre_id", sa.Uuid, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("by_email", sa.Boolean, nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.Column("language", sa.String(5), nullable=False, server_default="pl"),
)

# what the deadline warnings need: each opportunity's deadline, and which centres claimed or saved it
deadlines = sa.Table(
    "deadlines",
    metadata,
    sa.Column("opportunity_id", sa.Uuid, primary_key=True),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("deadline", UtcDateTime(), nullable=True),
    sa.Column("open", sa.Boolean, nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("opportunity_id", sa.Uuid, primary_key=True),
    sa.Column("centre_id", sa.Uuid, primary_key=True),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.Column("saved", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("saved_at", UtcDateTime(), nullable=True),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)

_started = False


def start_mappers() -> None:
    global _started
    if _started:
        return
    _started = True
    mapper_registry.map_imperatively(Notification, notifications)
    mapper_registry.map_imperatively(Delivery, deliveries)
    mapper_registry.map_imperatively(Recipient, recipients)
    mapper_registry.map_imperatively(Preference, preferences)
    mapper_registry.map_imperatively(WebhookEndpoint, webhook_endpoints)
    mapper_registry.map_imperatively(EventCopy, event_copies)
    mapper_registry.map_imperatively(Participant, participants)
    mapper_registry.map_imperatively(Deadline, deadlines)
    mapper_registry.map_imperatively(Claim, claims)
