"""The nemesis (kills the broker on a schedule) and the client that publishes at a fixed rate meanwhile."""

from __future__ import annotations

import threading
import time

from tests.faults.private_rabbitmq import PrivateRabbitMQ
from tests.faults.workload import Workload


class BrokerNemesis:
    """kill -9 the broker every `every` seconds of uptime, and start it again `down_for` seconds later."""

    def __init__(self, broker: PrivateRabbitMQ, every: float, down_for: float, kills: int | None = None) -> None:
        self.broker = broker
        self.every = every
        self.down_for = down_for
        self.kills_wanted = kills
        self.kills = 0
        self.restart_seconds: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> BrokerNemesis:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=120)
        if self.broker.process is None:
            self.restart_seconds.append(self.broker.start())

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            if self.kills_wanted is not None and self.kills >= self.kills_wanted:
                return
            self.broker.kill()
            self.kills += 1
            print(f"nemesis: broker killed (#{self.kills}) at {time.strftime('%H:%M:%S')}", flush=True)
            self._stop.wait(self.down_for)
            self.restart_seconds.append(self.broker.start())
            print(f"nemesis: broker back after {self.restart_seconds[-1]:.1f} s of start-up", flush=True)


def publish_at_rate(workload: Workload, count: int, rate: float, give_up_after: float) -> set[str]:
    """Creates and publishes `count` opportunities, one every 1/rate seconds; a refused request is tried again.

    Returns the indeterminate opportunities: a publish was sent but never acknowledged before giving up.
    """
    interval = 1.0 / rate
    unpublished: list[str] = []  # created, publish not acknowledged yet
    attempted: set[str] = set()
    started = next_tick = time.monotonic()
    number = 0
    while len(workload.published) < count and time.monotonic() - started < give_up_after:
        time.sleep(max(0.0, next_tick - time.monotonic()))
        next_tick = max(next_tick + interval, time.monotonic() - interval)
        if unpublished:  # a refused publish first, as a client retrying later would
            opportunity = unpublished.pop(0)
            if not workload.publish(opportunity, retry=opportunity in attempted):
                attempted.add(opportunity)
                unpublished.append(opportunity)
        if number < count:
            created = workload.create(number)
            if created is None:
                continue
            number += 1
            if not workload.publish(created):
                attempted.add(created)
                unpublished.append(created)
    return set(unpublished) & attempted
