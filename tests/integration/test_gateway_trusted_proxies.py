"""The portal's sign-in limit per client address behind a reverse proxy, over real HTTP: with the test's own address
(127.0.0.1) trusted as the proxy, each `X-Forwarded-For` client counts on its own; with nothing trusted, a forged
header does not escape the limit. The gateway runs alone: signing in needs no other service."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from nameko.containers import ServiceContainer

from lowe_gateway.service import GatewayService
from tests.fixtures.broker import VhostAdmin, uri_for_vhost
from tests.fixtures.services import free_port, service_config
from tests.integration.portal_helpers import CHEAP_ARGON2, Browser
from tests.integration.test_gateway_authentication import Gateway, gateways
from tests.support import wait_for

PROXY = "127.0.0.1"  # where the tests' requests come from
LIMITED = {**CHEAP_ARGON2, "LOGIN_LIMIT_PER_IP": 2, "LOGIN_LIMIT_PER_EMAIL": 1000}


@pytest.fixture(scope="module")
def start(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Gateway]]:
    with gateways(vhost_admin, tmp_path_factory.mktemp("proxies")) as start:
        yield start


@pytest.fixture(scope="module")
def behind_proxy(start: Callable[..., Gateway]) -> Gateway:
    return start(**LIMITED, GATEWAY_TRUSTED_PROXIES=f"{PROXY}, 10.0.0.0/8")


@pytest.fixture(scope="module")
def trusting_nobody(start: Callable[..., Gateway]) -> Gateway:
    return start(**LIMITED)


def visitor(gateway: Gateway, forwarded_for: str) -> Browser:
    browser = Browser(gateway.url)
    browser.session.headers["X-Forwarded-For"] = forwarded_for
    return browser


def failed_sign_in(browser: Browser) -> int:
    """A wrong password for an address no account has: counted against the client address only."""
    return browser.sign_in(f"nobody-{uuid.uuid4().hex[:12]}@example.pl", "wrong password here").status_code


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_sign_in_limit(behind_proxy: Gateway) -> None:
    first, second = visitor(behind_proxy, "198.51.100.1"), visitor(behind_proxy, "198.51.100.2, 10.0.0.9")

    assert [failed_sign_in(first) for _ in range(3)] == [401, 401, 429]
    assert [failed_sign_in(second) for _ in range(3)] == [401, 401, 429]
    assert failed_sign_in(visitor(behind_proxy, "2001:db8::1")) == 401


def test_behind_a_trusted_proxy_a_client_cannot_escape_its_limit_by_forging_the_left_of_the_header(
    behind_proxy: Gateway,
) -> None:
    forged = [visitor(behind_proxy, f"203.0.113.{n}, 198.51.100.3") for n in range(3)]

    assert [failed_sign_in(browser) for browser in forged] == [401, 401, 429]


def test_with_no_proxy_trusted_a_forged_header_does_not_escape_the_limit(trusting_nobody: Gateway) -> None:
    forged = [visitor(trusting_nobody, f"198.51.100.{n}") for n in range(3)]

    assert [failed_sign_in(browser) for browser in forged] == [401, 401, 429]


def test_the_access_log_names_the_forwarded_client_only_when_the_proxy_is_trusted(
    behind_proxy: Gateway, trusting_nobody: Gateway
) -> None:
    lines = AccessLog()
    logging.getLogger("nameko.web.server").addHandler(lines)
    try:
        visitor(behind_proxy, "198.51.100.77").get("/portal/sign-in?trusted")
        visitor(trusting_nobody, "198.51.100.78").get("/portal/sign-in?untrusted")
        trusted = wait_for(lambda: lines.find("?trusted "), what="the access log line")
        untrusted = wait_for(lambda: lines.find("?untrusted "), what="the access log line")
    finally:
        logging.getLogger("nameko.web.server").removeHandler(lines)

    assert trusted.startswith("198.51.100.77 - - ")
    assert untrusted.startswith(f"{PROXY} - - ") and "198.51.100.78" not in untrusted


def test_a_trusted_proxies_setting_that_is_not_addresses_stops_the_gateway_from_starting(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    config = service_config(
        uri_for_vhost("lowe-test-never-used"),
        f"sqlite:///{tmp_path_factory.mktemp('refused') / 'gateway.db'}",
        WEB_SERVER_ADDRESS=f"127.0.0.1:{free_port()}",
        GATEWAY_TRUSTED_PROXIES="10.0.0.0/8, proxy.internal",
    )
    container = ServiceContainer(GatewayService, config)

    with pytest.raises(ValueError, match=r"GATEWAY_TRUSTED_PROXIES: 'proxy\.internal'"):
        container.start()
    container.kill()


class AccessLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def find(self, text: str) -> Any:
        return next((message for message in self.messages if text in message), None)
