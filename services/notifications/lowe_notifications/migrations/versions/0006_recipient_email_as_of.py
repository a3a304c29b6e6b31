"""a recipient's address remembers as of when it is known, so older news (`partner_verified` after `partner_updated`)
does not bring an old address back

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recipients") as batch:
        batch.add_column(sa.Column("email_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recipients") as batch:
        batch.drop_column("email_at")
