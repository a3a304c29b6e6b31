"""Authentication at the gateway: every route but the public ones wants a valid key in the `Authorization` header,
the key's role must be one the route allows, and each key's requests are counted (429 with `Retry-After`), also
across two gateway replicas sharing Redis. The gateway runs alone here: all of this happens before any RPC."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
import requests
from nameko.containers import ServiceContainer
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_gateway.identity import orm
from lowe_gateway.identity.keys import CENTRE, OPERATOR, PARTNER, make_secret
from lowe_gateway.identity.store import KeyStore
from lowe_gateway.identity.use_cases import CreateKey, create_key
from lowe_gateway.service import GatewayService
from tests.fixtures.broker import VhostAdmin, uri_for_vhost
from tests.fixtures.databases import Databases
from tests.fixtures.services import free_port, service_config
from tests.integration.gateway_routes import gateway_routes, sample_path

REDIS_URL = "redis://127.0.0.1:6379/0"
TIMEOUT = 10


class Gateway:
    def __init__(self, url: str, store: KeyStore) -> None:
        self.url, self.store = url, store

    def key(self, role: str = OPERATOR, organisation: uuid.UUID | None = None, **changes: Any) -> str:
        if role != OPERATOR and organisation is None:
            organisation = uuid.uuid4()
        return create_key(CreateKey(role, organisation, "test", **changes), self.store).secret

    def call(self, method: str, path: str, key: str | None = None, **kwargs: Any) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        return requests.request(method, self.url + path, headers=headers, timeout=TIMEOUT, **kwargs)


@contextmanager
def gateways(vhost_admin: VhostAdmin, directory: Path) -> Iterator[Callable[..., Gateway]]:
    """`start(**config)` runs one more gateway replica on the same vhost and key database."""
    vhost = f"lowe-test-{uuid.uuid4().hex[:12]}"
    vhost_admin.create(vhost)
    databases = Databases(directory)
    orm.start_mappers()
    engine = create_engine_for(databases.url("gateway"))
    store = KeyStore(sessionmaker(bind=engine, expire_on_commit=False))
    containers: list[ServiceContainer] = []

    def start(**overrides: Any) -> Gateway:
        address = f"127.0.0.1:{free_port()}"
        config = service_config(uri_for_vhost(vhost), databases.url("gateway"), WEB_SERVER_ADDRESS=address)
        containers.append(ServiceContainer(GatewayService, {**config, **overrides}))
        containers[-1].start()
        return Gateway(f"http://{address}", store)

    try:
        yield start
    finally:
        for container in containers:
            container.stop()
        engine.dispose()
        databases.drop_all()
        vhost_admin.delete(vhost)


@pytest.fixture(scope="module")
def gateway(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    with gateways(vhost_admin, tmp_path_factory.mktemp("gateway")) as start:
        yield start()


@pytest.fixture
def start_gateway(vhost_admin: VhostAdmin, tmp_path: Path) -> Iterator[Callable[..., Gateway]]:
    with gateways(vhost_admin, tmp_path) as start:
        yield start


CLOSED_ROUTES = [route for route in gateway_routes() if not route.public]


def assert_unauthenticated(response: requests.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.headers["X-Correlation-ID"]


@pytest.mark.parametrize("route", CLOSED_ROUTES, ids=str)
def test_every_closed_route_answers_401_without_a_key_or_with_a_bad_one(gateway: Gateway, route: Any) -> None:
    path = sample_path(route.url)
    unknown = make_secret()  # well formed, never issued
    for headers in (
        {},
        {"Authorization": f"Bearer {unknown}"},
        {"Authorization": "Bearer not-a-key"},
        {"Authorization": f"Basic {unknown}"},
        {"Authorization": "Bearer "},
    ):
        assert_unauthenticated(gateway.call(route.method, path, headers=headers, json={}))


def test_revoked_and_expired_keys_are_refused_like_unknown_ones(gateway: Gateway) -> None:
    expired = gateway.key(PARTNER, expires_at=datetime.now(UTC) - timedelta(seconds=1))
    assert_unauthenticated(gateway.call("GET", "/api/v1/keys", expired))

    partner = gateway.key(PARTNER)
    listed = gateway.call("GET", "/api/v1/keys", partner)
    assert listed.status_code == 200, listed.text
    (own,) = listed.json()["items"]
    revoked = gateway.call("DELETE", f"/api/v1/keys/{own['id']}", partner)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"] is not None
    assert_unauthenticated(gateway.call("GET", "/api/v1/keys", partner))


def test_a_key_in_the_query_string_is_refused_even_beside_a_good_header(gateway: Gateway) -> None:
    key = gateway.key(CENTRE)
    assert_unauthenticated(gateway.call("GET", f"/api/v1/keys?api_key={key}"))
    assert_unauthenticated(gateway.call("GET", f"/api/v1/keys?token={key}", key))
    assert gateway.call("GET", "/api/v1/keys", key).status_code == 200


def test_a_key_whose_role_the_route_does_not_allow_gets_403(gateway: Gateway) -> None:
    for role in (PARTNER, CENTRE):
        response = gateway.call("GET", "/api/v1/admin/dead-letters", gateway.key(role))
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "forbidden"
    response = gateway.call("POST", "/api/v1/opportunities", gateway.key(OPERATOR), json={})
    assert response.status_code == 403, response.text


def test_public_routes_need_no_key(gateway: Gateway) -> None:
    public = {route.url for route in gateway_routes() if route.public}
    assert {"/health", "/api/v1/unsubscribe"} <= public
    response = gateway.call("POST", "/api/v1/unsubscribe?token=x")
    assert response.status_code != 401, response.text


def test_each_key_gets_its_own_allowance_then_429_with_retry_after(start_gateway: Callable[..., Gateway]) -> None:
    gateway = start_gateway(RATE_LIMIT=3, RATE_WINDOW=60)
    first, second = gateway.key(PARTNER), gateway.key(CENTRE)
    remaining = [gateway.call("GET", "/api/v1/keys", first).headers["X-RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    refused = gateway.call("GET", "/api/v1/keys", first)
    assert refused.status_code == 429, refused.text
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["X-Correlation-ID"]
    assert gateway.call("GET", "/api/v1/keys", second).status_code == 200


def test_two_gateway_replicas_share_each_keys_allowance_through_redis(start_gateway: Callable[..., Gateway]) -> None:
    prefix = f"lowe-test-{uuid.uuid4().hex[:8]}"
    replicas = [start_gateway(RATE_LIMIT=4, RATE_WINDOW=60, REDIS_URL=REDIS_URL, RATE_PREFIX=prefix) for _ in "ab"]
    key = replicas[0].key(PARTNER)
    try:
        statuses = [replicas[n % 2].call("GET", "/api/v1/keys", key).status_code for n in range(6)]
        assert statuses == [200, 200, 200, 200, 429, 429]
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        for name in client.scan_iter(f"{prefix}:*"):
            client.delete(name)
        client.close()


def test_keys_never_reach_the_logs(gateway: Gateway, capfd: pytest.CaptureFixture[str]) -> None:
    key = gateway.key(PARTNER)
    gateway.call("GET", "/api/v1/keys", key)
    gateway.call("GET", f"/api/v1/keys?api_key={key}")
    gateway.call("GET", "/api/v1/keys", "lowe_" + key[5:][::-1])
    made = gateway.call("POST", "/api/v1/keys", key, json={"label": "second"})
    captured = capfd.readouterr()
    output = captured.out + captured.err
    assert made.status_code == 201
    for secret in (key, made.json()["key"]):
        assert secret not in output
        assert secret[5:] not in output
    assert not re.search(r"lowe_[A-Za-z0-9_-]{43}", output)
