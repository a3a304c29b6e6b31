"""The dispatcher's use cases: send what the ledger says is due, after the commit that queued it.

Each round leases due rows (see `delivery_repository`), then for each one makes one attempt on its channel and
records the outcome: `sent` only once the SMTP server or the webhook receiver accepted it; otherwise `retrying`
with exponential backoff and jitter, `dead` after the last attempt, or `failed` when retrying cannot help.
Digest items wait until their recipient's digest hour, then go out together in one e-mail per recipient per day.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from typing import Any

from lowe_backbone.logs import get_logger
from lowe_notifications.model import EMAIL, IN_APP, WEBHOOK, Delivery, Notification, Outcome
from lowe_notifications.model.deliveries import QUEUED, SENT
from lowe_notifications.model.digest import digest_key, digest_slot, group_items
from lowe_notifications.model.notices import ACCOUNT, NOTIFICATION_TYPES, PARTICIPANT
from lowe_notifications.model.participants import event_data
from lowe_notifications.model.preferences import DEFAULT_LANGUAGE, FROM_LOOKUP, language_for
from lowe_notifications.model.webhooks import GONE, signature_headers
from lowe_notifications.ports import Channels, DirectoryUnavailable, Email, MailError, WebhookError
from lowe_notifications.targets import UnsafeTarget
from lowe_notifications.templates import Rendered, render, render_digest
from lowe_notifications.use_cases import Clock, UnitOfWork, utc_now

log = get_logger(__name__)
DAILY_DIGEST = "daily_digest"
ALL_TYPES = "*"
LEASE = timedelta(minutes=5)
BATCH = 50
DIGEST_BATCH = 500


def dispatch_due(channels: Channels, uow: UnitOfWork, now: Clock = utc_now, batch: int = BATCH) -> int:
    """One round: how many deliveries it attempted."""
    with uow:
        claimed: list[Delivery] = uow.deliveries.claim_due(now(), LEASE, batch)
        uow.commit()
    for leased in claimed:
        outcome = attempt(leased, channels, uow, now)
        with uow:
            delivery = uow.deliveries.get(leased.id)
            if delivery is None or delivery.lock_token != leased.lock_token:
                continue  # the lease ran out and another round took it over
            at = now()
            delivery.record(outcome, at, channels.policy)
            _log(delivery)
            if outcome.disable_endpoint and (endpoint := uow.endpoints.get(uuid.UUID(delivery.target))):
                endpoint.disable(GONE, at)
            if delivery.type == DAILY_DIGEST:
                for item in uow.deliveries.items_of_digest(delivery.id):
                    item.status, item.last_error, item.updated_at = delivery.status, delivery.last_error, at
                    item.sent_at = delivery.sent_at
            uow.commit()
    return len(claimed)


def _log(delivery: Delivery) -> None:
    """Ids, type, channel and outcome only: never an address, a URL's secret or a body."""
    fields = {
        "delivery_id": str(delivery.id),
        "type": delivery.type,
        "channel": delivery.channel,
        "status": delivery.status,
        "attempts": delivery.attempts,
    }
    if delivery.status == SENT:
        log.info("delivery_sent", **fields)
    else:
        log.warning(
            "delivery_not_sent", error=delivery.last_error, next_attempt_at=str(delivery.next_attempt_at), **fields
        )


def attempt(delivery: Delivery, channels: Channels, uow: UnitOfWork, now: Clock = utc_now) -> Outcome:
    try:
        if delivery.channel == EMAIL:
            return _email(delivery, channels, uow, now)
        if delivery.channel == WEBHOOK:
            return _webhook(delivery, channels, uow, now)
        if delivery.channel == IN_APP:
            return _in_app(delivery, uow, now)
        return Outcome.give_up(f"no sender for channel {delivery.channel}")
    except Exception as exc:  # an unexpected failure is an attempt that failed, never a lost delivery
        return Outcome.retry(f"{type(exc).__name__}: {exc}")


def _in_app(delivery: Delivery, uow: UnitOfWork, now: Clock) -> Outcome:
    """A scheduled inbox entry (a deadline warning) appears when due; its id is the delivery's, so never twice."""
    with uow:
        if uow.notifications.get(delivery.id) is None:
            recipient = uow.recipients.get(delivery.recipient_id)
            language = language_for(recipient, uow.preferences.get(delivery.recipient_id, delivery.type))
            rendered = render(delivery.type, language, delivery.data, {})
            uow.notifications.add(
                Notification(
                    id=delivery.id,
                    recipient_id=delivery.recipient_id,
                    recipient_type=delivery.recipient_type,
                    type=delivery.type,
                    title=rendered.subject[:300],
                    body=rendered.text.strip(),
                    data=delivery.data,
                    source_event_id=str(delivery.id),  # the ledger row names its source
                    created_at=now(),
                )
            )
            uow.commit()
    return Outcome.success()


