"""`lowe demo load`: the demo network through a running gateway (the compose file's `demo` profile runs it).

It loads as an operator: with the key given (`--operator-key`, or `LOWE_OPERATOR_KEY`), or else with one it makes
in the gateway's database as `lowe keys create --operator` does (`GATEWAY_DATABASE_URL`). At the end it prints that
operator key and the keys of the demo centre and a demo partner; `--keys-file` also writes them, with every id and
every organisation's key, as JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import requests

from lowe_demo import seed
from lowe_demo.accounts import NoDemoAccounts, account_lines, ensure_demo_accounts
from lowe_demo.keys import OPERATOR_KEY_ENV, NoOperatorKey, given_operator_key, make_operator_key


def add_commands(groups: Any) -> None:
    demo = groups.add_parser("demo", help="the demo network").add_subparsers(dest="action", required=True)
    load = demo.add_parser("load", help="load the demo network through the gateway, showing its progress")
    load.add_argument("--gateway", default="http://127.0.0.1:8000", help="the gateway's base URL")
    load.add_argument(
        "--operator-key",
        help=f"an operator's API key (default ${OPERATOR_KEY_ENV}; else one is made in the gateway's database, "
        "GATEWAY_DATABASE_URL)",
    )
    load.add_argument(
        "--public-url", help="the gateway's URL as its users reach it, for the curl examples (default --gateway)"
    )
    load.add_argument("--keys-file", type=Path, help="also write the ids and keys of the demo network here (JSON)")
    load.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the network and delivery")
    load.set_defaults(func=cmd_load)


def say(message: str) -> None:
    print(f"[demo] {message}", flush=True)


def operator_api(gateway: str, given: str | None, database_url: str | None = None) -> seed.Api:
    """The gateway as an operator: the key given if the gateway takes it, else a new one from its database."""
    if given:
        api = seed.Api(gateway, given)
        if not api.valid():
            raise NoOperatorKey("the gateway does not accept the operator key given (unknown, revoked or expired)")
        say("loading with the operator key given")
        return api
    key = make_operator_key(database_url)
    say("made an operator key in the gateway's database (as `lowe keys create --operator` does)")
    return seed.Api(gateway, key)


def cmd_load(args: argparse.Namespace) -> int:
    gateway = args.gateway.rstrip("/")
    if not _wait_until_healthy(gateway, args.timeout):
        say(f"the network at {gateway} did not report healthy within {args.timeout:.0f} s")
        return 1
    try:
        operator = operator_api(gateway, given_operator_key(args.operator_key))
        manifest = seed.load(operator, say)
        delivered, filled = seed.wait_for_delivery(operator, manifest, timeout=args.timeout)
    except NoOperatorKey as exc:
        say(f"no operator key: {exc}")
        return 1
    except (seed.SeedError, requests.RequestException) as exc:
        say(f"loading failed: {exc}")
        return 1
    manifest["centres_with_feed"] = filled
    manifest["gateway"] = (args.public_url or gateway).rstrip("/")
    try:
        manifest["accounts"] = ensure_demo_accounts(manifest)
    except NoDemoAccounts as exc:
        say(f"no demo portal accounts: {exc}")
    say(f"{filled} centres have matched opportunities in their feeds{'' if delivered else ' (still flowing)'}")
    if args.keys_file:
        write_manifest(args.keys_file, manifest)
        say(f"ids and keys written to {args.keys_file}")
    print("\n".join(key_lines(manifest)), flush=True)
    return 0


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """The ids and keys, readable by the owner only (the keys are secrets)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def key_lines(manifest: dict[str, Any]) -> list[str]:
    """The keys to try the demo with, and curl commands that use them."""
    gateway, centre, partner = manifest["gateway"], manifest["demo_centre"], manifest["example_partner"]
    return [
        "",
        "API keys of the demo network (keep them safe: the gateway stores only their hashes, never shows them again)",
        f"  operator           {manifest['operator_key']}",
        f"  demo centre        {centre['api_key']}   {centre['name']} ({centre['id']})",
        f"  demo partner       {partner['api_key']}   {partner.get('name', '')} ({partner['id']})",
        "Try it:",
        f"  curl -s -H 'Authorization: Bearer {centre['api_key']}' {gateway}/api/v1/centres/{centre['id']}/feed",
        f"  curl -s -H 'Authorization: Bearer {centre['api_key']}' {gateway}/api/v1/notifications",
        f"  curl -s -H 'Authorization: Bearer {manifest['operator_key']}' {gateway}/api/v1/partners",
        *(account_lines(gateway, manifest["accounts"]) if manifest.get("accounts") else []),
    ]


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
