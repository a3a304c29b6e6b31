"""What `make run` prints once the network is up: where things are and curl commands that work."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lowe_demo import data as demo_data

PLACEHOLDER_CENTRE = "CENTRE_ID"
PLACEHOLDER_PARTNER = "PARTNER_ID"


def curl_examples(base_url: str, centre_id: str, partner_id: str) -> list[str]:
    body = json.dumps({"partner_id": partner_id, **demo_data.EXAMPLE_OPPORTUNITY}, ensure_ascii=False)
    return [
        "  # the centre's feed: published opportunities that match its subscriptions, with the reasons",
        f"  curl -s {base_url}/api/v1/centres/{centre_id}/feed",
        "  # the centre's notifications",
        f"  curl -s {base_url}/api/v1/centres/{centre_id}/notifications",
        "  # publish a new opportunity (create it, then publish it); it reaches the centre's feed within a second",
        f"  ID=$(curl -s -X POST {base_url}/api/v1/opportunities -H 'Content-Type: application/json' \\",
        f"       -d '{body}' \\",
        "       | python3 -c 'import json, sys; print(json.load(sys.stdin)[\"id\"])')",
        f"  curl -s -X POST {base_url}/api/v1/opportunities/$ID/publish",
    ]


def print_ready(base_url: str, var_dir: Path, manifest: dict[str, Any] | None) -> None:
    lines = [
        "",
        "LOWE Partner Network is running locally",
        f"  HTTP API   {base_url}   (health: {base_url}/health)",
        f"  logs       {var_dir / 'log'}/<service>.log  (partners, centres, notifications, gateway)",
        f"  data       {var_dir}  (SQLite databases; ids of the demo data in {var_dir / 'demo.json'})",
    ]
    if manifest:
        centre = manifest["demo_centre"]
        filled = manifest.get("centres_with_feed")
        lines.append(
            f"  demo data  {len(manifest['centres'])} LOWE centres, {len(manifest['partners'])} partner organisations, "
            f"{len(manifest['opportunities'])} published opportunities"
            + (f"; {filled} centres have opportunities in their feed" if filled is not None else "")
        )
        lines += ["", f"Try it with the demo centre {centre['name']} ({centre['municipality']}):"]
        lines += curl_examples(base_url, centre["id"], manifest["example_partner_id"])
    else:
        lines += [
            "  demo data  not loaded by this runner (the databases held data already and no demo.json was found)",
            "",
            f"Try it (replace {PLACEHOLDER_CENTRE} and {PLACEHOLDER_PARTNER} with ids from your data):",
        ]
        lines += curl_examples(base_url, PLACEHOLDER_CENTRE, PLACEHOLDER_PARTNER)
    lines += ["", f"LOWE network ready at {base_url}", "Press Ctrl-C to stop every service."]
    print("\n".join(lines), flush=True)
