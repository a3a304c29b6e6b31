"""Whose address a request counts under: `X-Forwarded-For` is believed from trusted proxies only."""

from __future__ import annotations

import pytest

from lowe_gateway.client_address import (
    TRUSTED_PROXIES_SETTING,
    client_address,
    trusted_proxies_from,
    trusting_everyone,
)
from tests.unit.test_deploy_config import load

PROXY = "127.0.0.1"
BALANCERS = trusted_proxies_from("10.0.0.0/8, 192.168.1.7,2001:db8:ffff::/48")


def test_without_trusted_proxies_the_connecting_address_counts_whatever_the_header_says() -> None:
    assert trusted_proxies_from("") == trusted_proxies_from(None) == ()
    assert client_address("203.0.113.9", "198.51.100.1", ()) == "203.0.113.9"


def test_a_header_from_a_peer_that_is_not_a_trusted_proxy_is_ignored() -> None:
    assert client_address("203.0.113.9", "198.51.100.1, 10.0.0.1", BALANCERS) == "203.0.113.9"


def test_a_trusted_proxy_names_the_client_on_the_right_of_its_header() -> None:
    trusted = trusted_proxies_from(PROXY)

    assert client_address(PROXY, "198.51.100.1", trusted) == "198.51.100.1"
    assert client_address(PROXY, None, trusted) == PROXY  # a request the proxy did not forward


def test_the_client_is_the_first_untrusted_address_from_the_right_of_a_chain_of_proxies() -> None:
    # the visitor forged the left part; the balancer at 10.1.2.3 was reached by 203.0.113.9 through 192.168.1.7
    header = "6.6.6.6, 7.7.7.7, 203.0.113.9, 192.168.1.7"

    assert client_address("10.1.2.3", header, BALANCERS) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_only_names_the_leftmost() -> None:
    assert client_address("10.1.2.3", "10.9.9.9, 192.168.1.7", BALANCERS) == "10.9.9.9"


def test_ipv6_clients_and_proxies_are_matched_and_written_in_one_spelling() -> None:
    header = "2001:DB8:0:0:0:0:0:1, 2001:db8:ffff:0::2"

    assert client_address("2001:db8:ffff::9", header, BALANCERS) == "2001:db8::1"
    assert client_address("2001:db8:1::9", "198.51.100.1", BALANCERS) == "2001:db8:1::9"
    assert client_address("::ffff:10.0.0.5", "198.51.100.1", BALANCERS) == "198.51.100.1"  # IPv4 on a dual stack


@pytest.mark.parametrize(
    "header",
    ["unknown", "198.51.100.1:4711", "198.51.100.1, ", "[2001:db8::1]", "198.51.100.1; 198.51.100.2", ""],
)
def test_a_malformed_entry_behind_the_proxies_leaves_the_connecting_address(header: str) -> None:
    assert client_address("10.1.2.3", header, BALANCERS) == "10.1.2.3"


def test_malformed_entries_the_client_wrote_itself_do_not_matter() -> None:
    assert client_address("10.1.2.3", "not an address, 203.0.113.9", BALANCERS) == "203.0.113.9"


def test_a_peer_that_is_not_an_ip_address_is_kept_as_it_is() -> None:
    assert client_address("unix-socket", "198.51.100.1", BALANCERS) == "unix-socket"
    assert client_address(None, "198.51.100.1", BALANCERS) == "unknown"


@pytest.mark.parametrize("value", ["10.0.0.300", "10.0.0.1/8", "proxy.internal", "10.0.0.0/33", 8080])
def test_a_setting_that_is_not_addresses_or_networks_is_refused_by_name(value: object) -> None:
    with pytest.raises(ValueError, match="GATEWAY_TRUSTED_PROXIES"):
        trusted_proxies_from(value)


def test_the_setting_takes_a_list_too() -> None:
    assert trusted_proxies_from(["10.0.0.0/8", "::1"]) == trusted_proxies_from("10.0.0.0/8,::1")
    assert [str(network) for network in trusted_proxies_from("::1")] == ["::1/128"]


def test_the_deployed_config_trusts_no_proxy_unless_the_environment_names_some(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRUSTED_PROXIES_SETTING, raising=False)
    assert trusted_proxies_from(load("gateway")[TRUSTED_PROXIES_SETTING]) == ()

    monkeypatch.setenv(TRUSTED_PROXIES_SETTING, "10.0.0.0/8,fd00::/8")

    assert [str(n) for n in trusted_proxies_from(load("gateway")[TRUSTED_PROXIES_SETTING])] == [
        "10.0.0.0/8",
        "fd00::/8",
    ]


def test_a_setting_that_trusts_every_address_is_named_for_a_warning() -> None:
    assert trusting_everyone(trusted_proxies_from("10.0.0.0/8, 0.0.0.0/0, ::/0")) == ["0.0.0.0/0", "::/0"]
    assert trusting_everyone(trusted_proxies_from("10.0.0.0/8, 192.0.2.7")) == []
