"""Base unit of work: one transaction holds the domain change, its outbox rows and the processed-event mark."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_backbone.contracts.registry import validated_payload
from lowe_backbone.envelope import Envelope
from lowe_backbone.sqltypes import UtcDateTime

_outbox = sa.table(
    "outbox",
    sa.column("event_id", sa.String),
    sa.column("event_type", sa.String),
    sa.column("exchange", sa.String),
    sa.column("correlation_id", sa.String),
    sa.column("payload", sa.Text),
    sa.column("created_at", UtcDateTime()),
    sa.column("attempts", sa.Integer),
)
_processed = sa.table(
    "processed_events",
    sa.column("event_id", sa.String),
    sa.column("handler", sa.String),
    sa.column("processed_at", UtcDateTime()),
)


def event_exchange(producer: str) -> str:
    """Same naming as nameko's `EventHandler`, so its queues bind to what the relay publishes."""
    return f"{producer}.events"


class SqlAlchemyUnitOfWork:
    """Subclasses add repositories in `_open_repositories` and turn domain events into outbox rows."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        producer: str,
        correlation_id: str,
        on_events_committed: Callable[[], None] | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.producer = producer
        self.correlation_id = correlation_id
        self.on_events_committed = on_events_committed
        # (event id, handler) of the events this unit of work handles: marked processed by its commit
        self.processing: list[tuple[str, str]] = []
        self.session: Session | None = None
        self._pending_events: list[Envelope] = []

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        self.session = self.session_factory()
        self._pending_events = []
        self._open_repositories(self.session)
        return self

    def __exit__(self, *exc_info: object) -> None:
        # detach first so what a use case returns stays readable after the session ends
        if self.session is not None:
            self.session.expunge_all()
        self.rollback()
        self.close()

    def _open_repositories(self, session: Session) -> None:
        """Hook for subclasses."""

    def _collect_domain_events(self) -> list[tuple[str, int, dict[str, Any]]]:
        """Hook for subclasses: (event type, version, data) for every domain event raised since the last commit."""
        return []

    def emit(self, event_type: str, version: int, data: dict[str, Any]) -> Envelope:
        payload = validated_payload(self.producer, event_type, version, data)
        envelope = Envelope(
            type=event_type,
            version=version,
            producer=self.producer,
            correlation_id=self.correlation_id,
            data=payload,
        )
        self._pending_events.append(envelope)
        return envelope

    def commit(self) -> None:
        self._commit(mark_processed=True)

    def commit_progress(self) -> None:
        """Commits what is done so far without marking the event processed: a redelivery after a crash resumes the
        work (the use case must skip what is already there) instead of being skipped as a duplicate."""
        self._commit(mark_processed=False)

    def _commit(self, mark_processed: bool) -> None:
        assert self.session is not None, "commit outside `with uow:`"
        for event_type, version, data in self._collect_domain_events():
            self.emit(event_type, version, data)
        now = datetime.now(UTC)
        if self._pending_events:
            self.session.execute(
                _outbox.insert(), [self._outbox_row(envelope, now) for envelope in self._pending_events]
            )
        if mark_processed and self.processing:
            rows = [
                {"event_id": event_id, "handler": handler, "processed_at": now} for event_id, handler in self.processing
            ]
            self.session.execute(_processed.insert(), rows)
        self.session.commit()
        wrote_events = bool(self._pending_events)
        self._pending_events = []
        if wrote_events and self.on_events_committed is not None:
            self.on_events_committed()

    @staticmethod
    def _outbox_row(envelope: Envelope, now: datetime) -> dict[str, Any]:
        return {
            "event_id": envelope.event_id,
            "event_type": envelope.type,
            "exchange": event_exchange(envelope.producer),
            "correlation_id": envelope.correlation_id,
            "payload": json.dumps(envelope.to_message()),
            "created_at": now,
            "attempts": 0,
        }

    def rollback(self) -> None:
        self._pending_events = []
        if self.session is not None:
            self.session.rollback()

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def already_processed(self, event_id: str, handler: str) -> bool:
        return bool(self.processed_among([event_id], handler))

    def processed_among(self, event_ids: list[str], handler: str) -> set[str]:
        """Which of these events the handler already processed: one query for a whole batch."""
        with self.session_factory() as session:
            rows = session.execute(
                sa.select(_processed.c.event_id).where(
                    _processed.c.event_id.in_(event_ids), _processed.c.handler == handler
                )
            )
            return {row.event_id for row in rows}
