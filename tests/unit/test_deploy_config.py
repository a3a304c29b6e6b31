"""The services' YAML config files: every value comes from the environment, with safe local defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from nameko.cli.main import setup_yaml_parser

CONFIG_DIR = Path(__file__).resolve().parents[2] / "deploy" / "config"


def load(name: str) -> dict[str, object]:
    setup_yaml_parser()
    return dict(yaml.safe_load((CONFIG_DIR / f"{name}.yaml").read_text()))


@pytest.mark.parametrize("service", ["partners", "centres", "notifications", "events"])
def test_each_service_defaults_to_its_own_sqlite_database_and_the_local_broker(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("AMQP_URI", f"{service.upper()}_DATABASE_URL", "RETRY_DELAYS_MS"):
        monkeypatch.delenv(variable, raising=False)
    config = load(service)
    assert config["DATABASE_URL"] == f"sqlite:///var/{service}.db"
    assert config["AMQP_URI"] == "amqp://guest:guest@localhost:5672/"
    assert config["RETRY_DELAYS_MS"] == "1000,5000,30000"
    assert config["HEARTBEAT"] == 10


def test_environment_values_are_taken_as_strings_never_reparsed_as_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERS_DATABASE_URL", "postgresql://lowe:0123@db/partners")
    monkeypatch.setenv("AMQP_URI", "amqp://lowe:no@broker:5672/lowe")
    monkeypatch.setenv("LOG_LEVEL", "off")
    config = load("partners")
    assert config["DATABASE_URL"] == "postgresql://lowe:0123@db/partners"
    assert config["AMQP_URI"] == "amqp://lowe:no@broker:5672/lowe"
    assert config["LOG_LEVEL"] == "off"


def test_the_gateway_listens_on_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GATEWAY_ADDRESS", raising=False)
    assert load("gateway")["WEB_SERVER_ADDRESS"] == "127.0.0.1:8000"


@pytest.mark.parametrize("service", ["partners", "centres", "notifications", "events"])
def test_each_service_takes_its_event_queue_type_from_the_environment(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EVENT_QUEUE_TYPE", raising=False)
    assert load(service)["EVENT_QUEUE_TYPE"] == "classic"
    monkeypatch.setenv("EVENT_QUEUE_TYPE", "quorum")
    assert load(service)["EVENT_QUEUE_TYPE"] == "quorum"


def test_the_gateway_keeps_its_keys_in_its_own_database_and_counts_in_memory_unless_given_redis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("GATEWAY_DATABASE_URL", "REDIS_URL", "RATE_LIMIT", "RATE_WINDOW"):
        monkeypatch.delenv(variable, raising=False)
    config = load("gateway")
    assert config["DATABASE_URL"] == "sqlite:///var/gateway.db"
    assert (config["RATE_LIMIT"], config["RATE_WINDOW"]) == (600, 60)
    assert not config["REDIS_URL"]
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/0")
    assert load("gateway")["REDIS_URL"] == "redis://cache:6379/0"
