"""Each service reports whether its own database and the broker answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from kombu import Connection
from nameko.extensions import DependencyProvider

from lowe_backbone.database import UnitOfWorkProvider

CHECK_TIMEOUT_SECONDS = 3


def check_database(engine: sa.Engine) -> dict[str, Any]:
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "up"}


def check_broker(amqp_uri: str) -> dict[str, Any]:
    try:
        with Connection(amqp_uri, connect_timeout=CHECK_TIMEOUT_SECONDS) as connection:
            connection.ensure_connection(max_retries=1, timeout=CHECK_TIMEOUT_SECONDS)
    except Exception as exc:
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "up"}


class HealthReport(DependencyProvider):
    def setup(self) -> None:
        self.amqp_uri = self.container.config["AMQP_URI"]

    def get_dependency(self, worker_ctx: Any) -> Callable[[], dict[str, Any]]:
        return self.report

    def report(self) -> dict[str, Any]:
        checks = {"broker": check_broker(self.amqp_uri)}
        for extension in self.container.dependencies:
            if isinstance(extension, UnitOfWorkProvider) and extension.engine is not None:
                checks["database"] = check_database(extension.engine)
        healthy = all(check["status"] == "up" for check in checks.values())
        return {"service": self.container.service_name, "status": "up" if healthy else "down", "checks": checks}
