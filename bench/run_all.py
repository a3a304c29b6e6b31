"""Every performance figure of the network in one run (`make bench`): the machine's raw ceiling, the network end to
end (35 and 10,000 centres), the 10,000-centre fan-out and matching at 1,000 -> 100,000 subscriptions. Prints the
JSON and a markdown table, and writes the JSON to var/bench/latest.json.

The ratios: `opportunities/s ÷ raw` divides opportunities published over HTTP and notified in-app per second by
the raw confirmed-publish rate (kombu, persistent, durable queue, one confirm per message) measured in the same run;
`events moved ÷ raw` divides the events the services' relays published (and consumers took) per second by the same.

    .venv/bin/python bench/run_all.py [--quick]
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import matching_scale
import network_e2e
from common import OUTPUT, header, postgres_available

TARGET_MATCHING_MS = matching_scale.TARGET_MS


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def markdown(result: dict[str, Any]) -> str:
    net = result["network"]
    ceiling = net["raw_ceiling"]
    small = net.get("centres_35")
    large = next((value for key, value in net.items() if key.startswith("centres_") and key != "centres_35"), None)
    machine, versions = result["machine"], result["versions"]
    rows = [
        "| Figure | Value | Target |",
        "|---|---|---|",
        f"| Raw ceiling: kombu publish, persistent + confirm per message, durable queue | "
        f"{ceiling['publish_confirmed_msgs_per_s']:,} msg/s ({ceiling['confirm_ms_per_msg']} ms/msg) | |",
        f"| Raw consume + ack (same messages) | {ceiling['consume_msgs_per_s']:,} msg/s | |",
    ]
    if small:
        t, lat, ref = small["throughput"], small["latency"], small["latency_unsaturated"]
        rows += [
            f"| 35 centres: opportunities published over HTTP, matched, notified in-app | "
            f"{t['opportunities_per_s']} opp/s ({t['notifications_per_s']} in-app notifications/s) | |",
            f"| 35 centres: opportunities/s ÷ raw ceiling | {t['ratio_opportunities_to_raw']:.2%} | ≥ 50 %: "
            f"{verdict(t['ratio_opportunities_to_raw'] >= network_e2e.TARGET_RATIO)} |",
            f"| 35 centres: events moved/s ÷ raw ceiling | {t['events_moved_per_s']} ev/s = "
            f"{t['ratio_events_moved_to_raw']:.1%} | ≥ 50 %: "
            f"{verdict(t['ratio_events_moved_to_raw'] >= network_e2e.TARGET_RATIO)} |",
            f"| 35 centres, {lat['offered_rate_per_s']:.0f} opp/s offered ({lat['opportunities']} opportunities): "
            f"publish → in-app notification p50 / p99 | {lat['per_notification_ms']['p50']:,} / "
            f"{lat['per_notification_ms']['p99']:,} ms (all 35 centres: p99 "
            f"{lat['per_opportunity_all_centres_ms']['p99']:,} ms) | p99 < 250 ms: "
            f"{verdict(lat['per_notification_ms']['p99'] < network_e2e.TARGET_LATENCY_P99_MS)} |",
            f"| 35 centres, {ref['offered_rate_per_s']:.0f} opp/s offered (reference, not saturated): p50 / p99 | "
            f"{ref['per_notification_ms']['p50']:,} / {ref['per_notification_ms']['p99']:,} ms | |",
        ]
    if large:
        f, t = large["fan_out"], large["throughput"]
        rows += [
            f"| {large['centres']:,} centres: one opportunity → all in-app notifications recorded | "
            f"{f['all_notified_s']} s (first after {f['first_notification_s']} s) | < 10 s: "
            f"{verdict(f['all_notified_s'] < network_e2e.TARGET_FAN_OUT_S)} |",
            f"| {large['centres']:,} centres: opportunities published, matched, notified | "
            f"{t['opportunities_per_s']} opp/s ({t['notifications_per_s']} in-app notifications/s; "
            f"÷ raw {t['ratio_opportunities_to_raw']:.2%}, events ÷ raw {t['ratio_events_moved_to_raw']:.1%}) | |",
        ]
    for row in result.get("matching_scale", []):
        if row["backend"] != "postgresql":
            continue
        target = (
            f"< {TARGET_MATCHING_MS:.0f} ms: {verdict(row['median_ms'] < TARGET_MATCHING_MS)}"
            if row["subscriptions"] == 100_000
            else ""
        )
        rows.append(
            f"| Matching one opportunity, {row['subscriptions']:,} subscriptions (PostgreSQL), median / p95 | "
            f"{row['median_ms']} / {row['p95_ms']} ms ({row['median_centres_matched']:,} centres matched) | {target} |"
        )
    rows.append(
        f"\nMachine: {machine['cores']} cores, {machine['cpu_model']}, {machine['ram_gb']} GB RAM; load average at "
        f"start {machine['load_average_at_start']}. Python {versions['python']}, RabbitMQ {versions['rabbitmq']}, "
        f"PostgreSQL {versions['postgresql']}, nameko {versions.get('nameko')}, kombu {versions.get('kombu')}, "
        f"SQLAlchemy {versions.get('sqlalchemy')}. Medians of {net['raw_ceiling']['runs']} runs; "
        f"{'--quick (smoke run)' if result['quick'] else 'full run'}; wall time {result['wall_seconds']:.0f} s."
    )
    return "\n".join(rows)


def main() -> None:
    args = network_e2e.parse()
    began = time.monotonic()
    result: dict[str, Any] = {**header(), "quick": args.quick}
    result["network"] = network_e2e.run(args)
    sizes = [1000, 10_000] if args.quick else [1000, 10_000, 100_000]
    backends = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    samples = 20 if args.quick else 60
    result["matching_scale"] = [
        matching_scale.measure(backend, size, samples) for size in sizes for backend in backends
    ]
    result["wall_seconds"] = round(time.monotonic() - began)
    table = markdown(result)
    result["markdown"] = table
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(json.dumps(result, indent=2, default=str))
    print()
    print(table)
    print(f"\nwritten to {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
