"""partner profile: organisation type, description, website, address, contact, registry identifiers

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Written out here rather than imported from orm.py, so this migration never changes after the fact.
NEW_COLUMNS = [
    ("organisation_type", sa.String(40), {"nullable": False, "server_default": "other"}),
    ("description", sa.Text(), {"nullable": False, "server_default": ""}),
    ("website", sa.String(300), {}),
    ("street", sa.String(200), {}),
    ("postal_code", sa.String(6), {}),
    ("city", sa.String(100), {}),
    ("contact_person", sa.String(200), {}),
    ("phone", sa.String(30), {}),
    ("nip", sa.String(10), {}),
    ("regon", sa.String(14), {}),
    ("krs", sa.String(10), {}),
    ("erasmus_oid", sa.String(9), {}),
]


def upgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        for name, type_, options in NEW_COLUMNS:
            batch.add_column(sa.Column(name, type_, **options))


def downgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        for name, _type, _options in reversed(NEW_COLUMNS):
            batch.drop_column(name)
