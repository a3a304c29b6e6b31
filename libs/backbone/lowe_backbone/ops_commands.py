"""The `lowe` commands an operator runs against a deployed network: health, status, broker definitions."""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import asdict
from pathlib import Path

from lowe_backbone.broker_definitions import write_definitions
from lowe_backbone.deployment import refuse_example_secrets
from lowe_backbone.operations import Status, Unreachable, outbox_backlog, queue_states, service_health
from lowe_backbone.spec import installed_services
from lowe_backbone.topology import bindings_of

DEFAULT_AMQP_URI = "amqp://guest:guest@localhost:5672/"
DEFINITIONS_TEMPLATE = "deploy/rabbitmq/definitions.json"


def amqp_uri() -> str:
    return os.environ.get("AMQP_URI", DEFAULT_AMQP_URI)


def cmd_health(args: argparse.Namespace) -> int:
    """Exit 0 when the service's own report says `up`: what a container health check asks."""
    report = service_health(args.service, amqp_uri(), args.timeout)
    print(json.dumps(report))
    return 0 if report.get("status") == "up" else 1


def cmd_status(args: argparse.Namespace) -> int:
    specs = installed_services()
    status = Status(services=[service_health(spec.name, amqp_uri(), args.timeout) for spec in specs])
    try:
        status.queues, status.unprocessable = queue_states(
            amqp_uri(), [binding for spec in specs for binding in bindings_of(spec.load_class())]
        )
    except Unreachable as exc:
        print(f"lowe status: {exc}")
        return 2
    backlogs = {spec.name: outbox_backlog(spec) for spec in specs}
    status.outbox_backlog = {name: backlog for name, backlog in backlogs.items() if backlog is not None}
    if args.json:
        print(json.dumps({**asdict(status), "healthy": status.healthy, "dead_letters": status.dead_letters}))
    else:
        _print_status(status)
    return 0 if status.healthy else 1


def cmd_broker_definitions(args: argparse.Namespace) -> int:
    refuse_example_secrets(os.environ)
    rendered = write_definitions(Path(args.template), Path(args.out), os.environ)
    users = ", ".join(user["name"] for user in rendered["users"])
    print(f"wrote {args.out}: vhosts {', '.join(v['name'] for v in rendered['vhosts'])}; users {users}")
    return 0


def add_operations(groups: argparse._SubParsersAction) -> None:
    health = groups.add_parser("health", help="one service's own health report; exit 0 when it is up")
    health.add_argument("service", help="partners, centres, events, notifications or gateway")
    health.add_argument("--timeout", type=float, default=5.0)
    health.set_defaults(func=cmd_health)

    status = groups.add_parser("status", help="every service's health, queues, dead letters and outbox backlogs")
    status.add_argument("--json", action="store_true")
    status.add_argument("--timeout", type=float, default=5.0)
    status.set_defaults(func=cmd_status)

    broker = groups.add_parser("broker", help="the broker's definitions").add_subparsers(dest="action", required=True)
    definitions = broker.add_parser("definitions", help="write RabbitMQ's definitions with hashed passwords")
    definitions.add_argument("--template", default=DEFINITIONS_TEMPLATE)
    definitions.add_argument("--out", required=True)
    definitions.set_defaults(func=cmd_broker_definitions)


def _print_status(status: Status) -> None:
    for report in status.services:
        error = f"  ({report['error']})" if report.get("error") else ""
        print(f"{report.get('service', '?'):<15}{report.get('status')}{error}")
    print(f"\n{'queue':<80}{'ready':>7}{'consumers':>11}{'dead':>6}")
    for state in status.queues:
        print(
            f"{state.queue:<80}{_count(state.messages):>7}{_count(state.consumers):>11}{_count(state.dead_letters):>6}"
        )
    print(f"\nunprocessable (dead-lettered by the broker): {_count(status.unprocessable)}")
    print("outbox backlog: " + ", ".join(f"{name} {count}" for name, count in status.outbox_backlog.items()))
    print(f"dead letters in all: {status.dead_letters}; {'healthy' if status.healthy else 'NOT healthy'}")


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)
