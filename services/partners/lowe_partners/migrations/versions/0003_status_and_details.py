"""partner status; opportunity details, lifecycle and the listing tags

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import JsonList, UtcDateTime
from lowe_backbone.tables import add_outbox_backoff

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OPPORTUNITY_COLUMNS = [
    ("delivery_mode", sa.String(10), {"nullable": False, "server_default": "on_site"}),
    ("languages", JsonList(), {"nullable": False, "server_default": '["pl"]'}),
    ("places", sa.Integer(), {}),
    ("cost_pln", sa.Numeric(10, 2), {}),
    ("starts_at", UtcDateTime(), {}),
    ("ends_at", UtcDateTime(), {}),
    ("apply_by", UtcDateTime(), {}),
    ("contact_name", sa.String(200), {}),
    ("contact_email", sa.String(254), {}),
    ("contact_phone", sa.String(30), {}),
    ("links", JsonList(), {"nullable": False, "server_default": "[]"}),
    ("finished_at", UtcDateTime(), {}),
    ("finish_reason", sa.String(30), {}),
]


def upgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        # partners registered before verification existed had been trusted: they stay able to publish
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="verified"))
        batch.add_column(sa.Column("status_changed_at", UtcDateTime(), nullable=True))
    with op.batch_alter_table("partners") as batch:
        batch.alter_column("status", server_default="pending")
    with op.batch_alter_table("opportunities") as batch:
        for name, type_, options in OPPORTUNITY_COLUMNS:
            batch.add_column(sa.Column(name, type_, **options))
    op.create_index("ix_opportunities_listing", "opportunities", ["created_at", "id"])
    op.create_index("ix_opportunities_open_deadline", "opportunities", ["status", "apply_by", "starts_at"])
    op.create_table(
        "opportunity_tags",
        sa.Column("opportunity_id", sa.Uuid, sa.ForeignKey("opportunities.id"), primary_key=True),
        sa.Column("dimension", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(40), primary_key=True),
    )
    op.create_index("ix_opportunity_tags_lookup", "opportunity_tags", ["dimension", "value", "opportunity_id"])
    _tag_existing_opportunities()
    add_outbox_backoff(op)


def _tag_existing_opportunities() -> None:
    connection = op.get_bind()
    opportunities = sa.table(
        "opportunities",
        sa.column("id", sa.Uuid),
        sa.column("topics", JsonList()),
        sa.column("target_groups", JsonList()),
        sa.column("regions", JsonList()),
    )
    tags = sa.table(
        "opportunity_tags", sa.column("opportunity_id", sa.Uuid), sa.column("dimension"), sa.column("value")
    )
    for row in connection.execute(sa.select(opportunities)).all():
        values = [("topic", topic) for topic in row.topics] + [("target_group", group) for group in row.target_groups]
        values += [("region", region) for region in row.regions] or [("region", "nationwide")]
        if values:
            connection.execute(
                tags.insert(), [{"opportunity_id": row.id, "dimension": d, "value": v} for d, v in values]
            )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("next_attempt_at")
    op.drop_table("opportunity_tags")
    op.drop_index("ix_opportunities_open_deadline", "opportunities")
    op.drop_index("ix_opportunities_listing", "opportunities")
    with op.batch_alter_table("opportunities") as batch:
        for name, _type, _options in reversed(OPPORTUNITY_COLUMNS):
            batch.drop_column(name)
    with op.batch_alter_table("partners") as batch:
        batch.drop_column("status_changed_at")
        batch.drop_column("status")
