"""Imperative mapping of the domain onto the notifications database."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import registry

from lowe_backbone.sqltypes import JsonDict, UtcDateTime
from lowe_backbone.tables import outbox_table, processed_events_table
from lowe_notifications.model import Notification

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

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)

_started = False


def start_mappers() -> None:
    global _started
    if _started:
        return
    _started = True
    mapper_registry.map_imperatively(Notification, notifications)
