"""The network the browser tests drive: every service as its own process, with test-speed settings, and the
organisations a journey needs, registered through the public API as an operator would."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.fixtures.broker import VhostAdmin, uri_for_vhost
from tests.fixtures.databases import Databases
from tests.fixtures.process_network import REPO, SERVICES, ProcessNetwork
from tests.fixtures.services import free_port
from tests.integration.gateway_helpers import TIMEOUT, operator_key
from tests.integration.portal_helpers import CHEAP_ARGON2, make_account

# quick relays and retries, deliveries polled often; nothing listens on SMTP_PORT, so e-mails just retry
FAST = {"RETRY_DELAYS_MS": "100,200", "OUTBOX_POLL_INTERVAL": "0.2", "DELIVERY_POLL_INTERVAL": "0.5"}
REGION = "14"  # mazowieckie: the partner's, the centre's and the journey's opportunity's voivodeship
PARTNER = {"name": "Fundacja Cyfrowe Mazowsze", "sector": "social", "email": "biuro@example.pl", "voivodeship": REGION}
CENTRE = {"name": "LOWE Mszczonów", "voivodeship": REGION, "municipality": "Mszczonów"}
SUBSCRIPTION = {"name": "Wszystko z Mazowsza"}  # no filters: anything held in the centre's own voivodeship


@dataclass(frozen=True)
class Organisations:
    """The session's organisations and their API keys (the operator's has no organisation)."""

    url: str
    gateway_database_url: str
    operator_key: str
    partner_id: str
    partner_key: str
    centre_id: str
    centre_key: str

    def account(self, role: str, language: str = "pl") -> str:
        """A new portal account (its e-mail; the password is `TEST_PASSWORD`) of the role's organisation: a test
        that changes the account's language changes nobody else's."""
        organisation = {"partner": self.partner_id, "centre": self.centre_id, "operator": None}[role]
        return make_account(self.gateway_database_url, role, organisation, language=language)

    def api(self, method: str, path: str, key: str, body: dict[str, Any] | None = None) -> Any:
        response = requests.request(
            method, self.url + path, json=body, headers={"Authorization": f"Bearer {key}"}, timeout=TIMEOUT
        )
        assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()


def cheap_config_dir(folder: Path) -> Path:
    """The services' own config files, with the gateway's Argon2 made cheap (the settings only tests lower)."""
    folder.mkdir(parents=True, exist_ok=True)
    for config in (REPO / "deploy" / "config").glob("*.yaml"):
        shutil.copy(config, folder / config.name)
    with (folder / "gateway.yaml").open("a") as gateway:
        gateway.write("".join(f"{name}: {value}\n" for name, value in CHEAP_ARGON2.items()))
    return folder


@contextmanager
def running_network(vhost_admin: VhostAdmin, folder: Path) -> Iterator[ProcessNetwork]:
    """The five processes on a vhost and databases of their own, all removed again afterwards."""
    vhost = f"lowe-test-{uuid.uuid4().hex[:12]}"
    vhost_admin.create(vhost)
    databases = Databases(folder)
    settings = {**FAST, "LOWE_CONFIG_DIR": str(cheap_config_dir(folder / "config")), "SMTP_PORT": str(free_port())}
    processes = ProcessNetwork(uri_for_vhost(vhost), {name: databases.url(name) for name in SERVICES}, folder, settings)
    try:
        processes.start()
        yield processes
    finally:
        killed = processes.stop()
        databases.drop_all()
        vhost_admin.delete(vhost)
    assert not killed, f"{killed} did not stop on SIGTERM (logs in {folder})"


def register_organisations(processes: ProcessNetwork) -> Organisations:
    """A verified partner, a centre in its voivodeship subscribed to what is held there, and an operator's key."""
    gateway_database_url = processes.env["GATEWAY_DATABASE_URL"]
    operator = operator_key(gateway_database_url)
    unkeyed = Organisations(processes.url, gateway_database_url, operator, "", "", "", "")
    partner = unkeyed.api("POST", "/api/v1/partners", operator, PARTNER)
    unkeyed.api("POST", f"/api/v1/partners/{partner['id']}/verify", operator)
    centre = unkeyed.api("POST", "/api/v1/centres", operator, CENTRE)
    centre_key = centre["api_key"]["key"]
    unkeyed.api("POST", f"/api/v1/centres/{centre['id']}/subscriptions", centre_key, SUBSCRIPTION)
    return Organisations(
        processes.url,
        gateway_database_url,
        operator,
        partner["id"],
        partner["api_key"]["key"],
        centre["id"],
        centre_key,
    )
