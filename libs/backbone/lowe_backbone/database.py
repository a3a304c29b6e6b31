"""Engines and the unit-of-work DependencyProvider: one session per worker, committed inside the entrypoint."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from nameko.extensions import DependencyProvider
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from lowe_backbone.context import correlation_id_of
from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork


def create_engine_for(url: str, pool_size: int = 10) -> sa.Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(parsed.database)), exist_ok=True)
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def is_postgresql(engine: sa.Engine) -> bool:
    return engine.dialect.name == "postgresql"


class UnitOfWorkProvider(DependencyProvider):
    """Gives each worker a fresh unit of work bound to the service's database.

    The engine is built in `setup()` from the `DATABASE_URL` config key; nothing connects at import.
    """

    def __init__(self, uow_class: type[SqlAlchemyUnitOfWork], start_mappers: Callable[[], None] | None = None):
        self.uow_class = uow_class
        self.start_mappers = start_mappers
        self.engine: sa.Engine | None = None
        self._open: dict[Any, SqlAlchemyUnitOfWork] = {}
        self._relays: list[Any] = []

    def setup(self) -> None:
        if self.start_mappers is not None:
            self.start_mappers()
        self.engine = create_engine_for(str(self.container.config["DATABASE_URL"]))
        self.session_factory = sessionmaker(bind=self.engine, expire_on_commit=False)
        from lowe_backbone.relay import OutboxRelay  # the relay builds on this module

        self._relays = [extension for extension in self.container.dependencies if isinstance(extension, OutboxRelay)]

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.dispose()

    def kill(self) -> None:
        self.stop()

    def unit_of_work_options(self) -> dict[str, Any]:
        """Hook for a service's own provider: more keyword arguments for its unit of work, built in `setup()`."""
        return {}

    def get_dependency(self, worker_ctx: Any) -> SqlAlchemyUnitOfWork:
        uow = self.uow_class(
            self.session_factory,
            producer=self.container.service_name,
            correlation_id=correlation_id_of(worker_ctx),
            on_events_committed=self._wake_relay,
            **self.unit_of_work_options(),
        )
        self._open[worker_ctx] = uow
        return uow

    def worker_teardown(self, worker_ctx: Any) -> None:
        uow = self._open.pop(worker_ctx, None)
        if uow is not None:
            uow.close()

    def _wake_relay(self) -> None:
        for relay in self._relays:
            relay.wake()
