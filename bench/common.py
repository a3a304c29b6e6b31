"""What the benchmarks share: the machine and versions, statistics, a private broker vhost and databases, the network
started as separate processes (as in production), an SMTP sink, and seeding centres through the centres ORM.

Not a benchmark itself; the scripts next to it import it (`bench/` is their import path when run as scripts).
"""

from __future__ import annotations

import contextlib
import os
import platform
import signal
import statistics
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import requests

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.fixtures.broker import MANAGEMENT_URL, VhostAdmin, uri_for_vhost  # noqa: E402
from tests.fixtures.databases import Databases, postgres_available  # noqa: E402
from tests.fixtures.process_network import SERVICES, ProcessNetwork  # noqa: E402
from tests.fixtures.services import free_port  # noqa: E402


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # so the vhost, the databases and the services started are cleaned up


if threading.current_thread() is threading.main_thread():
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
OUTPUT = REPO / "var" / "bench" / "latest.json"


# --- statistics ---------------------------------------------------------------------------------------------------


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p99 of 200 samples is the 198th smallest)."""
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), int(-(-fraction * len(ordered) // 1))))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    return float(statistics.median(samples))


# --- the machine and the versions ---------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = platform.processor() or ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as cpuinfo:
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), model)
    ram_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cores": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(ram_gb, 1),
        "os": f"{platform.system()} {platform.release()}",
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
    }


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("nameko", "kombu", "amqp", "eventlet", "sqlalchemy", "psycopg2-binary"):
        with contextlib.suppress(Exception):
            found[package] = version(package)
    found["rabbitmq"] = rabbitmq_version()
    found["postgresql"] = postgresql_version()
    return found


def rabbitmq_version() -> str:
    with contextlib.suppress(Exception):
        return str(requests.get(f"{MANAGEMENT_URL}/api/overview", timeout=5).json()["rabbitmq_version"])
    with contextlib.suppress(Exception):
        from kombu import Connection

        with Connection(uri_for_vhost("")) as connection:
            connection.connect()
            return str(connection.connection.server_properties.get("version", "unknown"))  # type: ignore[union-attr]
    return "unknown"


def postgresql_version() -> str:
    from tests.fixtures.databases import _admin_connection

    with contextlib.suppress(Exception):
        connection = _admin_connection()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                return str(cursor.fetchone()[0])
        finally:
            connection.close()
    return "unavailable"


# --- a private vhost and databases --------------------------------------------------------------------------------


@dataclass
class Stack:
    amqp_uri: str
    databases: Databases
    workdir: Path


@contextlib.contextmanager
def private_stack(backend: str = "postgresql", label: str = "bench") -> Iterator[Stack]:
    """A fresh vhost on the shared broker and fresh databases, both deleted afterwards."""
    if backend == "postgresql" and not postgres_available():
        raise SystemExit("PostgreSQL is not reachable (LOWE_TEST_POSTGRES_URL)")
    admin = VhostAdmin()
    vhost = f"lowe-{label}-{uuid.uuid4().hex[:8]}"
    admin.create(vhost)
    try:
        with tempfile.TemporaryDirectory(prefix=f"lowe-{label}-") as tmp:
            databases = Databases(Path(tmp), backend=backend)
            try:
                yield Stack(uri_for_vhost(vhost), databases, Path(tmp))
            finally:
                databases.drop_all()
    finally:
        admin.delete(vhost)


# --- the network as processes -------------------------------------------------------------------------------------


def start_network(
    amqp_uri: str, databases: Databases, log_dir: Path, extra_env: dict[str, str] | None = None
) -> ProcessNetwork:
    """Every service as its own `lowe-serve` process, with production's settings but quiet logs and no rate limit;
    returned once the gateway answers `/health`."""
    env = {
        "LOG_LEVEL": "WARNING",
        # a benchmark client is far beyond a client's rate limit (600 requests a minute per key)
        "RATE_LIMIT": "1000000000",
        **(extra_env or {}),
    }
    network = ProcessNetwork(amqp_uri, {name: databases.url(name) for name in SERVICES}, log_dir, env)
    try:
        network.start()
    except RuntimeError as exc:
        network.stop()
        raise SystemExit(str(exc)) from exc
    return network


# --- an SMTP server that accepts everything ------------------------------------------------------------------------


class SmtpSink:
    """Where the notifications service sends its e-mail during a benchmark: accepts and counts, keeps nothing."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.count = 0
        self._lock = threading.Lock()
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self.count += 1
        return "250 OK"

    def __enter__(self) -> SmtpSink:
        self._controller.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._controller.stop()

    def env(self) -> dict[str, str]:
        return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(self.port), "SMTP_SECURITY": "none"}


# --- seeding centres ----------------------------------------------------------------------------------------------


@dataclass
class SeedSubscription:
    """What one subscription asks for (the rest as a centre making it through the API gets by default)."""

    kinds: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    nationwide: bool = False
    delivery: str = "instant"
    name: str = "Subskrypcja"


def seed_centres(database_url: str, centres: list[tuple[str, list[SeedSubscription]]]) -> list[uuid.UUID]:
    """Registers the centres (voivodeship, subscriptions) in the centres database through the service's own ORM
    mapping and domain objects, in batches: what `register_centre` and `add_subscription` write (neither emits an
    event: no other service learns of centres from events; notifications asks the centres service for an address
    when it first needs one). Returns the centres' ids. Run it before the centres service starts, so its matching
    index loads them on its first match."""
    from sqlalchemy.orm import Session

    from lowe_backbone.database import create_engine_for
    from lowe_centres import orm
    from lowe_centres.model import Centre, Subscription

    orm.start_mappers()
    engine = create_engine_for(database_url)
    now = datetime.now(UTC)
    ids = []
    try:
        for start in range(0, len(centres), 2000):
            with Session(engine) as session:
                batch = []
                subscriptions = []
                for number, (voivodeship, wanted) in enumerate(centres[start : start + 2000], start=start):
                    centre = Centre(
                        id=uuid.uuid4(),
                        name=f"LOWE {number}",
                        voivodeship=voivodeship,
                        municipality=f"Gmina {number}",
                        created_at=now,
                        email=f"lowe{number}@example.pl",
                    )
                    batch.append(centre)
                    ids.append(centre.id)
                    subscriptions.extend(
                        Subscription(
                            id=uuid.uuid4(),
                            centre_id=centre.id,
                            name=subscription.name,
                            kinds=list(subscription.kinds),
                            topics=list(subscription.topics),
                            regions=list(subscription.regions),
                            nationwide=subscription.nationwide,
                            delivery=subscription.delivery,
                            created_at=now,
                        )
                        for subscription in wanted
                    )
                session.add_all(batch)
                session.flush()
                session.add_all(subscriptions)
                session.commit()
    finally:
        engine.dispose()
    return ids


# --- output -------------------------------------------------------------------------------------------------------


def header() -> dict[str, Any]:
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
    }
