"""`lowe demo load`: the demo network through a running gateway (the compose file's `demo` profile runs it)."""

from __future__ import annotations

import argparse
import time
from typing import Any

import requests

from lowe_demo import seed


def add_commands(groups: Any) -> None:
    demo = groups.add_parser("demo", help="the demo network").add_subparsers(dest="action", required=True)
    load = demo.add_parser("load", help="load the demo network through the gateway, showing its progress")
    load.add_argument("--gateway", default="http://127.0.0.1:8000", help="the gateway's base URL")
    load.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the network and delivery")
    load.set_defaults(func=cmd_load)


def say(message: str) -> None:
    print(f"[demo] {message}", flush=True)


def cmd_load(args: argparse.Namespace) -> int:
    api = seed.Api(args.gateway.rstrip("/"))
    if not _wait_until_healthy(args.gateway, args.timeout):
        say(f"the network at {args.gateway} did not report healthy within {args.timeout:.0f} s")
        return 1
    try:
        manifest = seed.load(api, say)
        delivered, filled = seed.wait_for_delivery(api, manifest, timeout=args.timeout)
    except (seed.SeedError, requests.RequestException) as exc:
        say(f"loading failed: {exc}")
        return 1
    say(f"{filled} centres have matched opportunities in their feeds{'' if delivered else ' (still flowing)'}")
    demo_centre = manifest["demo_centre"]
    say(f"try: curl -s {args.gateway}/api/v1/centres/{demo_centre['id']}/feed")
    return 0


def _wait_until_healthy(gateway: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{gateway}/health", timeout=5).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(1)
    return False
