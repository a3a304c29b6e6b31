"""Shared by the gateway HTTP tests: a running network per test module, sample bodies and assertions.

`gateway_url` starts the whole network for every test, and stopping it takes seconds; the gateway
tests make hundreds of requests, so each module shares one network built the same way (same
`service_config`, a private vhost, fresh migrated databases) and compares row counts around each call.
"""

from __future__ import annotations

import dataclasses
import functools
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
DEFAULT_KEY = object()
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


def opportunity_for(partner_id: str | None = None, **changes: Any) -> dict[str, Any]:
    """An opportunity's body as its partner sends it (the partner is the key's, never a field of the body)."""
    body = {
        "kind": "course",
        "title": "Komputer bez tajemnic",
        "description": "Kurs dla seniorów",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["26"],
    }
    return {**body, **changes}


Routes = dict[str, tuple[str, dict[str, Any], str]]


def routes_with_valid_bodies(network: Network) -> Routes:
    """Per body-taking route: its path, a body it accepts and the key that may send it (registers the partner and
    centre they need)."""
    partner = network.create("/api/v1/partners", PARTNER)
    centre = network.create("/api/v1/centres", CENTRE)
    return {
        "partners": ("/api/v1/partners", PARTNER, network.key),
        "opportunities": ("/api/v1/opportunities", opportunity_for(), partner["api_key"]["key"]),
        "centres": ("/api/v1/centres", CENTRE, network.key),
        "subscriptions": (f"/api/v1/centres/{centre['id']}/subscriptions", SUBSCRIPTION, centre["api_key"]["key"]),
    }


