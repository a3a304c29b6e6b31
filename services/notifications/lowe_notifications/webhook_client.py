"""Webhook POSTs with `requests`: a nameko DependencyProvider. The target is checked again before every send
(`targets.check_url`), redirects are never followed (a 3xx is a failure), and every attempt has a timeout."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import requests
from nameko.extensions import DependencyProvider

from lowe_notifications.ports import WebhookError
from lowe_notifications.targets import check_url


def _hosts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [host.strip() for host in value.split(",") if host.strip()]
    return [str(host) for host in value or []]


class HttpWebhookClient:
    def __init__(self, timeout: float, allowed_hosts: Iterable[str] = (), allow_private: bool = False) -> None:
        self.timeout = timeout
        self.allowed_hosts = list(allowed_hosts)
        self.allow_private = allow_private
        self.session = requests.Session()
        self.session.trust_env = False  # no proxy or netrc from the environment

    def check(self, url: str) -> list[str]:
        return check_url(url, self.allowed_hosts, self.allow_private)

    def post(self, url: str, headers: dict[str, str], body: str) -> int:
        self.check(url)
        try:
            response = self.session.post(
                url, data=body.encode("utf-8"), headers=headers, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as exc:
            raise WebhookError(f"{type(exc).__name__}: {exc}") from None
        response.close()
        return int(response.status_code)


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
