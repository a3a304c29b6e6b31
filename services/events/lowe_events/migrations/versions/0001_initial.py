"""events, their sessions, registrations, attendance, the centres' allocations, messaging tables

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import JsonList, UtcDateTime
from lowe_backbone.tables import add_outbox_backoff, create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("centre_id", sa.Uuid, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("origin", sa.String(12), nullable=False),
        sa.Column("partner_id", sa.Uuid, nullable=True),
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
    op.create_table(
        "event_sessions",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("event_id", sa.Uuid, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("starts_at", UtcDateTime(), nullable=False),
        sa.Column("ends_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_event_sessions_event_starts", "event_sessions", ["event_id", "starts_at"])
    op.create_index("ix_event_sessions_starts", "event_sessions", ["starts_at"])
    op.create_table(
        "registrations",
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
        sa.UniqueConstraint("event_id", "sequence", name="uq_registrations_event_sequence"),
    )
    op.create_index("ix_registrations_centre_email", "registrations", ["centre_id", "email"])
    op.create_index("ix_registrations_centre_phone", "registrations", ["centre_id", "phone"])
    op.create_table(
        "attendance",
        sa.Column("session_id", sa.Uuid, sa.ForeignKey("event_sessions.id"), primary_key=True),
        sa.Column("registration_id", sa.Uuid, sa.ForeignKey("registrations.id"), primary_key=True),
        sa.Column("present", sa.Boolean, nullable=False),
        sa.Column("marked_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "allocations",
        sa.Column("interest_id", sa.Uuid, primary_key=True),
        sa.Column("opportunity_id", sa.Uuid, nullable=False),
        sa.Column("partner_id", sa.Uuid, nullable=False),
        sa.Column("centre_id", sa.Uuid, nullable=False),
        sa.Column("places", sa.Integer, nullable=False),
        sa.Column("held", sa.Boolean, nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_allocations_centre_opportunity", "allocations", ["centre_id", "opportunity_id"])
    op.create_index("ix_events_centre_id", "events", ["centre_id"])
    op.create_index("ix_events_partner_id", "events", ["partner_id"])
    create_messaging_tables(op)
    add_outbox_backoff(op)


def downgrade() -> None:
    for table in (
        "processed_events",
        "outbox",
        "allocations",
        "attendance",
        "registrations",
        "event_sessions",
        "events",
    ):
        op.drop_table(table)