def amend(body: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`body` with `changes` applied; a change to `MISSING` removes the key."""
    amended = {**body, **changes}
    return {key: value for key, value in amended.items() if value is not MISSING}


@dataclass
class Network:
    """The running network as one caller sees it: `key` goes with every request (an operator's by default);
    `as_(key)` is the same network seen with another key."""

    url: str
    databases: Databases
    engines: dict[str, sa.Engine] = field(default_factory=dict)
    key: str = ""
    broker_uri: str = ""  # the network's own vhost

    def call(self, method: str, path: str, key: Any = DEFAULT_KEY, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        chosen = self.key if key is DEFAULT_KEY else key
        if chosen and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {chosen}"
        return requests.request(method, self.url + path, headers=headers, timeout=TIMEOUT, **kwargs)

    def as_(self, key: str) -> Network:
        return dataclasses.replace(self, key=key)

    def partner(self, body: dict[str, Any] | None = None, verified: bool = True) -> tuple[dict[str, Any], Network]:
        """A registered partner (verified unless told otherwise) and the network as its first key sees it."""
        partner = (
            self.verified_partner(body or PARTNER) if verified else self.create("/api/v1/partners", body or PARTNER)
        )
        return partner, self.as_(partner["api_key"]["key"])

    def centre(self, body: dict[str, Any] | None = None) -> tuple[dict[str, Any], Network]:
        centre = self.create("/api/v1/centres", body or CENTRE)
        return centre, self.as_(centre["api_key"]["key"])

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("PATCH", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("DELETE", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def create(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post(path, json=body)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def publish(self, body: dict[str, Any]) -> dict[str, Any]:
        """Drafts and publishes an opportunity: `self` must be its partner's network (see `partner()`)."""
        draft = self.create("/api/v1/opportunities", body)
        response = self.post(f"/api/v1/opportunities/{draft['id']}/publish")
        assert response.status_code == 200, response.text
        published: dict[str, Any] = response.json()
        return published

    def verified_partner(self, body: dict[str, Any]) -> dict[str, Any]:
        """A registered partner the operator has verified, so its opportunities can be published."""
        partner = self.create("/api/v1/partners", body)
        response = self.post(f"/api/v1/partners/{partner['id']}/verify")
        assert response.status_code == 200, response.text
        verified: dict[str, Any] = response.json()
        return {**verified, "api_key": partner["api_key"]}

    def engine(self, service: str) -> sa.Engine:
        """Our own engine on the service's database, the way `databases.url` is meant to be used."""
        if service not in self.engines:
            self.engines[service] = create_engine_for(self.databases.url(service), pool_size=2)
        return self.engines[service]

    def scalar(self, service: str, query: str, **params: Any) -> Any:
        with self.engine(service).connect() as conn:
            return conn.execute(sa.text(query), params).scalar()

    def row_counts(self, *services: str) -> dict[str, int]:
        """Rows in every table of the given services' databases (the four services' and the gateway's by default),
        outbox included."""
        counts = {}
        for service in services or (*SERVICES, "gateway"):
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
        for consumer, sources in consumed().items():
            produced = sum(
                self.scalar(
                    producer,
                    "SELECT count(*) FROM outbox WHERE published_at IS NOT NULL AND event_type IN "
                    f"({', '.join(repr(name) for name in sorted(types))})",
                )
                for producer, types in sources.items()
            )
            if produced != self.scalar(consumer, "SELECT count(*) FROM processed_events"):
                return False
        return True


@functools.cache
def consumed() -> dict[str, dict[str, frozenset[str]]]:
    """consumer: {producer: the producer's events it consumes}, as the services' reliable handlers declare them (so
    a new event or handler is waited for without anyone updating a table here)."""
    from lowe_backbone.topology import bindings_of
    from lowe_centres.service import CentresService
    from lowe_events.service import EventsService
    from lowe_notifications.service import NotificationsService
    from lowe_partners.service import PartnersService

    found: dict[str, dict[str, set[str]]] = {}
    for service_cls in (PartnersService, CentresService, NotificationsService, EventsService):
        for binding in bindings_of(service_cls):
            found.setdefault(binding.service, {}).setdefault(binding.source, set()).add(binding.event_type)
    return {
        consumer: {source: frozenset(types) for source, types in sources.items()} for consumer, sources in found.items()
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
def running_network(
    vhost_admin: VhostAdmin, directory: Path, overrides: dict[str, dict[str, Any]] | None = None
) -> Iterator[Network]:
    """Partners, centres, notifications, events and the gateway, as `gateway_url` starts them; `overrides` adds
    config per service name."""
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
        broker_uri = network.broker_uri = uri_for_vhost(vhost)
        for service_cls in (PartnersService, CentresService, NotificationsService, EventsService):
            extra = (overrides or {}).get(service_cls.name, {})
            config = service_config(broker_uri, databases.url(service_cls.name), **extra)
            containers.append(ServiceContainer(service_cls, config))
            containers[-1].start()
        port = free_port()
        address = f"127.0.0.1:{port}"
        extra = (overrides or {}).get("gateway", {})
        gateway_config = service_config(broker_uri, databases.url("gateway"), WEB_SERVER_ADDRESS=address, **extra)
        containers.append(ServiceContainer(GatewayService, gateway_config))
        containers[-1].start()
        network.url = f"http://127.0.0.1:{port}"
        network.key = operator_key(databases.url("gateway"))
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


def operator_key(gateway_database_url: str) -> str:
    """What `lowe keys create --operator` prints, made the same way in the gateway's database."""
    return key_in_database(gateway_database_url, "operator", None)


def key_in_database(gateway_database_url: str, role: str, organisation_id: str | None) -> str:
    """A key made straight in the gateway's database, as `lowe keys create` does, whatever the organisation."""
    from lowe_gateway.identity.store import opened_key_store
    from lowe_gateway.identity.use_cases import CreateKey, create_key

    organisation = uuid.UUID(organisation_id) if organisation_id else None
    with opened_key_store(gateway_database_url) as store:
        return create_key(CreateKey(role, organisation, "tests"), store).secret


def ok(response: requests.Response, status: int = 200) -> Any:
    """The answer's JSON (None when it has no body), once its status is `status`."""
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def without_key(organisation: dict[str, Any]) -> dict[str, Any]:
    """A registered partner or centre as it is read back: without the key its registration answered."""
    return {name: value for name, value in organisation.items() if name != "api_key"}


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
