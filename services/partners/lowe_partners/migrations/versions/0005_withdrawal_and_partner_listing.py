"""an interest's withdrawal by its centre; the partners' listing by name

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("interests", sa.Column("withdrawn_at", UtcDateTime(), nullable=True))
    op.create_index("ix_partners_listing", "partners", ["name", "id"])


def downgrade() -> None:
    op.drop_index("ix_partners_listing", "partners")
    with op.batch_alter_table("interests") as batch:
        batch.drop_column("withdrawn_at")
