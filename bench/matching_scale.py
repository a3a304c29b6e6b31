"""Matching one opportunity against up to 100,000 subscriptions of 20,000 centres.

Seeds a fresh centres database per size (1,000 -> 100,000 subscriptions, five per centre) with a realistic mix of
filters, then times the matching step the centres service runs for every published opportunity
(`matching_flows.matching_centres`, in its own unit of work): the replica's in-memory index catches up with the
database (one query when nothing changed), names the candidates, the domain's `match()` decides and explains,
reasons are merged per centre, recommendations are looked up. Writing the feed entries is not part of it. The
index's first load (what a replica does once, when it starts) is timed apart. Both databases, side by side, in one
run; prints a table and JSON. Target (issue: centres matching): median under 20 ms at 100,000 subscriptions on
PostgreSQL.

    .venv/bin/python bench/matching_scale.py [--sizes 1000,10000,100000] [--samples 60]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS  # noqa: E402
from lowe_backbone.database import create_engine_for  # noqa: E402
from lowe_centres import orm  # noqa: E402
from lowe_centres.index_sync import LiveMatchingIndex  # noqa: E402
from lowe_centres.matching_flows import matching_centres  # noqa: E402
from lowe_centres.model import Centre, PublishedOpportunity, Subscription  # noqa: E402
from lowe_centres.unit_of_work import CentresUnitOfWork  # noqa: E402
from tests.fixtures.databases import Databases, postgres_available  # noqa: E402

SUBSCRIPTIONS_PER_CENTRE = 5
TARGET_MS = 20.0
NOW = datetime.now(UTC)


def a_subscription(rng: random.Random, centre: Centre, number: int) -> Subscription:
    roll = rng.random()
    return Subscription(
        id=uuid.uuid4(),
        centre_id=centre.id,
        name=f"Subskrypcja {number}",
        kinds=rng.sample(OPPORTUNITY_KINDS, rng.choice([0, 1, 2, 3])),
        topics=rng.sample(TOPICS, rng.choice([1, 1, 2, 3])),
        regions=[] if roll < 0.1 else [centre.voivodeship] if roll < 0.8 else rng.sample(list(VOIVODESHIPS), 3),
        nationwide=roll < 0.1,
        delivery=rng.choice(["instant", "daily_digest"]),
        created_at=NOW,
    )


def seed(session: Session, subscriptions: int, rng: random.Random) -> None:
    orm.start_mappers()
    centres = [
        Centre(
            id=uuid.uuid4(),
            name=f"LOWE {n}",
            voivodeship=rng.choice(list(VOIVODESHIPS)),
            municipality=f"Gmina {n}",
            created_at=NOW,
        )
        for n in range(subscriptions // SUBSCRIPTIONS_PER_CENTRE)
    ]
    session.add_all(centres)
    session.flush()
    batch: list[Subscription] = []
    for number in range(subscriptions):
        batch.append(a_subscription(rng, centres[number // SUBSCRIPTIONS_PER_CENTRE], number))
        if len(batch) == 5000 or number == subscriptions - 1:
            session.add_all(batch)
            session.flush()
            batch = []
    session.commit()


def an_opportunity(rng: random.Random) -> PublishedOpportunity:
    nationwide = rng.random() < 0.15
    return PublishedOpportunity(
        id=uuid.uuid4(),
        partner_name="Fundacja",
        kind=rng.choice(OPPORTUNITY_KINDS),
        title="Kurs",
        description="Opis",
        topics=rng.sample(TOPICS, rng.choice([1, 2])),
        target_groups=rng.sample(TARGET_GROUPS, 1),
        regions=[] if nationwide else rng.sample(list(VOIVODESHIPS), 1),
        nationwide=nationwide,
        published_at=NOW + timedelta(days=1),
    )


def index_memory_mb(engine: Any) -> float:
    """What a replica's index holds in memory: a second one loaded under tracemalloc (slower, so not timed)."""
    index = LiveMatchingIndex()
    tracemalloc.start()
    with Session(engine) as session, index.current(session):
        pass
    held, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return held / 2**20


def match_once(uow: CentresUnitOfWork, opportunity: PublishedOpportunity) -> int:
    """What the service does per published opportunity, short of writing the feed; returns the centres matched."""
    with uow:
        return len(matching_centres(opportunity, uow, NOW))


def measure(backend: str, size: int, samples: int) -> dict[str, Any]:
    rng = random.Random(size)
    with tempfile.TemporaryDirectory(prefix="lowe-bench-") as tmp:
        databases = Databases(Path(tmp), backend=backend)
        try:
            engine = create_engine_for(databases.url("centres"))
            started = time.perf_counter()
            with Session(engine) as session:
                seed(session, size, rng)
            seeded_s = time.perf_counter() - started
            index = LiveMatchingIndex()
            uow = CentresUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "centres", "bench", None, index)
            started = time.perf_counter()
            match_once(uow, an_opportunity(rng))  # the replica's first match loads the whole index
            loaded_s = time.perf_counter() - started
            index_mb = index_memory_mb(engine)
            timings, matched = [], []
            for number in range(samples + 5):
                opportunity = an_opportunity(rng)
                began = time.perf_counter()
                centres = match_once(uow, opportunity)
                elapsed = (time.perf_counter() - began) * 1000
                if number >= 5:  # the first few warm caches and connections
                    timings.append(elapsed)
                    matched.append(centres)
            assert index.full_loads == 1, "the index was loaded again: nothing changed in the database"
            engine.dispose()
        finally:
            databases.drop_all()
    ordered = sorted(timings)
    return {
        "backend": backend,
        "subscriptions": size,
        "centres": size // SUBSCRIPTIONS_PER_CENTRE,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
        "median_centres_matched": statistics.median(matched),
        "seed_seconds": round(seeded_s, 1),
        "index_load_seconds": round(loaded_s, 2),
        "index_memory_mb": round(index_mb),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--samples", type=int, default=60)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    backends = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    results = [measure(backend, size, args.samples) for size in sizes for backend in backends]
    print(
        f"{'backend':<11}{'subscriptions':>14}{'centres':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
        f"{'matched':>9}{'load s':>8}{'MB':>6}"
    )
    for row in results:
        print(
            f"{row['backend']:<11}{row['subscriptions']:>14,}{row['centres']:>9,}{row['median_ms']:>11.2f}"
            f"{row['p95_ms']:>9.2f}{row['max_ms']:>9.2f}{row['median_centres_matched']:>9}{row['index_load_seconds']:>8}{row['index_memory_mb']:>6}"
        )
    largest = {row["backend"]: row for row in results if row["subscriptions"] == max(sizes)}
    for backend, row in largest.items():
        smallest = next(r for r in results if r["backend"] == backend and r["subscriptions"] == min(sizes))
        growth = row["median_ms"] / smallest["median_ms"]
        print(f"{backend}: {min(sizes):,} -> {max(sizes):,} subscriptions, median x{growth:.1f}")
    if "postgresql" in largest:
        verdict = "met" if largest["postgresql"]["median_ms"] < TARGET_MS else "NOT met"
        print(f"target: median under {TARGET_MS:.0f} ms at {max(sizes):,} on PostgreSQL -> {verdict}")
    print(json.dumps({"matching_scale": results}, indent=2))


if __name__ == "__main__":
    main()
