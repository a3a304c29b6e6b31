"""centres' interests in opportunities: places allocated, the waiting line

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Written out here rather than imported from orm.py, so this migration never changes after the fact.
OPEN_INTEREST = sa.text("status IN ('pending', 'waitlisted', 'accepted')")


def upgrade() -> None:
    op.create_table(
        "interests",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("opportunity_id", sa.Uuid, sa.ForeignKey("opportunities.id"), nullable=False),
        sa.Column("partner_id", sa.Uuid, sa.ForeignKey("partners.id"), nullable=False),
        sa.Column("centre_id", sa.Uuid, nullable=False),
        sa.Column("places", sa.Integer, nullable=True),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("allocated", sa.Integer, nullable=False, server_default="0"),
        sa.Column("expressed_at", UtcDateTime(), nullable=False),
        sa.Column("decided_at", UtcDateTime(), nullable=True),
        sa.Column("allocated_at", UtcDateTime(), nullable=True),
        sa.Column("released_at", UtcDateTime(), nullable=True),
        sa.CheckConstraint("places IS NULL OR places >= 1", name="ck_interests_places"),
        sa.CheckConstraint("allocated >= 0 AND allocated <= coalesce(places, 0)", name="ck_interests_allocated"),
    )
    op.create_index("ix_interests_line", "interests", ["opportunity_id", "expressed_at", "id"])
    # one open interest per (opportunity, centre), whatever races the use case's own check
    op.create_index(
        "ux_interests_open_per_centre",
        "interests",
        ["opportunity_id", "centre_id"],
        unique=True,
        sqlite_where=OPEN_INTEREST,
        postgresql_where=OPEN_INTEREST,
    )


def downgrade() -> None:
    op.drop_index("ux_interests_open_per_centre", "interests")
    op.drop_index("ix_interests_line", "interests")
    op.drop_table("interests")
