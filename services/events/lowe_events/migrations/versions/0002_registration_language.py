"""registrations: the language of the messages the participant gets (pl by default, or en)

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registrations") as batch:
        batch.add_column(sa.Column("language", sa.String(5), nullable=False, server_default="pl"))


def downgrade() -> None:
    with op.batch_alter_table("registrations") as batch:
        batch.drop_column("language")
