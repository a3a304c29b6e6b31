"""Who is on the other end of a request, for whatever is counted or logged per address (the portal's sign-in limit,
the access log).

Behind a reverse proxy every visitor connects from the proxy's address, and the proxy names the one it serves by
adding the address it was reached from to the right of `X-Forwarded-For`. Anyone can send that header, so it counts
only when the connecting address is a proxy named in `GATEWAY_TRUSTED_PROXIES` (none by default). The header is then
read from the right, past the trusted proxies, and the first other address is the client; whatever lies further left
was written by the client itself and is ignored. An entry there that is not an address means a proxy is not doing
what it was trusted to do: the connecting address is kept, as if nobody were trusted.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import Any

from eventlet.wsgi import addr_to_host_port
from nameko.web.server import HttpOnlyProtocol

TRUSTED_PROXIES_SETTING = "GATEWAY_TRUSTED_PROXIES"
UNKNOWN = "unknown"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies_from(value: Any) -> tuple[IPNetwork, ...]:
    """`GATEWAY_TRUSTED_PROXIES`: comma-separated addresses and networks (`10.0.0.7, 172.16.0.0/12, fd00::/8`), or a
    list of them; empty trusts no proxy. Anything else stops the gateway from starting, with the setting's name."""
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list | tuple):
        items = [str(item) for item in value]
    else:
        raise ValueError(f"{TRUSTED_PROXIES_SETTING} must be comma-separated IP addresses or networks, got {value!r}")
    networks = []
    for item in (item.strip() for item in items):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item))
        except ValueError as exc:
            raise ValueError(
                f"{TRUSTED_PROXIES_SETTING}: {item!r} is neither an IP address nor a network such as 10.0.0.0/8 ({exc})"
            ) from None
    return tuple(networks)


def trusting_everyone(trusted: Sequence[IPNetwork]) -> list[str]:
    """The trusted networks that hold every address (`0.0.0.0/0`, `::/0`): allowed, for a proxy that is the only way
    in, but then anyone who reaches the gateway names the client its limits count."""
    return [str(network) for network in trusted if network.prefixlen == 0]


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[IPNetwork]) -> str:
    """The client's address: the connecting `peer`, unless it is a trusted proxy; then the rightmost entry of
    `forwarded_for` (the `X-Forwarded-For` lines, comma-joined) that is not a trusted proxy, or the leftmost one when
    every entry is."""
    connected = _address(peer)
    if connected is None:
        return peer or UNKNOWN
    if not _trusted(connected, trusted):
        return str(connected)
    client = connected
    for entry in reversed(forwarded_for.split(",") if forwarded_for else []):
        address = _address(entry)
        if address is None:
            return str(connected)
        client = address
        if not _trusted(address, trusted):
            break
    return str(client)


def _address(text: str | None) -> IPAddress | None:
    """The address, with an IPv4 address seen through a dual-stack socket (`::ffff:10.0.0.7`) as plain IPv4, so one
    client has one spelling (and one count)."""
    try:
        address = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress, trusted: Sequence[IPNetwork]) -> bool:
    return any(address in network for network in trusted)


class ClientAddressProtocol(HttpOnlyProtocol):
    """eventlet's access log names the client as the limits do (`REMOTE_ADDR`, as `JsonWsgiApp` set it), where
    eventlet's own would prepend whatever `X-Forwarded-For` anyone sent."""

    def get_client_address(self) -> tuple[str, int]:
        host, port = addr_to_host_port(self.client_address)
        environ = getattr(self, "environ", None) or {}
        return str(environ.get("REMOTE_ADDR") or host), port
