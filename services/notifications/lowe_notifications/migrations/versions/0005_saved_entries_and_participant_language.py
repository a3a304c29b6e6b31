"""the centres' saved feed entries watch an opportunity's deadline as a claim does; the participants' language

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
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("saved", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("saved_at", UtcDateTime(), nullable=True))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("language", sa.String(5), nullable=False, server_default="pl"))


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("saved_at")
        batch.drop_column("saved")
