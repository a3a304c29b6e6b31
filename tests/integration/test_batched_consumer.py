"""Batched consumption of `opportunity_matched` by the notifications service: many events per transaction, each
still told once, acked after the commit; a bad event in a batch goes to the dead-letter queue alone."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from nameko.containers import ServiceContainer

from lowe_backbone.envelope import Envelope
from lowe_backbone.topology import ConsumerBinding
from lowe_notifications.service import NotificationsService
from tests.messaging import count_rows, declare_topology, publish_envelope, publish_raw, queue_depth, rows
from tests.support import stays, wait_for

BINDING = ConsumerBinding("centres", "opportunity_matched", "notifications", "handle_opportunity_matched")


def matched(opportunity_id: str, number: int) -> Envelope:
    data: dict[str, Any] = {
        "centre_id": str(uuid.uuid4()),
        "centre_name": f"LOWE {number}",
        "opportunity_id": opportunity_id,
        "title": "Spotkanie z ekspertem",
        "kind": "expert_talk",
        "partner_name": "Fundacja Wiedzy Lokalnej",
        "reasons": {"topics": ["digital_skills"], "region": "nationwide", "subscriptions": ["Wszystko"]},
        "delivery": "instant",
        "recommended": False,
        "matched_at": datetime.now(UTC).isoformat(),
    }
    return Envelope(type="opportunity_matched", version=1, producer="centres", correlation_id="fan-out-test", data=data)


def commits(notifications_db: str) -> int:
    """Each transaction stamps the events it marked processed with one time: distinct stamps = transactions."""
    found = rows(
        notifications_db,
        "SELECT COUNT(DISTINCT processed_at) FROM processed_events WHERE handler = :h",
        h="notifications.handle_opportunity_matched",
    )
    return int(found[0][0])


def test_a_fan_out_is_recorded_in_batches_each_centre_told_once(
    start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str], broker_uri: str
) -> None:
    declare_topology(broker_uri)
    opportunity_id = str(uuid.uuid4())
    envelopes = [matched(opportunity_id, number) for number in range(60)]
    for envelope in envelopes:
        publish_envelope(broker_uri, envelope)
    for envelope in envelopes[:10]:  # redelivered ones, in the same batches or later ones
        publish_envelope(broker_uri, envelope)

    start_service(NotificationsService, EVENT_BATCH_SIZE=25)

    notifications_db = database_url("notifications")
    wait_for(lambda: count_rows(notifications_db, "notifications") == 60, timeout=30, what="60 notifications")
    wait_for(lambda: queue_depth(broker_uri, BINDING.queue) == 0, what="every message acked")
    assert stays(lambda: count_rows(notifications_db, "notifications") == 60, duration=1.0)
    assert count_rows(notifications_db, "opportunity_audience") == 60
    assert count_rows(notifications_db, "processed_events") == 60
    assert 3 <= commits(notifications_db) <= 10, "60 events in batches of at most 25 (and the late duplicates)"
    assert queue_depth(broker_uri, BINDING.dead_letter_queue) == 0


def test_a_bad_event_in_a_batch_is_dead_lettered_alone_and_the_others_are_told(
    start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str], broker_uri: str
) -> None:
    declare_topology(broker_uri)
    opportunity_id = str(uuid.uuid4())
    good = [matched(opportunity_id, number) for number in range(20)]
    bad_id = str(uuid.uuid4())
    for envelope in good[:10]:
        publish_envelope(broker_uri, envelope)
    broken = {**matched(opportunity_id, 99).to_message(), "event_id": bad_id}
    del broken["data"]["title"]  # a field the notice needs
    publish_raw(broker_uri, "centres.events", "opportunity_matched", json.dumps(broken), message_id=bad_id)
    for envelope in good[10:]:
        publish_envelope(broker_uri, envelope)

    start_service(NotificationsService, EVENT_BATCH_SIZE=50)

    notifications_db = database_url("notifications")
    wait_for(lambda: count_rows(notifications_db, "notifications") == 20, timeout=30, what="the 20 good ones")
    wait_for(lambda: queue_depth(broker_uri, BINDING.dead_letter_queue) == 1, what="the bad one dead-lettered")
    wait_for(lambda: queue_depth(broker_uri, BINDING.queue) == 0, what="every message settled")
    assert count_rows(notifications_db, "processed_events", "event_id = :e", e=bad_id) == 0
    assert stays(lambda: count_rows(notifications_db, "notifications") == 20, duration=0.5)
