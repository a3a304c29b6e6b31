"""E-mails about portal accounts: one e-mail row in the ledger, sent by the dispatcher in the account's language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_notifications import dispatch
from lowe_notifications.account_messages import account_message, account_recipient_id, send_account_message
from tests.unit.notifications.fakes import FakeUnitOfWork, fake_channels

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LINK = "https://lowe.example/portal/invitation?token=abc"


def test_an_invitation_is_queued_then_sent_to_the_address_in_its_language() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    cmd = account_message("account_invited", "Ola@Example.pl", "en", LINK, "Fundacja Cyfrowa")

    delivery = send_account_message(cmd, uow, lambda: NOW)
    dispatch.dispatch_due(channels, uow, lambda: NOW)

    assert delivery.channel == "email" and delivery.recipient_id == account_recipient_id("ola@example.pl")
    assert delivery.data == {"link": LINK, "organisation_name": "Fundacja Cyfrowa"}
    [email] = channels.mailer.sent  # type: ignore[attr-defined]
    assert email.to == "Ola@Example.pl" and "invitation" in email.subject.lower()
    assert LINK in email.text and "Fundacja Cyfrowa" in email.text
    assert email.unsubscribe_url is None  # a message about the person's own account, not a subscription
    assert uow.deliveries.get(delivery.id).status == "sent"  # type: ignore[union-attr]


def test_a_reset_in_polish() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    send_account_message(account_message("password_reset", "a@example.pl", "pl", LINK, "LOWE"), uow, lambda: NOW)
    dispatch.dispatch_due(channels, uow, lambda: NOW)
    [email] = channels.mailer.sent  # type: ignore[attr-defined]
    assert "hasło" in email.subject.lower() and "godzinę" in email.text


@pytest.mark.parametrize(
    ("kind", "email", "language", "link"),
    [
        ("something_else", "a@example.pl", "pl", LINK),
        ("account_invited", "not an address", "pl", LINK),
        ("account_invited", "a@example.pl", "de", LINK),
        ("account_invited", "a@example.pl", "pl", "javascript:alert(1)"),
    ],
)
def test_bad_arguments_are_refused(kind: str, email: str, language: str, link: str) -> None:
    with pytest.raises(InvalidInput):
        account_message(kind, email, language, link, "LOWE")
