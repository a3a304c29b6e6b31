"""Shared by the gateway HTTP tests: a running network per test module, sample bodies and assertions.

`gateway_url` starts the whole network for every test, and stopping it takes seconds; the gateway
tests make hundreds of requests, so each module shares one network built the same way (same
`service_config`, a private vhost, fresh migrated databases) and compares row counts around each call.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import eventlet
import requests
import sqlalchemy as sa
from nameko.containers import ServiceContainer

from lowe_backbone.database import create_engine_for
from tests.fixtures.broker import VhostAdmin, uri_for_vhost
from tests.fixtures.databases import Databases
from tests.fixtures.services import free_port, service_config
from tests.support import wait_for

TIMEOUT = 10
SERVICES = ("partners", "centres", "notifications", "events")
BODY_ROUTES = ("partners", "opportunities", "centres", "subscriptions")
UNKNOWN_ID = "5f0c7b9e-2d41-4c3a-9e8b-7a6d5c4b3a21"
MISSING = object()

PARTNER = {
    "name": "Powiatowy Urząd Pracy w Kielcach",
    "sector": "public",
    "email": "pup@example.pl",
    "voivodeship": "26",
}
CENTRE = {"name": "LOWE Bodzentyn", "voivodeship": "26", "municipality": "Bodzentyn"}
SUBSCRIPTION = {"name": "Cyfrowe", "kinds": ["course"], "topics": ["digital_skills"]}


def opportunity_for(partner_id: str, **changes: Any) -> dict[str, Any]:
    body = {
        "partner_id": partner_id,
        "kind": "course",
        "title": "Komputer bez tajemnic",
        "description": "Kurs dla seniorów",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["26"],
    }
    return {**body, **changes}


Routes = dict[str, tuple[str, dict[str, Any]]]


def routes_with_valid_bodies(network: Network) -> Routes:
    """Per body-taking route: its path and a body it accepts (registers the partner and centre they need)."""
    partner = network.create("/api/v1/partners", PARTNER)
    centre = network.create("/api/v1/centres", CENTRE)
    return {
        "partners": ("/api/v1/partners", PARTNER),
        "opportunities": ("/api/v1/opportunities", opportunity_for(partner["id"])),
        "centres": ("/api/v1/centres", CENTRE),
        "subscriptions": (f"/api/v1/centres/{centre['id']}/subscriptions", SUBSCRIPTION),
    }


def amend(body: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`body` with `changes` applied; a change to `MISSING` removes the key."""
    amended = {**body, **changes}
    return {key: value for key, value in amended.items() if value is not MISSING}


