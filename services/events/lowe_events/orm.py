"""Imperative mapping of the domain onto the events database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as orm_event
from sqlalchemy.orm import registry

from lowe_backbone.sqltypes import JsonList, UtcDateTime
from lowe_backbone.tables import outbox_table, processed_events_table
from lowe_events.model import Allocation, Event, Mark, Registration, Session

metadata = sa.MetaData()
mapper_registry = registry(metadata=metadata)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("centre_id", sa.Uuid, nullable=False, index=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("capacity", sa.Integer, nullable=False),
    sa.Column("origin", sa.String(12), nullable=False),
    sa.Column("partner_id", sa.Uuid, nullable=True, index=True),
    sa.Column("opportunity_id", sa.Uuid, nullable=True),
    sa.Column("location_kind", sa.String(10), nullable=False),
    sa.Column("location_address", sa.String(300), nullable=True),
    sa.Column("location_url", sa.String(500), nullable=True),
    sa.Column("languages", JsonList(), nullable=False),
    sa.Column("target_groups", JsonList(), nullable=False),
    sa.Column("accessibility", JsonList(), nullable=False),
    sa.Column("accessibility_notes", sa.String(1000), nullable=True),
    sa.Column("organiser", sa.String(200), nullable=True),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=True),
    sa.Column("cancelled_at", UtcDateTime(), nullable=True),
    sa.Column("cancel_reason", sa.String(500), nullable=True),
    sa.Column("last_sequence", sa.Integer, nullable=False, server_default="0"),
)

event_sessions = sa.Table(
    "event_sessions",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("event_id", sa.Uuid, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("starts_at", UtcDateTime(), nullable=False),
    sa.Column("ends_at", UtcDateTime(), nullable=False),
    sa.Index("ix_event_sessions_event_starts", "event_id", "starts_at"),
    sa.Index("ix_event_sessions_starts", "starts_at"),
)

# Personal data lives here and only here (name, email, phone, demographics); erasure nulls it in place.
registrations = sa.Table(
    "registrations",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("event_id", sa.Uuid, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("centre_id", sa.Uuid, nullable=False),
    sa.Column("sequence", sa.Integer, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("registered_at", UtcDateTime(), nullable=False),
    sa.Column("consent_version", sa.String(50), nullable=False),
    sa.Column("consent_at", UtcDateTime(), nullable=False),
    sa.Column("name", sa.String(200), nullable=True),
    sa.Column("email", sa.String(254), nullable=True),
    sa.Column("phone", sa.String(30), nullable=True),
    sa.Column("demographics_consent_version", sa.String(50), nullable=True),
    sa.Column("demographics_consent_at", UtcDateTime(), nullable=True),
    sa.Column("health_data_consent", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("age_band", sa.String(10), nullable=True),
    sa.Column("gender", sa.String(20), nullable=True),
    sa.Column("labour_market_status", sa.String(20), nullable=True),
    sa.Column("target_groups", JsonList(), nullable=False, server_default="[]"),
    sa.Column("disability", sa.Boolean, nullable=True),
    sa.Column("confirmed_at", UtcDateTime(), nullable=True),
    sa.Column("cancelled_at", UtcDateTime(), nullable=True),
    sa.Column("cancel_reason", sa.String(20), nullable=True),
    sa.Column("erased_at", UtcDateTime(), nullable=True),
    sa.Column("language", sa.String(5), nullable=False, server_default="pl"),
    sa.UniqueConstraint("event_id", "sequence", name="uq_registrations_event_sequence"),
    sa.Index("ix_registrations_centre_email", "centre_id", "email"),
    sa.Index("ix_registrations_centre_phone", "centre_id", "phone"),
)

attendance = sa.Table(
    "attendance",
    metadata,
    sa.Column("session_id", sa.Uuid, sa.ForeignKey("event_sessions.id"), primary_key=True),
    sa.Column("registration_id", sa.Uuid, sa.ForeignKey("registrations.id"), primary_key=True),
    sa.Column("present", sa.Boolean, nullable=False),
    sa.Column("marked_at", UtcDateTime(), nullable=False),
)

allocations = sa.Table(
    "allocations",
    metadata,
    sa.Column("interest_id", sa.Uuid, primary_key=True),
    sa.Column("opportunity_id", sa.Uuid, nullable=False),
    sa.Column("partner_id", sa.Uuid, nullable=False),
    sa.Column("centre_id", sa.Uuid, nullable=False),
    sa.Column("places", sa.Integer, nullable=False),
    sa.Column("held", sa.Boolean, nullable=False),
    sa.Column("changed_at", UtcDateTime(), nullable=False),
    sa.Index("ix_allocations_centre_opportunity", "centre_id", "opportunity_id"),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)

_started = False


def start_mappers() -> None:
    global _started
    if _started:
        return
    _started = True
    mapper_registry.map_imperatively(Event, events)
    mapper_registry.map_imperatively(Session, event_sessions)
    mapper_registry.map_imperatively(Registration, registrations)
    mapper_registry.map_imperatively(Mark, attendance)
    mapper_registry.map_imperatively(Allocation, allocations)

    @orm_event.listens_for(Event, "load")
    def _receive_load(aggregate: Event, _context: Any) -> None:
        aggregate.events = []
