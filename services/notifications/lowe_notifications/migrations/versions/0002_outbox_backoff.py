"""outbox backoff for unroutable events

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from lowe_backbone.tables import add_outbox_backoff

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_outbox_backoff(op)


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("next_attempt_at")
