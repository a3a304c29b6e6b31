"""The messaging tables every service keeps in its own database: the outbox and the processed-events ledger."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from lowe_backbone.sqltypes import UtcDateTime


def _outbox_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(36), nullable=False, unique=True),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("exchange", sa.String(100), nullable=False),
        sa.Column("correlation_id", sa.String(100), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=True),
    ]


def _processed_events_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("handler", sa.String(150), primary_key=True),
        sa.Column("processed_at", UtcDateTime(), nullable=False),
    ]


def outbox_table(metadata: sa.MetaData) -> sa.Table:
    return sa.Table(
        "outbox",
        metadata,
        *_outbox_columns(),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=True),
        sa.Index("ix_outbox_pending", "published_at", "id"),
    )


def processed_events_table(metadata: sa.MetaData) -> sa.Table:
    return sa.Table("processed_events", metadata, *_processed_events_columns())


def add_outbox_backoff(op: Any) -> None:
    """Alembic helper: unroutable events back off instead of being retried every round."""
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("next_attempt_at", UtcDateTime(), nullable=True))


def create_messaging_tables(op: Any) -> None:
    """Alembic helper for a service's first migration: the tables as they were then (later changes have their own)."""
    op.create_table("outbox", *_outbox_columns())
    op.create_index("ix_outbox_pending", "outbox", ["published_at", "id"])
    op.create_table("processed_events", *_processed_events_columns())
