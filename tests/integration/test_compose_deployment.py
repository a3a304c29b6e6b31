"""docker-compose.yml and deploy/Dockerfile, checked without a Docker engine: Compose itself validates and resolves
the file (`docker-compose config`, Debian's package), every container runs the entry point the local runner uses,
and the PostgreSQL init script is run against a real server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg2
import pytest
import yaml

from lowe_backbone.spec import installed_services
from tests.fixtures.databases import POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy" / "local"))
from processes import SERVICES as LOCAL_SERVICES  # noqa: E402

SERVICE_CONTAINERS = {spec.name for spec in installed_services()}


def compose(*args: str, env_file: Path = ROOT / ".env.example") -> subprocess.CompletedProcess[str]:
    tool = shutil.which("docker-compose")
    assert tool is not None, "docker-compose is needed to validate docker-compose.yml: run `make tools`"
    environ = {key: value for key, value in os.environ.items() if not key.endswith(("PASSWORD", "_KEY"))}
    return subprocess.run(
        [
            tool,
            "--project-directory",
            str(ROOT),
            "--env-file",
            str(env_file),
            "-f",
            str(ROOT / "docker-compose.yml"),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=environ,
    )


@pytest.fixture(scope="module")
def resolved() -> dict[str, Any]:
    """The file as Compose resolves it, with the example .env and the demo profile."""
    done = compose("--profile", "demo", "config")
    assert done.returncode == 0, done.stderr
    return dict(yaml.safe_load(done.stdout))


def test_compose_validates_the_file_and_lists_every_container(resolved: dict[str, Any]) -> None:
    expected = SERVICE_CONTAINERS | {"rabbitmq", "postgres", "mailpit", "prepare", "broker-definitions", "demo"}
    assert set(resolved["services"]) == expected


def test_a_secret_missing_from_env_stops_compose_naming_it(tmp_path: Path) -> None:
    lines = (ROOT / ".env.example").read_text().splitlines()
    env_file = tmp_path / ".env"
    env_file.write_text("\n".join(line for line in lines if not line.startswith("RABBITMQ_PASSWORD=")))

    done = compose("config", "-q", env_file=env_file)

    assert done.returncode != 0
    assert "set RABBITMQ_PASSWORD in .env" in done.stderr


def test_the_compose_file_ships_no_password() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    assert "change-me" not in text
    given = re.findall(r"^\s+\w*(?:PASSWORD|_KEY)\w*:\s*(?!\$\{)\S.*$", text, flags=re.MULTILINE)
    assert given == [], "a secret given in the compose file itself"


def test_each_service_container_runs_the_local_runners_entry_point_with_its_own_health_check(
    resolved: dict[str, Any],
) -> None:
    assert set(LOCAL_SERVICES) == SERVICE_CONTAINERS
    for name in SERVICE_CONTAINERS:
        container = resolved["services"][name]
        assert container["command"] == ["lowe-serve", name]
        assert container["healthcheck"]["test"] == ["CMD", "lowe", "health", name]
        assert container["restart"] == "on-failure"
        assert _seconds(container["stop_grace_period"]) >= 30
        assert container["depends_on"] == {
            "prepare": {"condition": "service_completed_successfully"},
            "rabbitmq": {"condition": "service_healthy"},
            "postgres": {"condition": "service_healthy"},
        }
        assert container["environment"]["EVENT_QUEUE_TYPE"] == "quorum"


def test_migrations_and_topology_run_once_before_the_services(resolved: dict[str, Any]) -> None:
    prepare = resolved["services"]["prepare"]
    assert prepare["command"] == ["lowe", "prepare"]
    assert prepare["depends_on"] == {
        "rabbitmq": {"condition": "service_healthy"},
        "postgres": {"condition": "service_healthy"},
    }
    assert resolved["services"]["rabbitmq"]["depends_on"] == {
        "broker-definitions": {"condition": "service_completed_successfully"}
    }


def test_the_demo_profile_loads_the_demo_network_once_everything_is_healthy(resolved: dict[str, Any]) -> None:
    demo = resolved["services"]["demo"]
    assert demo["command"][:3] == ["lowe", "demo", "load"]
    assert {name for name, rule in demo["depends_on"].items() if rule["condition"] == "service_healthy"} == (
        SERVICE_CONTAINERS
    )
    assert demo["profiles"] == ["demo"]  # only with --profile demo
    assert demo["depends_on"]["prepare"] == {"condition": "service_completed_successfully"}


def test_the_demo_job_can_make_the_operator_key_it_prints(resolved: dict[str, Any]) -> None:
    """`lowe demo load` makes an operator's key in the gateway's database unless one is given in .env, and prints
    it (with the demo organisations' keys and curl commands that reach the published gateway)."""
    demo = resolved["services"]["demo"]
    assert (
        demo["environment"]["GATEWAY_DATABASE_URL"]
        == resolved["services"]["gateway"]["environment"]["GATEWAY_DATABASE_URL"]
    )
    assert demo["environment"]["LOWE_OPERATOR_KEY"] == ""  # none in the example .env: the job makes one
    command = demo["command"]
    assert command[command.index("--gateway") + 1] == "http://gateway:8000"
    assert command[command.index("--public-url") + 1] == "http://localhost:8000"


def test_the_image_is_multi_stage_pinned_non_root_and_runs_commands_in_exec_form() -> None:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", dockerfile, flags=re.MULTILINE)
    assert len(stages) == 2
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11\.\d+-slim-bookworm$", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^USER lowe:lowe$", dockerfile, flags=re.MULTILINE)
    for instruction in re.findall(r"^(?:CMD|ENTRYPOINT) (.+)$", dockerfile, flags=re.MULTILINE):
        assert instruction.startswith("["), f"shell form would keep SIGTERM from nameko: {instruction}"
    assert dockerfile.index("COPY requirements.txt") < dockerfile.index("COPY services/")


