"""Webhook POSTs over urllib3: a nameko DependencyProvider. Before every send the host is resolved once, every
address it resolves to is checked (`targets.check_url`) and the connection goes to a checked address — never to
whatever a second lookup would answer (DNS rebinding). The request keeps the URL's `Host`, and https verifies the
certificate against the host name (SNI too). Redirects are never followed (a 3xx is a failure); every attempt has
a timeout."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import certifi
from nameko.extensions import DependencyProvider
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, Timeout
from urllib3.exceptions import ConnectTimeoutError, HTTPError

from lowe_notifications.ports import WebhookError
from lowe_notifications.targets import Resolver, check_url, resolve


def _hosts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [host.strip() for host in value.split(",") if host.strip()]
    return [str(host) for host in value or []]


@dataclass(frozen=True)
class Target:
    """Where a checked URL goes: its scheme, host name, port, `Host` header and path (with the query)."""

    scheme: str
    hostname: str
    port: int
    host_header: str
    path: str

    @classmethod
    def of(cls, url: str) -> Target:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return cls(parts.scheme, parts.hostname or "", port, parts.netloc, path)


class HttpWebhookClient:
    def __init__(
        self,
        timeout: float,
        allowed_hosts: Iterable[str] = (),
        allow_private: bool = False,
        resolver: Resolver = resolve,
    ) -> None:
        self.timeout = timeout
        self.allowed_hosts = list(allowed_hosts)
        self.allow_private = allow_private
        self.resolver = resolver

    def check(self, url: str) -> list[str]:
        return check_url(url, self.allowed_hosts, self.allow_private, self.resolver)

    def post(self, url: str, headers: dict[str, str], body: str) -> int:
        """Tries the checked addresses in turn until one takes the connection; the status code of its answer."""
        addresses = self.check(url)  # the one lookup: raises UnsafeTarget when any address is refused
        target = Target.of(url)
        failure = "no address to connect to"
        for address in addresses:
            pool = self.pool(target, address)
            try:
                response = pool.urlopen(
                    "POST",
                    target.path,
                    body=body.encode("utf-8"),
                    headers={**headers, "Host": target.host_header},
                    redirect=False,
                    retries=False,
                    assert_same_host=False,
                )
                return int(response.status)
            except ConnectTimeoutError as exc:  # this address did not take the connection: the next one may
                failure = f"{type(exc).__name__}: {exc}"
            except HTTPError as exc:
                raise WebhookError(f"{type(exc).__name__}: {exc}") from None
            finally:
                pool.close()
        raise WebhookError(failure)

    def pool(self, target: Target, address: str) -> HTTPConnectionPool:
        """A connection to `address` (checked) that speaks to `target.hostname`: SNI and certificate for https."""
        timeout = Timeout(connect=self.timeout, read=self.timeout)
        if target.scheme == "https":
            return HTTPSConnectionPool(
                address,
                target.port,
                timeout=timeout,
                retries=False,
                cert_reqs="CERT_REQUIRED",
                ca_certs=certifi.where(),
                assert_hostname=target.hostname,
                server_hostname=target.hostname,
            )
        return HTTPConnectionPool(address, target.port, timeout=timeout, retries=False)


class WebhookClientProvider(DependencyProvider):
    def setup(self) -> None:
        config = self.container.config
        self.client = HttpWebhookClient(
            timeout=float(config.get("WEBHOOK_TIMEOUT", 15)),
            allowed_hosts=_hosts(config.get("WEBHOOK_ALLOWED_HOSTS", "")),
            allow_private=str(config.get("ALLOW_PRIVATE_TARGETS", "false")).lower() in ("1", "true", "yes"),
        )

    def get_dependency(self, worker_ctx: Any) -> HttpWebhookClient:
        return self.client
