"""the matching index moves into each replica's memory: drop the term tables, add the version and change log that keep
the replicas consistent with the database

Revision ID: 0005
Revises: 0004
"""

import json
import uuid
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_centre_terms_lookup", table_name="centre_terms")
    op.drop_table("centre_terms")
    op.drop_index("ix_subscription_terms_lookup", table_name="subscription_terms")
    op.drop_table("subscription_terms")
    version = op.create_table(
        "index_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(version, [{"id": 1, "version": 0}])
    op.create_table(
        "index_changes",
        sa.Column("version", sa.BigInteger, primary_key=True),
        sa.Column("kind", sa.String(12), primary_key=True),
        sa.Column("object_id", sa.Uuid, primary_key=True),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    """Rebuilds the term tables the earlier code reads, from the subscriptions and centres as they are now."""
    from lowe_centres.index import index_terms, profile_terms  # the rules of the revision being left

    op.drop_table("index_changes")
    op.drop_table("index_version")
    subscription_terms = op.create_table(
        "subscription_terms",
        sa.Column("subscription_id", sa.Uuid, sa.ForeignKey("subscriptions.id"), primary_key=True),
        sa.Column("dimension", sa.String(10), primary_key=True),
        sa.Column("value", sa.String(40), primary_key=True),
    )
    op.create_index("ix_subscription_terms_lookup", "subscription_terms", ["dimension", "value", "subscription_id"])
    centre_terms = op.create_table(
        "centre_terms",
        sa.Column("centre_id", sa.Uuid, sa.ForeignKey("centres.id"), primary_key=True),
        sa.Column("dimension", sa.String(10), primary_key=True),
        sa.Column("value", sa.String(40), primary_key=True),
    )
    op.create_index("ix_centre_terms_lookup", "centre_terms", ["dimension", "value", "centre_id"])
    bind = op.get_bind()
    lists = ("kinds", "topics", "regions", "target_groups", "keywords", "served_topics")
    for table, key, terms_of, target in (
        ("subscriptions", "subscription_id", index_terms, subscription_terms),
        ("centres", "centre_id", profile_terms, centre_terms),
    ):
        rows = []
        for row in bind.execute(sa.text(f"SELECT * FROM {table}")).mappings():  # fixed table names
            record = SimpleNamespace(**{k: json.loads(v) if k in lists else v for k, v in row.items()})
            record.has_profile = bool(getattr(record, "served_topics", None) or getattr(record, "target_groups", None))
            owner = uuid.UUID(str(row["id"]))  # text on SQLite, a UUID on PostgreSQL
            rows += [{key: owner, "dimension": d, "value": v} for d, v in terms_of(record)]
        if rows:
            op.bulk_insert(target, rows)
