"""Imperative mapping of the domain onto the partners database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import registry

from lowe_backbone.sqltypes import JsonList, UtcDateTime
from lowe_backbone.tables import outbox_table, processed_events_table
from lowe_partners.interests import OPEN_STATUSES, Interest
from lowe_partners.model import Opportunity, Partner

metadata = sa.MetaData()


def detail_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("delivery_mode", sa.String(10), nullable=False, server_default="on_site"),
        sa.Column("languages", JsonList(), nullable=False, server_default='["pl"]'),
        sa.Column("places", sa.Integer, nullable=True),
        sa.Column("cost_pln", sa.Numeric(10, 2), nullable=True),
        sa.Column("starts_at", UtcDateTime(), nullable=True),
        sa.Column("ends_at", UtcDateTime(), nullable=True),
        sa.Column("apply_by", UtcDateTime(), nullable=True),
        sa.Column("contact_name", sa.String(200), nullable=True),
        sa.Column("contact_email", sa.String(254), nullable=True),
        sa.Column("contact_phone", sa.String(30), nullable=True),
        sa.Column("links", JsonList(), nullable=False, server_default="[]"),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.Column("finish_reason", sa.String(30), nullable=True),
    ]


def profile_columns() -> list[sa.Column[Any]]:
    """Added by migration 0002."""
    return [
        sa.Column("organisation_type", sa.String(40), nullable=False, server_default="other"),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("website", sa.String(300), nullable=True),
        sa.Column("street", sa.String(200), nullable=True),
        sa.Column("postal_code", sa.String(6), nullable=True),
        sa.Column("city", sa.String(100), nullable=True),
        sa.Column("contact_person", sa.String(200), nullable=True),
        sa.Column("phone", sa.String(30), nullable=True),
        sa.Column("nip", sa.String(10), nullable=True),
        sa.Column("regon", sa.String(14), nullable=True),
        sa.Column("krs", sa.String(10), nullable=True),
        sa.Column("erasmus_oid", sa.String(9), nullable=True),
    ]


mapper_registry = registry(metadata=metadata)

partners = sa.Table(
    "partners",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("sector", sa.String(20), nullable=False),
    sa.Column("email", sa.String(254), nullable=False),
    sa.Column("voivodeship", sa.String(2), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    *profile_columns(),
    sa.Column("status", sa.String(20), nullable=False, server_default="pending"),
    sa.Column("status_changed_at", UtcDateTime(), nullable=True),
    sa.Index("ix_partners_listing", "name", "id"),  # added by migration 0005
)

opportunities = sa.Table(
    "opportunities",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("partner_id", sa.Uuid, sa.ForeignKey("partners.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("topics", JsonList(), nullable=False),
    sa.Column("target_groups", JsonList(), nullable=False),
    sa.Column("regions", JsonList(), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("published_at", UtcDateTime(), nullable=True),
    *detail_columns(),
    sa.Index("ix_opportunities_listing", "created_at", "id"),
    sa.Index("ix_opportunities_open_deadline", "status", "apply_by", "starts_at"),
)

# What listing filters on, one row per (dimension, value): topic, target_group, region (or 'nationwide').
opportunity_tags = sa.Table(
    "opportunity_tags",
    metadata,
    sa.Column("opportunity_id", sa.Uuid, sa.ForeignKey("opportunities.id"), primary_key=True),
    sa.Column("dimension", sa.String(20), primary_key=True),
    sa.Column("value", sa.String(40), primary_key=True),
    sa.Index("ix_opportunity_tags_lookup", "dimension", "value", "opportunity_id"),
)

# A centre's interest in an opportunity; places allocated to it, or its turn in the opportunity's waiting line.
OPEN_INTEREST = sa.text(f"status IN ({', '.join(repr(status) for status in OPEN_STATUSES)})")
interests = sa.Table(
    "interests",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("opportunity_id", sa.Uuid, sa.ForeignKey("opportunities.id"), nullable=False),
    sa.Column("partner_id", sa.Uuid, sa.ForeignKey("partners.id"), nullable=False),
    sa.Column("centre_id", sa.Uuid, nullable=False),
    sa.Column("places", sa.Integer, nullable=True),
    sa.Column("note", sa.String(500), nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("allocated", sa.Integer, nullable=False, server_default="0"),
    sa.Column("expressed_at", UtcDateTime(), nullable=False),
    sa.Column("decided_at", UtcDateTime(), nullable=True),
    sa.Column("allocated_at", UtcDateTime(), nullable=True),
    sa.Column("released_at", UtcDateTime(), nullable=True),
    sa.Column("withdrawn_at", UtcDateTime(), nullable=True),  # added by migration 0005
    sa.CheckConstraint("places IS NULL OR places >= 1", name="ck_interests_places"),
    sa.CheckConstraint("allocated >= 0 AND allocated <= coalesce(places, 0)", name="ck_interests_allocated"),
    sa.Index("ix_interests_line", "opportunity_id", "expressed_at", "id"),
    sa.Index(
        "ux_interests_open_per_centre",
        "opportunity_id",
        "centre_id",
        unique=True,
        sqlite_where=OPEN_INTEREST,
        postgresql_where=OPEN_INTEREST,
    ),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)

_started = False


def start_mappers() -> None:
    global _started
    if _started:
        return
    _started = True
    mapper_registry.map_imperatively(Partner, partners)
    mapper_registry.map_imperatively(Opportunity, opportunities)

    @event.listens_for(Opportunity, "load")
    @event.listens_for(Partner, "load")
    def _receive_load(aggregate: Opportunity | Partner, _context: Any) -> None:
        aggregate.events = []

    mapper_registry.map_imperatively(Interest, interests)
    event.listen(Interest, "load", _receive_load)
