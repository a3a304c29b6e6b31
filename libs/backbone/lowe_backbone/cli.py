"""`lowe`: operations on the installed services — migrations, broker topology, dead letters, health and status."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from importlib.metadata import entry_points

from kombu import Connection

from lowe_backbone import migrations
from lowe_backbone.deadletters import (
    MAX_MESSAGES_PER_QUEUE,
    MAX_QUEUE_REPLAY,
    list_dead_letters,
    replay_dead_letters,
    replay_queue,
)
from lowe_backbone.ops_commands import add_operations, amqp_uri
from lowe_backbone.spec import ServiceSpec, installed_services
from lowe_backbone.topology import (
    ConsumerBinding,
    bindings_of,
    declare_consumer,
    declare_retry_levels,
    parse_queue_type,
    parse_retry_delays,
)

COMMANDS_GROUP = "lowe.commands"  # packages add their own subcommands: a function taking the subparsers


def _selected(names: list[str] | None) -> list[ServiceSpec]:
    specs = installed_services()
    if names:
        unknown = set(names) - {spec.name for spec in specs}
        if unknown:
            raise SystemExit(f"unknown service(s): {', '.join(sorted(unknown))}")
        specs = [spec for spec in specs if spec.name in names]
    return specs


def _bindings(specs: list[ServiceSpec]) -> list[ConsumerBinding]:
    return [binding for spec in specs for binding in bindings_of(spec.load_class())]


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    for spec in _selected(args.service):
        location = spec.migrations_path()
        if location is None:
            continue
        migrations.upgrade(location, spec.database_url())
        print(f"{spec.name}: database at head")
    return 0


def cmd_topology_declare(args: argparse.Namespace) -> int:
    delays = parse_retry_delays(os.environ.get("RETRY_DELAYS_MS"))
    queue_type = parse_queue_type(os.environ.get("EVENT_QUEUE_TYPE"))
    bindings = _bindings(_selected(args.service))
    with Connection(amqp_uri(), connect_timeout=10) as connection:
        channel = connection.channel()
        declare_retry_levels(channel, delays)
        for binding in bindings:
            declare_consumer(channel, binding, queue_type)
            print(f"declared {binding.queue} (+ {binding.dead_letter_queue}), {queue_type}")
    return 0


def cmd_prepare(args: argparse.Namespace) -> int:
    """What runs once before the services start: migrations, then the broker topology."""
    cmd_db_upgrade(args)
    return cmd_topology_declare(args)


def cmd_deadletters_list(args: argparse.Namespace) -> int:
    letters = list_dead_letters(amqp_uri(), _bindings(_selected(args.service)))
    if args.json:
        print(json.dumps([asdict(letter) for letter in letters], indent=2))
    elif not letters:
        print("no dead letters")
    for letter in [] if args.json else letters:
        print(
            f"{letter.failed_at}  {letter.queue}  {letter.event_type}  {letter.event_id}  "
            f"attempts={letter.attempts}  {letter.error}"
        )
    return 0


def cmd_deadletters_replay(args: argparse.Namespace) -> int:
    if sum(1 for given in (args.all, args.event_id, args.queue) if given) != 1:
        raise SystemExit("say which: --event-id ID, --queue NAME or --all")
    if args.queue:
        return _replay_queue(args)
    replayed = replay_dead_letters(amqp_uri(), _bindings(_selected(args.service)), event_id=args.event_id)
    for letter in replayed:
        print(f"replayed {letter.event_id} to {letter.queue}")
    print(f"{len(replayed)} dead letter(s) replayed")
    return 0 if replayed or args.all else 1


def _replay_queue(args: argparse.Namespace) -> int:
    """The same bounded replay as the services' `replay_dead_letter_queue` RPC."""
    if not 1 <= args.limit <= MAX_MESSAGES_PER_QUEUE:
        raise SystemExit(f"--limit: from 1 to {MAX_MESSAGES_PER_QUEUE}")
    bindings = _bindings(_selected(args.service))
    binding = next((b for b in bindings if args.queue in (b.queue, b.dead_letter_queue)), None)
    if binding is None:
        raise SystemExit(f"no such event queue: {args.queue}")
    done = replay_queue(amqp_uri(), binding, args.limit)
    for letter in done.replayed:
        print(f"replayed {letter.event_id} to {letter.queue}")
    print(f"{len(done.replayed)} dead letter(s) replayed, {done.remaining} remaining in {done.queue}")
    return 0 if done.replayed else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lowe", description=__doc__)
    groups = parser.add_subparsers(dest="group", required=True)

    db = groups.add_parser("db", help="database migrations").add_subparsers(dest="action", required=True)
    upgrade = db.add_parser("upgrade", help="apply every service's migrations")
    upgrade.add_argument("--service", action="append")
    upgrade.set_defaults(func=cmd_db_upgrade)
    migrate = groups.add_parser("migrate", help="apply every service's migrations (as `db upgrade`)")
    migrate.add_argument("--service", action="append")
    migrate.set_defaults(func=cmd_db_upgrade)
    prepare = groups.add_parser("prepare", help="migrations, then the broker topology: once, before the services")
    prepare.add_argument("--service", action="append")
    prepare.set_defaults(func=cmd_prepare)

    topology = groups.add_parser("topology", help="broker topology").add_subparsers(dest="action", required=True)
    declare = topology.add_parser("declare", help="declare every event queue, retry level and dead-letter queue")
    declare.add_argument("--service", action="append")
    declare.set_defaults(func=cmd_topology_declare)

    dead_letters = groups.add_parser("dead-letters", aliases=["deadletters"], help="dead letters")
    dead = dead_letters.add_subparsers(dest="action", required=True)
    listing = dead.add_parser("list", help="list dead letters without removing them")
    listing.add_argument("--service", action="append")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_deadletters_list)
    replay = dead.add_parser("replay", help="send dead letters back to their queue")
    replay.add_argument("--service", action="append")
    replay.add_argument("--event-id")
    replay.add_argument("--all", action="store_true")
    replay.add_argument("--queue", help="one event queue's dead letters, the oldest first (see --limit)")
    replay.add_argument("--limit", type=int, default=MAX_QUEUE_REPLAY, help="with --queue: at most this many")
    replay.set_defaults(func=cmd_deadletters_replay)
    add_operations(groups)
    for contributed in entry_points(group=COMMANDS_GROUP):  # e.g. `keys` from the gateway, `demo` from lowe-demo
        contributed.load()(groups)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
