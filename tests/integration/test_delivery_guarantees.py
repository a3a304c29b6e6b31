"""Duplicates have one effect; an event published before its consumer ever ran is not lost."""

from __future__ import annotations

from collections.abc import Callable

import eventlet
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_centres.service import CentresService
from lowe_notifications.service import NotificationsService
from lowe_partners.service import PartnersService
from tests.messaging import count_rows, declare_topology, opportunity_published, publish_envelope, queue_depth
from tests.support import stays, wait_for

CENTRES_QUEUE = "evt-partners-opportunity_published--centres.handle_opportunity_published"


def subscribe_a_centre(broker_uri: str) -> str:
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as rpc:
        centre = rpc.centres.register_centre({"name": "LOWE Łopuszno", "voivodeship": "26", "municipality": "Łopuszno"})
        rpc.centres.add_subscription(centre["id"], {"name": "Wszystko w regionie"})
    return str(centre["id"])


def test_the_same_event_delivered_three_times_has_one_effect(
    start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str], broker_uri: str
) -> None:
    start_service(CentresService)
    start_service(NotificationsService)
    centre_id = subscribe_a_centre(broker_uri)
    envelope = opportunity_published()

    for _ in range(3):
        publish_envelope(broker_uri, envelope)
    eventlet.spawn(publish_envelope, broker_uri, envelope)  # and one racing the others

    centres_db, notifications_db = database_url("centres"), database_url("notifications")
    wait_for(lambda: count_rows(notifications_db, "notifications") >= 1, what="the notification")
    wait_for(lambda: queue_depth(broker_uri, CENTRES_QUEUE) == 0, what="all four deliveries consumed")
    assert stays(lambda: count_rows(notifications_db, "notifications") == 1, duration=1.0)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as rpc:
        feed = rpc.centres.get_feed(centre_id)
    assert [item["opportunity"]["id"] for item in feed] == [envelope.data["opportunity_id"]]
    assert count_rows(centres_db, "outbox", "event_type = 'opportunity_matched'") == 1
    assert count_rows(centres_db, "processed_events", "event_id = :e", e=envelope.event_id) == 1


def test_an_event_published_before_its_consumer_ever_started_is_delivered(
    start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str], broker_uri: str
) -> None:
    assert CENTRES_QUEUE in declare_topology(broker_uri)
    start_service(PartnersService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as rpc:
        partner = rpc.partners.register_partner(
            {"name": "MOPS Kielce", "sector": "public", "email": "mops@example.pl", "voivodeship": "26"}
        )
        rpc.partners.verify_partner(partner["id"])
        opportunity = rpc.partners.create_opportunity(
            {
                "partner_id": partner["id"],
                "kind": "volunteering",
                "title": "Wolontariat",
                "description": "Pomoc seniorom",
                "topics": ["social_inclusion"],
                "regions": [],
            }
        )
        rpc.partners.publish_opportunity(opportunity["id"])
    wait_for(lambda: queue_depth(broker_uri, CENTRES_QUEUE) == 1, what="the event waiting in the centres queue")
    wait_for(
        lambda: (
            count_rows(
                database_url("partners"), "outbox", "event_type = 'opportunity_published' AND published_at IS NULL"
            )
            == 0
        ),
        what="the relay to mark the event published",
    )

    start_service(CentresService)
    wait_for(
        lambda: count_rows(database_url("centres"), "published_opportunities") == 1, what="the late consumer's copy"
    )
