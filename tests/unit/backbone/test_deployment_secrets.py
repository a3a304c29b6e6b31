"""The services refuse the example secrets of .env.example, except in a demonstration."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowe_backbone.deployment import EXAMPLE_SECRETS, ExampleSecretsRefused, refuse_example_secrets

ENV_EXAMPLE = Path(__file__).resolve().parents[3] / ".env.example"
SECRET_WORDS = ("PASSWORD", "KEY")


def example_values() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_every_secret_the_example_ships_is_recognised_as_an_example() -> None:
    secrets = {name: value for name, value in example_values().items() if any(w in name for w in SECRET_WORDS)}
    given = {name: value for name, value in secrets.items() if value}  # an empty SMTP password is no secret

    assert len(given) >= 9
    assert set(given.values()) <= EXAMPLE_SECRETS


def test_a_service_refuses_to_start_naming_each_variable_left_at_its_example_value() -> None:
    environ = {
        "AMQP_URI": "amqp://lowe:change-me-rabbitmq@rabbitmq:5672/lowe",
        "CENTRES_DATABASE_URL": "postgresql+psycopg2://centres:s3cret-and-long@postgres/centres",
        "UNSUBSCRIBE_KEY": "change-me-unsubscribe",
    }

    with pytest.raises(ExampleSecretsRefused, match="AMQP_URI, UNSUBSCRIBE_KEY still hold the example values"):
        refuse_example_secrets(environ)


@pytest.mark.parametrize("deployment", ["demo", "DEMO", " demo "])
def test_a_demonstration_may_run_on_the_example_secrets(deployment: str) -> None:
    refuse_example_secrets({"LOWE_DEPLOYMENT": deployment, "UNSUBSCRIBE_KEY": "change-me-unsubscribe"})


def test_real_secrets_pass_in_production() -> None:
    refuse_example_secrets({"LOWE_DEPLOYMENT": "production", "UNSUBSCRIBE_KEY": "Vq3pZ1X-Yk8S2w0rTbLd4nQ"})
