"""What `lowe health` and `lowe status` read: each service's own health report (over RPC, as its container's
health check asks), the gateway's HTTP answer, queue depths and consumers, dead letters and outbox backlogs."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from typing import Any

import requests
import sqlalchemy as sa
from amqp.exceptions import ChannelError
from kombu import Connection
from kombu.exceptions import OperationalError

from lowe_backbone.database import create_engine_for
from lowe_backbone.spec import ServiceSpec
from lowe_backbone.topology import ConsumerBinding

UNPROCESSABLE_QUEUE = "lowe.unprocessable"  # where the broker's own policy dead-letters crash-looping messages
GATEWAY = "gateway"


class Unreachable(Exception):
    """The broker or a database did not answer: said plainly, not as a traceback."""


def service_health(name: str, amqp_uri: str, timeout: float) -> dict[str, Any]:
    """The service's own report (`up` when its broker connection and database answer), or why there is none."""
    if name == GATEWAY:
        return gateway_health(timeout)
    from nameko.standalone.rpc import ClusterRpcProxy  # imported late: `lowe --help` stays quick

    try:
        with ClusterRpcProxy({"AMQP_URI": amqp_uri}, timeout=timeout) as rpc:
            report: dict[str, Any] = getattr(rpc, name).health()
    except Exception as exc:  # no reply in time, no broker, no such service: all mean "not healthy"
        return {"service": name, "status": "unreachable", "error": _plain(exc)}
    return report


def gateway_health(timeout: float) -> dict[str, Any]:
    """The gateway is alive when it answers HTTP at all: a 503 only says a service behind it is down."""
    address = os.environ.get("GATEWAY_ADDRESS", "127.0.0.1:8000").replace("0.0.0.0", "127.0.0.1")
    try:
        response = requests.get(f"http://{address}/health", timeout=timeout)
    except requests.RequestException as exc:
        return {"service": GATEWAY, "status": "unreachable", "error": _plain(exc)}
    return {"service": GATEWAY, "status": "up", "network": response.json().get("status")}


@dataclass
class QueueState:
    queue: str
    messages: int | None  # None: the queue is not declared (yet)
    consumers: int | None
    dead_letters: int | None = None


@dataclass
class Status:
    services: list[dict[str, Any]] = field(default_factory=list)
    queues: list[QueueState] = field(default_factory=list)
    unprocessable: int | None = None
    outbox_backlog: dict[str, int | str] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return all(report.get("status") == "up" for report in self.services)

    @property
    def dead_letters(self) -> int:
        return sum(state.dead_letters or 0 for state in self.queues) + (self.unprocessable or 0)


def queue_states(amqp_uri: str, bindings: list[ConsumerBinding]) -> tuple[list[QueueState], int | None]:
    try:
        with Connection(amqp_uri, connect_timeout=5) as connection:
            connection.ensure_connection(max_retries=1)
            states = [
                QueueState(
                    binding.queue, *_depth(connection, binding.queue), _depth(connection, binding.dead_letter_queue)[0]
                )
                for binding in bindings
            ]
            return states, _depth(connection, UNPROCESSABLE_QUEUE)[0]
    except (OSError, ConnectionError, OperationalError) as exc:
        raise Unreachable(f"the broker at {Connection(amqp_uri).as_uri()} does not answer: {_plain(exc)}") from exc


def outbox_backlog(spec: ServiceSpec) -> int | str | None:
    """Events written but not yet confirmed by the broker; a message instead of a number when it cannot be read;
    None for a service that publishes nothing (no outbox)."""
    if spec.migrations_path() is None:
        return None
    engine = create_engine_for(spec.database_url())
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("outbox"):
                return None
            pending = sa.text("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            return int(connection.execute(pending).scalar_one())
    except sa.exc.SQLAlchemyError as exc:
        return f"unreadable: {type(getattr(exc, 'orig', None) or exc).__name__}"
    finally:
        engine.dispose()


def _depth(connection: Connection, queue: str) -> tuple[int | None, int | None]:
    channel = connection.channel()
    try:
        _name, messages, consumers = channel.queue_declare(queue, passive=True)
    except ChannelError:
        return None, None
    finally:
        with contextlib.suppress(Exception):
            channel.close()
    return int(messages), int(consumers)


def _plain(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip().rstrip(":")
