"""Scale-out: two replicas of every service and of the gateway, as local processes on one broker and one PostgreSQL,
under a realistic load. RPC and events are shared between the replicas as competing consumers, and every effect —
each event relayed, each match, each deadline closing by the timers — happens exactly once."""

from __future__ import annotations

import collections
import itertools
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from kombu import Connection, Exchange, Queue

from tests.fixtures.databases import BACKEND
from tests.fixtures.services import free_port
from tests.integration.gateway_helpers import operator_key
from tests.support import wait_for

SERVICES = ("partners", "centres", "notifications", "events")
REPLICAS = 2
REPO = Path(__file__).resolve().parents[2]
LOWE = Path(sys.executable).parent
PARTNERS, CENTRES_PER_REGION, OPPORTUNITIES, WITH_DEADLINE = 4, 10, 40, 10
REGIONS = ("14", "26")

pytestmark = [
    pytest.mark.postgresql_only,
    pytest.mark.skipif(BACKEND != "postgresql", reason="replicas share a PostgreSQL database in production"),
]


@pytest.fixture
def replicated_network(broker_uri: str, database_url: Callable[[str], str], tmp_path: Path) -> Iterator[list[str]]:
    env = {
        **os.environ,
        "AMQP_URI": broker_uri,
        "LOWE_CONFIG_DIR": str(REPO / "deploy" / "config"),
        "RETRY_DELAYS_MS": "100,200",
        "OUTBOX_POLL_INTERVAL": "0.5",
        "DEADLINE_CHECK_INTERVAL": "1",
        **{f"{name.upper()}_DATABASE_URL": database_url(name) for name in (*SERVICES, "gateway")},
    }
    prepared = subprocess.run([str(LOWE / "lowe"), "prepare"], env=env, capture_output=True, text=True, timeout=120)
    assert prepared.returncode == 0, prepared.stderr
    processes: list[subprocess.Popen[bytes]] = []
    gateways = []
    for name, replica in itertools.product((*SERVICES, "gateway"), range(REPLICAS)):
        own = dict(env)
        if name == "gateway":
            own["GATEWAY_ADDRESS"] = f"127.0.0.1:{free_port()}"
            gateways.append(f"http://{own['GATEWAY_ADDRESS']}")
        log = (tmp_path / f"{name}-{replica}.log").open("w")
        processes.append(subprocess.Popen([str(LOWE / "lowe-serve"), name], env=own, stdout=log, stderr=log))
    try:
        for url in gateways:
            wait_for(lambda url=url: _healthy(url), timeout=90, interval=0.5, what=f"{url} to report healthy")
        yield gateways
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}/health", timeout=5).status_code == 200
    except requests.RequestException:
        return False


class Spy:
    """A queue of the test's own on each producer's exchange: what the relays published, every copy of it."""

    def __init__(self, broker_uri: str, producers: tuple[str, ...]) -> None:
        self.broker_uri = broker_uri
        self.queue = "lowe-test-spy"
        with Connection(broker_uri) as connection:
            channel = connection.channel()
            for producer in producers:
                exchange = Exchange(f"{producer}.events", type="topic", durable=True)
                Queue(self.queue, exchange=exchange, routing_key="#", durable=False)(channel).declare()

    def messages(self) -> list[tuple[str, str]]:
        """(message id, event type) of everything published so far."""
        taken = []
        with Connection(self.broker_uri) as connection:
            channel = connection.channel()
            while (raw := channel.basic_get(self.queue, no_ack=True)) is not None:
                message = channel.message_to_python(raw)
                taken.append((message.properties["message_id"], json.loads(message.body)["type"]))
        return taken


