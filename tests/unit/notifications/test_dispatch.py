"""The dispatcher: sent only once accepted; retries with backoff, then dead; 3xx and 410; digests; re-drive."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from lowe_notifications import admin_use_cases, dispatch, use_cases
from lowe_notifications.model import Delivery, NotRedrivable, Preference, Recipient, RetryPolicy
from lowe_notifications.model.webhooks import WebhookEndpoint, verify
from lowe_notifications.ports import MailError, WebhookError
from lowe_notifications.targets import UnsafeTarget
from tests.unit.notifications.fakes import FakeDirectory, FakeUnitOfWork, FakeWebhooks, fake_channels
from tests.unit.notifications.samples import CENTRE_ID, NOW, matched_notice

SECRET = bytes(range(32))


def centre_with_email(uow: FakeUnitOfWork, preference_channels: list[str] | None = None) -> None:
    uow.recipients.add(Recipient(CENTRE_ID, "centre", "pl", 7, NOW, "radom@lowe.pl", "preferences"))
    if preference_channels is not None:
        uow.preferences.add(Preference(CENTRE_ID, "opportunity_matched", preference_channels, "instant"))


def email_of(uow: FakeUnitOfWork) -> Delivery:
    return next(d for d in uow.deliveries.deliveries if d.channel == "email" and d.type == "opportunity_matched")


def test_an_email_is_sent_after_the_commit_and_marked_sent() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    centre_with_email(uow)
    use_cases.notify([matched_notice()], uow, now=lambda: NOW)

    assert dispatch.dispatch_due(channels, uow, now=lambda: NOW) == 1

    [email] = channels.mailer.sent  # type: ignore[attr-defined]
    assert (email.to, email.subject, email.language) == (
        "radom@lowe.pl",
        "Nowa oferta (kurs): Excel dla seniorów",
        "pl",
    )
    assert email.unsubscribe_url and "opportunity_matched" in email.unsubscribe_url
    delivery = email_of(uow)
    assert (delivery.status, delivery.attempts, delivery.sent_at, delivery.lock_token) == ("sent", 1, NOW, None)
    assert dispatch.dispatch_due(channels, uow, now=lambda: NOW + timedelta(hours=1)) == 0


def test_a_failed_attempt_retries_with_backoff_then_dies() -> None:
    failures = [MailError("421 try later") for _ in range(3)]
    uow, channels = FakeUnitOfWork(), fake_channels()
    channels.mailer.failures.extend(failures)  # type: ignore[attr-defined]
    centre_with_email(uow)
    use_cases.notify([matched_notice()], uow, now=lambda: NOW)

    dispatch.dispatch_due(channels, uow, now=lambda: NOW)
    delivery = email_of(uow)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("retrying", 1, "421 try later")
    assert delivery.next_attempt_at == NOW + timedelta(seconds=10)
    assert dispatch.dispatch_due(channels, uow, now=lambda: NOW + timedelta(seconds=9)) == 0  # not yet due

    dispatch.dispatch_due(channels, uow, now=lambda: NOW + timedelta(seconds=10))
    assert (delivery.status, delivery.next_attempt_at) == ("retrying", NOW + timedelta(seconds=30))
    dispatch.dispatch_due(channels, uow, now=lambda: NOW + timedelta(seconds=30))

    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("dead", 3, None)


def test_backoff_doubles_is_capped_and_jittered() -> None:
    policy = RetryPolicy(max_attempts=10, base_seconds=30, cap_seconds=300)
    delays = [policy.delay(n).total_seconds() for n in range(1, 7)]

    assert [15 <= delays[0] <= 30, 30 <= delays[1] <= 60, 60 <= delays[2] <= 120] == [True] * 3
    assert all(150 <= d <= 300 for d in delays[4:])
    assert len({policy.delay(3) for _ in range(20)}) > 1  # jitter


def test_a_permanent_refusal_fails_at_once() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    channels.mailer.failures.append(MailError("550 no such user", permanent=True))  # type: ignore[attr-defined]
    centre_with_email(uow)
    use_cases.notify([matched_notice()], uow, now=lambda: NOW)

    dispatch.dispatch_due(channels, uow, now=lambda: NOW)

    assert (email_of(uow).status, email_of(uow).last_error) == ("failed", "550 no such user")


def test_an_unknown_address_is_looked_up_once_and_kept() -> None:
    uow = FakeUnitOfWork()
    channels = fake_channels(directory=FakeDirectory({CENTRE_ID: "sekretariat@lowe-radom.pl"}))
    use_cases.notify([matched_notice("e1"), matched_notice("e2")], uow, now=lambda: NOW)
    channels.directory.emails.clear()  # type: ignore[attr-defined]
    channels.directory.emails[CENTRE_ID] = "sekretariat@lowe-radom.pl"  # type: ignore[attr-defined]

    dispatch.dispatch_due(channels, uow, now=lambda: NOW)

    assert [e.to for e in channels.mailer.sent] == ["sekretariat@lowe-radom.pl"] * 2  # type: ignore[attr-defined]
    recipient = uow.recipients.get(CENTRE_ID)
    assert recipient is not None and (recipient.email, recipient.email_source) == (
        "sekretariat@lowe-radom.pl",
        "lookup",
    )


def test_no_address_fails_and_an_unanswered_lookup_retries() -> None:
    uow = FakeUnitOfWork()
    use_cases.notify([matched_notice("e1")], uow, now=lambda: NOW)

    dispatch.dispatch_due(fake_channels(directory=FakeDirectory(down=True)), uow, now=lambda: NOW)
    assert email_of(uow).status == "retrying"
    dispatch.dispatch_due(fake_channels(), uow, now=lambda: NOW + timedelta(minutes=1))

    assert (email_of(uow).status, email_of(uow).last_error) == ("failed", "no e-mail address for the recipient")


def test_email_turned_off_after_queueing_is_not_sent() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    use_cases.notify([matched_notice()], uow, now=lambda: NOW)
    centre_with_email(uow, preference_channels=["in_app"])

    dispatch.dispatch_due(channels, uow, now=lambda: NOW)

    assert channels.mailer.sent == [] and email_of(uow).status == "failed"  # type: ignore[attr-defined]


def webhook_setup(*answers: int | Exception) -> tuple[FakeUnitOfWork, FakeWebhooks, Delivery, WebhookEndpoint]:
    uow, hooks = FakeUnitOfWork(), FakeWebhooks(list(answers))
    hook = WebhookEndpoint(
        uuid.uuid4(), CENTRE_ID, "centre", "https://hooks.example.org/in", SECRET.hex(), [], True, NOW
    )
    uow.endpoints.add(hook)
    uow.preferences.add(Preference(CENTRE_ID, "opportunity_matched", ["webhook"], "instant"))
    [delivery] = use_cases.notify([matched_notice()], uow, now=lambda: NOW)
    return uow, hooks, delivery, hook


def test_a_webhook_is_signed_and_a_2xx_is_success() -> None:
    uow, hooks, delivery, _ = webhook_setup(200)

    dispatch.dispatch_due(fake_channels(webhooks=hooks), uow, now=lambda: NOW)

    [(url, headers, body)] = hooks.posted
    assert url == "https://hooks.example.org/in"
    assert headers["webhook-id"] == f"msg_{delivery.id.hex}"
    assert headers["webhook-timestamp"] == str(int(NOW.timestamp()))
    assert verify(SECRET, headers["webhook-id"], int(headers["webhook-timestamp"]), body, headers["webhook-signature"])
    assert '"type":"opportunity_matched"' in body
    assert delivery.status == "sent"


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (500, "HTTP 500"),
        (302, "HTTP 302 (redirects are not followed)"),
        (WebhookError("ReadTimeout: timed out"), "ReadTimeout: timed out"),
    ],
)
def test_a_webhook_failure_retries_with_the_same_id(answer: int | Exception, error: str) -> None:
    uow, hooks, delivery, _ = webhook_setup(answer, 204)

    dispatch.dispatch_due(fake_channels(webhooks=hooks), uow, now=lambda: NOW)
    assert (delivery.status, delivery.last_error) == ("retrying", error)
    dispatch.dispatch_due(fake_channels(webhooks=hooks), uow, now=lambda: NOW + timedelta(minutes=1))

    assert delivery.status == "sent"
    assert hooks.posted[0][1]["webhook-id"] == hooks.posted[1][1]["webhook-id"]


def test_a_410_disables_the_endpoint_and_fails_the_delivery() -> None:
    uow, hooks, delivery, hook = webhook_setup(410)

    dispatch.dispatch_due(fake_channels(webhooks=hooks), uow, now=lambda: NOW)

    assert delivery.status == "failed" and "410" in (delivery.last_error or "")
    assert (hook.active, hook.disabled_reason) == (False, "gone")
    assert [d.channel for d in use_cases.notify([matched_notice("next")], uow)] == []


def test_a_target_refused_at_send_fails_without_sending() -> None:
    uow, hooks, delivery, _ = webhook_setup(UnsafeTarget("hooks.example.org resolves to an internal address"))

    dispatch.dispatch_due(fake_channels(webhooks=hooks), uow, now=lambda: NOW)

    assert delivery.status == "failed" and "internal address" in (delivery.last_error or "")


def test_digest_items_go_out_together_once_per_recipient_per_day() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    centre_with_email(uow)
    at_digest = datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
    for n in range(3):
        use_cases.notify([matched_notice(f"e{n}", mode="daily_digest", title=f"T{n}")], uow, now=lambda: NOW)

    assert dispatch.assemble_digests(uow, now=lambda: at_digest - timedelta(seconds=1)) == 0
    assert dispatch.assemble_digests(uow, now=lambda: at_digest) == 3
    dispatch.dispatch_due(channels, uow, now=lambda: at_digest)

    [email] = channels.mailer.sent  # type: ignore[attr-defined]
    assert email.subject == "Dzienne podsumowanie z 2025-03-04: 3 wiadomości"
    assert [line for line in email.text.splitlines() if line.startswith("- ")] == [
        f"- Nowa oferta (kurs): T{n}" for n in range(3)
    ]
    items = [d for d in uow.deliveries.deliveries if d.digest_on is not None]
    assert {d.status for d in items} == {"sent"} and len({d.digest_id for d in items}) == 1
    assert dispatch.assemble_digests(uow, now=lambda: at_digest + timedelta(hours=1)) == 0


def test_an_item_too_late_for_a_sent_digest_waits_for_the_next_day() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    centre_with_email(uow)
    at_digest = datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
    use_cases.notify([matched_notice("e1", mode="daily_digest")], uow, now=lambda: NOW)
    dispatch.assemble_digests(uow, now=lambda: at_digest)
    dispatch.dispatch_due(channels, uow, now=lambda: at_digest)
    use_cases.notify([matched_notice("e2", mode="daily_digest")], uow, now=lambda: NOW)
    late = next(d for d in uow.deliveries.deliveries if d.source_event_id == "e2" and d.channel == "email")

    dispatch.assemble_digests(uow, now=lambda: at_digest + timedelta(minutes=1))

    assert (late.digest_on, late.digest_id) == ("2025-03-05", None)


def test_only_failed_or_dead_deliveries_are_redriven_with_a_fresh_budget() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    channels.mailer.failures.append(MailError("550", permanent=True))  # type: ignore[attr-defined]
    centre_with_email(uow)
    use_cases.notify([matched_notice()], uow, now=lambda: NOW)
    dispatch.dispatch_due(channels, uow, now=lambda: NOW)
    delivery = email_of(uow)

    admin_use_cases.redrive_delivery(delivery.id, uow, now=lambda: NOW)
    assert (delivery.status, delivery.attempts) == ("queued", 0)
    with pytest.raises(NotRedrivable):
        admin_use_cases.redrive_delivery(delivery.id, uow)
    dispatch.dispatch_due(channels, uow, now=lambda: NOW)

    assert delivery.status == "sent" and len(channels.mailer.sent) == 1  # type: ignore[attr-defined]


def test_a_leased_row_is_claimed_again_only_once_its_lease_ran_out() -> None:
    uow = FakeUnitOfWork()
    centre_with_email(uow)
    use_cases.notify([matched_notice()], uow, now=lambda: NOW)
    [claimed] = uow.deliveries.claim_due(NOW, timedelta(minutes=5), 10)
    token = claimed.lock_token

    assert uow.deliveries.claim_due(NOW + timedelta(minutes=1), timedelta(minutes=5), 10) == []
    [again] = uow.deliveries.claim_due(NOW + timedelta(minutes=6), timedelta(minutes=5), 10)
    assert again.lock_token != token
