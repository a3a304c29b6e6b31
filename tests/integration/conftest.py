"""Fixtures for the gateway tests: one running network per test module, since starting one takes seconds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.fixtures.services import free_port
from tests.integration.gateway_helpers import Network, running_network
from tests.integration.test_notifications_delivery import SmtpCatcher


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    with running_network(vhost_admin, tmp_path_factory.mktemp("gateway")) as running:
        yield running


@pytest.fixture(scope="module")
def smtp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpCatcher]:
    """A real SMTP server for the module's network to e-mail (a module that needs one per test defines its own)."""
    catcher = SmtpCatcher(tmp_path_factory.mktemp("smtp"), free_port()).start()
    yield catcher
    catcher.stop()
