"""the centres' events and their registrations (ids and states only), for the participants' messages; the
opportunities' deadlines and the centres' claims, for the deadline warnings

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import JsonDict, JsonList, UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_copies",
        sa.Column("event_id", sa.Uuid, primary_key=True),
        sa.Column("centre_id", sa.Uuid, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("sessions", JsonList(), nullable=False),
        sa.Column("location", JsonDict(), nullable=False),
        sa.Column("cancelled", sa.Boolean, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "participants",
        sa.Column("registration_id", sa.Uuid, primary_key=True),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("centre_id", sa.Uuid, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("by_email", sa.Boolean, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_participants_event_id", "participants", ["event_id"])
    op.create_table(
        "deadlines",
        sa.Column("opportunity_id", sa.Uuid, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("deadline", UtcDateTime(), nullable=True),
        sa.Column("open", sa.Boolean, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("opportunity_id", sa.Uuid, primary_key=True),
        sa.Column("centre_id", sa.Uuid, primary_key=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("claims")
    op.drop_table("deadlines")
    op.drop_table("participants")
    op.drop_table("event_copies")
