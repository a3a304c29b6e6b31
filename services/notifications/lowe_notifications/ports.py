"""What the dispatcher needs from the outside world: implemented by nameko dependency providers in the service
(`mailer.py`, `webhook_client.py`, `secret_box.py`, the RPC directory) and by fakes in the unit tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from lowe_notifications.model import RetryPolicy


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str
    language: str
    message_id: str  # the delivery's id: the same on every attempt
    unsubscribe_url: str | None = None


class MailError(Exception):
    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Mailer(Protocol):
    def send(self, email: Email) -> None: ...


class WebhookError(Exception):
    """The request did not get an answer (refused, reset, timed out)."""


class WebhookClient(Protocol):
    def post(self, url: str, headers: dict[str, str], body: str) -> int:
        """The status code; raises `targets.UnsafeTarget` for a refused address, `WebhookError` for no answer."""
        ...


class Sealer(Protocol):
    def seal(self, secret: bytes) -> str: ...
    def unseal(self, sealed: str) -> bytes: ...


class DirectoryUnavailable(Exception):
    pass


class Directory(Protocol):
    def email_of(self, recipient_type: str, recipient_id: UUID) -> str | None:
        """The organisation's e-mail as its owning service knows it; `DirectoryUnavailable` when it cannot say."""
        ...

    def participant_email(self, centre_id: UUID, event_id: UUID, registration_id: UUID) -> str | None:
        """The e-mail a participant gave, read from the events service at the time of sending (never kept)."""
        ...


class Links(Protocol):
    def unsubscribe_url(self, recipient_id: UUID, recipient_type: str, notification_type: str) -> str: ...


@dataclass(frozen=True)
class Channels:
    mailer: Mailer
    webhooks: WebhookClient
    sealer: Sealer
    directory: Directory
    links: Links
    policy: RetryPolicy
