"""Portal accounts (e-mail, role, organisation, Argon2id hash), their sessions and one-time tokens (hashes only)

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("organisation_id", sa.Uuid, nullable=True),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("disabled_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_accounts_organisation_id", "accounts", ["organisation_id"])
    op.create_table(
        "portal_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Uuid, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("last_seen_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_portal_sessions_account_id", "portal_sessions", ["account_id"])
    op.create_table(
        "account_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Uuid, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("used_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_account_tokens_account_id", "account_tokens", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_account_tokens_account_id", table_name="account_tokens")
    op.drop_table("account_tokens")
    op.drop_index("ix_portal_sessions_account_id", table_name="portal_sessions")
    op.drop_table("portal_sessions")
    op.drop_index("ix_accounts_organisation_id", table_name="accounts")
    op.drop_table("accounts")
