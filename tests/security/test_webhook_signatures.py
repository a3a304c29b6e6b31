"""Webhook signatures (Standard Webhooks) as a receiver sees them, checked with the `standardwebhooks` library as an
independent verifier: real deliveries verify, one changed byte does not, an old timestamp is refused, every attempt
is signed afresh under the same `webhook-id` (a replay is recognisable, distinct notifications have distinct ids),
and a rotated secret signs beside the new one during its grace period, then no more."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from datetime import datetime
from typing import Any

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from tests.integration.gateway_helpers import Network
from tests.security.conftest import ROTATION_GRACE_SECONDS, Delivering
from tests.security.receivers import Receiver, receiving
from tests.support import wait_for

Request = tuple[str, dict[str, str], str]


def hooked_partner(network: Network, receiver: Receiver) -> tuple[dict[str, Any], Network, dict[str, Any]]:
    """An unverified partner with a webhook to `receiver`: verifying or suspending it sends one notification."""
    partner, as_partner = network.partner(verified=False)
    response = as_partner.post("/api/v1/webhooks", json={"url": receiver.url()})
    assert response.status_code == 201, response.text
    return partner, as_partner, response.json()


def sent(receiver: Receiver, count: int) -> list[Request]:
    return wait_for(lambda: receiver.requests[count - 1 :] and receiver.requests, timeout=20, what=f"{count} posts")


def signed_by_hand(secret: str, message_id: str, timestamp: int, body: str) -> str:
    """The spec's signature, written out here: v1, base64(HMAC-SHA256(key, "id.timestamp.body"))."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{message_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verifies(secret: str, body: str, headers: dict[str, str]) -> bool:
    try:
        Webhook(secret).verify(body, headers, json_parse=False)
    except WebhookVerificationError:
        return False
    return True


def test_every_attempt_verifies_is_signed_afresh_and_keeps_its_webhook_id(delivering: Delivering) -> None:
    network = delivering.network
    with receiving(Receiver([500] * 5)) as receiver:  # five failures, then 204: six attempts of one delivery
        partner, _, endpoint = hooked_partner(network, receiver)
        assert network.post(f"/api/v1/partners/{partner['id']}/verify").status_code == 200
        attempts = sent(receiver, 6)

    assert all(verifies(endpoint["secret"], body, headers) for _, headers, body in attempts)
    assert len({headers["webhook-id"] for _, headers, _ in attempts}) == 1  # a receiver can drop the replays
    stamps = [int(headers["webhook-timestamp"]) for _, headers, _ in attempts]
    assert all(arrival - 2 <= stamp <= arrival + 1 for stamp, arrival in zip(stamps, receiver.arrivals, strict=True))
    assert receiver.arrivals[-1] - receiver.arrivals[0] >= 1.0  # the retry policy's least backoff spans a second
    assert stamps[-1] > stamps[0]  # so a late retry carries a new timestamp, not the first attempt's


def test_a_changed_byte_or_an_old_timestamp_is_refused_by_the_verifier(delivering: Delivering) -> None:
    network = delivering.network
    with receiving(Receiver()) as receiver:
        partner, _, endpoint = hooked_partner(network, receiver)
        assert network.post(f"/api/v1/partners/{partner['id']}/verify").status_code == 200
        [(_, headers, body)] = sent(receiver, 1)
    secret, message_id, stamp = endpoint["secret"], headers["webhook-id"], int(headers["webhook-timestamp"])

    assert verifies(secret, body, headers)
    assert headers["webhook-signature"] == signed_by_hand(secret, message_id, stamp, body)
    changed = body.replace('"type":"', '"type":"X', 1)
    assert changed != body and not verifies(secret, changed, headers)
    assert not verifies(secret, body[:-1] + " ", headers)
    old = stamp - 301  # more than the 5 minutes a verifier tolerates, even when correctly signed
    resigned = signed_by_hand(secret, message_id, old, body)
    stale = {**headers, "webhook-timestamp": str(old), "webhook-signature": resigned}
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(body, stale, json_parse=False)


def test_distinct_notifications_carry_distinct_webhook_ids(delivering: Delivering) -> None:
    network = delivering.network
    with receiving(Receiver()) as receiver:
        partner, _, endpoint = hooked_partner(network, receiver)
        assert network.post(f"/api/v1/partners/{partner['id']}/verify").status_code == 200
        sent(receiver, 1)
        suspended = network.post(f"/api/v1/partners/{partner['id']}/suspend", json={"reason": "Nieaktualne dane"})
        assert suspended.status_code == 200, suspended.text
        first, second = sent(receiver, 2)
    assert first[1]["webhook-id"] != second[1]["webhook-id"]
    assert verifies(endpoint["secret"], second[2], second[1])


def test_a_rotated_secret_signs_beside_the_new_one_during_the_grace_then_only_the_new_one(
    delivering: Delivering,
) -> None:
    network = delivering.network
    with receiving(Receiver()) as receiver:
        partner, as_partner, endpoint = hooked_partner(network, receiver)
        rotated = as_partner.post(f"/api/v1/webhooks/{endpoint['id']}/rotate-secret")
        assert rotated.status_code == 200, rotated.text
        old, new = endpoint["secret"], rotated.json()["secret"]
        expires = datetime.fromisoformat(rotated.json()["previous_secret_expires_at"]).timestamp()
        assert new != old and new.startswith("whsec_") and len(base64.b64decode(new[6:])) == 32
        assert abs(expires - time.time() - ROTATION_GRACE_SECONDS) < 2
        assert "secret" not in as_partner.get("/api/v1/webhooks").json()["items"][0]  # shown once only

        assert network.post(f"/api/v1/partners/{partner['id']}/verify").status_code == 200
        [(_, during, body)] = sent(receiver, 1)
        assert int(during["webhook-timestamp"]) < expires, "the delivery came after the grace: raise the grace"
        assert len(during["webhook-signature"].split()) == 2
        assert verifies(new, body, during) and verifies(old, body, during)

        time.sleep(max(0.0, expires - time.time()) + 1)
        suspended = network.post(f"/api/v1/partners/{partner['id']}/suspend", json={"reason": "Nieaktualne dane"})
        assert suspended.status_code == 200, suspended.text
        _, (_, after, body) = sent(receiver, 2)
    assert len(after["webhook-signature"].split()) == 1
    assert verifies(new, body, after) and not verifies(old, body, after)


def test_a_removed_webhooks_secret_cannot_be_rotated(delivering: Delivering) -> None:
    with receiving(Receiver()) as receiver:
        _, as_partner, endpoint = hooked_partner(delivering.network, receiver)
    assert as_partner.delete(f"/api/v1/webhooks/{endpoint['id']}").status_code == 204
    response = as_partner.post(f"/api/v1/webhooks/{endpoint['id']}/rotate-secret")
    assert response.status_code == 404 and response.json()["error"]["fields"] == {"endpoint_id": endpoint["id"]}
