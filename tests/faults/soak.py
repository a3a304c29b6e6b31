"""Jepsen-style soak: partners publish at a steady rate while the broker is killed (kill -9) on a schedule.

At the end a checker compares what was acknowledged (2xx'd publishes) with what happened (feed entries and
in-app notifications, counted in the services' databases) and prints lost, unexpected and duplicated effects;
the exit code is non-zero unless all are 0. Private RabbitMQ and PostgreSQL, every service a process.

    .venv/bin/python -m tests.faults.soak [--count 1000 --rate 10 --kill-every 10 --down-for 10]
"""

from __future__ import annotations

import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import argparse  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.faults.effects import settled  # noqa: E402
from tests.faults.schedule import BrokerNemesis, publish_at_rate  # noqa: E402
from tests.faults.stack import private_servers, running_network  # noqa: E402
from tests.faults.workload import Workload  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="opportunities to publish")
    parser.add_argument("--rate", type=float, default=10.0, help="opportunities per second")
    parser.add_argument("--kill-every", type=float, default=10.0, help="seconds of broker uptime between kills")
    parser.add_argument("--down-for", type=float, default=10.0, help="seconds the broker stays down")
    parser.add_argument("--settle", type=float, default=180.0, help="seconds to wait for the effects at the end")
    parser.add_argument("--heartbeat", type=int, default=10)
    parser.add_argument("--keep-logs", action="store_true", help="keep the services' logs (their path is printed)")
    args = parser.parse_args(argv)

    log_dir = Path(tempfile.mkdtemp(prefix="lowe-soak-logs-"))
    started = time.monotonic()
    with private_servers() as servers, running_network(servers, log_dir, args.heartbeat) as stack:
        workload = Workload(stack.network.url, stack.operator_key)
        workload.set_up()
        print(
            f"soak: {args.count} opportunities at {args.rate}/s; broker killed every {args.kill_every} s, "
            f"down {args.down_for} s; logs in {log_dir}",
            flush=True,
        )
        give_up = args.count / args.rate * 4 + 120
        with BrokerNemesis(stack.broker, every=args.kill_every, down_for=args.down_for) as nemesis:
            indeterminate = publish_at_rate(workload, args.count, args.rate, give_up_after=give_up)
        publishing = time.monotonic() - started
        feed, inbox, took = settled(stack.database_urls, workload.expected_effects(), args.settle, indeterminate)
        exited = stack.network.exited()

    answers = workload.answers
    print()
    print(f"broker kills            {nemesis.kills} (restart start-up {_range(nemesis.restart_seconds)} s)")
    print(f"opportunities created   {workload.created}")
    print(
        f"published (2xx'd)       {len(workload.published)} of {args.count} "
        f"({len(workload.recovered)} known only from a retry's 409)"
    )
    print(f"indeterminate           {len(indeterminate)} (sent, never acknowledged)")
    print(
        f"answers                 {dict(sorted(answers.statuses.items()))}, no answer {answers.no_answer}, "
        f"slowest {answers.slowest:.1f} s"
    )
    print(f"publishing took         {publishing:.0f} s; effects settled {took:.1f} s after")
    print(f"services that died      {exited or 'none'}")
    print(feed.line())
    print(inbox.line())
    complete = len(workload.published) == args.count
    verdict = feed.ok and inbox.ok and complete and not exited
    print("VERDICT: " + ("ok: lost 0, unexpected 0, duplicated 0" if verdict else "FAILED"))
    if not args.keep_logs:
        import shutil

        shutil.rmtree(log_dir, ignore_errors=True)
    return 0 if verdict else 1


def _range(values: list[float]) -> str:
    return f"{min(values):.1f}-{max(values):.1f}" if values else "-"


if __name__ == "__main__":
    sys.exit(main())
