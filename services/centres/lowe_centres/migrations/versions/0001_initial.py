"""centres, subscriptions with their matching index, published opportunities, feeds, messaging tables

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import JsonDict, JsonList, UtcDateTime
from lowe_backbone.tables import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "centres",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("voivodeship", sa.String(2), nullable=False),
        sa.Column("municipality", sa.String(100), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("centre_id", sa.Uuid, sa.ForeignKey("centres.id"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kinds", JsonList(), nullable=False),
        sa.Column("topics", JsonList(), nullable=False),
        sa.Column("regions", JsonList(), nullable=False),
        sa.Column("nationwide", sa.Boolean, nullable=False),
        sa.Column("delivery", sa.String(20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_subscriptions_centre_id", "subscriptions", ["centre_id"])
    op.create_table(
        "subscription_terms",
        sa.Column("subscription_id", sa.Uuid, sa.ForeignKey("subscriptions.id"), primary_key=True),
        sa.Column("dimension", sa.String(10), primary_key=True),
        sa.Column("value", sa.String(40), primary_key=True),
    )
    op.create_index("ix_subscription_terms_lookup", "subscription_terms", ["dimension", "value", "subscription_id"])
    op.create_table(
        "published_opportunities",
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
    )
    op.create_table(
        "feed_entries",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("centre_id", sa.Uuid, sa.ForeignKey("centres.id"), nullable=False),
        sa.Column("opportunity_id", sa.Uuid, sa.ForeignKey("published_opportunities.id"), nullable=False),
        sa.Column("reasons", JsonDict(), nullable=False),
        sa.Column("delivery", sa.String(20), nullable=False),
        sa.Column("matched_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("centre_id", "opportunity_id", name="uq_feed_entries_centre_opportunity"),
    )
    op.create_index("ix_feed_entries_centre_matched", "feed_entries", ["centre_id", "matched_at"])
    create_messaging_tables(op)


def downgrade() -> None:
    for table in (
        "processed_events",
        "outbox",
        "feed_entries",
        "published_opportunities",
        "subscription_terms",
        "subscriptions",
        "centres",
    ):
        op.drop_table(table)
