"""Where webhooks may go: every resolved address is checked; internal ones are refused unless allowed."""

from __future__ import annotations

import pytest

from lowe_notifications.targets import UnsafeTarget, check_url


def resolving_to(*addresses: str):  # type: ignore[no-untyped-def]
    return lambda host, port: list(addresses)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # CGNAT
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fc00::1",
        "fe80::1",
        "ff02::1",
        "::ffff:10.0.0.1",  # IPv4-mapped
        "::ffff:127.0.0.1",
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:a00:1::",  # 6to4 of 10.0.0.1
    ],
)
def test_an_internal_address_is_refused(address: str) -> None:
    with pytest.raises(UnsafeTarget, match="internal address"):
        check_url("https://hooks.example.org/in", resolver=resolving_to(address))


def test_one_internal_address_among_public_ones_is_enough_to_refuse() -> None:
    with pytest.raises(UnsafeTarget):
        check_url("https://hooks.example.org/", resolver=resolving_to("93.184.216.34", "10.0.0.7"))


def test_a_public_address_passes() -> None:
    assert check_url("https://hooks.example.org/x", resolver=resolving_to("93.184.216.34", "2606:2800:220:1::1")) == [
        "93.184.216.34",
        "2606:2800:220:1::1",
    ]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://hooks.example.org/", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://127.0.0.1:25/", "only http and https"),
        ("https://user:pass@hooks.example.org/", "credentials"),
        ("https://user@hooks.example.org/", "credentials"),
        ("https:///nohost", "no host"),
        ("http://[::1", "not a valid URL"),
    ],
)
def test_schemes_credentials_and_malformed_urls_are_refused(url: str, why: str) -> None:
    with pytest.raises(UnsafeTarget, match=why):
        check_url(url, resolver=resolving_to("93.184.216.34"))


@pytest.mark.parametrize("spelling", ["http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://localhost/"])
def test_other_spellings_of_loopback_are_refused_after_resolving(spelling: str) -> None:
    with pytest.raises(UnsafeTarget):
        check_url(spelling)  # the real resolver


def test_the_allow_list_and_the_private_flag_let_a_test_receiver_through() -> None:
    assert check_url("http://127.0.0.1:8080/", allowed_hosts=["127.0.0.1"]) == ["127.0.0.1"]
    assert check_url("http://10.0.0.1/", allow_private=True, resolver=resolving_to("10.0.0.1")) == ["10.0.0.1"]
    with pytest.raises(UnsafeTarget):
        check_url("http://127.0.0.2/", allowed_hosts=["127.0.0.1"])


def test_a_host_that_does_not_resolve_is_refused() -> None:
    with pytest.raises(UnsafeTarget, match="does not resolve"):
        check_url("https://no-such-host.invalid/")
