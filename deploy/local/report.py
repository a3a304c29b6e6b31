"""What `make run` prints once the network is up: where things are, the API keys, and curl commands that work."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lowe_demo import data as demo_data
from lowe_demo.accounts import account_lines

PLACEHOLDER_CENTRE = "CENTRE_ID"
PLACEHOLDER_KEY = "KEY"


def key_exports(operator_key: str, centre_key: str, partner_key: str) -> list[str]:
    return [
        f"  export OPERATOR_KEY={operator_key}",
        f"  export CENTRE_KEY={centre_key}",
        f"  export PARTNER_KEY={partner_key}",
    ]


def curl_examples(base_url: str, centre_id: str) -> list[str]:
    body = json.dumps(demo_data.EXAMPLE_OPPORTUNITY, ensure_ascii=False)
    return [
        "  # the centre's feed: published opportunities that match its subscriptions, with the reasons",
        f'  curl -s -H "Authorization: Bearer $CENTRE_KEY" {base_url}/api/v1/centres/{centre_id}/feed',
        "  # the centre's notifications (the key says whose)",
        f'  curl -s -H "Authorization: Bearer $CENTRE_KEY" {base_url}/api/v1/notifications',
        "  # the partner publishes a new opportunity (create, then publish); it reaches the feed within a second",
        f'  ID=$(curl -s -X POST {base_url}/api/v1/opportunities -H "Authorization: Bearer $PARTNER_KEY" \\',
        f"       -H 'Content-Type: application/json' -d '{body}' \\",
        "       | python3 -c 'import json, sys; print(json.load(sys.stdin)[\"id\"])')",
        f'  curl -s -X POST -H "Authorization: Bearer $PARTNER_KEY" {base_url}/api/v1/opportunities/$ID/publish',
        "  # the operator: every partner, and the notifications' delivery ledger",
        f'  curl -s -H "Authorization: Bearer $OPERATOR_KEY" {base_url}/api/v1/partners',
        f'  curl -s -H "Authorization: Bearer $OPERATOR_KEY" {base_url}/api/v1/admin/deliveries',
    ]


def print_ready(base_url: str, var_dir: Path, manifest: dict[str, Any] | None, operator_key: str) -> None:
    """`manifest`: the demo network's ids and keys (demo.json), or None when this runner did not load it."""
    lines = [
        "",
        "LOWE Partner Network is running locally",
        f"  HTTP API   {base_url}   (health: {base_url}/health; every other route wants an API key)",
        f"  logs       {var_dir / 'log'}/<service>.log  (partners, centres, events, notifications, gateway)",
        f"  data       {var_dir}  (SQLite databases; ids and keys of the demo data in {var_dir / 'demo.json'})",
        f"  operator   {operator_key}   (an operator's API key: `lowe keys create --operator` makes more)",
        f"  portal     {base_url}/portal/   (the web portal: sign in with an account below)",
    ]
    if manifest:
        centre, partner = manifest["demo_centre"], manifest["example_partner"]
        filled = manifest.get("centres_with_feed")
        lines.append(
            f"  demo data  {len(manifest['centres'])} LOWE centres, {len(manifest['partners'])} partner organisations, "
            f"{len(manifest['opportunities'])} published opportunities"
            + (f"; {filled} centres have opportunities in their feed" if filled is not None else "")
        )
        lines += [
            "",
            f"Try it as the demo centre {centre['name']} ({centre['municipality']}) and the partner "
            f"{partner.get('name') or partner['id']}; their keys, and the operator's:",
        ]
        lines += key_exports(operator_key, centre["api_key"], partner["api_key"])
        lines += curl_examples(base_url, centre["id"])
        if manifest.get("accounts"):
            lines += ["", *account_lines(base_url, manifest["accounts"])]
    else:
        lines += [
            "  demo data  not loaded by this runner (the databases held data already and no demo.json was found)",
            "",
            f"Try it: an organisation's key comes from the operator (replace {PLACEHOLDER_CENTRE} with a centre's id;",
            '  a partner: "role": "partner" and its id); the answer\'s "key" is shown this once:',
            f"  export OPERATOR_KEY={operator_key}",
            f'  curl -s -X POST -H "Authorization: Bearer $OPERATOR_KEY" {base_url}/api/v1/keys \\',
            f'       -H \'Content-Type: application/json\' -d \'{{"role": "centre", '
            f'"organisation_id": "{PLACEHOLDER_CENTRE}"}}\'',
            f"  export CENTRE_KEY={PLACEHOLDER_KEY} PARTNER_KEY={PLACEHOLDER_KEY}",
        ]
        lines += curl_examples(base_url, PLACEHOLDER_CENTRE)
    lines += ["", f"LOWE network ready at {base_url}", "Press Ctrl-C to stop every service."]
    print("\n".join(lines), flush=True)
