"""the copies of opportunities know their partner (and as of when its name), and the partners' newest names from
`partner_updated`

Revision ID: 0006
Revises: 0005

Copies made before this revision have no `partner_id`: `partner_updated` cannot find them until their next
`opportunity_updated` (or a republication) fills it in.
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no table copy on SQLite: feed entries refer to these rows)
    op.add_column("published_opportunities", sa.Column("partner_id", sa.Uuid, nullable=True))
    op.add_column("published_opportunities", sa.Column("partner_name_at", UtcDateTime(), nullable=True))
    op.create_index("ix_published_opportunities_partner_id", "published_opportunities", ["partner_id"])
    op.create_table(
        "partner_names",
        sa.Column("partner_id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("partner_names")
    op.drop_index("ix_published_opportunities_partner_id", table_name="published_opportunities")
    # plain DROP COLUMN (SQLite 3.35+ has it): a table copy would break the feed entries' references on SQLite
    op.drop_column("published_opportunities", "partner_name_at")
    op.drop_column("published_opportunities", "partner_id")
