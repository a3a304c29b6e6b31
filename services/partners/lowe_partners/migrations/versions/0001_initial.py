"""partners, opportunities and the messaging tables

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import JsonList, UtcDateTime
from lowe_backbone.tables import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partners",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(20), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("voivodeship", sa.String(2), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "opportunities",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("partner_id", sa.Uuid, sa.ForeignKey("partners.id"), nullable=False),
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
    op.create_index("ix_opportunities_partner_id", "opportunities", ["partner_id"])
    create_messaging_tables(op)


def downgrade() -> None:
    op.drop_table("processed_events")
    op.drop_table("outbox")
    op.drop_table("opportunities")
    op.drop_table("partners")
