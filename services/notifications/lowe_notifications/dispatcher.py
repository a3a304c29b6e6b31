"""The dispatcher's plumbing: a timer that can be woken, and a unit-of-work provider that wakes it.

`DispatchTimer` fires every `DELIVERY_POLL_INTERVAL` seconds like a `ConfiguredTimer`, and at once when a commit
queued deliveries (`NotificationsUnitOfWorkProvider` wakes it), so a message leaves right after the transaction
that recorded it; the poll picks up retries, digests and whatever another replica or a restart left behind.
"""

from __future__ import annotations

import contextlib
from typing import Any

from eventlet.queue import Empty, Full, LightQueue

from lowe_backbone.database import UnitOfWorkProvider
from lowe_backbone.timers import ConfiguredTimer


class DispatchTimer(ConfiguredTimer):
    def setup(self) -> None:
        super().setup()
        self._wakeups: LightQueue = LightQueue(maxsize=1)

    def wake(self) -> None:
        with contextlib.suppress(Full):
            self._wakeups.put_nowait(True)

    def stop(self) -> None:
        self.should_stop.send(True)
        self.wake()
        if self.gt is not None:
            self.gt.wait()

    def _run(self) -> None:
        while not self.should_stop.ready():
            with contextlib.suppress(Empty):
                self._wakeups.get(timeout=self.interval)
            if self.should_stop.ready():
                break
            self.handle_timer_tick()
            self.worker_complete.wait()
            self.worker_complete.reset()


class NotificationsUnitOfWorkProvider(UnitOfWorkProvider):
    def setup(self) -> None:
        super().setup()
        self._timers = [entry for entry in self.container.entrypoints if isinstance(entry, DispatchTimer)]

    def unit_of_work_options(self) -> dict[str, Any]:
        digest_hour = int(self.container.config.get("DIGEST_HOUR", 7))
        return {"on_deliveries_queued": self._wake_dispatcher, "default_digest_hour": digest_hour}

    def _wake_dispatcher(self) -> None:
        for timer in self._timers:
            timer.wake()
