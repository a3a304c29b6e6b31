"""The gateway's database: API keys (their hashes), and the portal's accounts, sessions and one-time tokens."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import registry

from lowe_backbone.sqltypes import UtcDateTime
from lowe_gateway.accounts import orm as accounts_orm
from lowe_gateway.identity.keys import ApiKey

metadata = sa.MetaData()
mapper_registry = registry(metadata=metadata)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("prefix", sa.String(12), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("organisation_id", sa.Uuid, nullable=True, index=True),
    sa.Column("label", sa.String(100), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=True),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
)

accounts, portal_sessions, account_tokens = PORTAL_TABLES = accounts_orm.define_tables(metadata)

_started = False


def start_mappers() -> None:
    global _started
    if _started:
        return
    _started = True
    mapper_registry.map_imperatively(ApiKey, api_keys)
    accounts_orm.map_classes(mapper_registry, PORTAL_TABLES)
