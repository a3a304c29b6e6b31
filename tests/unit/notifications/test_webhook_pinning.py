"""A webhook goes to the address that was checked: one lookup per send, every address checked, the connection made
to a checked address with the URL's Host (and, for https, SNI and the certificate checked against the host name)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from lowe_notifications.targets import UnsafeTarget
from lowe_notifications.webhook_client import HttpWebhookClient, Target

PUBLIC, PRIVATE = "93.184.216.34", "10.0.0.7"


class FakeResolver:
    """Answers each lookup with the next list of addresses (a rebinding name answers differently each time)."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers, self.asked = list(answers), 0

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked += 1
        return self.answers[min(self.asked, len(self.answers)) - 1]


class Receiver(BaseHTTPRequestHandler):
    seen: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.seen.append({"host": self.headers["Host"], "path": self.path, "body": body})
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[int]:
    Receiver.seen = []
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_request_goes_to_the_checked_address_with_the_urls_host(receiver: int) -> None:
    resolver = FakeResolver(["127.0.0.1"], [PUBLIC])  # a second lookup would answer elsewhere
    client = HttpWebhookClient(5, allowed_hosts=["hooks.example.test"], resolver=resolver)

    status = client.post(f"http://hooks.example.test:{receiver}/in?x=1", {"content-type": "application/json"}, "{}")

    assert status == 204
    assert resolver.asked == 1
    assert Receiver.seen == [{"host": f"hooks.example.test:{receiver}", "path": "/in?x=1", "body": b"{}"}]


def test_a_name_that_resolves_to_one_internal_address_among_public_ones_is_refused_before_connecting() -> None:
    resolver = FakeResolver([PUBLIC, PRIVATE])
    client = HttpWebhookClient(5, resolver=resolver)
    client.pool = lambda *args: pytest.fail("connected")  # type: ignore[method-assign]

    with pytest.raises(UnsafeTarget):
        client.post("https://hooks.example.test/in", {}, "{}")
    assert resolver.asked == 1


def test_a_rebinding_name_is_looked_up_once_and_the_checked_address_is_the_one_connected_to() -> None:
    resolver = FakeResolver([PUBLIC], [PRIVATE])
    client = HttpWebhookClient(5, resolver=resolver)
    connected: list[tuple[Target, str]] = []
    hosts: list[str] = []

    class Pool:
        def urlopen(self, *args: Any, **kwargs: Any) -> Any:
            hosts.append(kwargs["headers"]["Host"])
            return type("Response", (), {"status": 200})()

        def close(self) -> None:
            pass

    def pool(target: Target, address: str) -> Pool:
        connected.append((target, address))
        return Pool()

    client.pool = pool  # type: ignore[method-assign, assignment]

    assert client.post("https://hooks.example.test/in", {}, "{}") == 200
    assert resolver.asked == 1
    [(target, address)] = connected
    assert (address, target.hostname, hosts) == (PUBLIC, "hooks.example.test", ["hooks.example.test"])


def test_https_connects_to_the_address_but_checks_the_certificate_and_sends_sni_for_the_host_name() -> None:
    client = HttpWebhookClient(5)

    pool = client.pool(Target.of("https://hooks.example.test:8443/in"), PUBLIC)

    assert (pool.host, pool.port) == (PUBLIC, 8443)
    assert pool.assert_hostname == "hooks.example.test"  # type: ignore[attr-defined]
    assert pool.conn_kw["server_hostname"] == "hooks.example.test"
    assert pool.cert_reqs == "CERT_REQUIRED"  # type: ignore[attr-defined]


def test_when_the_first_checked_address_refuses_the_connection_the_next_checked_one_is_tried(receiver: int) -> None:
    closed = "127.0.0.2"  # nothing listens there on the receiver's port
    client = HttpWebhookClient(2, allow_private=True, resolver=FakeResolver([closed, "127.0.0.1"]))

    assert client.post(f"http://hooks.example.test:{receiver}/in", {}, "{}") == 204
    assert [seen["host"] for seen in Receiver.seen] == [f"hooks.example.test:{receiver}"]
