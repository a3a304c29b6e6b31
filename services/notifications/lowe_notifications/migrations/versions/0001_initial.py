"""notifications and the messaging tables

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import JsonDict, UtcDateTime
from lowe_backbone.tables import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notifications",
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
    )
    op.create_index("ix_notifications_recipient_created", "notifications", ["recipient_id", "created_at"])
    create_messaging_tables(op)


def downgrade() -> None:
    op.drop_table("processed_events")
    op.drop_table("outbox")
    op.drop_table("notifications")
