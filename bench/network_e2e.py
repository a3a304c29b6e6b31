"""The network end to end: opportunities published over HTTP, matched by the centres service, notified in-app by the
notifications service. Every service runs as its own `lowe-serve` process on PostgreSQL and a private vhost, as in
production (e-mail goes to an SMTP sink in this process: the default channels are in-app and e-mail).

Scenarios, each on a fresh network:
- 35 centres, each with one subscription every benchmark opportunity fits (35 in-app notifications per opportunity):
  * throughput: drafts made beforehand, then published over HTTP by 8 clients as fast as the gateway answers;
    opportunities/s = opportunities / (last in-app notification recorded - first publish sent);
  * latency: published at a fixed offered rate (20/s, open loop); publish sent -> in-app notification recorded,
    p50/p99 per notification and per opportunity (until all of its 35 centres have it).
- 10,000 centres, a realistic mix of subscriptions (as bench/matching_scale.py, 4 per centre) plus one per centre
  that takes every `expert_talk` held anywhere:
  * fan-out: one nationwide `expert_talk` reaches all 10,000: publish sent -> the 10,000th in-app notification;
  * throughput: as above with random opportunities (never an `expert_talk`), each matching some of the centres.

"Recorded" is the notification's `created_at`, stamped by the notifications service in the transaction that
commits it; the benchmark polls the notifications database (a read-only observer) until every expected notification
is there. Messages moved = events the relays published (outbox rows of partners and centres), each consumed once
per subscribing queue; RPC and HTTP traffic are not counted. Centres are seeded through the centres ORM before the
network starts (no event carries a centre; see common.seed_centres).

    .venv/bin/python bench/network_e2e.py [--quick] [--scenarios small,large]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import random
import threading
import time
from collections import defaultdict
from contextlib import ExitStack
from datetime import datetime
from typing import Any

import requests
import sqlalchemy as sa
from common import (
    SeedSubscription,
    SmtpSink,
    Stack,
    median,
    percentile,
    private_stack,
    seed_centres,
    start_network,
)
from raw_ceiling import measure as measure_ceiling

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TOPICS, VOIVODESHIPS
from lowe_backbone.database import create_engine_for
from tests.integration.gateway_helpers import operator_key

FAN_OUT_KIND = "expert_talk"
CLIENTS = 8
LATENCY_RATE = 20.0
REFERENCE_RATE = 1.0
TARGET_LATENCY_P99_MS = 250.0
TARGET_FAN_OUT_S = 10.0
TARGET_RATIO = 0.5


class Client:
    """The gateway as a partner calls it; one session per thread."""

    def __init__(self, url: str, key: str) -> None:
        self.url, self.key = url, key
        self._local = threading.local()

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        response = session.request(
            method, f"{self.url}{path}", json=body, headers={"Authorization": f"Bearer {self.key}"}, timeout=60
        )
        if response.status_code >= 300:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response.json() if response.content else None


class Observer:
    """Reads the notifications and the outboxes (read-only) to see what the network did."""

    def __init__(self, stack: Stack) -> None:
        from lowe_notifications.orm import notifications

        self.table = notifications
        self.notifications = create_engine_for(stack.databases.url("notifications"))
        self.outboxes = [create_engine_for(stack.databases.url(name)) for name in ("partners", "centres")]
        self.centres = create_engine_for(stack.databases.url("centres"))

    def close(self) -> None:
        for engine in (self.notifications, self.centres, *self.outboxes):
            engine.dispose()

    def matched_count(self) -> int:
        query = sa.select(sa.func.count()).where(self.table.c.type == "opportunity_matched")
        with self.notifications.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def matched_times(self) -> dict[str, list[float]]:
        """opportunity id -> when each of its in-app notifications was recorded (epoch seconds)."""
        query = sa.select(self.table.c.data, self.table.c.created_at).where(self.table.c.type == "opportunity_matched")
        found: dict[str, list[float]] = defaultdict(list)
        with self.notifications.connect() as conn:
            for data, created_at in conn.execute(query):
                at = created_at.timestamp() if isinstance(created_at, datetime) else float(created_at)
                found[data["opportunity_id"]].append(at)
        return found

    def feed_entries(self, opportunity_ids: list[str]) -> int:
        query = sa.text("SELECT count(*) FROM feed_entries WHERE opportunity_id = ANY(CAST(:ids AS uuid[]))")
        with self.centres.connect() as conn:
            return int(conn.execute(query, {"ids": opportunity_ids}).scalar_one())

    def matched_by_centres(self) -> int:
        """How many `opportunity_published` events the centres service has processed (matched and committed)."""
        query = sa.text("SELECT count(*) FROM processed_events WHERE handler = 'centres.handle_opportunity_published'")
        with self.centres.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def events_published_since(self, since: float) -> int:
        query = sa.text("SELECT count(*) FROM outbox WHERE published_at IS NOT NULL AND created_at >= :since")
        total = 0
        for engine in self.outboxes:
            with engine.connect() as conn:
                total += int(conn.execute(query, {"since": datetime.fromtimestamp(since).astimezone()}).scalar_one())
        return total

    def wait_for(self, expected: int, timeout: float, poll: float = 0.05) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.matched_count() >= expected:
                return True
            time.sleep(poll)
        return False


class Network:
    """A fresh network with `centres` seeded, a verified partner and its key."""

    def __init__(self, stack: Stack, centres: list[tuple[str, list[SeedSubscription]]], sink: SmtpSink) -> None:
        started = time.perf_counter()
        self.centre_ids = seed_centres(stack.databases.url("centres"), centres)
        self.seed_seconds = time.perf_counter() - started
        self.stack = stack
        self.processes = start_network(stack.amqp_uri, stack.databases, stack.workdir, sink.env())
        self.url = self.processes.url
        operator = Client(self.url, operator_key(stack.databases.url("gateway")))
        partner = operator.call(
            "POST",
            "/api/v1/partners",
            {"name": "Fundacja Pomiarowa", "sector": "social", "email": "bench@example.pl", "voivodeship": "12"},
        )
        operator.call("POST", f"/api/v1/partners/{partner['id']}/verify")
        self.partner = Client(self.url, partner["api_key"]["key"])
        self.observer = Observer(stack)
        self.expected = 0  # in-app `opportunity_matched` notifications expected so far
        self.published = 0  # opportunities published so far

    def close(self) -> None:
        self.observer.close()
        self.processes.stop()

    def drafts(self, bodies: list[dict[str, Any]]) -> list[str]:
        with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
            return list(pool.map(lambda body: self.partner.call("POST", "/api/v1/opportunities", body)["id"], bodies))

    def publish(self, opportunity_id: str) -> float:
        sent = time.time()
        self.partner.call("POST", f"/api/v1/opportunities/{opportunity_id}/publish")
        return sent

    def settle(self, opportunity_ids: list[str], timeout: float) -> int:
        """Waits until the centres service has matched every one of the opportunities and every feed entry they made
        has its in-app notification; returns how many entries they made."""
        self.published += len(opportunity_ids)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.observer.matched_by_centres() >= self.published:
                entries = self.observer.feed_entries(opportunity_ids)
                if self.observer.matched_count() >= self.expected + entries:
                    self.expected += entries
                    return entries
            time.sleep(0.1)
        raise SystemExit(f"the network did not settle within {timeout:.0f} s; see {self.stack.workdir}")


def an_opportunity(rng: random.Random, kind: str | None = None, title: str = "Kurs") -> dict[str, Any]:
    kinds = [k for k in OPPORTUNITY_KINDS if k != FAN_OUT_KIND]
    nationwide = rng.random() < 0.15
    return {
        "kind": kind or rng.choice(kinds),
        "title": title,
        "description": "Pomiar przepustowości sieci LOWE",
        "topics": rng.sample(TOPICS, rng.choice([1, 2])),
        "regions": [] if nationwide else rng.sample(list(VOIVODESHIPS), 1),
    }


def everyone_takes(rng: random.Random) -> dict[str, Any]:
    return {**an_opportunity(rng), "kind": "course", "topics": ["digital_skills"]}


def small_centres(rng: random.Random) -> list[tuple[str, list[SeedSubscription]]]:
    wants_all = SeedSubscription(topics=["digital_skills"], nationwide=True, name="Kompetencje cyfrowe")
    return [(rng.choice(list(VOIVODESHIPS)), [wants_all]) for _ in range(35)]


def large_centres(rng: random.Random, count: int) -> list[tuple[str, list[SeedSubscription]]]:
    talks = SeedSubscription(kinds=[FAN_OUT_KIND], nationwide=True, name="Spotkania z ekspertami")
    centres = []
    for _ in range(count):
        voivodeship = rng.choice(list(VOIVODESHIPS))
        mix = []
        for number in range(4):
            roll = rng.random()
            mix.append(
                SeedSubscription(
                    kinds=rng.sample([k for k in OPPORTUNITY_KINDS if k != FAN_OUT_KIND], rng.choice([0, 1, 2, 3])),
                    topics=rng.sample(TOPICS, rng.choice([1, 1, 2, 3])),
                    regions=[] if roll < 0.1 else [voivodeship] if roll < 0.8 else rng.sample(list(VOIVODESHIPS), 3),
                    nationwide=roll < 0.1,
                    delivery=rng.choice(["instant", "daily_digest"]),
                    name=f"Subskrypcja {number}",
                )
            )
        centres.append((voivodeship, [*mix, talks]))
    return centres


def throughput(network: Network, rng: random.Random, count: int, make: Any) -> dict[str, Any]:
    ids = network.drafts([make(rng) for _ in range(count)])
    began = time.time()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        sent = list(pool.map(network.publish, ids))
    published_over_http_s = time.time() - began
    matched = network.settle(ids, timeout=600)
    times = network.observer.matched_times()
    last = max(max(times[i]) for i in ids if times.get(i))
    first = min(sent)
    elapsed = last - first
    events = network.observer.events_published_since(first - 0.001)
    return {
        "opportunities": count,
        "notifications": matched,
        "seconds": round(elapsed, 2),
        "opportunities_per_s": count / elapsed,
        "notifications_per_s": matched / elapsed,
        "events_moved_per_s": events / elapsed,
        "events_moved": events,
        "http_publish_per_s": count / published_over_http_s,
    }


def latency(network: Network, rng: random.Random, count: int, rate: float, centres: int) -> dict[str, Any]:
    ids = network.drafts([everyone_takes(rng) for _ in range(count)])
    sent: dict[str, float] = {}
    start = time.time() + 0.5
    late = 0

    def fire(index: int, opportunity_id: str) -> None:
        nonlocal late
        due = start + index / rate
        wait = due - time.time()
        if wait > 0:
            time.sleep(wait)
        elif wait < -0.005:
            late += 1
        sent[opportunity_id] = network.publish(opportunity_id)

    with concurrent.futures.ThreadPoolExecutor(CLIENTS * 2) as pool:
        list(pool.map(fire, range(count), ids))
    offered_s = max(sent.values()) - min(sent.values())
    network.settle(ids, timeout=300)
    times = network.observer.matched_times()
    each = [(at - sent[i]) * 1000 for i in ids for at in times[i]]
    whole = [(max(times[i]) - sent[i]) * 1000 for i in ids]
    assert all(len(times[i]) == centres for i in ids), "an opportunity did not reach every centre"
    return {
        "offered_rate_per_s": rate,
        "achieved_rate_per_s": round((count - 1) / offered_s, 1),
        "opportunities": count,
        "notifications": len(each),
        "publishes_sent_late": late,
        "per_notification_ms": {
            "p50": round(percentile(each, 0.5), 1),
            "p99": round(percentile(each, 0.99), 1),
            "max": round(max(each), 1),
        },
        "per_opportunity_all_centres_ms": {
            "p50": round(percentile(whole, 0.5), 1),
            "p99": round(percentile(whole, 0.99), 1),
            "max": round(max(whole), 1),
        },
    }


def fan_out(network: Network, rng: random.Random, centres: int) -> dict[str, Any]:
    (opportunity_id,) = network.drafts([an_opportunity(rng, kind=FAN_OUT_KIND, title="Spotkanie z ekspertką")])
    expected = network.expected + centres
    sent = network.publish(opportunity_id)
    if not network.observer.wait_for(expected, timeout=300, poll=0.1):
        raise SystemExit("the fan-out did not complete within 300 s")
    network.settle([opportunity_id], timeout=60)
    times = network.observer.matched_times()[opportunity_id]
    assert len(times) == centres, f"{len(times)} of {centres} centres notified"
    return {
        "centres": centres,
        "first_notification_s": round(min(times) - sent, 2),
        "all_notified_s": round(max(times) - sent, 2),
        "notifications_per_s": round(centres / (max(times) - sent)),
    }


def wait_for_email(network: Network, timeout: float) -> None:
    """Lets the dispatcher finish the e-mail the previous phase queued, so the next phase does not share the CPU with
    it (e-mail is sent after the in-app notification is recorded, and is not what these figures time)."""
    query = sa.text(
        "SELECT count(*) FROM deliveries"
        " WHERE channel = 'email' AND status IN ('queued', 'retrying') AND digest_on IS NULL"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with network.observer.notifications.connect() as conn:
            if int(conn.execute(query).scalar_one()) == 0:
                return
        time.sleep(0.5)


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("opportunities_per_s", "notifications_per_s", "events_moved_per_s", "http_publish_per_s")
    summary: dict[str, Any] = {key: round(median([run[key] for run in runs]), 1) for key in keys}
    summary["runs"] = [{k: round(v, 1) if isinstance(v, float) else v for k, v in run.items()} for run in runs]
    return summary


def with_ratio(summary: dict[str, Any], ceiling: dict[str, Any]) -> dict[str, Any]:
    raw = ceiling["publish_confirmed_msgs_per_s"]
    summary["ratio_opportunities_to_raw"] = round(summary["opportunities_per_s"] / raw, 4)
    summary["ratio_events_moved_to_raw"] = round(summary["events_moved_per_s"] / raw, 3)
    return summary


def run_small(stack: Stack, sink: SmtpSink, args: argparse.Namespace, rng: random.Random) -> dict[str, Any]:
    network = Network(stack, small_centres(rng), sink)
    try:
        throughput(network, rng, 5, lambda r: everyone_takes(r))  # warm-up: connections, the index's first load
        wait_for_email(network, 60)
        runs = []
        for _ in range(args.runs):
            runs.append(throughput(network, rng, args.small_count, everyone_takes))
            wait_for_email(network, 120)
        result = {"centres": 35, "seed_seconds": round(network.seed_seconds, 1), "throughput": summarise(runs)}
        result["latency"] = latency(network, rng, args.latency_count, LATENCY_RATE, 35)
        wait_for_email(network, 300)
        # the same at a rate the network sustains, for reference: what a publish costs when nothing queues
        result["latency_unsaturated"] = latency(network, rng, args.reference_count, REFERENCE_RATE, 35)
        return result
    finally:
        network.close()


def run_large(stack: Stack, sink: SmtpSink, args: argparse.Namespace, rng: random.Random) -> dict[str, Any]:
    network = Network(stack, large_centres(rng, args.centres), sink)
    try:
        throughput(network, rng, 1, an_opportunity)  # warm-up: the matching index's first load
        wait_for_email(network, 120)
        runs = []
        for _ in range(args.runs):
            runs.append(throughput(network, rng, args.large_count, an_opportunity))
            wait_for_email(network, 120)
        # last: its 10,000 e-mails take minutes to send (about 20/s here) and would share the CPU with what follows
        fan_outs = []
        for number in range(args.fan_out_runs):
            fan_outs.append(fan_out(network, rng, args.centres))
            if number < args.fan_out_runs - 1:
                wait_for_email(network, 600)
        fan_out_summary: dict[str, Any] = {
            key: median([run[key] for run in fan_outs]) for key in ("first_notification_s", "all_notified_s")
        }
        fan_out_summary.update(centres=args.centres, runs=fan_outs)
        return {
            "centres": args.centres,
            "subscriptions": args.centres * 5,
            "seed_seconds": round(network.seed_seconds, 1),
            "fan_out": fan_out_summary,
            "throughput": summarise(runs),
        }
    finally:
        network.close()


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a short smoke run (fewer opportunities, one run each)")
    parser.add_argument("--scenarios", default="small,large")
    parser.add_argument("--centres", type=int, default=10_000)
    args = parser.parse_args(argv)
    quick = args.quick
    args.runs = 1 if quick else 3
    args.small_count = 20 if quick else 60
    args.large_count = 1 if quick else 2
    args.latency_count = 40 if quick else 200
    args.fan_out_runs = 1 if quick else 3
    args.reference_count = 10 if quick else 30
    args.ceiling_messages = 1000 if quick else 5000
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(20_240_601)
    result: dict[str, Any] = {}
    scenarios = args.scenarios.split(",")
    with ExitStack() as stack:
        sink = stack.enter_context(SmtpSink())
        ceiling_stack = stack.enter_context(private_stack(label="ceiling"))
        result["raw_ceiling"] = measure_ceiling(ceiling_stack.amqp_uri, args.ceiling_messages, args.runs)
        if "small" in scenarios:
            with private_stack(label="e2e35") as small:
                result["centres_35"] = run_small(small, sink, args, rng)
                with_ratio(result["centres_35"]["throughput"], result["raw_ceiling"])
        if "large" in scenarios:
            with private_stack(label="e2e10k") as large:
                result[f"centres_{args.centres}"] = run_large(large, sink, args, rng)
                with_ratio(result[f"centres_{args.centres}"]["throughput"], result["raw_ceiling"])
        result["emails_sent_to_sink"] = sink.count
    return result


def main() -> None:
    args = parse()
    print(json.dumps({"network": run(args)}, indent=2, default=str))


if __name__ == "__main__":
    main()
