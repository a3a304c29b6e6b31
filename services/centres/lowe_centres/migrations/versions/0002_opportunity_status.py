"""the centres' copy of an opportunity knows whether it was withdrawn or closed; outbox backoff

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime
from lowe_backbone.tables import add_outbox_backoff

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("published_opportunities") as batch:
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="published"))
        batch.add_column(sa.Column("status_reason", sa.String(30), nullable=True))
        batch.add_column(sa.Column("status_changed_at", UtcDateTime(), nullable=True))
    add_outbox_backoff(op)


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("next_attempt_at")
    with op.batch_alter_table("published_opportunities") as batch:
        batch.drop_column("status_changed_at")
        batch.drop_column("status_reason")
        batch.drop_column("status")
