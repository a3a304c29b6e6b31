"""Per-worker context: the correlation id that follows a flow across services, bound into every log line."""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from nameko.extensions import DependencyProvider

from lowe_backbone.logs import configure_logging

CORRELATION_KEY = "correlation_id"


def correlation_id_of(worker_ctx: Any) -> str:
    """The flow's correlation id; nameko propagates `worker_ctx.data` over RPC and events as headers."""
    value = worker_ctx.data.get(CORRELATION_KEY)
    if not value:
        value = str(uuid.uuid4())
        worker_ctx.data[CORRELATION_KEY] = value
    return str(value)


class FlowContext(DependencyProvider):
    """Binds service, entrypoint and correlation id to the structlog context of each worker.

    Returns the correlation id so a service can hand it to the events it writes.
    """

    def setup(self) -> None:
        config = self.container.config
        configure_logging(self.container.service_name, str(config.get("LOG_LEVEL", "INFO")))

    def worker_setup(self, worker_ctx: Any) -> None:
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(
            correlation_id=correlation_id_of(worker_ctx),
            entrypoint=worker_ctx.entrypoint.method_name,
        )

    def get_dependency(self, worker_ctx: Any) -> str:
        return correlation_id_of(worker_ctx)

    def worker_teardown(self, worker_ctx: Any) -> None:
        structlog.contextvars.clear_contextvars()