class Client:
    """Spreads the calls over both gateways, as a load balancer would; each call with the key of who makes it."""

    def __init__(self, gateways: list[str]) -> None:
        self.gateways = itertools.cycle(gateways)

    def post(self, path: str, key: str, body: dict[str, Any] | None = None, expect: int = 201) -> dict[str, Any]:
        response = requests.post(f"{next(self.gateways)}{path}", json=body, headers=_bearer(key), timeout=30)
        assert response.status_code == expect, response.text
        return dict(response.json())

    def get(self, path: str, key: str) -> dict[str, Any]:
        response = requests.get(f"{next(self.gateways)}{path}", headers=_bearer(key), timeout=30)
        assert response.status_code == 200, response.text
        return dict(response.json())


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_two_replicas_of_everything_share_the_work_and_each_effect_happens_once(
    replicated_network: list[str], broker_uri: str, database_url: Callable[[str], str], tmp_path: Path
) -> None:
    spy = Spy(broker_uri, ("partners", "centres"))
    client = Client(replicated_network)
    operator = operator_key(database_url("gateway"))  # one key table, shared by both gateways
    centres: dict[str, list[str]] = {region: [] for region in REGIONS}
    centre_keys: dict[str, str] = {}
    for region, number in itertools.product(REGIONS, range(CENTRES_PER_REGION)):
        body: dict[str, Any] = {"name": f"LOWE {region}-{number}", "voivodeship": region, "municipality": "Gmina"}
        registered = client.post("/api/v1/centres", operator, body)
        centre_keys[registered["id"]] = registered["api_key"]["key"]
        subscription = {"name": "Cyfrowe", "topics": ["digital_skills"]}
        client.post(f"/api/v1/centres/{registered['id']}/subscriptions", centre_keys[registered["id"]], subscription)
        centres[region].append(registered["id"])
    partner_keys = []
    for number in range(PARTNERS):
        body = {"name": f"Fundacja {number}", "sector": "social", "email": f"f{number}@example.pl", "voivodeship": "14"}
        partner = client.post("/api/v1/partners", operator, body)
        client.post(f"/api/v1/partners/{partner['id']}/verify", operator, expect=200)
        partner_keys.append(partner["api_key"]["key"])
    soon = (datetime.now(UTC) + timedelta(seconds=15)).isoformat()
    published: dict[str, str] = {}  # opportunity id -> its region
    for number in range(OPPORTUNITIES):
        region = REGIONS[number % 2]
        body = {
            "kind": "course",
            "title": f"Kurs cyfrowy {number}",
            "description": "Dla dorosłych",
            "topics": ["digital_skills"],
            "regions": [region],
            **({"apply_by": soon} if number < WITH_DEADLINE else {}),
        }
        partner_key = partner_keys[number % PARTNERS]
        opportunity = client.post("/api/v1/opportunities", partner_key, body)
        client.post(f"/api/v1/opportunities/{opportunity['id']}/publish", partner_key, expect=200)
        published[opportunity["id"]] = region

    def feed(centre: str) -> list[dict[str, Any]]:
        """The centre's feed, read with its own key."""
        return list(client.get(f"/api/v1/centres/{centre}/feed?page_size=100", centre_keys[centre])["items"])

    def feeds_complete() -> bool:
        return all(len(feed(centre)) == OPPORTUNITIES // 2 for region in REGIONS for centre in centres[region])

    wait_for(feeds_complete, timeout=120, interval=1, what="every matching centre's feed to fill")
    seen: list[tuple[str, str]] = []

    def deadlines_passed() -> bool:
        seen.extend(spy.messages())
        return sum(1 for _, kind in seen if kind == "opportunity_closed") >= WITH_DEADLINE

    wait_for(deadlines_passed, timeout=60, interval=1, what="the deadlines to close their opportunities")
    seen.extend(spy.messages())

    copies = collections.Counter(message_id for message_id, _ in seen)
    assert [message_id for message_id, count in copies.items() if count > 1] == [], "an event relayed twice"
    kinds = collections.Counter(kind for _, kind in seen)
    assert kinds["opportunity_published"] == OPPORTUNITIES
    assert kinds["opportunity_closed"] == WITH_DEADLINE  # one timer run closed each, not one per replica
    assert kinds["opportunity_matched"] == OPPORTUNITIES * CENTRES_PER_REGION
    for region in REGIONS:
        for centre in centres[region]:
            ids = [entry["opportunity"]["id"] for entry in feed(centre)]
            assert sorted(ids) == sorted(o for o, r in published.items() if r == region)

    for service in ("partners", "centres"):
        per_replica = [_logged(tmp_path / f"{service}-{replica}.log") for replica in range(REPLICAS)]
        assert all(per_replica), f"a {service} replica did no work: {[len(lines) for lines in per_replica]}"


def _logged(log: Path) -> list[dict[str, Any]]:
    """The work a replica did: events it handled or relayed."""
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("event") in ("event_handled", "outbox_event_published")]
