"""Server-side request forgery through webhooks (OWASP API7, SSRF cheat sheet): a webhook URL naming this machine,
a private or link-local network, cloud metadata or another scheme is refused over the API with a 400 naming `url`,
and no request leaves: a receiver listening on every address of this machine, on the port each URL names, stays at
0 requests. An allowed receiver's redirect is a failed attempt, never followed; a name that resolves elsewhere by
the time of sending (DNS rebinding) is checked again and refused before connecting."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.gateway_helpers import Network, assert_error, nothing_written
from tests.security.conftest import Delivering
from tests.security.receivers import Receiver, receiving
from tests.support import stays, wait_for

INTERNAL = [
    "http://127.0.0.1:{port}/hook",
    "http://127.0.0.2:{port}/hook",
    "http://localhost:{port}/hook",
    "http://0.0.0.0:{port}/hook",
    "http://10.0.0.1:{port}/hook",
    "http://172.16.0.1:{port}/hook",
    "http://172.31.255.254:{port}/hook",
    "http://192.168.1.1:{port}/hook",
    "http://100.64.0.1:{port}/hook",
    "http://169.254.0.1:{port}/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://[::1]:{port}/hook",
    "http://[::]:{port}/hook",
    "http://[::ffff:127.0.0.1]:{port}/hook",
    "http://[::ffff:7f00:1]:{port}/hook",
    "http://[fe80::1]:{port}/hook",
    "http://[fc00::1]:{port}/hook",
    "http://2130706433:{port}/hook",
    "http://0x7f000001:{port}/hook",
    "http://0177.0.0.1:{port}/hook",
    "http://127.1:{port}/hook",
    "https://127.0.0.1:{port}/hook",
    "ftp://127.0.0.1:{port}/hook",
    "file:///etc/passwd",
    "gopher://127.0.0.1:{port}/_POST%20/hook",
    "http://user:secret@127.0.0.1:{port}/hook",
]
REACHABLE = ["127.0.0.1", "127.0.0.2", "[::1]", "[::ffff:127.0.0.1]", "2130706433", "0x7f000001", "127.1"]


@pytest.fixture(scope="module")
def sink() -> Iterator[Receiver]:
    with receiving(Receiver(), everywhere=True) as receiver:
        yield receiver


@pytest.fixture(scope="module")
def centre(strict: Network) -> Network:
    return strict.centre()[1]


PROBE = """
import sys, urllib.request
for host in sys.argv[2:]:
    assert urllib.request.urlopen(f"http://{host}:{sys.argv[1]}/probe", data=b"", timeout=5).status == 204, host
"""


def test_the_sink_is_reached_by_every_spelling_of_this_machine(sink: Receiver) -> None:
    """Guards the count below: each spelling, used directly by a plain process (the system's resolver, which
    reads decimal, hex and short forms; this eventlet-patched process does not), lands in the sink."""
    subprocess.run([sys.executable, "-c", PROBE, str(sink.port), *REACHABLE], check=True, timeout=30)
    assert len(sink.requests) == len(REACHABLE)
    sink.requests.clear()


@pytest.mark.parametrize("template", INTERNAL)
def test_an_internal_or_non_http_webhook_url_is_refused_naming_url_and_nothing_is_sent(
    strict: Network, centre: Network, sink: Receiver, template: str
) -> None:
    url = template.format(port=sink.port)
    with nothing_written(strict, "notifications"):
        response = centre.post("/api/v1/webhooks", json={"url": url})
    assert_error(response, 400, "invalid_input", "url")
    assert centre.get("/api/v1/webhooks").json()["items"] == []
    assert stays(lambda: sink.requests == [], duration=0.2), sink.requests


def ledger(network: Network, recipient_id: str) -> list[dict[str, Any]]:
    found = network.get("/api/v1/admin/deliveries", params={"channel": "webhook", "recipient_id": recipient_id})
    assert found.status_code == 200, found.text
    items: list[dict[str, Any]] = found.json()["items"]
    return items


def finished(network: Network, recipient_id: str, status: str) -> dict[str, Any]:
    def probe() -> dict[str, Any]:
        items = ledger(network, recipient_id)
        return items[0] if items and items[0]["status"] == status else {}

    return wait_for(probe, timeout=20, what=f"the webhook delivery to end {status}")


def test_a_redirect_from_an_allowed_receiver_is_a_failure_and_never_followed(delivering: Delivering) -> None:
    network = delivering.network
    with receiving(Receiver()) as landing, receiving(Receiver([301, 302, 307, 308, 301, 302])) as allowed:
        allowed.location = landing.url("/landing")
        partner, as_partner = network.partner(verified=False)
        assert as_partner.post("/api/v1/webhooks", json={"url": allowed.url()}).status_code == 201
        assert network.post(f"/api/v1/partners/{partner['id']}/verify").status_code == 200

        delivery = finished(network, partner["id"], "dead")
        assert [path for path, _, _ in allowed.requests] == ["/hook"] * 6
        assert landing.requests == []
        assert "redirects are not followed" in delivery["last_error"] and delivery["attempts"] == 6


class _Rebinding:
    """`socket` as `lowe_notifications.targets` sees it, with the answers for `names` chosen by the test."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def __getattr__(self, name: str) -> Any:
        return getattr(socket, name)

    def getaddrinfo(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        if host in self.names:
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (self.names[host], port))]
        return socket.getaddrinfo(host, port, *args, **kwargs)


def test_a_name_rebound_to_this_machine_after_registration_is_refused_at_send_without_a_request(
    delivering: Delivering, sink: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    network, dns = delivering.network, _Rebinding({"hooks.rebind.test": "93.184.215.14"})
    monkeypatch.setattr("lowe_notifications.targets.socket", dns)
    partner, as_partner = network.partner(verified=False)
    url = f"http://hooks.rebind.test:{sink.port}/hook"
    assert as_partner.post("/api/v1/webhooks", json={"url": url}).status_code == 201  # public when registered

    dns.names["hooks.rebind.test"] = "127.0.0.1"
    assert network.post(f"/api/v1/partners/{partner['id']}/verify").status_code == 200

    delivery = finished(network, partner["id"], "failed")
    assert "internal address (127.0.0.1)" in delivery["last_error"], delivery
    assert delivery["attempts"] == 1 and sink.requests == []
