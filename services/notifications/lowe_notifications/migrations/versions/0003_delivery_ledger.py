"""the delivery ledger, recipients, preferences, webhook endpoints and the opportunities' audience

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import JsonDict, JsonList, UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("source_event_id", sa.String(80), nullable=False),
        sa.Column("recipient_id", sa.Uuid, nullable=False),
        sa.Column("recipient_type", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("target", sa.String(36), nullable=False),
        sa.Column("type", sa.String(50), nullable=False),
        sa.Column("data", JsonDict(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.Column("digest_on", sa.String(10), nullable=True),
        sa.Column("digest_id", sa.Uuid, nullable=True),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.Column("lock_token", sa.String(36), nullable=True),
        sa.UniqueConstraint("source_event_id", "recipient_id", "channel", "target", name="uq_deliveries_once"),
    )
    op.create_index("ix_deliveries_due", "deliveries", ["status", "next_attempt_at"])
    op.create_index("ix_deliveries_recipient", "deliveries", ["recipient_id", "created_at"])
    op.create_table(
        "recipients",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("email_source", sa.String(20), nullable=True),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("digest_hour", sa.Integer, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "preferences",
        sa.Column("recipient_id", sa.Uuid, primary_key=True),
        sa.Column("type", sa.String(50), primary_key=True),
        sa.Column("channels", JsonList(), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("language", sa.String(2), nullable=True),
    )
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("owner_id", sa.Uuid, nullable=False),
        sa.Column("owner_type", sa.String(20), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("secret_sealed", sa.Text, nullable=False),
        sa.Column("types", JsonList(), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("disabled_reason", sa.String(50), nullable=True),
        sa.Column("disabled_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_webhook_endpoints_owner_id", "webhook_endpoints", ["owner_id"])
    op.create_table(
        "opportunity_audience",
        sa.Column("opportunity_id", sa.Uuid, primary_key=True),
        sa.Column("centre_id", sa.Uuid, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("partner_name", sa.String(300), nullable=False),
        sa.Column("centre_name", sa.String(300), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("opportunity_audience")
    op.drop_table("webhook_endpoints")
    op.drop_table("preferences")
    op.drop_table("recipients")
    op.drop_table("deliveries")