@dataclass
class Network:
    url: str
    databases: Databases
    engines: dict[str, sa.Engine] = field(default_factory=dict)

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return requests.request(method, self.url + path, timeout=TIMEOUT, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def create(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post(path, json=body)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def verified_partner(self, body: dict[str, Any]) -> dict[str, Any]:
        """A registered partner the operator has verified, so its opportunities can be published."""
        partner = self.create("/api/v1/partners", body)
        response = self.post(f"/api/v1/partners/{partner['id']}/verify")
        assert response.status_code == 200, response.text
        verified: dict[str, Any] = response.json()
        return verified

    def engine(self, service: str) -> sa.Engine:
        """Our own engine on the service's database, the way `databases.url` is meant to be used."""
        if service not in self.engines:
            self.engines[service] = create_engine_for(self.databases.url(service), pool_size=2)
        return self.engines[service]

    def scalar(self, service: str, query: str, **params: Any) -> Any:
        with self.engine(service).connect() as conn:
            return conn.execute(sa.text(query), params).scalar()

    def row_counts(self, *services: str) -> dict[str, int]:
        """Rows in every table of the given services' databases (all three by default), outbox included."""
        counts = {}
        for service in services or SERVICES:
            for table in sa.inspect(self.engine(service)).get_table_names():
                counts[f"{service}.{table}"] = self.scalar(service, f'SELECT count(*) FROM "{table}"')
        return counts

    def settled(self) -> bool:
        """Every event relayed and consumed, so nothing is still being written in the background.

        Events no service consumes yet stay in their outbox, backing off; they count as settled once tried.
        """
        unsettled = sum(
            self.scalar(s, "SELECT count(*) FROM outbox WHERE published_at IS NULL AND last_error IS NULL")
            for s in SERVICES
        )
        if unsettled:
            return False
        for consumer, (producer, event_types) in CONSUMED.items():
            produced = sum(
                self.scalar(
                    source,
                    "SELECT count(*) FROM outbox WHERE published_at IS NOT NULL AND event_type IN "
                    f"({', '.join(repr(name) for name in types)})",
                )
                for source, types in ((producer, event_types), *ALSO_CONSUMED.get(consumer, ()))
            )
            if produced != self.scalar(consumer, "SELECT count(*) FROM processed_events"):
                return False
        return True


# consumer: (producer, the producer's events it consumes)
CONSUMED = {
    "centres": (
        "partners",
        (
            "opportunity_published",
            "opportunity_updated",
            "opportunity_withdrawn",
            "opportunity_closed",
            "opportunity_reopened",
            "interest_expressed",
            "places_allocated",
            "interest_waitlisted",
            "interest_declined",
            "places_released",
        ),
    ),
    "notifications": ("centres", ("opportunity_matched", "opportunity_unmatched")),
    "events": ("partners", ("places_allocated", "places_released")),
}


# consumers of a second producer: its events they consume too
ALSO_CONSUMED: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "notifications": (
        (
            "partners",
            (
                "opportunity_published",
                "opportunity_updated",
                "opportunity_closed",
                "partner_verified",
                "partner_suspended",
                "opportunity_withdrawn",
                "interest_expressed",
                "places_allocated",
                "interest_waitlisted",
                "interest_declined",
                "places_released",
            ),
        ),
        (
            "events",
            (
                "event_scheduled",
                "event_changed",
                "event_cancelled",
                "registration_confirmed",
                "registration_waitlisted",
                "registration_promoted",
                "registration_cancelled",
                "participant_erased",
            ),
        ),
    ),
}


@contextmanager
def rows_written(network: Network, *services: str) -> Iterator[dict[str, int]]:
    """Yields a dict that, after the block, holds the change in row count of every table that changed."""
    wait_for(network.settled, timeout=10, what="earlier events to be relayed and consumed")
    before = network.row_counts(*services)
    written: dict[str, int] = {}
    yield written
    after = network.row_counts(*services)
    written.update({table: after[table] - before[table] for table in after if after[table] != before[table]})


@contextmanager
def nothing_written(network: Network, *services: str) -> Iterator[None]:
    with rows_written(network, *services) as written:
        yield
    assert written == {}


@contextmanager
def running_network(vhost_admin: VhostAdmin, directory: Path) -> Iterator[Network]:
    """Partners, centres, notifications, events and the gateway, as `gateway_url` starts them."""
    from lowe_centres.service import CentresService
    from lowe_events.service import EventsService
    from lowe_gateway.service import GatewayService
    from lowe_notifications.service import NotificationsService
    from lowe_partners.service import PartnersService

    vhost = f"lowe-test-{uuid.uuid4().hex[:12]}"
    vhost_admin.create(vhost)
    databases = Databases(directory)
    containers: list[ServiceContainer] = []
    network = Network("", databases)
    try:
        broker_uri = uri_for_vhost(vhost)
        for service_cls in (PartnersService, CentresService, NotificationsService, EventsService):
            containers.append(
                ServiceContainer(service_cls, service_config(broker_uri, databases.url(service_cls.name)))
            )
            containers[-1].start()
        port = free_port()
        containers.append(
            ServiceContainer(GatewayService, service_config(broker_uri, WEB_SERVER_ADDRESS=f"127.0.0.1:{port}"))
        )
        containers[-1].start()
        network.url = f"http://127.0.0.1:{port}"
        yield network
    finally:
        pool = eventlet.GreenPool()  # a container takes about 2 s to stop: stop the four side by side
        for container in containers:
            pool.spawn(container.kill if container._died.ready() else container.stop)
        pool.waitall()
        for engine in network.engines.values():
            engine.dispose()
        databases.drop_all()
        vhost_admin.delete(vhost)


def assert_error(response: requests.Response, status: int, code: str, *fields: str) -> dict[str, Any]:
    """A JSON error with exactly the `{"error": {code, message, fields}}` shape; `fields` names exactly `fields`."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == ["error"], body
    error: dict[str, Any] = body["error"]
    assert set(error) == {"code", "message", "fields"}, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"].strip(), error
    assert isinstance(error["fields"], dict), error
    if fields:
        assert set(error["fields"]) == set(fields), error["fields"]
    return error