def _seconds(duration: str) -> float:
    match = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", str(duration))
    assert match, duration
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


@pytest.fixture
def two_services() -> Iterator[list[str]]:
    prefix = f"lowe_test_{uuid.uuid4().hex[:8]}"
    names = [f"{prefix}_a", f"{prefix}_b"]
    yield names
    connection = psycopg2.connect(POSTGRES_URL)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                cursor.execute(f'DROP ROLE IF EXISTS "{name}"')
    finally:
        connection.close()


def test_the_postgres_init_script_gives_each_service_a_user_and_a_database_only_it_may_enter(
    two_services: list[str],
) -> None:
    first, second = two_services
    environ = {
        **os.environ,
        "LOWE_SERVICES": " ".join(two_services),
        "POSTGRES_USER": os.environ.get("PGUSER", "postgres"),
        "PGHOST": "localhost",
        f"{first.upper()}_DB_PASSWORD": "Xq9-first-password",
        f"{second.upper()}_DB_PASSWORD": "Xq9-second-password",
    }
    done = subprocess.run(
        ["bash", str(ROOT / "deploy" / "postgres" / "init-databases.sh")], env=environ, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr

    with psycopg2.connect(host="localhost", dbname=first, user=first) as own, own.cursor() as cursor:
        cursor.execute("CREATE TABLE owned_here (id int)")  # its own database: it may create its tables
    with pytest.raises(psycopg2.OperationalError, match="permission denied"):
        psycopg2.connect(host="localhost", dbname=second, user=first)


def test_the_postgres_init_script_refuses_a_service_without_a_password(two_services: list[str]) -> None:
    environ = {**os.environ, "LOWE_SERVICES": two_services[0], "PGHOST": "localhost"}
    done = subprocess.run(
        ["bash", str(ROOT / "deploy" / "postgres" / "init-databases.sh")], env=environ, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert f"{two_services[0].upper()}_DB_PASSWORD is not set" in done.stderr
