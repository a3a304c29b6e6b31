"""Small helpers the tests share."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import eventlet
import sqlalchemy

T = TypeVar("T")


def wait_for(probe: Callable[[], T], timeout: float = 10.0, interval: float = 0.05, what: str = "condition") -> T:
    """Polls until `probe` returns something truthy; fails the test with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        eventlet.sleep(interval)


def stays(probe: Callable[[], bool], duration: float, interval: float = 0.05) -> bool:
    """True when `probe` holds for the whole `duration`."""
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline:
        if not probe():
            return False
        eventlet.sleep(interval)
    return True


def selects_sent(engine: Any) -> list[str]:
    """Every SELECT the engine sends from now on, for tests that count the queries a read makes."""
    sent: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append(statement)

    sqlalchemy.event.listen(engine, "before_cursor_execute", record)
    return sent
