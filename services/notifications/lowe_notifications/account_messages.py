"""E-mails about a person's portal account (an invitation, a password reset), asked for by the gateway.

The message is one row of the delivery ledger on the e-mail channel, so the dispatcher sends it with its retries.
Its recipient is the account's address (a recipient of type `account`, its id derived from the address), not an
organisation: the address is the one the gateway gives, in the language it gives. The link (with its one-time
token) is kept in the row's data only until the row is sent or given up; it is never logged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from lowe_backbone.errors import InvalidInput
from lowe_notifications.model import EMAIL, Delivery
from lowe_notifications.model.deliveries import QUEUED
from lowe_notifications.model.notices import ACCOUNT
from lowe_notifications.model.preferences import FROM_PREFERENCES, LANGUAGES, Recipient
from lowe_notifications.use_cases import Clock, UnitOfWork, utc_now

ACCOUNT_MESSAGES = ("account_invited", "password_reset")
_ACCOUNT_NAMESPACE = uuid.UUID("0e3f6c1a-94a5-4f0e-8f33-6b1f3a9d2c70")
MAX_LINK_LENGTH = 2000


@dataclass(frozen=True)
class AccountMessage:
    kind: str
    email: str
    language: str
    link: str
    organisation_name: str


def account_message(kind: Any, email: Any, language: Any, link: Any, organisation_name: Any) -> AccountMessage:
    """The RPC's arguments, checked: a known kind, an address, pl or en, an http(s) link."""
    problems: dict[str, list[str]] = {}
    if kind not in ACCOUNT_MESSAGES:
        problems["kind"] = [f"Must be one of {', '.join(ACCOUNT_MESSAGES)}."]
    if not isinstance(email, str) or "@" not in email or len(email) > 320:
        problems["email"] = ["Not an e-mail address."]
    if language not in LANGUAGES:
        problems["language"] = ["Must be pl or en."]
    if not isinstance(link, str) or not link.startswith(("https://", "http://")) or len(link) > MAX_LINK_LENGTH:
        problems["link"] = ["Not an http(s) link."]
    if not isinstance(organisation_name, str) or not organisation_name.strip():
        problems["organisation_name"] = ["Missing."]
    if problems:
        raise InvalidInput("The account message is not valid.", problems)
    return AccountMessage(str(kind), str(email).strip(), str(language), str(link), str(organisation_name).strip())


def account_recipient_id(email: str) -> uuid.UUID:
    return uuid.uuid5(_ACCOUNT_NAMESPACE, email.strip().lower())


def send_account_message(cmd: AccountMessage, uow: UnitOfWork, now: Clock = utc_now) -> Delivery:
    """Queues the e-mail (the dispatcher is woken after the commit)."""
    with uow:
        at = now()
        recipient_id = account_recipient_id(cmd.email)
        recipient = uow.recipients.get(recipient_id)
        if recipient is None:
            recipient = Recipient(recipient_id, ACCOUNT, cmd.language, uow.default_digest_hour, at)
            uow.recipients.add(recipient)
        recipient.language = cmd.language
        recipient.learn_email(cmd.email, FROM_PREFERENCES, at)
        delivery = Delivery(
            id=uuid.uuid4(),
            source_event_id=f"account:{uuid.uuid4()}",
            recipient_id=recipient_id,
            recipient_type=ACCOUNT,
            channel=EMAIL,
            target="",
            type=cmd.kind,
            data={"link": cmd.link, "organisation_name": cmd.organisation_name},
            status=QUEUED,
            created_at=at,
            updated_at=at,
            next_attempt_at=at,
        )
        uow.deliveries.add(delivery)
        uow.queued_deliveries = True
        uow.commit()
        return delivery
