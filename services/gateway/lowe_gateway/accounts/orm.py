"""The gateway's portal tables: accounts, their sessions and one-time tokens (hashes only)."""

from __future__ import annotations

import sqlalchemy as sa

from lowe_backbone.sqltypes import UtcDateTime
from lowe_gateway.accounts.model import Account, AccountToken, PortalSession


def define_tables(metadata: sa.MetaData) -> tuple[sa.Table, sa.Table, sa.Table]:
    accounts = sa.Table(
        "accounts",
        metadata,
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),  # stored lower case: unique ignoring case
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("organisation_id", sa.Uuid, nullable=True, index=True),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("disabled_at", UtcDateTime(), nullable=True),
    )
    sessions = sa.Table(
        "portal_sessions",
        metadata,
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Uuid, sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("last_seen_at", UtcDateTime(), nullable=False),
    )
    tokens = sa.Table(
        "account_tokens",
        metadata,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Uuid, sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("used_at", UtcDateTime(), nullable=True),
    )
    return accounts, sessions, tokens


def map_classes(registry: sa.orm.registry, tables: tuple[sa.Table, sa.Table, sa.Table]) -> None:
    accounts, sessions, tokens = tables
    registry.map_imperatively(Account, accounts)
    registry.map_imperatively(PortalSession, sessions)
    registry.map_imperatively(AccountToken, tokens)
