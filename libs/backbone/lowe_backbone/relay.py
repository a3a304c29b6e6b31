"""The outbox relay: publishes committed events and marks them published only after the broker confirms.

On PostgreSQL the pending rows are claimed with `FOR UPDATE SKIP LOCKED`, so several replicas of a
service relay side by side without publishing the same row twice at once. SQLite (local, one replica)
reads and marks in separate short transactions, because a read snapshot there cannot be upgraded to a
write once another writer has committed.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import eventlet
import sqlalchemy as sa
from eventlet.queue import Full, LightQueue
from nameko.extensions import DependencyProvider

from lowe_backbone.database import create_engine_for, is_postgresql
from lowe_backbone.logs import get_logger
from lowe_backbone.publishing import ConfirmedPublisher, Unroutable
from lowe_backbone.sqltypes import UtcDateTime

log = get_logger(__name__)

_outbox = sa.table(
    "outbox",
    sa.column("id", sa.Integer),
    sa.column("event_id", sa.String),
    sa.column("event_type", sa.String),
    sa.column("exchange", sa.String),
    sa.column("correlation_id", sa.String),
    sa.column("payload", sa.Text),
    sa.column("published_at", UtcDateTime()),
    sa.column("attempts", sa.Integer),
    sa.column("last_error", sa.Text),
    sa.column("next_attempt_at", UtcDateTime()),
)
MAX_BACKOFF_SECONDS = 300.0


@dataclass
class Outcome:
    row_id: int
    attempts: int
    error: str | None = None
    backs_off: bool = True  # False when the broker was unreachable: the row itself was never refused


class OutboxRelayer:
    """The relay's work, independent of nameko so a command or a test can drive it."""

    def __init__(
        self,
        engine: sa.Engine,
        publisher: ConfirmedPublisher,
        batch_size: int = 100,
        backoff_base_seconds: float = 1.0,
    ) -> None:
        self.engine = engine
        self.publisher = publisher
        self.batch_size = batch_size
        self.backoff_base_seconds = backoff_base_seconds

    def relay_once(self) -> int:
        """Publishes one batch of the pending rows that are due; returns how many were published.

        A row that failed waits before its next attempt (doubling, at most 5 minutes), so events no queue takes
        yet (their consumer is not deployed) neither spin nor crowd newer events out of the batch.
        """
        now = datetime.now(UTC)
        pending = (
            sa.select(_outbox)
            .where(
                _outbox.c.published_at.is_(None),
                sa.or_(_outbox.c.next_attempt_at.is_(None), _outbox.c.next_attempt_at <= now),
            )
            .order_by(_outbox.c.id)
            .limit(self.batch_size)
        )
        if is_postgresql(self.engine):
            with self.engine.begin() as conn:
                rows = list(conn.execute(pending.with_for_update(skip_locked=True)).all())
                outcomes = self._publish(rows)
                self._record(conn, outcomes)
        else:
            with self.engine.connect() as conn:
                rows = list(conn.execute(pending).all())
                conn.rollback()
            outcomes = self._publish(rows)
            with self.engine.begin() as conn:
                self._record(conn, outcomes)
        return sum(1 for outcome in outcomes if outcome.error is None)

    def _publish(self, rows: list[Any]) -> list[Outcome]:
        outcomes = []
        for row in rows:
            try:
                self.publisher.publish(
                    row.payload,
                    exchange=row.exchange,
                    routing_key=row.event_type,
                    headers={"nameko.correlation_id": row.correlation_id, "event_type": row.event_type},
                    message_id=row.event_id,
                )
            except Unroutable as exc:
                log.warning("outbox_event_unroutable", event_id=row.event_id, event_type=row.event_type, error=str(exc))
                outcomes.append(Outcome(row.id, row.attempts, str(exc)))
                continue
            except Exception as exc:
                log.warning("outbox_publish_failed", event_id=row.event_id, event_type=row.event_type, error=repr(exc))
                outcomes.append(Outcome(row.id, row.attempts, repr(exc), backs_off=False))
                break  # the broker is unreachable: the rest stay pending for the next round
            log.info(
                "outbox_event_published",
                event_id=row.event_id,
                event_type=row.event_type,
                correlation_id=row.correlation_id,
            )
            outcomes.append(Outcome(row.id, row.attempts))
        return outcomes

    def _record(self, conn: sa.Connection, outcomes: list[Outcome]) -> None:
        now = datetime.now(UTC)
        published = [outcome.row_id for outcome in outcomes if outcome.error is None and outcome.backs_off]
        if published:  # the usual case, in one statement
            conn.execute(
                sa.update(_outbox)
                .where(_outbox.c.id.in_(published))
                .values(attempts=_outbox.c.attempts + 1, published_at=now, last_error=None, next_attempt_at=None)
            )
        for outcome in outcomes:
            if outcome.error is None and outcome.backs_off:
                continue
            values: dict[str, Any] = {"attempts": _outbox.c.attempts + 1}
            if not outcome.backs_off:
                # no per-row backoff for an outage: it would grow while the broker is down, and hold the row back
                # for minutes after it is up again
                values = {"last_error": (outcome.error or "")[:2000]}
            elif outcome.error is None:
                values.update(published_at=now, last_error=None, next_attempt_at=None)
            else:
                wait = min(self.backoff_base_seconds * 2**outcome.attempts, MAX_BACKOFF_SECONDS)
                values.update(last_error=outcome.error[:2000], next_attempt_at=now + timedelta(seconds=wait))
            conn.execute(sa.update(_outbox).where(_outbox.c.id == outcome.row_id).values(**values))

    def pending_count(self) -> int:
        """Every unpublished row, due or backing off."""
        with self.engine.connect() as conn:
            count = conn.execute(
                sa.select(sa.func.count()).select_from(_outbox).where(_outbox.c.published_at.is_(None))
            ).scalar_one()
        return int(count)


