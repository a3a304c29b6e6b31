"""Structured logging: JSON lines outside a terminal, readable lines in one."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

_configured = False
# API keys (`lowe_` and 43 URL-safe characters) and the values of `token=` (unsubscribe links) in query strings
_SECRETS = re.compile(r"(lowe_)[A-Za-z0-9_-]{16,}|((?:^|[?&\s])(?:token|api_key|key|access_token)=)[^&\s\"]+")


def redact_secrets(text: str) -> str:
    """No log line carries a key or a link's token, whoever sent it where it should not be."""
    return _SECRETS.sub(lambda found: (found.group(1) or found.group(2)) + "[redacted]", text)


def configure_logging(service: str, level: str = "INFO", json_output: bool | None = None) -> None:
    """Routes structlog and the standard library (nameko, kombu, alembic) through one renderer."""
    global _configured
    if _configured:
        return
    _configured = True
    if json_output is None:
        json_output = not sys.stderr.isatty()
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_service(service),
    ]
    renderer: Any = structlog.processors.JSONRenderer() if json_output else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            _redact,
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("amqp", "kombu", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _add_service(service: str) -> Any:
    def processor(_logger: Any, _name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
        event_dict.setdefault("service", service)
        return event_dict

    return processor


def _redact(_logger: Any, _name: str, event_dict: MutableMapping[str, Any]) -> dict[str, Any]:
    return {name: redact_secrets(value) if isinstance(value, str) else value for name, value in event_dict.items()}


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)
