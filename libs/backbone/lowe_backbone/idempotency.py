"""Runs a use case at most once per (event, handler), in the same transaction as its effects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import structlog
from sqlalchemy.exc import IntegrityError

from lowe_backbone.envelope import load_envelope
from lowe_backbone.logs import get_logger
from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork

log = get_logger(__name__)
UoW = TypeVar("UoW", bound=SqlAlchemyUnitOfWork)


def run_once(uow: UoW, event_id: str, handler: str, use_case: Callable[[UoW], Any]) -> bool:
    """False when this handler already processed the event; the use case must call `uow.commit()`."""
    if uow.already_processed(event_id, handler):
        log.info("duplicate_event_skipped", event_id=event_id, handler=handler)
        return False
    uow.processing = [(event_id, handler)]
    try:
        use_case(uow)
    except IntegrityError:
        # a concurrent delivery of the same event committed first
        if uow.already_processed(event_id, handler):
            log.info("duplicate_event_skipped", event_id=event_id, handler=handler, concurrent=True)
            return False
        raise
    return True


def process_event(uow: UoW, message: dict[str, Any], handler: str, apply: Callable[[dict[str, Any], UoW], Any]) -> bool:
    """The body of every event handler: validate the envelope, tag the log context, then `apply` it at most once.

    `apply(envelope, uow)` reads the envelope's `data` with the consumer's own schema and runs the use case.
    """
    envelope = load_envelope(message)
    structlog.contextvars.bind_contextvars(event_id=envelope["event_id"], event_type=envelope["type"])
    return run_once(uow, envelope["event_id"], handler, lambda unit: apply(envelope, unit))


def process_events(
    uow: UoW,
    messages: list[dict[str, Any]],
    handler: str,
    apply_batch: Callable[[list[dict[str, Any]], UoW], Any],
) -> int:
    """The body of a batched handler: `apply_batch(envelopes, uow)` runs once for the events of the batch this
    handler has not processed yet (in one transaction, which marks them all); returns how many those were.

    An invalid envelope fails the whole batch, whose messages are then handled one by one (see `batching`), so the
    bad one alone goes to the dead-letter queue. A concurrent delivery of one of the events that commits first makes
    this commit fail the same way, and the one-by-one pass skips it."""
    envelopes: dict[str, dict[str, Any]] = {}
    for message in messages:
        envelope = load_envelope(message)
        envelopes.setdefault(envelope["event_id"], envelope)
    done = uow.processed_among(list(envelopes), handler)
    fresh = [envelope for event_id, envelope in envelopes.items() if event_id not in done]
    if done:
        log.info("duplicate_events_skipped", event_ids=sorted(done), handler=handler)
    if not fresh:
        return 0
    structlog.contextvars.bind_contextvars(
        event_type=fresh[0]["type"],
        event_ids=[envelope["event_id"] for envelope in fresh],
        correlation_ids=sorted({str(envelope.get("correlation_id")) for envelope in fresh}),
    )
    uow.processing = [(envelope["event_id"], handler) for envelope in fresh]
    apply_batch(fresh, uow)
    return len(fresh)
