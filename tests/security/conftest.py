"""Two running networks shared by the security suite, each started once and only when a test asks for it:

- `strict`: the product's defaults; no webhook target on this machine is allowed (every loopback is internal);
- `delivering`: quick delivery rounds, a real SMTP server, the test receivers on 127.0.0.1 allowed
  (`WEBHOOK_ALLOWED_HOSTS`, the service's own test-only allowance), a short secret-rotation grace, and the services'
  log lines captured as they are rendered.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.fixtures.services import free_port
from tests.integration.gateway_helpers import Network, running_network
from tests.integration.test_notifications_delivery import SmtpCatcher, fast

ROTATION_GRACE_SECONDS = 6


@dataclass
class Delivering:
    network: Network
    smtp: SmtpCatcher
    logs: io.StringIO


@pytest.fixture(scope="package")
def strict(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    with running_network(vhost_admin, tmp_path_factory.mktemp("strict")) as network:
        yield network


@pytest.fixture(scope="package")
def delivering(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Delivering]:
    directory = tmp_path_factory.mktemp("delivering")
    smtp = SmtpCatcher(directory, free_port()).start()
    notifications = fast(smtp.port, WEBHOOK_SECRET_GRACE=ROTATION_GRACE_SECONDS)
    logs = io.StringIO()
    handler = logging.StreamHandler(logs)
    root = logging.getLogger()
    try:
        with running_network(vhost_admin, directory, {"notifications": notifications}) as network:
            if root.handlers and root.handlers[0].formatter is not None:
                handler.setFormatter(root.handlers[0].formatter)  # the services' own renderer, redaction included
            root.addHandler(handler)
            yield Delivering(network, smtp, logs)
    finally:
        root.removeHandler(handler)
        smtp.stop()
