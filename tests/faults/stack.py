"""A private broker and PostgreSQL, and on them one network per run: its own vhost, databases and log directory.

Everything made here is removed again, also when the run fails.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from lowe_backbone import migrations
from lowe_backbone.spec import find_service
from tests.faults.private_postgres import PrivatePostgres
from tests.faults.private_rabbitmq import PrivateRabbitMQ
from tests.fixtures.process_network import SERVICES, ProcessNetwork
from tests.fixtures.services import free_port
from tests.integration.gateway_helpers import operator_key


@dataclass
class Servers:
    rabbitmq: PrivateRabbitMQ
    postgres: PrivatePostgres


@dataclass
class Stack:
    servers: Servers
    network: ProcessNetwork
    database_urls: dict[str, str]
    operator_key: str
    vhost: str

    @property
    def broker(self) -> PrivateRabbitMQ:
        return self.servers.rabbitmq

    @property
    def postgres(self) -> PrivatePostgres:
        return self.servers.postgres


@contextlib.contextmanager
def private_servers() -> Iterator[Servers]:
    with contextlib.ExitStack() as cleanup:
        rabbitmq = PrivateRabbitMQ()
        cleanup.callback(rabbitmq.close)
        postgres = PrivatePostgres()
        cleanup.callback(postgres.close)
        rabbit_start = rabbitmq.start()
        postgres_start = postgres.start()
        print(f"private RabbitMQ {rabbitmq.node} on :{rabbitmq.port} up in {rabbit_start:.1f} s")
        print(f"private PostgreSQL on :{postgres.port} up in {postgres_start:.1f} s")
        yield Servers(rabbitmq, postgres)


@contextlib.contextmanager
def running_network(
    servers: Servers, log_dir: Path, heartbeat: int = 10, extra_env: Mapping[str, str] | None = None
) -> Iterator[Stack]:
    with contextlib.ExitStack() as cleanup:
        vhost = f"lowe-faults-{uuid.uuid4().hex[:10]}"
        amqp_uri = servers.rabbitmq.add_vhost(vhost)
        cleanup.callback(_quietly, servers.rabbitmq.delete_vhost, vhost)
        urls = {}
        for service in SERVICES:
            name = servers.postgres.create_database()
            cleanup.callback(_quietly, servers.postgres.drop_database, name)
            urls[service] = servers.postgres.url_of(name)
            location = find_service(service).migrations_path()
            assert location is not None
            migrations.upgrade(location, urls[service])
        env = {
            "AMQP_HEARTBEAT": str(heartbeat),
            "RETRY_DELAYS_MS": "100,200",
            "OUTBOX_POLL_INTERVAL": "0.5",
            "OUTBOX_RETRY_BACKOFF": "0.5",
            "RPC_TIMEOUT": "5",
            "RATE_LIMIT": "1000000",
            "SMTP_PORT": str(free_port()),  # nothing listens: e-mails retry in the ledger, off the checked path
            **(extra_env or {}),
        }
        network = ProcessNetwork(amqp_uri, urls, log_dir, env)
        cleanup.callback(network.stop)
        network.start()
        yield Stack(servers, network, urls, operator_key(urls["gateway"]), vhost)


def _quietly(action: object, *args: str) -> None:
    """Cleanup goes on when one step fails (e.g. the broker a test left down)."""
    try:
        action(*args)  # type: ignore[operator]
    except Exception as exc:
        print(f"cleanup: {exc!r}")
