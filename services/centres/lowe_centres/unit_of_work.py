"""The centres service's unit of work: its repositories, its domain events, and the log that keeps every
replica's matching index consistent with what the transaction changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from lowe_backbone.database import UnitOfWorkProvider
from lowe_backbone.logs import get_logger
from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork
from lowe_centres.index_sync import Change, LiveMatchingIndex, log_index_changes, track_index_changes
from lowe_centres.integration import to_integration_event
from lowe_centres.repository import (
    SqlAlchemyCentreRepository,
    SqlAlchemyFeedRepository,
    SqlAlchemyOpportunityRepository,
    SqlAlchemyPartnerNameRepository,
    SqlAlchemySubscriptionRepository,
)

log = get_logger(__name__)


class CentresUnitOfWork(SqlAlchemyUnitOfWork):
    centres: SqlAlchemyCentreRepository
    subscriptions: SqlAlchemySubscriptionRepository
    opportunities: SqlAlchemyOpportunityRepository
    feed: SqlAlchemyFeedRepository
    partner_names: SqlAlchemyPartnerNameRepository

    def __init__(
        self,
        session_factory: Callable[[], Session],
        producer: str,
        correlation_id: str,
        on_events_committed: Callable[[], None] | None = None,
        matching_index: LiveMatchingIndex | None = None,
    ) -> None:
        """`matching_index` is the replica's, shared by its workers; without one, this unit of work keeps its own."""
        super().__init__(session_factory, producer, correlation_id, on_events_committed)
        self.matching_index = matching_index if matching_index is not None else LiveMatchingIndex()
        self._index_changes: set[Change] = set()

    def _open_repositories(self, session: Session) -> None:
        self._index_changes = track_index_changes(session)
        self.centres = SqlAlchemyCentreRepository(session, self.matching_index)
        self.subscriptions = SqlAlchemySubscriptionRepository(session, self.matching_index)
        self.opportunities = SqlAlchemyOpportunityRepository(session)
        self.feed = SqlAlchemyFeedRepository(session)
        self.partner_names = SqlAlchemyPartnerNameRepository(session)

    def _commit(self, mark_processed: bool) -> None:
        assert self.session is not None, "commit outside `with uow:`"
        self.session.flush()
        if self._index_changes:
            log_index_changes(self.session, self._index_changes)
            self._index_changes.clear()
        super()._commit(mark_processed)

    def rollback(self) -> None:
        self._index_changes.clear()
        super().rollback()

    def _collect_domain_events(self) -> list[tuple[str, int, dict[str, Any]]]:
        collected = []
        for entry in self.feed.seen:
            while entry.events:
                collected.append(to_integration_event(entry.events.pop(0)))
        return collected


class CentresUnitOfWorkProvider(UnitOfWorkProvider):
    """One matching index per replica, built in `setup()` and loaded in the background once the service starts, so
    the first opportunity does not wait for it (if that fails, the first match loads it)."""

    def setup(self) -> None:
        super().setup()
        self.matching_index = LiveMatchingIndex()

    def start(self) -> None:
        self.container.spawn_managed_thread(self._load_index)

    def _load_index(self) -> None:
        try:
            with self.session_factory() as session, self.matching_index.current(session) as index:
                log.info("matching index loaded", subscriptions=len(index), version=self.matching_index.version)
        except Exception as exc:  # the database may not be up yet: the first match tries again
            log.warning("matching index not loaded at start", error=repr(exc))

    def unit_of_work_options(self) -> dict[str, Any]:
        return {"matching_index": self.matching_index}
