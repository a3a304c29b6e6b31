"""The portal as a browser sees it over real HTTP: cookies kept per browser, forms sent with their CSRF token."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.integration.gateway_helpers import TIMEOUT

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TEST_PASSWORD = "a long test password"
CHEAP_ARGON2 = {"ARGON2_MEMORY_KIB": 1024, "ARGON2_TIME_COST": 1}


@dataclass
class Browser:
    base: str
    session: requests.Session = field(default_factory=requests.Session)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.session.get(self.base + path, timeout=TIMEOUT, allow_redirects=False, **kwargs)

    def post(self, path: str, data: dict[str, str], token_from: str | None = None) -> requests.Response:
        """The form on `token_from` (default: the page posted to) gives the CSRF token, as a browser's would."""
        page = self.get(token_from or path.split("?")[0]).text
        found = CSRF.search(page)
        assert found, page
        return self.post_raw(path, {"csrf_token": found.group(1), **data})

    def post_raw(self, path: str, data: dict[str, str]) -> requests.Response:
        return self.session.post(self.base + path, data=data, timeout=TIMEOUT, allow_redirects=False)

    def sign_in(self, email: str, password: str = TEST_PASSWORD) -> requests.Response:
        return self.post("/portal/sign-in", {"email": email, "password": password})

    def cookie_header(self, response: requests.Response, name: str) -> str:
        headers = response.raw.headers.getlist("Set-Cookie")
        found = [header for header in headers if header.startswith(f"{name}=")]
        assert found, headers
        return str(found[0])


def make_account(
    gateway_database_url: str, role: str, organisation_id: str | None, email: str | None = None, language: str = "pl"
) -> str:
    """An account with `TEST_PASSWORD`, made straight in the gateway's database as `lowe accounts create` does."""
    from lowe_gateway.accounts.administration import CreateAccount, create_account
    from lowe_gateway.accounts.passwords import Argon2Hasher
    from lowe_gateway.accounts.store import opened_accounts

    email = email or f"{role}-{uuid.uuid4().hex[:8]}@example.pl"
    organisation = uuid.UUID(organisation_id) if organisation_id else None
    cmd = CreateAccount(email, role.title(), role, organisation, language, TEST_PASSWORD)
    with opened_accounts(gateway_database_url) as uow:
        create_account(cmd, uow, Argon2Hasher(time_cost=1, memory_cost=1024))
    return email
