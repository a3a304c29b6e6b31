"""The fault tests' private servers (one pair for the session) and a fresh network per test on them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.faults.stack import Servers, Stack, private_servers, running_network


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    with private_servers() as started:
        yield started


def _running_again(servers: Servers) -> None:
    """A test that failed half-way may leave a server frozen or down; cleanup and the next test need it up."""
    if servers.rabbitmq.process is not None:
        servers.rabbitmq.thaw()
    else:
        servers.rabbitmq.start()
    if servers.postgres.process is None:
        servers.postgres.start()


@pytest.fixture
def start_stack(servers: Servers, tmp_path: Path) -> Iterator[Callable[..., Stack]]:
    """`start_stack(heartbeat=..., **env)`: the network on a new vhost and new databases, stopped after the test, which
    fails if a service process died of the fault on its own (one the test killed was started again)."""
    cleanup = ExitStack()
    stacks: list[Stack] = []

    def start(heartbeat: int = 10, **env: Any) -> Stack:
        environment = {name: str(value) for name, value in env.items()}
        stacks.append(cleanup.enter_context(running_network(servers, tmp_path, heartbeat, environment)))
        return stacks[-1]

    try:
        yield start
        died = [name for stack in stacks for name in stack.network.exited()]
        assert not died, f"service processes died during the test: {died} (logs in {tmp_path})"
    finally:
        _running_again(servers)
        cleanup.close()