class OutboxRelay(DependencyProvider):
    """Runs the relay in a managed greenthread: after every commit that wrote events, and on a timer."""

    def setup(self) -> None:
        config = self.container.config
        self.interval = float(config.get("OUTBOX_POLL_INTERVAL", 1.0))
        self.engine = create_engine_for(str(config["DATABASE_URL"]), pool_size=2)
        self.publisher = ConfirmedPublisher(config["AMQP_URI"])
        backoff = float(config.get("OUTBOX_RETRY_BACKOFF", 1.0))
        self.relayer = OutboxRelayer(self.engine, self.publisher, backoff_base_seconds=backoff)
        self._wakeups: LightQueue = LightQueue(maxsize=1)
        self._running = False
        self._thread: Any = None

    def start(self) -> None:
        self._running = True
        self._thread = self.container.spawn_managed_thread(self._run, identifier="outbox_relay")

    def stop(self) -> None:
        self._running = False
        self.wake()
        if self._thread is not None:
            self._thread.wait()
        self.publisher.close()
        self.engine.dispose()

    def kill(self) -> None:
        self._running = False
        if self._thread is not None:
            self._thread.kill()
        self.publisher.close()

    def wake(self) -> None:
        with contextlib.suppress(Full):
            self._wakeups.put_nowait(True)

    def get_dependency(self, worker_ctx: Any) -> OutboxRelayer:
        return self.relayer

    def _run(self) -> None:
        failures = 0
        while self._running:
            try:
                published = self.relayer.relay_once()
                failures = 0
            except Exception:
                failures += 1
                log.exception("outbox_relay_round_failed", consecutive_failures=failures)
                published = 0
            if published >= self.relayer.batch_size:
                continue
            timeout = min(self.interval * (2 ** min(failures, 5)), 30.0)
            with contextlib.suppress(eventlet.queue.Empty):
                self._wakeups.get(timeout=timeout)
