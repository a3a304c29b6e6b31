"""The transactional outbox: events exist only if their transaction commits, and leave only once confirmed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import eventlet
import pytest
from kombu import Connection
from sqlalchemy.orm import sessionmaker

from lowe_backbone.contracts.partners import OpportunityPublishedV1
from lowe_backbone.database import create_engine_for
from lowe_backbone.publishing import ConfirmedPublisher
from lowe_backbone.relay import OutboxRelayer
from lowe_backbone.topology import ConsumerBinding, declare_consumer
from lowe_partners import orm, use_cases
from lowe_partners.commands import CreateOpportunity, PublishOpportunity, RegisterPartner, VerifyPartner
from lowe_partners.unit_of_work import PartnersUnitOfWork
from tests.fixtures.databases import BACKEND
from tests.messaging import count_rows, drain, opportunity_published, rows

PUBLISHED = "event_type = 'opportunity_published'"
CENTRES_BINDING = ConsumerBinding("partners", "opportunity_published", "centres", "handle_opportunity_published")


def partners_uow(database_url: str, correlation_id: str = "corr-outbox-test") -> PartnersUnitOfWork:
    orm.start_mappers()
    factory = sessionmaker(bind=create_engine_for(database_url), expire_on_commit=False)
    return PartnersUnitOfWork(factory, producer="partners", correlation_id=correlation_id)


def publish_one_opportunity(database_url: str) -> str:
    uow = partners_uow(database_url)
    partner = use_cases.register_partner(
        RegisterPartner("Gminny Ośrodek Kultury", "public", "gok@example.pl", "12"), uow
    )
    opportunity = use_cases.create_opportunity(
        CreateOpportunity(partner.id, "workshop", "Warsztaty", "Opis", ["culture"], [], ["12"]), uow
    )
    use_cases.verify_partner(VerifyPartner(partner.id), uow)
    use_cases.publish_opportunity(PublishOpportunity(opportunity.id), uow)
    return str(opportunity.id)


def declare_centres_queue(broker_uri: str) -> None:
    with Connection(broker_uri) as connection:
        declare_consumer(connection.channel(), CENTRES_BINDING)


@pytest.fixture
def partners_db(database_url: Callable[[str], str]) -> str:
    return database_url("partners")


@pytest.fixture
def relayer(partners_db: str, broker_uri: str) -> OutboxRelayer:
    return OutboxRelayer(create_engine_for(partners_db), ConfirmedPublisher(broker_uri), backoff_base_seconds=0)


def test_an_event_is_written_only_when_its_transaction_commits(partners_db: str) -> None:
    uow = partners_uow(partners_db)
    with pytest.raises(RuntimeError), uow:
        uow.emit("opportunity_published", 1, OpportunityPublishedV1().load(opportunity_published().data))
        raise RuntimeError("the use case failed before committing")
    assert count_rows(partners_db, "outbox") == 0

    publish_one_opportunity(partners_db)
    assert count_rows(partners_db, "outbox", "event_type = 'opportunity_published'") == 1


def test_relay_publishes_a_persistent_message_and_marks_it_published_after_the_confirm(
    partners_db: str, broker_uri: str, relayer: OutboxRelayer
) -> None:
    declare_centres_queue(broker_uri)
    opportunity_id = publish_one_opportunity(partners_db)

    assert relayer.relay_once() == 1

    [message] = drain(broker_uri, CENTRES_BINDING.queue)
    envelope = json.loads(message.body)
    [row] = rows(partners_db, f"SELECT event_id, published_at, attempts FROM outbox WHERE {PUBLISHED}")
    assert envelope["data"]["opportunity_id"] == opportunity_id
    assert envelope["event_id"] == row.event_id == message.properties["message_id"]
    assert message.properties["delivery_mode"] == 2
    assert message.headers["nameko.correlation_id"] == envelope["correlation_id"] == "corr-outbox-test"
    assert row.published_at is not None and row.attempts == 1
    assert relayer.relay_once() == 0


def test_an_unroutable_event_stays_pending_until_a_queue_is_bound(
    partners_db: str, broker_uri: str, relayer: OutboxRelayer
) -> None:
    publish_one_opportunity(partners_db)

    assert relayer.relay_once() == 0
    [row] = rows(partners_db, f"SELECT published_at, attempts, last_error FROM outbox WHERE {PUBLISHED}")
    assert row.published_at is None and row.attempts == 1
    assert "no queue bound" in row.last_error

    declare_centres_queue(broker_uri)
    assert relayer.relay_once() == 1
    assert len(drain(broker_uri, CENTRES_BINDING.queue)) == 1
    assert count_rows(partners_db, "outbox", f"{PUBLISHED} AND published_at IS NULL") == 0


def test_an_unroutable_event_backs_off_and_never_crowds_out_newer_ones(partners_db: str, broker_uri: str) -> None:
    declare_centres_queue(broker_uri)
    uow = partners_uow(partners_db)
    with uow:  # events no queue takes yet: their consumer is not deployed
        for _ in range(3):
            uow.emit(
                "partner_verified",
                1,
                {
                    "partner_id": uuid.uuid4(),
                    "name": "Fundacja",
                    "email": "f@example.pl",
                    "verified_at": datetime.now(UTC),
                },
            )
        uow.commit()
    relayer = OutboxRelayer(
        create_engine_for(partners_db), ConfirmedPublisher(broker_uri), batch_size=2, backoff_base_seconds=60
    )
    assert relayer.relay_once() == 0
    assert relayer.relay_once() == 0  # the third one's turn
    opportunity_id = publish_one_opportunity(partners_db)

    assert relayer.relay_once() == 1
    [message] = drain(broker_uri, CENTRES_BINDING.queue)
    assert json.loads(message.body)["data"]["opportunity_id"] == opportunity_id
    attempts = rows(partners_db, "SELECT attempts FROM outbox WHERE event_type = 'partner_verified'")
    # the three, and the partner's own verification: each tried once, none again while backing off
    assert [row.attempts for row in attempts] == [1, 1, 1, 1]


def test_an_unreachable_broker_leaves_every_event_pending(partners_db: str) -> None:
    publish_one_opportunity(partners_db)
    publish_one_opportunity(partners_db)
    relayer = OutboxRelayer(
        create_engine_for(partners_db), ConfirmedPublisher("amqp://guest:guest@127.0.0.1:1/", io_timeout=2)
    )

    assert relayer.relay_once() == 0
    assert relayer.pending_count() == 4  # each partner's verification and each publication


@pytest.mark.postgresql_only
@pytest.mark.skipif(BACKEND != "postgresql", reason="row locks with SKIP LOCKED are a PostgreSQL feature")
def test_relay_replicas_side_by_side_publish_each_event_exactly_once(partners_db: str, broker_uri: str) -> None:
    declare_centres_queue(broker_uri)
    uow = partners_uow(partners_db)
    with uow:
        for _ in range(300):
            uow.emit("opportunity_published", 1, OpportunityPublishedV1().load(opportunity_published().data))
        uow.commit()
    replicas = [
        OutboxRelayer(create_engine_for(partners_db), ConfirmedPublisher(broker_uri), batch_size=20) for _ in range(3)
    ]

    def drain_outbox(relayer: OutboxRelayer) -> int:
        published = 0
        while relayer.pending_count():
            published += relayer.relay_once()
        return published

    counts = [thread.wait() for thread in [eventlet.spawn(drain_outbox, replica) for replica in replicas]]

    messages = drain(broker_uri, CENTRES_BINDING.queue)
    event_ids = [message.properties["message_id"] for message in messages]
    assert sum(counts) == 300
    assert len(event_ids) == len(set(event_ids)) == 300
    assert sum(1 for count in counts if count > 0) >= 2, f"replicas did not share the work: {counts}"
