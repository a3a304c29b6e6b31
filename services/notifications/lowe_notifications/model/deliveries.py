"""The delivery ledger: one row per (source event, recipient, channel, target), and what happened to it.

Statuses: `queued` (waiting for its first attempt, or for its digest), `sent` (the SMTP server or the webhook
receiver accepted it; an in-app notification is sent when stored), `retrying` (an attempt failed; the next one is
due at `next_attempt_at`), `failed` (cannot succeed as things are: no address, the endpoint disabled or gone, a
target refused by the URL checks — an operator may re-drive it), `dead` (every attempt failed).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

QUEUED = "queued"
SENT = "sent"
RETRYING = "retrying"
FAILED = "failed"
DEAD = "dead"
STATUSES = (QUEUED, SENT, RETRYING, FAILED, DEAD)
PENDING = (QUEUED, RETRYING)
MAX_ERROR_LENGTH = 2000


class DeliveryNotFound(Exception):
    pass


class NotRedrivable(Exception):
    """Only a failed or dead delivery is driven again."""


@dataclass(frozen=True)
class Outcome:
    """What one attempt gave: `ok`; else an error, `permanent` when retrying cannot help."""

    ok: bool
    error: str | None = None
    permanent: bool = False
    disable_endpoint: bool = False

    @classmethod
    def success(cls) -> Outcome:
        return cls(True)

    @classmethod
    def retry(cls, error: str) -> Outcome:
        return cls(False, error)

    @classmethod
    def give_up(cls, error: str, disable_endpoint: bool = False) -> Outcome:
        return cls(False, error, permanent=True, disable_endpoint=disable_endpoint)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: after attempt n it waits between half and all of base * 2^(n-1), capped."""

    max_attempts: int = 8
    base_seconds: float = 30.0
    cap_seconds: float = 6 * 3600.0
    jitter: Callable[[float], float] = field(default=lambda ceiling: random.uniform(ceiling / 2, ceiling))

    def delay(self, attempts: int) -> timedelta:
        ceiling = min(self.base_seconds * 2 ** max(attempts - 1, 0), self.cap_seconds)
        return timedelta(seconds=self.jitter(ceiling))


@dataclass(eq=False)
class Delivery:
    id: UUID
    source_event_id: str
    recipient_id: UUID
    recipient_type: str
    channel: str
    target: str  # the webhook endpoint's id; empty for the inbox and e-mail
    type: str
    data: dict[str, Any]
    status: str
    created_at: datetime
    updated_at: datetime
    next_attempt_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None
    sent_at: datetime | None = None
    digest_on: str | None = None  # the Europe/Warsaw date of the digest that carries it (ISO), or None
    digest_id: UUID | None = None  # the digest delivery that carried it
    locked_until: datetime | None = None
    lock_token: str | None = None

    @property
    def pending(self) -> bool:
        return self.status in PENDING

    def record(self, outcome: Outcome, at: datetime, policy: RetryPolicy) -> None:
        self.attempts += 1
        self.updated_at = at
        self.locked_until = None
        self.lock_token = None
        if outcome.ok:
            self.status, self.sent_at, self.last_error, self.next_attempt_at = SENT, at, None, None
            return
        self.last_error = (outcome.error or "failed")[:MAX_ERROR_LENGTH]
        if outcome.permanent:
            self.status, self.next_attempt_at = FAILED, None
        elif self.attempts >= policy.max_attempts:
            self.status, self.next_attempt_at = DEAD, None
        else:
            self.status, self.next_attempt_at = RETRYING, at + policy.delay(self.attempts)

    def cancel(self, reason: str, at: datetime) -> None:
        """Not to be sent any more (its session moved, its event was cancelled, its person erased)."""
        self.status, self.last_error, self.next_attempt_at, self.updated_at = FAILED, reason, None, at
        self.locked_until = None
        self.lock_token = None

    def delivered_in_digest(self, digest_id: UUID, at: datetime) -> None:
        self.digest_id = digest_id
        self.status, self.sent_at, self.updated_at = SENT, at, at

    def redrive(self, at: datetime) -> None:
        """A failed or dead delivery gets a fresh budget of attempts, due now."""
        if self.status not in (FAILED, DEAD):
            raise NotRedrivable(str(self.id))
        self.status, self.attempts, self.next_attempt_at, self.updated_at = QUEUED, 0, at, at
        self.locked_until = None
        self.lock_token = None
