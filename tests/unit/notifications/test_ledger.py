"""Recording notices: an inbox entry and a ledger row per channel, the digest's place, the inbox and ownership."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from lowe_notifications import admin_use_cases, use_cases
from lowe_notifications.model import NotificationNotFound, Preference
from lowe_notifications.model.notices import ORGANISATION_TYPES
from lowe_notifications.model.unsubscribe import InvalidToken, Unsubscribe, make_token, read_token
from lowe_notifications.model.webhooks import WebhookEndpoint
from lowe_notifications.repository import InboxQuery
from tests.unit.notifications.fakes import FakeUnitOfWork
from tests.unit.notifications.samples import CENTRE_ID, NOW, PARTNER_ID, matched_notice, verified_notice


def endpoint(owner: uuid.UUID = CENTRE_ID, types: list[str] | None = None, active: bool = True) -> WebhookEndpoint:
    return WebhookEndpoint(
        uuid.uuid4(), owner, "centre", "https://hooks.example.org/", "00" * 32, types or [], active, NOW
    )


def test_a_notice_becomes_an_inbox_entry_and_a_ledger_row_per_channel() -> None:
    uow = FakeUnitOfWork()
    hook = endpoint()
    uow.endpoints.add(hook)

    recorded = use_cases.notify([matched_notice()], uow, now=lambda: NOW)

    assert [(d.channel, d.target, d.status) for d in recorded] == [
        ("in_app", "", "sent"),
        ("email", "", "queued"),
        ("webhook", str(hook.id), "queued"),
    ]
    [entry] = uow.notifications.notifications
    assert (entry.id, entry.title, entry.recipient_id) == (
        recorded[0].id,
        "Nowa oferta (kurs): Excel dla seniorów",
        CENTRE_ID,
    )
    assert all(d.source_event_id == "event-1" for d in recorded)
    assert uow.committed and uow.queued_deliveries


def test_disabled_endpoints_and_endpoints_for_other_types_get_nothing() -> None:
    uow = FakeUnitOfWork()
    for hook in (endpoint(active=False), endpoint(types=["opportunity_withdrawn"]), endpoint(owner=PARTNER_ID)):
        uow.endpoints.add(hook)

    recorded = use_cases.notify([matched_notice()], uow, now=lambda: NOW)

    assert [d.channel for d in recorded] == ["in_app", "email"]


def test_a_digest_email_waits_for_the_recipients_hour_in_warsaw() -> None:
    uow = FakeUnitOfWork()

    recorded = use_cases.notify([matched_notice(mode="daily_digest")], uow, now=lambda: NOW)  # 12:32 in Warsaw

    email = next(d for d in recorded if d.channel == "email")
    assert email.digest_on == "2025-03-04"
    assert email.next_attempt_at == datetime(2025, 3, 4, 6, 0, tzinfo=UTC)  # 07:00 in Warsaw


def test_the_address_an_event_carries_is_kept_for_the_recipient() -> None:
    uow = FakeUnitOfWork()

    use_cases.notify([verified_notice(email="biuro@fundacja.pl")], uow, now=lambda: NOW)

    recipient = uow.recipients.get(PARTNER_ID)
    assert recipient is not None and (recipient.email, recipient.email_source) == ("biuro@fundacja.pl", "event")


def test_the_inbox_pages_newest_first_counts_unread_and_filters() -> None:
    uow = FakeUnitOfWork()
    for minute in range(5):
        use_cases.notify([matched_notice(f"event-{minute}")], uow, now=lambda m=minute: NOW + timedelta(minutes=m))
    use_cases.notify([matched_notice("other", centre_name="x")], uow, now=lambda: NOW)
    uow.notifications.notifications[0].read_at = NOW

    first = use_cases.read_inbox(InboxQuery(CENTRE_ID, limit=4), uow)
    second = use_cases.read_inbox(InboxQuery(CENTRE_ID, limit=4, after=first.next_cursor), uow)
    unread = use_cases.read_inbox(InboxQuery(CENTRE_ID, limit=10, unread_only=True), uow)

    assert [n.source_event_id for n in first.notifications] == ["event-4", "event-3", "event-2", "event-1"]
    assert [n.source_event_id for n in second.notifications] in (["event-0", "other"], ["other", "event-0"])
    assert second.next_cursor is None
    assert first.unread == 5 and len(unread.notifications) == 5


def test_marking_read_works_for_the_recipient_only() -> None:
    uow = FakeUnitOfWork()
    use_cases.notify([matched_notice()], uow, now=lambda: NOW)
    [entry] = uow.notifications.notifications

    with pytest.raises(NotificationNotFound):
        use_cases.mark_read(use_cases.MarkRead(PARTNER_ID, entry.id), uow)
    read = use_cases.mark_read(use_cases.MarkRead(CENTRE_ID, entry.id), uow, now=lambda: NOW)

    assert read.read_at == NOW


def test_unsubscribing_turns_only_email_off_for_that_type() -> None:
    uow = FakeUnitOfWork()
    uow.preferences.add(Preference(CENTRE_ID, "opportunity_matched", ["in_app", "email", "webhook"], "daily_digest"))

    admin_use_cases.unsubscribe(Unsubscribe(CENTRE_ID, "centre", "opportunity_matched"), uow, now=lambda: NOW)

    preference = uow.preferences.get(CENTRE_ID, "opportunity_matched")
    assert preference is not None and (preference.channels, preference.mode) == (["in_app", "webhook"], "daily_digest")
    assert uow.preferences.get(CENTRE_ID, "opportunity_withdrawn") is None


def test_the_digests_unsubscribe_link_turns_email_off_for_every_type() -> None:
    uow = FakeUnitOfWork()

    types = admin_use_cases.unsubscribe(Unsubscribe(CENTRE_ID, "centre", "*"), uow, now=lambda: NOW)

    assert types == list(ORGANISATION_TYPES)
    assert all("email" not in uow.preferences.get(CENTRE_ID, t).channels for t in types)  # type: ignore[union-attr]


def test_unsubscribe_tokens_are_signed() -> None:
    request = Unsubscribe(CENTRE_ID, "centre", "opportunity_matched")
    token = make_token(request, b"k" * 32)

    assert read_token(token, b"k" * 32) == request
    with pytest.raises(InvalidToken):
        read_token(token, b"j" * 32)
    with pytest.raises(InvalidToken):
        read_token(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], b"k" * 32)
    with pytest.raises(InvalidToken):
        read_token("garbage", b"k" * 32)


def test_a_webhook_secret_is_shown_once_and_stored_sealed() -> None:
    uow = FakeUnitOfWork()
    checked: list[str] = []
    cmd = admin_use_cases.RegisterWebhook(CENTRE_ID, "centre", "https://hooks.example.org/", [])

    registered = admin_use_cases.register_webhook(cmd, uow, _ReversingSealer(), checked.append, now=lambda: NOW)

    assert checked == ["https://hooks.example.org/"]
    assert registered.secret.startswith("whsec_")
    [stored] = uow.endpoints.endpoints
    assert registered.secret[6:] not in stored.secret_sealed


class _ReversingSealer:
    def seal(self, secret: bytes) -> str:
        return secret[::-1].hex()

    def unseal(self, sealed: str) -> bytes:
        return bytes.fromhex(sealed)[::-1]
