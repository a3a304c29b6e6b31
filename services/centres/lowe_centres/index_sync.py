"""Keeps each replica's in-memory matching index consistent with the database.

Writers: a transaction that adds or changes subscriptions or centres bumps `index_version` (one row: its row lock
orders concurrent writers, so a version is only visible once every smaller one is) and logs in `index_changes` which
objects it touched, at its commit. Readers: before a replica matches, it reads the version (one indexed row) and,
when it moved, reloads just the objects logged since the version it holds, in the same transaction as the matching.
A replica that starts, or falls further behind than the log keeps, loads everything again.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from lowe_centres.matching_index import IndexedCentre, IndexedSubscription, MatchingIndex
from lowe_centres.model import Centre, Subscription
from lowe_centres.orm import centres, index_changes, index_version, subscriptions

KEEP_CHANGES = 10_000  # versions the change log keeps; a replica further behind than that reloads everything
PRUNE_EVERY = 1_000  # versions between two prunings of the log

_CAUGHT_UP = "lowe_centres.matching_index_caught_up"  # in Session.info: which index caught up in which transaction
Change = tuple[str, UUID]  # ("subscription" | "centre", its id)


class LiveMatchingIndex:
    """One per replica (process), shared by its workers; `current(session)` brings it up to date and holds it while
    the caller reads, so no worker sees it half-updated."""

    def __init__(self) -> None:
        self._index = MatchingIndex()
        self._version: int | None = None
        self._lock = threading.RLock()
        self.full_loads = 0

    @property
    def version(self) -> int | None:
        return self._version

    @contextmanager
    def current(self, session: Session) -> Iterator[MatchingIndex]:
        """Catches up once per transaction: matching asks the index twice (subscriptions, then recommendations)."""
        with self._lock:
            index, transaction = session.info.get(_CAUGHT_UP, (None, None))
            current = session.get_transaction()
            if index is not self or current is None or transaction() is not current:
                self._catch_up(session)
                session.info[_CAUGHT_UP] = (self, weakref.ref(session.get_transaction()))
            yield self._index

    def _catch_up(self, session: Session) -> None:
        version = session.execute(sa.select(index_version.c.version).where(index_version.c.id == 1)).scalar_one()
        if self._version == version:
            return
        if self._version is None or version < self._version:
            self._load_everything(session)
        else:
            logged = session.execute(
                sa.select(index_changes.c.version, index_changes.c.kind, index_changes.c.object_id).where(
                    index_changes.c.version > self._version, index_changes.c.version <= version
                )
            ).all()
            if len({row.version for row in logged}) < version - self._version:  # pruned before this replica read it
                self._load_everything(session)
            else:
                self._apply(session, {(row.kind, row.object_id) for row in logged})
        self._version = version

    def _load_everything(self, session: Session) -> None:
        self._index.load(
            (IndexedCentre.of(row) for row in session.execute(sa.select(centres))),
            (IndexedSubscription.of(row) for row in session.execute(sa.select(subscriptions))),
        )
        self.full_loads += 1
        # The records are long-lived and hold no cycles: keep the cyclic collector from walking all of them again
        # at every full collection (pauses of 100 ms and more at 100,000 subscriptions). Reference counting still
        # frees them when replaced.
        gc.freeze()

    def _apply(self, session: Session, changes: set[Change]) -> None:
        centre_ids = {object_id for kind, object_id in changes if kind == "centre"}
        subscription_ids = {object_id for kind, object_id in changes if kind == "subscription"}
        found_centres = {row.id: row for row in _rows(session, centres, centres.c.id, centre_ids)}
        for centre_id in centre_ids:
            row = found_centres.get(centre_id)
            self._index.put_centre(IndexedCentre.of(row)) if row is not None else self._index.remove_centre(centre_id)
        found = {row.id: row for row in _rows(session, subscriptions, subscriptions.c.id, subscription_ids)}
        for subscription_id in subscription_ids:
            row = found.get(subscription_id)
            if row is None:
                self._index.remove_subscription(subscription_id)
            else:
                self._index.put_subscription(IndexedSubscription.of(row))


def track_index_changes(session: Session) -> set[Change]:
    """What the session adds, changes or deletes among subscriptions and centres, collected at every flush."""
    changed: set[Change] = set()

    def collect(session: Session, _context: Any, _instances: Any) -> None:
        for instance in (*session.new, *session.deleted, *session.dirty):
            if isinstance(instance, Subscription | Centre) and (
                instance in session.new or instance in session.deleted or session.is_modified(instance)
            ):
                changed.add(("subscription" if isinstance(instance, Subscription) else "centre", instance.id))

    event.listen(session, "before_flush", collect)
    return changed


def log_index_changes(session: Session, changed: set[Change]) -> int:
    """Called in the writing transaction, just before its commit: returns the new version."""
    bump = (
        index_version.update()
        .where(index_version.c.id == 1)
        .values(version=index_version.c.version + 1)
        .returning(index_version.c.version)
    )
    version: int = session.execute(bump).scalar_one()
    at = datetime.now(UTC)
    session.execute(
        index_changes.insert(),
        [{"version": version, "kind": kind, "object_id": object_id, "changed_at": at} for kind, object_id in changed],
    )
    if version % PRUNE_EVERY == 0:
        session.execute(index_changes.delete().where(index_changes.c.version <= version - KEEP_CHANGES))
    return version


def _rows(session: Session, table: sa.Table, key: sa.Column[UUID], ids: set[UUID]) -> Iterable[Any]:
    return session.execute(sa.select(table).where(key.in_(ids))) if ids else ()
