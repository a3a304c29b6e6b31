"""Imperative mapping of the domain onto the centres database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import registry

from lowe_backbone.sqltypes import JsonDict, JsonList, UtcDateTime
from lowe_backbone.tables import outbox_table, processed_events_table
from lowe_centres.model import Centre, FeedEntry, PartnerName, PublishedOpportunity, Subscription

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
    sa.Column("running_body", sa.String(20), nullable=True),
    sa.Column("running_body_name", sa.String(200), nullable=True),
    sa.Column("host_school", sa.String(200), nullable=True),
    sa.Column("street", sa.String(200), nullable=True),
    sa.Column("postal_code", sa.String(6), nullable=True),
    sa.Column("city", sa.String(100), nullable=True),
    sa.Column("powiat", sa.String(100), nullable=True),
    sa.Column("latitude", sa.Float, nullable=True),
    sa.Column("longitude", sa.Float, nullable=True),
    sa.Column("email", sa.String(254), nullable=True),
    sa.Column("phone", sa.String(30), nullable=True),
    sa.Column("contact_person", sa.String(200), nullable=True),
    sa.Column("served_topics", JsonList(), nullable=False, server_default="[]"),
    sa.Column("target_groups", JsonList(), nullable=False, server_default="[]"),
    sa.Column("languages", JsonList(), nullable=False, server_default='["pl"]'),
    sa.Column("status", sa.String(10), nullable=False, server_default="active"),
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
    sa.Column("target_groups", JsonList(), nullable=False, server_default="[]"),
    sa.Column("online_anywhere", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("free_only", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("keywords", JsonList(), nullable=False, server_default="[]"),
    sa.Column("min_days_before_deadline", sa.Integer, nullable=True),
    sa.Column("paused", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("paused_at", UtcDateTime(), nullable=True),
)

# The matching index lives in each replica's memory (`matching_index`); these two tables keep the replicas consistent
# with the database. Every transaction that changes subscriptions or centres bumps the one row of `index_version`
# (its row lock orders the writers, so versions become visible in order) and logs what it changed in
# `index_changes`; before matching, a replica reads the version and applies the changes it has not seen.
index_version = sa.Table(
    "index_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False),
)

index_changes = sa.Table(
    "index_changes",
    metadata,
    sa.Column("version", sa.BigInteger, primary_key=True),
    sa.Column("kind", sa.String(12), primary_key=True),  # subscription or centre
    sa.Column("object_id", sa.Uuid, primary_key=True),
    sa.Column("changed_at", UtcDateTime(), nullable=False),
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
    sa.Column("delivery_mode", sa.String(10), nullable=False, server_default="on_site"),
    sa.Column("free", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("cost_pln", sa.Numeric(10, 2), nullable=True),
    sa.Column("starts_at", UtcDateTime(), nullable=True),
    sa.Column("ends_at", UtcDateTime(), nullable=True),
    sa.Column("apply_by", UtcDateTime(), nullable=True),
    sa.Column("partner_id", sa.Uuid, nullable=True, index=True),
    sa.Column("partner_name_at", UtcDateTime(), nullable=True),
)

partner_names = sa.Table(
    "partner_names",
    metadata,
    sa.Column("partner_id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
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
    sa.Column("score", sa.Float, nullable=False, server_default="0"),
    sa.Column("recommended", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("retracted_at", UtcDateTime(), nullable=True),
    # what the centre made of it (model/feed.py) and its interest in the opportunity, as the partner decides on it
    sa.Column("state", sa.String(10), nullable=False, server_default="new"),
    sa.Column("state_changed_at", UtcDateTime(), nullable=True),
    sa.Column("interest_id", sa.Uuid, nullable=True),
    sa.Column("interest_status", sa.String(12), nullable=True),
    sa.Column("places_requested", sa.Integer, nullable=True),
    sa.Column("places_allocated", sa.Integer, nullable=True),
    sa.Column("waitlist_position", sa.Integer, nullable=True),
    sa.Column("interest_updated_at", UtcDateTime(), nullable=True),
    sa.UniqueConstraint("centre_id", "opportunity_id", name="uq_feed_entries_centre_opportunity"),
    sa.Index("ix_feed_entries_centre_matched", "centre_id", "matched_at"),
    sa.Index("ix_feed_entries_opportunity", "opportunity_id"),
    sa.Index("ix_feed_entries_centre_state", "centre_id", "state"),
    sa.Index("ix_feed_entries_interest", "interest_id"),
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
    mapper_registry.map_imperatively(PartnerName, partner_names)

    @event.listens_for(FeedEntry, "load")
    def _receive_load(entry: FeedEntry, _context: Any) -> None:
        entry.events = []
