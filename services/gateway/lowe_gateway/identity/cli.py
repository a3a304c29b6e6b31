"""`lowe keys ...`: the operator's way to the first key, and to keys for an organisation that lost its own."""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from lowe_backbone.spec import find_service
from lowe_gateway.identity.keys import CENTRE, OPERATOR, PARTNER
from lowe_gateway.identity.store import KeyStore, KeyStoreUnavailable, opened_key_store
from lowe_gateway.identity.use_cases import CreateKey, create_key, revoke_key


def add_commands(groups: Any) -> None:
    """`lowe keys ...`, and `lowe accounts ...` (the portal's accounts, `lowe_gateway.accounts.cli`)."""
    from lowe_gateway.accounts.cli import add_commands as add_account_commands

    add_account_commands(groups)
    keys = groups.add_parser("keys", help="API keys").add_subparsers(dest="action", required=True)
    create = keys.add_parser("create", help="make an API key and print it (the only time it is shown)")
    owner = create.add_mutually_exclusive_group(required=True)
    owner.add_argument("--operator", action="store_true", help="an operator's key")
    owner.add_argument("--partner", type=uuid.UUID, metavar="PARTNER_ID", help="a key for this partner")
    owner.add_argument("--centre", type=uuid.UUID, metavar="CENTRE_ID", help="a key for this centre")
    create.add_argument("--label", default="made with `lowe keys create`")
    create.add_argument("--expires-in-days", type=int, metavar="DAYS")
    create.set_defaults(func=cmd_create)
    revoke = keys.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id", type=uuid.UUID)
    revoke.set_defaults(func=cmd_revoke)


def cmd_create(args: argparse.Namespace) -> int:
    role, organisation = (
        (OPERATOR, None) if args.operator else (PARTNER, args.partner) if args.partner else (CENTRE, args.centre)
    )
    expires = datetime.now(UTC) + timedelta(days=args.expires_in_days) if args.expires_in_days else None
    with _store() as store:
        issued = create_key(CreateKey(role, organisation, args.label, expires), store)
    print(issued.secret)
    print(f"(key {issued.key.id}, {role}; store it now: it is not shown again)")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from lowe_gateway.identity.keys import Caller

    operator = Caller(OPERATOR, None, uuid.uuid4())
    with _store() as store:
        key = revoke_key(args.key_id, operator, store)
    print(f"revoked {key.id} ({key.prefix}..., {key.role}) at {key.revoked_at}")
    return 0


@contextmanager
def _store() -> Iterator[KeyStore]:
    """The gateway's database, or a plain message when it is missing or not migrated."""
    try:
        with opened_key_store(find_service("gateway").database_url()) as store:
            yield store
    except KeyStoreUnavailable as exc:
        raise SystemExit(str(exc)) from None
