"""A crash right after the commit, before the publish, still delivers the event — exactly once in effect."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable

from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_centres.service import CentresService
from lowe_notifications.service import NotificationsService
from lowe_partners.service import PartnersService
from tests.messaging import count_rows, rows
from tests.support import stays, wait_for

# Runs the real publish use case with the real unit of work, and dies (like kill -9) at the moment the
# committed transaction would wake the relay: the event is in the outbox, and nothing was published.
CRASHING_PUBLISHER = textwrap.dedent(
    """
    import os, sys, uuid
    from lowe_backbone.database import create_engine_for
    from lowe_partners import orm, use_cases
    from lowe_partners.commands import CreateOpportunity, PublishOpportunity, RegisterPartner, VerifyPartner
    from lowe_partners.unit_of_work import PartnersUnitOfWork
    from sqlalchemy.orm import sessionmaker

    orm.start_mappers()
    factory = sessionmaker(bind=create_engine_for(sys.argv[1]), expire_on_commit=False)
    uow = PartnersUnitOfWork(factory, producer="partners", correlation_id="crash-test")
    registration = RegisterPartner("Stowarzyszenie Razem", "social", "razem@example.pl", "26")
    partner = use_cases.register_partner(registration, uow)
    opportunity = use_cases.create_opportunity(
        CreateOpportunity(partner.id, "training", "Szkolenie", "Opis", ["vocational"], ["unemployed"], ["26"]), uow
    )
    use_cases.verify_partner(VerifyPartner(partner.id), uow)
    print(opportunity.id, flush=True)
    uow.on_events_committed = lambda: os._exit(137)
    use_cases.publish_opportunity(PublishOpportunity(opportunity.id), uow)
    print("the process should have died before this line", flush=True)
    """
)


def test_an_event_committed_just_before_a_crash_is_still_delivered_once(
    start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str], broker_uri: str
) -> None:
    partners_db = database_url("partners")
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_PUBLISHER, partners_db], capture_output=True, text=True, timeout=60
    )
    assert crashed.returncode == 137, crashed.stderr
    opportunity_id = crashed.stdout.split()[0]
    assert "should have died" not in crashed.stdout
    [pending] = rows(partners_db, "SELECT published_at FROM outbox WHERE event_type = 'opportunity_published'")
    assert pending.published_at is None

    start_service(CentresService)
    start_service(NotificationsService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as rpc:
        centre = rpc.centres.register_centre(
            {"name": "LOWE Daleszyce", "voivodeship": "26", "municipality": "Daleszyce"}
        )
        rpc.centres.add_subscription(centre["id"], {"name": "Szkolenia", "kinds": ["training"]})
    start_service(PartnersService)  # the restarted partners service: its relay finds the pending event

    notifications_db = database_url("notifications")
    matched = "type = 'opportunity_matched'"  # the partner's verification is in its inbox too
    wait_for(lambda: count_rows(notifications_db, "notifications", matched) == 1, what="the notification")
    assert count_rows(partners_db, "outbox", "event_type = 'opportunity_published' AND published_at IS NULL") == 0
    assert stays(lambda: count_rows(notifications_db, "notifications", matched) == 1, duration=1.0)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as rpc:
        feed = rpc.centres.get_feed(centre["id"])
    assert [item["opportunity"]["id"] for item in feed] == [opportunity_id]
