"""Test-side access to the broker and the services' databases: publish raw messages, read queues, count rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from kombu import Connection

from lowe_backbone.database import create_engine_for
from lowe_backbone.envelope import Envelope
from lowe_backbone.publishing import ConfirmedPublisher


def opportunity_published(**overrides: Any) -> Envelope:
    """A valid `opportunity_published` envelope, as the partners service would publish it."""
    data: dict[str, Any] = {
        "opportunity_id": str(uuid.uuid4()),
        "partner_id": str(uuid.uuid4()),
        "partner_name": "Fundacja Wiedzy Lokalnej",
        "kind": "course",
        "title": "Kurs komputerowy dla seniorów",
        "description": "Dziesięć spotkań w bibliotece gminnej.",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["26"],
        "nationwide": False,
        "published_at": datetime.now(UTC).isoformat(),
    }
    data.update(overrides)
    return Envelope(
        type="opportunity_published", version=1, producer="partners", correlation_id=f"test-{uuid.uuid4()}", data=data
    )


def declare_topology(broker_uri: str) -> str:
    """`lowe topology declare` as a deployment runs it: every consumer queue exists before its service first starts,
    so what is published meanwhile waits for it. Returns what the command printed."""
    declared = subprocess.run(
        [sys.executable, "-m", "lowe_backbone.cli", "topology", "declare"],
        env={**os.environ, "AMQP_URI": broker_uri},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert declared.returncode == 0, declared.stderr
    return declared.stdout


def publish_envelope(broker_uri: str, envelope: Envelope, exchange: str | None = None) -> None:
    publish_raw(
        broker_uri,
        exchange or f"{envelope.producer}.events",
        envelope.type,
        json.dumps(envelope.to_message()),
        message_id=envelope.event_id,
        headers={"nameko.correlation_id": envelope.correlation_id},
    )


def publish_raw(
    broker_uri: str,
    exchange: str,
    routing_key: str,
    body: str,
    message_id: str | None = None,
    headers: dict[str, Any] | None = None,
) -> None:
    publisher = ConfirmedPublisher(broker_uri)
    try:
        publisher.publish(body, exchange=exchange, routing_key=routing_key, headers=headers, message_id=message_id)
    finally:
        publisher.close()


def queue_depth(broker_uri: str, queue: str) -> int:
    with Connection(broker_uri) as connection:
        _name, count, _consumers = connection.channel().queue_declare(queue, passive=True)
    return int(count)


def drain(broker_uri: str, queue: str, limit: int = 10_000) -> list[Any]:
    """Takes every message out of a queue (acking it) and returns them as kombu messages."""
    taken = []
    with Connection(broker_uri) as connection:
        channel = connection.channel()
        for _ in range(limit):
            raw = channel.basic_get(queue, no_ack=True)
            if raw is None:
                break
            taken.append(channel.message_to_python(raw))
    return taken


def count_rows(database_url: str, table: str, where: str = "", **params: Any) -> int:
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as conn:
            query = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
            return int(conn.execute(sa.text(query), params).scalar_one())
    finally:
        engine.dispose()


def rows(database_url: str, query: str, **params: Any) -> list[Any]:
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.text(query), params).all())
    finally:
        engine.dispose()
