"""Where a webhook may go: http(s) only, no credentials in the URL, and never an internal address.

Every address the host resolves to is checked (an attacker's name may resolve to one public and one private
address): loopback, private, link-local, multicast, reserved, unspecified, shared CGNAT space 100.64/10 and the
IPv4-mapped and 6to4/NAT64 forms of those are refused, at registration and again before every send. Tests allow
their own receiver by host (`WEBHOOK_ALLOWED_HOSTS`) or allow private targets outright (`ALLOW_PRIVATE_TARGETS`).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
Resolver = Callable[[str, int], list[str]]


class UnsafeTarget(ValueError):
    pass


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeTarget(f"the host does not resolve: {exc}") from None
    return sorted({str(info[4][0]) for info in infos})


def internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and internal(embedded):
            return True
    if isinstance(address, ipaddress.IPv4Address) and address in CGNAT:
        return True
    return bool(
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def check_url(
    url: str,
    allowed_hosts: Iterable[str] = (),
    allow_private: bool = False,
    resolver: Resolver = resolve,
) -> list[str]:
    """The addresses the URL's host resolves to, or `UnsafeTarget` saying why it may not be used."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeTarget(f"not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeTarget("only http and https URLs are allowed")
    if parts.username is not None or parts.password is not None:
        raise UnsafeTarget("credentials in the URL are not allowed")
    host = parts.hostname
    if not host:
        raise UnsafeTarget("the URL names no host")
    addresses = resolver(host, port)
    if not addresses:
        raise UnsafeTarget("the host does not resolve")
    if allow_private or host in set(allowed_hosts):
        return addresses
    for text in addresses:
        if internal(ipaddress.ip_address(text.split("%", 1)[0])):
            raise UnsafeTarget(f"{host} resolves to an internal address ({text})")
    return addresses
