"""The network the browser tests drive: every service as its own process, with test-speed settings, and the
organisations a journey needs, registered through the public API as an operator would."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import requests

from tests.fixtures.broker import VhostAdmin, uri_for_vhost
from tests.fixtures.databases import Databases
from tests.fixtures.process_network import REPO, SERVICES, ProcessNetwork
from tests.fixtures.services import free_port
from tests.integration.gateway_helpers import TIMEOUT, operator_key
from tests.integration.portal_helpers import CHEAP_ARGON2, make_account
from tests.support import wait_for

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


@dataclass(frozen=True)
class SampleData:
    """What the pages of every role show when a test walks them all: opportunities, a centre's interest in each (one
    accepted, one awaiting the partner), an event with its participants and waiting list, a partner waiting for
    verification. Its names and texts are user data in Polish that share words with the Polish catalogue (and one
    title in English words of the English one), so a page that does not mark them translate="no" fails the
    untranslated-text check in the other language; the long address and link try the phone's narrow screen."""

    opportunity_id: str  # published, the centre holds places in it
    awaiting_id: str  # published, the centre's interest awaits the partner
    event_id: str


def add_sample_data(organisations: Organisations) -> SampleData:
    """Through the public API, as the partner, the centre and the operator would. The event's sessions are next year,
    outside the reports' default period (this year), which the journey's report counts on."""
    partner, centre = organisations.partner_key, organisations.centre_key
    api = organisations.api
    opportunity = {
        "kind": "course",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": [REGION],
        "places": 10,
        "languages": ["pl", "uk"],
        "contact": {"name": "Anna Zielińska", "email": "szkolenia@example.pl", "phone": "+48600100300"},
    }
    held = api(
        "POST",
        "/api/v1/opportunities",
        partner,
        {
            **opportunity,
            "title": "Kurs komputerowy dla seniorów z Mazowsza",
            "description": "Sześć spotkań bez pośpiechu.\nPoczta, bankowość i e-urząd, z przerwą na kawę.",
            "links": [
                "https://example.pl/szkolenia/kurs-komputerowy-dla-seniorow-z-mazowsza-wiosna-2027-zapisy-i-program"
            ],
        },
    )
    awaiting = api(
        "POST",
        "/api/v1/opportunities",
        partner,
        {
            **opportunity,
            "title": "Digital skills for everyone: a workshop in English",
            "description": "For people who speak Ukrainian or English, with an interpreter on request.",
        },
    )
    for draft in (held, awaiting):
        api("POST", f"/api/v1/opportunities/{draft['id']}/publish", partner)
    interests = f"/api/v1/centres/{organisations.centre_id}/interests"
    asked = api(
        "POST",
        interests,
        centre,
        {"opportunity_id": held["id"], "places": 3, "message": "Mamy chętnych z Mszczonowa i okolic."},
    )
    api(
        "POST",
        interests,
        centre,
        {"opportunity_id": awaiting["id"], "places": 2, "message": "Czy są też zajęcia wieczorem?"},
    )
    api("POST", f"/api/v1/interests/{asked['id']}/accept", partner)
    wait_for(
        lambda: any(
            item["opportunity_id"] == held["id"]
            for item in api("GET", f"/api/v1/centres/{organisations.centre_id}/allocations", centre)["items"]
        ),
        what="the places the centre holds in the sample opportunity",
    )
    day = date(date.today().year + 1, 3, 10).isoformat()
    event = api(
        "POST",
        "/api/v1/events",
        centre,
        {
            "title": "Komputer bez tajemnic dla seniorów z okolic Mszczonowa",
            "description": "Zajęcia w małych grupach, z materiałami do domu.",
            "kind": "course",
            "opportunity_id": held["id"],
            "capacity": 2,
            "sessions": [{"starts_at": f"{day}T10:00", "ends_at": f"{day}T12:00"}],
            "repeat_weekly": 2,
            "location": {
                "kind": "address",
                "address": "Gminny Ośrodek Kultury, ul. Tadeusza Kościuszki 12, 96-320 Mszczonów",
            },
            "languages": ["pl"],
            "target_groups": ["seniors"],
            "accessibility": ["step_free_access"],
            "accessibility_notes": "Wejście z parkingu od strony ogrodu, bez schodów.",
            "organiser": "Stowarzyszenie Przyjaciół Mszczonowa",
        },
    )
    for number, name in enumerate(("Zofia Wiśniewska-Kowalczyk", "Stanisław Dąbrowski", "Halina Lewandowska")):
        api(
            "POST",
            f"/api/v1/events/{event['id']}/registrations",
            centre,
            {
                "name": name,
                "email": f"uczestnik{number}@example.pl",
                "consent": {"version": "rodo-2026-01", "given": True},
            },
        )
    api(
        "POST",
        "/api/v1/partners",
        organisations.operator_key,
        {
            "name": "Stowarzyszenie Edukacji Dorosłych z Grodziska",
            "sector": "social",
            "email": "kontakt@example.pl",
            "voivodeship": REGION,
            "city": "Grodzisk Mazowiecki",
            "description": "Kursy dla dorosłych z powiatu grodziskiego, bez opłat dla seniorów.",
        },
    )
    return SampleData(held["id"], awaiting["id"], event["id"])
