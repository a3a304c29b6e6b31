"""Refuses to run with the example secrets of `.env.example` outside a demonstration.

An operator who copies `.env.example` and forgets a value must not end up with a network whose passwords are
printed in the project's own repository. Every value the example ships for a secret is listed here, and a test
checks the two stay in step.
"""

from __future__ import annotations

from collections.abc import Mapping

DEPLOYMENT_VARIABLE = "LOWE_DEPLOYMENT"
DEMO = "demo"
EXAMPLE_SECRETS = frozenset(
    {
        "change-me-rabbitmq",
        "change-me-rabbitmq-admin",
        "change-me-postgres",
        "change-me-partners",
        "change-me-centres",
        "change-me-events",
        "change-me-notifications",
        "change-me-gateway",
        "change-me-unsubscribe",
        "ZXhhbXBsZS1rZXktY2hhbmdlLW1lLWluLWRvdGVudiE=",
    }
)


class ExampleSecretsRefused(SystemExit):
    pass


def variables_with_example_secrets(environ: Mapping[str, str]) -> list[str]:
    """The names whose value is, or contains (a URL with a password), one of the example secrets."""
    return sorted(name for name, value in environ.items() if any(example in value for example in EXAMPLE_SECRETS))


def refuse_example_secrets(environ: Mapping[str, str]) -> None:
    if environ.get(DEPLOYMENT_VARIABLE, "").strip().lower() == DEMO:
        return
    found = variables_with_example_secrets(environ)
    if found:
        raise ExampleSecretsRefused(
            f"refusing to start: {', '.join(found)} still hold the example values of .env.example. "
            f"Set real secrets in .env (see its first lines), or {DEPLOYMENT_VARIABLE}=demo for a demonstration."
        )
