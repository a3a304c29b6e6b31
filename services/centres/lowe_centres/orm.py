"""Imperative mapping of the domain onto the centres database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import registry

from lowe_backbone.sqltypes import JsonDict, JsonList, UtcDateTime
from lowe_backbone.tables import outbox_table, processed_events_table
from lowe_centres.model import Centre, FeedEntry, PublishedOpportunity, Subscription

metadata = sa.MetaData()
mapper_registry = registry(metadata=metadata)

centres = sa.Table(
    "centres",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("voivodeship", sa.String(2), nullable=False),
    sa.Column("municipality", sa.String(100), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
)

subscriptions = sa.Table(
    "subscriptions",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("centre_id", sa.Uuid, sa.ForeignKey("centres.id"), nullable=False, index=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("kinds", JsonList(), nullable=False),
    sa.Column("topics", JsonList(), nullable=False),
    sa.Column("regions", JsonList(), nullable=False),
    sa.Column("nationwide", sa.Boolean, nullable=False),
    sa.Column("delivery", sa.String(20), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
)

# The matching index: one row per (dimension, accepted value) of each subscription; '*' accepts any.
subscription_terms = sa.Table(
    "subscription_terms",
    metadata,
    sa.Column("subscription_id", sa.Uuid, sa.ForeignKey("subscriptions.id"), primary_key=True),
    sa.Column("dimension", sa.String(10), primary_key=True),
    sa.Column("value", sa.String(40), primary_key=True),
    sa.Index("ix_subscription_terms_lookup", "dimension", "value", "subscription_id"),
)

published_opportunities = sa.Table(
    "published_opportunities",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("partner_name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("topics", JsonList(), nullable=False),
    sa.Column("target_groups", JsonList(), nullable=False),
    sa.Column("regions", JsonList(), nullable=False),
    sa.Column("nationwide", sa.Boolean, nullable=False),
    sa.Column("published_at", UtcDateTime(), nullable=False),
    sa.Column("status", sa.String(20), nullable=False, server_default="published"),
    sa.Column("status_reason", sa.String(30), nullable=True),
    sa.Column("status_changed_at", UtcDateTime(), nullable=True),
)

feed_entries = sa.Table(
    "feed_entries",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("centre_id", sa.Uuid, sa.ForeignKey("centres.id"), nullable=False),
    sa.Column("opportunity_id", sa.Uuid, sa.ForeignKey("published_opportunities.id"), nullable=False),
    sa.Column("reasons", JsonDict(), nullable=False),
    sa.Column("delivery", sa.String(20), nullable=False),
    sa.Column("matched_at", UtcDateTime(), nullable=False),
    sa.UniqueConstraint("centre_id", "opportunity_id", name="uq_feed_entries_centre_opportunity"),
    sa.Index("ix_feed_entries_centre_matched", "centre_id", "matched_at"),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)

_started = False


def start_mappers() -> None:
    global _started
    if _started:
        return
    _started = True
    mapper_registry.map_imperatively(Centre, centres)
    mapper_registry.map_imperatively(Subscription, subscriptions)
    mapper_registry.map_imperatively(PublishedOpportunity, published_opportunities)
    mapper_registry.map_imperatively(FeedEntry, feed_entries)

    @event.listens_for(FeedEntry, "load")
    def _receive_load(entry: FeedEntry, _context: Any) -> None:
        entry.events = []