def _email(delivery: Delivery, channels: Channels, uow: UnitOfWork, now: Clock) -> Outcome:
    with uow:
        recipient = uow.recipients.get(delivery.recipient_id)
        preference = uow.preferences.get(delivery.recipient_id, delivery.type)
        if preference is not None and EMAIL not in preference.channels:
            return Outcome.give_up("the recipient turned e-mail off for this type")
        address = recipient.email if recipient is not None else None
        language = language_for(recipient, preference)
        if delivery.recipient_type == PARTICIPANT:
            delivery = _with_current_event(uow, delivery)
            participant = uow.participants.get(delivery.recipient_id)
            language = participant.language if participant is not None else DEFAULT_LANGUAGE
        items = [(i.type, i.data) for i in uow.deliveries.items_of_digest(delivery.id)]
    if delivery.recipient_type == PARTICIPANT:
        address = None  # read from the events service every time, never kept here
    if not address:
        try:
            address = _look_up(delivery, channels)
        except DirectoryUnavailable as exc:
            return Outcome.retry(f"address lookup failed: {exc}")
        if not address:
            return Outcome.give_up("no e-mail address for the recipient")
        if delivery.recipient_type != PARTICIPANT:
            with uow:
                if (found := uow.recipients.get(delivery.recipient_id)) is not None:
                    found.learn_email(address, FROM_LOOKUP, now())
                    uow.commit()
    unsubscribe: str | None = None  # an account's own messages (invitation, reset) are not a subscription
    if delivery.recipient_type != ACCOUNT:
        unsubscribe_type = ALL_TYPES if delivery.type == DAILY_DIGEST else delivery.type
        unsubscribe = channels.links.unsubscribe_url(delivery.recipient_id, delivery.recipient_type, unsubscribe_type)
    rendered = _rendered(delivery, language, items, {"unsubscribe": unsubscribe or ""})
    email = Email(address, rendered.subject, rendered.text, rendered.html, language, str(delivery.id), unsubscribe)
    try:
        channels.mailer.send(email)
    except MailError as exc:
        return Outcome.give_up(str(exc)) if exc.permanent else Outcome.retry(str(exc))
    return Outcome.success()


def _with_current_event(uow: UnitOfWork, delivery: Delivery) -> Delivery:
    """A participant's message shows the event as it is when sent (its title, place and times), not as it was."""
    event = uow.participants.find_event(uuid.UUID(delivery.data["event_id"]))
    if event is None or not event.title:
        return delivery
    current = event_data(event, event.event_id, event.centre_id)
    return replace(delivery, data={**delivery.data, **current})


def _look_up(delivery: Delivery, channels: Channels) -> str | None:
    if delivery.recipient_type == PARTICIPANT:
        centre_id, event_id = uuid.UUID(delivery.data["centre_id"]), uuid.UUID(delivery.data["event_id"])
        return channels.directory.participant_email(centre_id, event_id, delivery.recipient_id)
    return channels.directory.email_of(delivery.recipient_type, delivery.recipient_id)


def _rendered(delivery: Delivery, language: str, items: list[Any], links: dict[str, str]) -> Rendered:
    if delivery.type == DAILY_DIGEST:
        return render_digest(language, group_items(items, NOTIFICATION_TYPES), str(delivery.data["day"]), links)
    return render(delivery.type, language, delivery.data, links)


def _webhook(delivery: Delivery, channels: Channels, uow: UnitOfWork, now: Clock) -> Outcome:
    with uow:
        endpoint = uow.endpoints.get(uuid.UUID(delivery.target))
    if endpoint is None or not endpoint.active:
        return Outcome.give_up("the webhook endpoint is disabled or removed")
    at = now()
    body = json.dumps(
        {"type": delivery.type, "timestamp": delivery.created_at.isoformat(), "data": delivery.data},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    secret = channels.sealer.unseal(endpoint.secret_sealed)
    old = [channels.sealer.unseal(sealed) for sealed in endpoint.old_secrets(at)]  # a rotation's grace period
    headers = signature_headers(secret, f"msg_{delivery.id.hex}", int(at.timestamp()), body, old)
    try:
        status = channels.webhooks.post(endpoint.url, headers, body)
    except UnsafeTarget as exc:
        return Outcome.give_up(f"target refused: {exc}")
    except WebhookError as exc:
        return Outcome.retry(str(exc))
    if 200 <= status < 300:
        return Outcome.success()
    if status == 410:
        return Outcome.give_up("HTTP 410 Gone: the endpoint is disabled", disable_endpoint=True)
    return Outcome.retry(f"HTTP {status}" + (" (redirects are not followed)" if 300 <= status < 400 else ""))


def assemble_digests(uow: UnitOfWork, now: Clock = utc_now, batch: int = DIGEST_BATCH) -> int:
    """Gathers the items whose digest hour came into one digest delivery per recipient per local day (unique
    in the ledger, so replicas and restarts never make two); an item too late for a digest already sent or being
    sent waits for the next day's."""
    with uow:
        at = now()
        items: list[Delivery] = uow.deliveries.claim_due(at, LEASE, batch, digest_items=True)
        groups: dict[tuple[uuid.UUID, str], list[Delivery]] = defaultdict(list)
        for item in items:
            groups[(item.recipient_id, str(item.digest_on))].append(item)
        for (recipient_id, day), group in groups.items():
            digest = uow.deliveries.find(digest_key(recipient_id, day), recipient_id, EMAIL)
            if digest is None:
                digest = _new_digest(recipient_id, group[0].recipient_type, day, at)
                uow.deliveries.add(digest)
            elif not digest.pending or (digest.locked_until is not None and digest.locked_until > at):
                recipient = uow.recipients.get(recipient_id)
                next_day, due = digest_slot(at, recipient.digest_hour if recipient else uow.default_digest_hour)
                for item in group:
                    item.digest_on, item.next_attempt_at = next_day.isoformat(), due
                    item.locked_until = item.lock_token = None
                continue
            for item in group:
                item.digest_id, item.locked_until, item.lock_token, item.updated_at = digest.id, None, None, at
        uow.queued_deliveries = bool(items)
        uow.commit()
    return len(items)


def _new_digest(recipient_id: uuid.UUID, recipient_type: str, day: str, at: Any) -> Delivery:
    return Delivery(
        id=uuid.uuid4(),
        source_event_id=digest_key(recipient_id, day),
        recipient_id=recipient_id,
        recipient_type=recipient_type,
        channel=EMAIL,
        target="",
        type=DAILY_DIGEST,
        data={"day": day},
        status=QUEUED,
        created_at=at,
        updated_at=at,
        next_attempt_at=at,
    )
