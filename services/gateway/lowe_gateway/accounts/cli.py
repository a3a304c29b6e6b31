"""`lowe accounts ...`: portal accounts from the operator's terminal — one with a password (the first operator's),
or an invitation e-mailed through the notifications service."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from lowe_backbone.spec import find_service
from lowe_gateway.accounts.administration import CreateAccount, create_account, disable_account
from lowe_gateway.accounts.model import LANGUAGES, AccountError, AccountExists, AccountNotFound, WeakPassword
from lowe_gateway.accounts.passwords import Argon2Hasher
from lowe_gateway.accounts.store import AccountsUnavailable, AccountsUnitOfWork, opened_accounts
from lowe_gateway.accounts.tokens import invite_account
from lowe_gateway.identity.keys import CENTRE, OPERATOR, PARTNER

PASSWORD_ENV = "LOWE_ACCOUNT_PASSWORD"
RPC_TIMEOUT = 15


def add_commands(groups: Any) -> None:
    accounts = groups.add_parser("accounts", help="portal accounts").add_subparsers(dest="action", required=True)
    create = accounts.add_parser("create", help="an account with a password (asked for, or $LOWE_ACCOUNT_PASSWORD)")
    invite = accounts.add_parser("invite", help="an account whose owner sets the password from an e-mailed link")
    for command in (create, invite):
        command.add_argument("--email", required=True)
        command.add_argument("--name", default="", help="display name (default: the e-mail address)")
        command.add_argument("--language", choices=LANGUAGES, default="pl")
        owner = command.add_mutually_exclusive_group(required=True)
        owner.add_argument("--operator", action="store_true", help="an operator's account")
        owner.add_argument("--partner", type=uuid.UUID, metavar="PARTNER_ID", help="an account of this partner")
        owner.add_argument("--centre", type=uuid.UUID, metavar="CENTRE_ID", help="an account of this centre")
    invite.add_argument("--organisation-name", default="LOWE", help="how the e-mail names the organisation")
    disable = accounts.add_parser("disable", help="the person may no longer sign in; their sessions end at once")
    disable.add_argument("--email", required=True)
    create.set_defaults(func=cmd_create)
    invite.set_defaults(func=cmd_invite)
    disable.set_defaults(func=cmd_disable)


def _command(args: argparse.Namespace) -> CreateAccount:
    role, organisation = (
        (OPERATOR, None) if args.operator else (PARTNER, args.partner) if args.partner else (CENTRE, args.centre)
    )
    return CreateAccount(args.email, args.name, role, organisation, args.language)


def cmd_create(args: argparse.Namespace) -> int:
    password = os.environ.get(PASSWORD_ENV) or _ask_password()
    try:
        with _accounts() as uow:
            account = create_account(replace(_command(args), password=password), uow, Argon2Hasher())
    except WeakPassword as exc:
        raise SystemExit(f"the password is too weak ({exc.reason}): at least 12 characters, not the e-mail") from None
    except AccountExists:
        raise SystemExit("an account with this e-mail address exists already") from None
    print(f"account {account.id} ({account.role}) for {account.email}: it can sign in at /portal/sign-in")
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    from nameko.standalone.rpc import ClusterRpcProxy  # imported late: `lowe --help` stays quick

    from lowe_backbone.ops_commands import amqp_uri

    try:
        with _accounts() as uow:
            issued = invite_account(_command(args), uow)
    except AccountError:
        raise SystemExit("an account with this e-mail address exists already and has a password") from None
    base = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    link = f"{base}/portal/invitation?{urlencode({'token': issued.token})}"
    account = issued.account
    with ClusterRpcProxy({"AMQP_URI": amqp_uri()}, timeout=RPC_TIMEOUT) as rpc:
        rpc.notifications.send_account_message(
            "account_invited", account.email, account.language, link, args.organisation_name
        )
    print(f"invited {account.email} (account {account.id}, {account.role}); the link works for 7 days")
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    try:
        with _accounts() as uow:
            account = disable_account(args.email, uow)
    except AccountNotFound:
        raise SystemExit("no account has this e-mail address") from None
    print(f"account {account.id} ({account.email}) disabled; its sessions have ended")
    return 0


def _ask_password() -> str:
    if not sys.stdin.isatty():
        raise SystemExit(f"set {PASSWORD_ENV} or run this in a terminal to be asked for the password")
    first, second = getpass.getpass("password: "), getpass.getpass("again: ")
    if first != second:
        raise SystemExit("the two passwords differ")
    return first


@contextmanager
def _accounts() -> Iterator[AccountsUnitOfWork]:
    try:
        with opened_accounts(find_service("gateway").database_url()) as uow:
            yield uow
    except AccountsUnavailable as exc:
        raise SystemExit(str(exc)) from None
