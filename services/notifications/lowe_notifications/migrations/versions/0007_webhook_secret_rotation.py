"""a webhook endpoint keeps its old secret for a grace period after a rotation, signing beside the new one

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_endpoints") as batch:
        batch.add_column(sa.Column("previous_secret_sealed", sa.Text(), nullable=True))
        batch.add_column(sa.Column("previous_secret_until", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("webhook_endpoints") as batch:
        batch.drop_column("previous_secret_until")
        batch.drop_column("previous_secret_sealed")
