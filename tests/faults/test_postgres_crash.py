"""PostgreSQL crashes (kill -9 of the postmaster and its backends) under writes: no acknowledged write is lost,
and the services serve again once it is back, without being restarted."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from tests.faults.stack import Stack
from tests.faults.workload import Workload

pytestmark = pytest.mark.faults

DOWN_FOR = 3.0
RECOVERY_WITHIN = 15.0


def test_acknowledged_writes_survive_a_database_crash_and_service_resumes_by_itself(
    start_stack: Callable[..., Stack],
) -> None:
    stack = start_stack()
    workload = Workload(stack.network.url, stack.operator_key)
    workload.set_up()
    acknowledged: list[tuple[float, str]] = []
    back_at: list[float] = []

    def crash_and_restart() -> None:
        time.sleep(2.0)
        stack.postgres.kill()
        time.sleep(DOWN_FOR)
        stack.postgres.start()
        back_at.append(time.monotonic())

    crasher = threading.Thread(target=crash_and_restart)
    crasher.start()
    number = 0

    def recovered() -> bool:
        return bool(back_at) and any(at > back_at[0] + 1.0 for at, _ in acknowledged)

    while not recovered() and (not back_at or time.monotonic() - back_at[0] < RECOVERY_WITHIN):
        created = workload.create(number)
        number += 1
        if created:
            acknowledged.append((time.monotonic(), created))
        time.sleep(0.05)
    crasher.join()

    unreadable = [
        opportunity
        for _, opportunity in acknowledged
        if (response := workload.call("GET", f"/api/v1/opportunities/{opportunity}", workload.partner_key)) is None
        or response.status_code != 200
    ]
    first_after = next((at - back_at[0] for at, _ in acknowledged if at > back_at[0]), None)
    print(
        f"\n{number} creates sent, {len(acknowledged)} acknowledged (201), answers {dict(workload.answers.statuses)}, "
        f"no answer {workload.answers.no_answer}; unreadable after recovery {len(unreadable)}; "
        f"first 201 after PostgreSQL was back: {first_after if first_after is None else round(first_after, 2)} s"
    )
    assert unreadable == []
    assert first_after is not None and first_after <= RECOVERY_WITHIN
    assert workload.answers.statuses[201] == len(acknowledged)
    assert workload.answers.refused() >= 1, "the crash was not felt: the test did not test anything"
