"""The demo network's portal accounts: an operator, the demo centre's and the example partner's, each with a known
demo password (printed with the keys). Made in the gateway's database as `lowe accounts create` makes them; only
the demo loader makes accounts with passwords anyone can read here."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

DEMO_ACCOUNTS = (
    # role, manifest entry (None: no organisation), e-mail, password, display name
    ("operator", None, "operator@demo.lowe.example", "demo-operator-2026", "Operator demo"),
    ("partner", "example_partner", "partner@demo.lowe.example", "demo-partner-2026", "Partner demo"),
    ("centre", "demo_centre", "centre@demo.lowe.example", "demo-centre-2026", "Ośrodek demo"),
)


class NoDemoAccounts(RuntimeError):
    """The gateway is not installed here, or its database is not reachable; the message says which."""


def ensure_demo_accounts(manifest: dict[str, Any], database_url: str | None = None) -> list[dict[str, str]]:
    """The three accounts (made when missing, left alone when there), as `{role, email, password}`."""
    try:
        from lowe_backbone.spec import find_service
        from lowe_gateway.accounts.administration import CreateAccount, create_account
        from lowe_gateway.accounts.model import AccountExists
        from lowe_gateway.accounts.passwords import Argon2Hasher
        from lowe_gateway.accounts.store import AccountsUnavailable, opened_accounts
    except ImportError as exc:
        raise NoDemoAccounts(f"the gateway is not installed here ({exc.name})") from None
    import uuid

    url = database_url or find_service("gateway").database_url()
    made: list[dict[str, str]] = []
    hasher = Argon2Hasher()
    try:
        with opened_accounts(url) as uow:
            for role, entry, email, password, name in DEMO_ACCOUNTS:
                organisation = uuid.UUID(manifest[entry]["id"]) if entry else None
                with suppress(AccountExists):  # made by an earlier run: the demo's password unless someone changed it
                    create_account(CreateAccount(email, name, role, organisation, "pl", password), uow, hasher)
                made.append({"role": role, "email": email, "password": password})
    except AccountsUnavailable as exc:
        raise NoDemoAccounts(str(exc)) from None
    return made


def account_lines(base_url: str, accounts: list[dict[str, str]]) -> list[str]:
    lines = [f"Web portal: {base_url}/portal/  (demo accounts: e-mail, password, role)"]
    lines += [f"  {a['email']:<28} {a['password']:<20} ({a['role']})" for a in accounts]
    return lines
