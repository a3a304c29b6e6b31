"""The `lowe` operations command as the containers run it — a local process against a real broker and databases:
the one-shot `prepare` job, the health check each container runs, `status`, and the broker's password hashes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
import requests
from amqp.exceptions import AccessRefused
from kombu import Connection
from nameko.containers import ServiceContainer

from lowe_backbone.broker_definitions import HASHING_ALGORITHM, password_hash
from tests.fixtures.broker import VhostAdmin, rabbitmqctl
from tests.fixtures.services import free_port
from tests.support import wait_for

SERVICES_WITH_DATABASES = ("partners", "centres", "events", "notifications", "gateway")


def lowe(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lowe_backbone.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=Path(__file__).resolve().parents[2],
    )


@pytest.fixture
def operator_env(broker_uri: str, database_url: Callable[[str], str]) -> dict[str, str]:
    env = {"AMQP_URI": broker_uri, "RETRY_DELAYS_MS": "100,200"}
    env.update({f"{name.upper()}_DATABASE_URL": database_url(name) for name in SERVICES_WITH_DATABASES})
    return env


def test_prepare_migrates_every_database_and_declares_every_queue(operator_env: dict[str, str]) -> None:
    prepared = lowe("prepare", env=operator_env)

    assert prepared.returncode == 0, prepared.stderr
    for name in SERVICES_WITH_DATABASES:
        assert f"{name}: database at head" in prepared.stdout
    assert "declared evt-partners-opportunity_published--centres.handle_opportunity_published" in prepared.stdout


def test_the_health_check_says_up_for_a_running_service_and_fails_for_a_missing_one(
    start_service: Callable[..., ServiceContainer], operator_env: dict[str, str]
) -> None:
    from lowe_partners.service import PartnersService

    start_service(PartnersService)

    healthy = lowe("health", "partners", env=operator_env)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert json.loads(healthy.stdout)["checks"] == {"broker": {"status": "up"}, "database": {"status": "up"}}
    missing = lowe("health", "centres", "--timeout", "2", env=operator_env)
    assert missing.returncode == 1
    assert json.loads(missing.stdout)["status"] == "unreachable"


def test_status_reports_every_service_its_queues_and_its_outbox(gateway_url: str, operator_env: dict[str, str]) -> None:
    env = {**operator_env, "GATEWAY_ADDRESS": gateway_url.removeprefix("http://")}
    assert lowe("topology", "declare", env=env).returncode == 0

    status = lowe("status", "--json", env=env)

    assert status.returncode == 0, status.stdout + status.stderr
    report: dict[str, Any] = json.loads(status.stdout)
    assert report["healthy"] is True
    assert {service["service"] for service in report["services"]} >= {"partners", "centres", "gateway"}
    assert report["dead_letters"] == 0
    assert all(isinstance(count, int) for count in report["outbox_backlog"].values())
    consumed = {state["queue"]: state for state in report["queues"]}
    assert consumed["evt-partners-opportunity_published--centres.handle_opportunity_published"]["consumers"] >= 1


def test_status_says_plainly_when_the_broker_does_not_answer(operator_env: dict[str, str]) -> None:
    env = {**operator_env, "AMQP_URI": f"amqp://lowe:secret@127.0.0.1:{free_port()}/lowe"}

    status = lowe("status", "--timeout", "1", env=env, timeout=60)

    assert status.returncode == 2
    assert "does not answer" in status.stdout and "secret" not in status.stdout


@pytest.fixture
def broker_user(vhost_admin: VhostAdmin, broker_uri: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A broker user made from nothing but a rendered hash, as the broker imports definitions at boot."""
    name, password = f"lowe-test-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    vhost = unquote(broker_uri.rsplit("/", 1)[1])
    user = {"name": name, "password_hash": password_hash(password), "hashing_algorithm": HASHING_ALGORITHM, "tags": []}
    permission = {"user": name, "vhost": vhost, "configure": ".*", "write": ".*", "read": ".*"}
    definitions = tmp_path / "definitions.json"
    definitions.write_text(json.dumps({"users": [user], "permissions": [permission]}))
    if vhost_admin.api:
        requests.post(f"{vhost_admin.api}/api/definitions", json=json.loads(definitions.read_text()), timeout=30)
    else:
        # rabbitmqctl reads the file as the broker's user, who cannot enter this test's private directory
        readable = Path(tempfile.mkdtemp(prefix="lowe-test-definitions-"))
        try:
            readable.chmod(0o755)
            shutil.copy(definitions, readable / "definitions.json")
            (readable / "definitions.json").chmod(0o644)
            subprocess.run([rabbitmqctl(), "-q", "import_definitions", str(readable / "definitions.json")], check=True)
        finally:
            shutil.rmtree(readable)
    try:
        yield name, password
    finally:
        if vhost_admin.api:
            requests.delete(f"{vhost_admin.api}/api/users/{quote(name, safe='')}", timeout=10)
        else:
            subprocess.run([rabbitmqctl(), "-q", "delete_user", name], check=True, timeout=60)


def test_rabbitmq_accepts_the_password_behind_a_rendered_hash_and_nothing_else(
    broker_user: tuple[str, str], broker_uri: str
) -> None:
    name, password = broker_user
    base = broker_uri.split("@", 1)[1]

    def connects(secret: str) -> bool:
        try:
            with Connection(f"amqp://{name}:{secret}@{base}", connect_timeout=5) as connection:
                connection.ensure_connection(max_retries=1)
        except AccessRefused:
            return False
        return True

    wait_for(lambda: connects(password), timeout=10, what="the imported user to log in")  # the import is asynchronous
    assert not connects("wrong")


def test_demo_load_fills_a_running_network_through_its_gateway(gateway_url: str, operator_env: dict[str, str]) -> None:
    loaded = lowe("demo", "load", "--gateway", gateway_url, "--timeout", "90", env=operator_env, timeout=300)

    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert "35 centres" in loaded.stdout
    assert "centres have matched opportunities in their feeds" in loaded.stdout
    assert "(still flowing)" not in loaded.stdout
    printed = dict(re.findall(r"^ +(operator|demo centre|demo partner) +(\S+)", loaded.stdout, re.MULTILINE))
    assert set(printed) == {"operator", "demo centre", "demo partner"}, loaded.stdout

    def as_(key: str, path: str) -> requests.Response:
        return requests.get(f"{gateway_url}{path}", headers={"Authorization": f"Bearer {printed[key]}"}, timeout=10)

    partners = as_("operator", "/api/v1/partners")  # the keys it prints are keys the gateway takes
    assert partners.status_code == 200 and partners.json()["items"], partners.text
    for organisation in ("demo centre", "demo partner"):
        assert as_(organisation, "/api/v1/notifications").status_code == 200
    assert as_("demo centre", "/api/v1/partners").status_code == 403  # each with its own role
