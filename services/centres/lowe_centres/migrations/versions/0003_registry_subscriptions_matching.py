"""the centre registry and profile index, rich subscriptions, the opportunity's dates and cost, explained feeds

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import JsonList, UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CENTRE_COLUMNS = [
    ("running_body", sa.String(20), {}),
    ("running_body_name", sa.String(200), {}),
    ("host_school", sa.String(200), {}),
    ("street", sa.String(200), {}),
    ("postal_code", sa.String(6), {}),
    ("city", sa.String(100), {}),
    ("powiat", sa.String(100), {}),
    ("latitude", sa.Float(), {}),
    ("longitude", sa.Float(), {}),
    ("email", sa.String(254), {}),
    ("phone", sa.String(30), {}),
    ("contact_person", sa.String(200), {}),
    ("served_topics", JsonList(), {"nullable": False, "server_default": "[]"}),
    ("target_groups", JsonList(), {"nullable": False, "server_default": "[]"}),
    ("languages", JsonList(), {"nullable": False, "server_default": '["pl"]'}),
    ("status", sa.String(10), {"nullable": False, "server_default": "active"}),
]
SUBSCRIPTION_COLUMNS = [
    ("target_groups", JsonList(), {"nullable": False, "server_default": "[]"}),
    ("online_anywhere", sa.Boolean(), {"nullable": False, "server_default": sa.false()}),
    ("free_only", sa.Boolean(), {"nullable": False, "server_default": sa.false()}),
    ("keywords", JsonList(), {"nullable": False, "server_default": "[]"}),
    ("min_days_before_deadline", sa.Integer(), {}),
    ("paused", sa.Boolean(), {"nullable": False, "server_default": sa.false()}),
    ("paused_at", UtcDateTime(), {}),
]
OPPORTUNITY_COLUMNS = [
    ("delivery_mode", sa.String(10), {"nullable": False, "server_default": "on_site"}),
    ("free", sa.Boolean(), {"nullable": False, "server_default": sa.true()}),
    ("cost_pln", sa.Numeric(10, 2), {}),
    ("starts_at", UtcDateTime(), {}),
    ("ends_at", UtcDateTime(), {}),
    ("apply_by", UtcDateTime(), {}),
]
FEED_COLUMNS = [
    ("score", sa.Float(), {"nullable": False, "server_default": "0"}),
    ("recommended", sa.Boolean(), {"nullable": False, "server_default": sa.false()}),
    ("retracted_at", UtcDateTime(), {}),
]
# dimensions of the matching index that existing subscriptions (which set none of them) accept any value of
NEW_DIMENSIONS = ("group", "free", "keyword")


def upgrade() -> None:
    for table, columns in (
        ("centres", CENTRE_COLUMNS),
        ("subscriptions", SUBSCRIPTION_COLUMNS),
        ("published_opportunities", OPPORTUNITY_COLUMNS),
        ("feed_entries", FEED_COLUMNS),
    ):
        # plain ALTER TABLE ... ADD COLUMN: batch mode would rebuild tables that others reference, which SQLite
        # refuses (their foreign keys) once they hold rows
        for name, type_, options in columns:
            op.add_column(table, sa.Column(name, type_, **options))
    op.create_index("ix_feed_entries_opportunity", "feed_entries", ["opportunity_id"])
    op.create_table(
        "centre_terms",
        sa.Column("centre_id", sa.Uuid, sa.ForeignKey("centres.id"), primary_key=True),
        sa.Column("dimension", sa.String(10), primary_key=True),
        sa.Column("value", sa.String(40), primary_key=True),
    )
    op.create_index("ix_centre_terms_lookup", "centre_terms", ["dimension", "value", "centre_id"])
    for dimension in NEW_DIMENSIONS:
        op.execute(
            sa.text(
                "INSERT INTO subscription_terms (subscription_id, dimension, value) "
                "SELECT id, :dimension, '*' FROM subscriptions"
            ).bindparams(dimension=dimension)
        )


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM subscription_terms WHERE dimension IN ('group', 'free', 'keyword') OR value = 'online'")
    )
    op.drop_index("ix_centre_terms_lookup", table_name="centre_terms")
    op.drop_table("centre_terms")
    op.drop_index("ix_feed_entries_opportunity", table_name="feed_entries")
    for table, columns in (
        ("feed_entries", FEED_COLUMNS),
        ("published_opportunities", OPPORTUNITY_COLUMNS),
        ("subscriptions", SUBSCRIPTION_COLUMNS),
        ("centres", CENTRE_COLUMNS),
    ):
        # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), for the same reason
        for name, _type, _options in reversed(columns):
            op.drop_column(table, name)
