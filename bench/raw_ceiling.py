"""The ceiling of this machine: raw kombu, no service code, on a private vhost of the shared broker.

Publishes N persistent messages (about the size of an `opportunity_matched` event) to a durable classic queue with
publisher confirms, one confirm awaited per message (what a single publisher that must know each message is safe
does), then consumes and acks them all. Reports messages per second for the confirmed publish, the consume, and
the round (N / (publish time + consume time)). The network's throughput is compared with the confirmed publish.

    .venv/bin/python bench/raw_ceiling.py [--messages 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import time
import uuid
from typing import Any

from common import median, private_stack
from kombu import Connection, Consumer, Exchange, Producer, Queue

PERSISTENT = 2
BODY = json.dumps({"data": {"title": "x" * 600, "reasons": {"topics": ["digital_skills"]}}, "id": str(uuid.uuid4())})


def one_run(amqp_uri: str, messages: int) -> dict[str, float]:
    name = f"ceiling-{uuid.uuid4().hex[:8]}"
    exchange = Exchange(name, type="topic", durable=True)
    queue = Queue(name, exchange, routing_key="#", durable=True)
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as connection:
        channel = connection.channel()
        queue(channel).declare()
        producer = Producer(channel)
        began = time.perf_counter()
        for number in range(messages):
            producer.publish(
                BODY,
                exchange=exchange,
                routing_key="bench",
                delivery_mode=PERSISTENT,
                content_type="application/json",
                content_encoding="utf-8",
                message_id=str(number),
                retry=False,
            )
        published_s = time.perf_counter() - began
        received = 0

        def on_message(body: Any, message: Any) -> None:
            nonlocal received
            received += 1
            message.ack()

        consume_channel = connection.channel()
        consume_channel.basic_qos(0, 100, False)
        began = time.perf_counter()
        with Consumer(consume_channel, [queue], callbacks=[on_message], accept=["json"]):
            while received < messages:
                connection.drain_events(timeout=10)
        consumed_s = time.perf_counter() - began
        queue(channel).delete()
        exchange(channel).delete()
    return {
        "publish_confirmed_msgs_per_s": messages / published_s,
        "consume_msgs_per_s": messages / consumed_s,
        "round_msgs_per_s": messages / (published_s + consumed_s),
    }


def measure(amqp_uri: str, messages: int, runs: int) -> dict[str, Any]:
    one_run(amqp_uri, min(500, messages))  # warm-up
    results = [one_run(amqp_uri, messages) for _ in range(runs)]
    summary: dict[str, Any] = {key: round(median([r[key] for r in results])) for key in results[0]}
    summary.update(
        messages=messages,
        runs=runs,
        confirm_ms_per_msg=round(1000 / summary["publish_confirmed_msgs_per_s"], 3),
        samples=[{key: round(value) for key, value in r.items()} for r in results],
    )
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with private_stack(label="ceiling") as stack:
        result = measure(stack.amqp_uri, args.messages, args.runs)
    print(json.dumps({"raw_ceiling": result}, indent=2))


if __name__ == "__main__":
    main()
