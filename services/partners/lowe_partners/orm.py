"""Imperative mapping of the domain onto the partners database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import registry

from lowe_backbone.sqltypes import JsonList, UtcDateTime
from lowe_backbone.tables import outbox_table, processed_events_table
from lowe_partners.model import Opportunity, Partner

metadata = sa.MetaData()


def profile_columns() -> list[sa.Column[Any]]:
    """Shared with migration 0002, which added them."""
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
    def _receive_load(opportunity: Opportunity, _context: Any) -> None:
        opportunity.events = []
