"""Fixtures for the gateway tests: one running network per test module, since starting one takes seconds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import Network, running_network


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    with running_network(vhost_admin, tmp_path_factory.mktemp("gateway")) as running:
        yield running
