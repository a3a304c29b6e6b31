"""The nemesis (kills the broker on a schedule) and the client that publishes at a fixed rate meanwhile."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

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


RETRY_PAUSE = 1.0
CLIENTS = 64


def publish_at_rate(
    workload: Workload, count: int, rate: float, give_up_after: float, clients: int = CLIENTS
) -> set[str]:
    """Starts one opportunity every 1/rate seconds, each followed by its own client (up to `clients` at once) that
    creates it and publishes it, trying again after a pause while it is refused: an outage delays the opportunities
    caught in it, not those that come after, so the offered rate holds whatever the broker does.

    Returns the indeterminate opportunities: a publish was sent but never acknowledged before giving up.
    """
    deadline = time.monotonic() + give_up_after
    indeterminate: set[str] = set()
    lock = threading.Lock()

    def follow(number: int) -> None:
        opportunity: str | None = None
        attempted = False
        while time.monotonic() < deadline:
            if opportunity is None:
                opportunity = workload.create(number)
            if opportunity is not None:
                if workload.publish(opportunity, retry=attempted):
                    return
                attempted = True
            time.sleep(RETRY_PAUSE)
        if opportunity is not None and attempted:
            with lock:
                indeterminate.add(opportunity)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients, thread_name_prefix="partner") as pool:
        for number in range(count):
            time.sleep(max(0.0, started + number / rate - time.monotonic()))
            if time.monotonic() >= deadline:
                break
            pool.submit(follow, number)
    return indeterminate
