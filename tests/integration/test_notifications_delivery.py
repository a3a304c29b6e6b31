"""E-mail and webhooks through the real services: a real SMTP server (aiosmtpd, in its own process, writing a
Maildir) and a real HTTP receiver on 127.0.0.1. Events come from the partners service as in production."""

from __future__ import annotations

import base64
import email
import json
import mailbox
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_backbone.envelope import Envelope
from lowe_notifications.model.webhooks import parse_secret, verify
from lowe_notifications.service import NotificationsService
from lowe_partners.service import PartnersService
from tests.fixtures.services import free_port
from tests.messaging import count_rows, publish_envelope, rows
from tests.support import stays, wait_for

FERNET_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()
PARTNER = {"name": "Fundacja Cyfrowa", "sector": "public", "email": "biuro@fundacja.pl", "voivodeship": "14"}


def fast(smtp_port: int, **overrides: Any) -> dict[str, Any]:
    """The notifications service's config for tests: quick rounds and retries, the test's servers allowed."""
    config: dict[str, Any] = {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": smtp_port,
        "SMTP_SECURITY": "none",
        "DELIVERY_POLL_INTERVAL": 0.2,
        "DELIVERY_RETRY_BASE": 0.2,
        "DELIVERY_RETRY_CAP": 0.5,
        "DELIVERY_MAX_ATTEMPTS": 6,
        "WEBHOOK_TIMEOUT": 0.5,
        "WEBHOOK_ALLOWED_HOSTS": "127.0.0.1",
        "WEBHOOK_SECRET_KEY": FERNET_KEY,
        "UNSUBSCRIBE_KEY": "test-unsubscribe-key",
        "UNSUBSCRIBE_BASE_URL": "https://lowe.example/api/v1/unsubscribe",
        "ADDRESS_LOOKUP_TIMEOUT": 2,
    }
    config.update(overrides)
    return config


class SmtpCatcher:
    """aiosmtpd in a child process (asyncio stays out of the eventlet-patched test process), storing a Maildir."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port = directory / "maildir", port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> SmtpCatcher:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}", *self._handler()],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._listening, timeout=15, what="the SMTP server to listen")
        return self

    def _handler(self) -> list[str]:
        return ["-c", "aiosmtpd.handlers.Mailbox", str(self.directory)]

    def _listening(self) -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def messages(self) -> list[EmailMessage]:
        if not self.directory.exists():
            return []
        box = mailbox.Maildir(str(self.directory), create=False)
        found = [email.message_from_bytes(box.get_bytes(key), policy=default_policy) for key in box.iterkeys()]
        return sorted(found, key=lambda message: str(message["Date"]))  # type: ignore[misc]


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp(tmp_path: Path, smtp_port: int) -> Iterator[SmtpCatcher]:
    catcher = SmtpCatcher(tmp_path, smtp_port).start()
    yield catcher
    catcher.stop()


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 answering each POST with the next scripted answer (then 204)."""

    answers: list[int | str] = field(default_factory=list)
    requests: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/lowe"

    def posts_to(self, path: str) -> list[tuple[str, dict[str, str], str]]:
        return [request for request in self.requests if request[0] == path]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            state.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            answer = state.answers.pop(0) if state.answers else 204
            if answer == "slow":
                time.sleep(1.5)
                answer = 204
            self.send_response(int(answer))
            if int(answer) in (301, 302, 307, 308):
                self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    state.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=state.server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.server.shutdown()
    state.server.server_close()


def rpc(broker_uri: str) -> ClusterRpcProxy:
    return ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10)


def registered_partner(broker_uri: str) -> dict[str, Any]:
    with rpc(broker_uri) as services:
        partner: dict[str, Any] = services.partners.register_partner(PARTNER)
    return partner


def verify_partner(broker_uri: str, partner_id: str) -> None:
    with rpc(broker_uri) as services:
        services.partners.verify_partner(partner_id)


def ledger(broker_uri: str, **params: Any) -> list[dict[str, Any]]:
    with rpc(broker_uri) as services:
        items: list[dict[str, Any]] = services.notifications.list_deliveries(params)["items"]
    return items


def the_delivery(broker_uri: str, channel: str, status: str | None = None) -> dict[str, Any] | None:
    found = [d for d in ledger(broker_uri, channel=channel) if d["type"] != "daily_digest"]
    if len(found) == 1 and (status is None or found[0]["status"] == status):
        return found[0]
    return None


def text_and_html(message: EmailMessage) -> tuple[str, str]:
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_a_verified_partner_is_emailed_in_polish_with_both_parts_and_one_click_unsubscribe(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp: SmtpCatcher, smtp_port: int
) -> None:
    start_service(PartnersService)
    start_service(NotificationsService, **fast(smtp_port))
    partner = registered_partner(broker_uri)

    verify_partner(broker_uri, partner["id"])

    [message] = wait_for(smtp.messages, timeout=15, what="the e-mail")
    assert message["To"] == "biuro@fundacja.pl"
    assert message["Subject"] == "Organizacja zweryfikowana: Fundacja Cyfrowa"
    assert message["Content-Language"] == "pl"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<https://lowe.example/api/v1/unsubscribe?token=")
    text, html = text_and_html(message)
    assert "Możesz teraz publikować oferty" in text
    assert "<strong>Fundacja Cyfrowa</strong>" in html and "Wypisz się" in html
    delivery = wait_for(lambda: the_delivery(broker_uri, "email", "sent"), what="the ledger to say sent")
    assert (delivery["attempts"], delivery["recipient_id"]) == (1, partner["id"])
    assert message["Message-ID"] == f"<{delivery['id']}@notifications.lowe>"


def test_the_language_a_recipient_chose_is_used_and_unsubscribing_stops_that_type(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp: SmtpCatcher, smtp_port: int
) -> None:
    start_service(PartnersService)
    start_service(NotificationsService, **fast(smtp_port))
    partner = registered_partner(broker_uri)
    with rpc(broker_uri) as services:
        services.notifications.set_preferences(partner["id"], "partner", {"language": "en"})

    verify_partner(broker_uri, partner["id"])
    [message] = wait_for(smtp.messages, timeout=15, what="the e-mail")
    assert (message["Subject"], message["Content-Language"]) == ("Organisation verified: Fundacja Cyfrowa", "en")
    assert "Unsubscribe" in text_and_html(message)[1]

    token = message["List-Unsubscribe"].strip("<>").split("token=", 1)[1]
    with rpc(broker_uri) as services:
        assert services.notifications.unsubscribe(token)["unsubscribed"] == ["partner_verified"]
        preferences = services.notifications.get_preferences(partner["id"], "partner")
    assert preferences["types"]["partner_verified"]["channels"] == ["in_app", "webhook"]


def test_an_email_retries_until_the_smtp_server_answers_and_is_sent_once(
    start_service: Callable[..., ServiceContainer], broker_uri: str, tmp_path: Path, smtp_port: int
) -> None:
    start_service(PartnersService)
    start_service(NotificationsService, **fast(smtp_port, DELIVERY_MAX_ATTEMPTS=50))
    partner = registered_partner(broker_uri)

    verify_partner(broker_uri, partner["id"])
    retrying = wait_for(lambda: the_delivery(broker_uri, "email", "retrying"), what="a failed attempt")
    assert "ConnectionRefusedError" in retrying["last_error"]
    catcher = SmtpCatcher(tmp_path, smtp_port).start()
    try:
        delivery = wait_for(lambda: the_delivery(broker_uri, "email", "sent"), timeout=15, what="the e-mail sent")
        assert delivery["attempts"] >= 2 and delivery["last_error"] is None
        assert stays(lambda: len(catcher.messages()) == 1, duration=1.5)
    finally:
        catcher.stop()


def test_an_email_that_never_gets_through_ends_dead_and_an_operator_can_redrive_it(
    start_service: Callable[..., ServiceContainer], broker_uri: str, tmp_path: Path, smtp_port: int
) -> None:
    start_service(PartnersService)
    start_service(NotificationsService, **fast(smtp_port, DELIVERY_MAX_ATTEMPTS=2))
    partner = registered_partner(broker_uri)

    verify_partner(broker_uri, partner["id"])
    dead = wait_for(lambda: the_delivery(broker_uri, "email", "dead"), what="the delivery to die")
    assert dead["attempts"] == 2 and dead["next_attempt_at"] is None
    assert [d["id"] for d in ledger(broker_uri, status="dead")] == [dead["id"]]

    catcher = SmtpCatcher(tmp_path, smtp_port).start()
    try:
        with rpc(broker_uri) as services:
            assert services.notifications.redrive_delivery(dead["id"])["status"] == "queued"
        wait_for(lambda: the_delivery(broker_uri, "email", "sent"), what="the re-driven e-mail")
        assert len(catcher.messages()) == 1
    finally:
        catcher.stop()


def test_the_same_event_redelivered_is_told_once(
    start_service: Callable[..., ServiceContainer],
    broker_uri: str,
    smtp: SmtpCatcher,
    smtp_port: int,
    database_url: Callable[[str], str],
) -> None:
    start_service(NotificationsService, **fast(smtp_port))
    partner_id = "5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11"
    data = {
        "partner_id": partner_id,
        "name": "Fundacja",
        "email": "biuro@fundacja.pl",
        "verified_at": "2025-03-03T11:30:00+00:00",
    }
    envelope = Envelope(type="partner_verified", version=1, producer="partners", correlation_id="dup", data=data)

    for _ in range(3):
        publish_envelope(broker_uri, envelope)

    db = database_url("notifications")
    wait_for(lambda: len(smtp.messages()) >= 1, timeout=15, what="the e-mail")
    assert stays(lambda: len(smtp.messages()) == 1, duration=1.5)
    assert count_rows(db, "notifications") == 1
    assert sorted(r[0] for r in rows(db, "SELECT channel FROM deliveries")) == ["email", "in_app"]
    assert count_rows(db, "processed_events", "event_id = :e", e=envelope.event_id) == 1


def registered_webhook(broker_uri: str, partner_id: str, url: str) -> dict[str, Any]:
    with rpc(broker_uri) as services:
        endpoint: dict[str, Any] = services.notifications.register_webhook(partner_id, "partner", {"url": url})
    return endpoint


def webhook_network(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp_port: int, receiver: Receiver
) -> tuple[dict[str, Any], dict[str, Any]]:
    start_service(PartnersService)
    start_service(NotificationsService, **fast(smtp_port))
    partner = registered_partner(broker_uri)
    return partner, registered_webhook(broker_uri, partner["id"], receiver.url)


def test_a_webhook_is_signed_the_standard_webhooks_way(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp_port: int, receiver: Receiver
) -> None:
    partner, endpoint = webhook_network(start_service, broker_uri, smtp_port, receiver)
    assert endpoint["secret"].startswith("whsec_") and len(parse_secret(endpoint["secret"])) == 32

    verify_partner(broker_uri, partner["id"])

    [(path, headers, body)] = wait_for(lambda: receiver.requests, what="the webhook")
    assert path == "/hooks/lowe"
    secret = parse_secret(endpoint["secret"])
    assert verify(secret, headers["webhook-id"], int(headers["webhook-timestamp"]), body, headers["webhook-signature"])
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 30
    payload = json.loads(body)
    assert (payload["type"], payload["data"]["name"]) == ("partner_verified", "Fundacja Cyfrowa")
    wait_for(lambda: the_delivery(broker_uri, "webhook", "sent"), what="the ledger to say sent")
    with rpc(broker_uri) as services:
        [listed] = services.notifications.list_webhooks(partner["id"])["items"]
    assert "secret" not in listed and listed["active"] is True


def test_a_500_is_retried_with_the_same_id_until_it_succeeds(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp_port: int, receiver: Receiver
) -> None:
    receiver.answers.extend([500, 503])
    partner, _ = webhook_network(start_service, broker_uri, smtp_port, receiver)

    verify_partner(broker_uri, partner["id"])

    delivery = wait_for(lambda: the_delivery(broker_uri, "webhook", "sent"), timeout=15, what="the webhook sent")
    assert delivery["attempts"] == 3
    assert len({headers["webhook-id"] for _, headers, _ in receiver.requests}) == 1
    assert stays(lambda: len(receiver.requests) == 3, duration=1.0)


def test_a_redirect_is_a_failure_and_is_never_followed(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp_port: int, receiver: Receiver
) -> None:
    receiver.answers.extend([302, 200])
    partner, _ = webhook_network(start_service, broker_uri, smtp_port, receiver)

    verify_partner(broker_uri, partner["id"])

    delivery = wait_for(lambda: the_delivery(broker_uri, "webhook", "sent"), timeout=15, what="the webhook sent")
    assert delivery["attempts"] == 2
    assert receiver.posts_to("/elsewhere") == [] and len(receiver.posts_to("/hooks/lowe")) == 2


def test_a_receiver_too_slow_is_a_timeout_and_retried(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp_port: int, receiver: Receiver
) -> None:
    receiver.answers.append("slow")
    partner, _ = webhook_network(start_service, broker_uri, smtp_port, receiver)

    verify_partner(broker_uri, partner["id"])

    delivery = wait_for(lambda: the_delivery(broker_uri, "webhook", "sent"), timeout=15, what="the webhook sent")
    assert delivery["attempts"] == 2


def test_a_410_disables_the_endpoint(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp_port: int, receiver: Receiver
) -> None:
    receiver.answers.append(410)
    partner, endpoint = webhook_network(start_service, broker_uri, smtp_port, receiver)

    verify_partner(broker_uri, partner["id"])

    failed = wait_for(lambda: the_delivery(broker_uri, "webhook", "failed"), timeout=15, what="the delivery failed")
    assert "410" in failed["last_error"]
    with rpc(broker_uri) as services:
        [listed] = services.notifications.list_webhooks(partner["id"])["items"]
        assert (listed["id"], listed["active"], listed["disabled_reason"]) == (endpoint["id"], False, "gone")
        services.partners.suspend_partner(partner["id"], {"reason": "test"})
    wait_for(lambda: len(ledger(broker_uri, type="partner_suspended")) >= 2, what="the suspension's deliveries")
    assert stays(lambda: len(receiver.requests) == 1, duration=1.0)
    assert [d["channel"] for d in ledger(broker_uri, type="partner_suspended")] in (
        ["in_app", "email"],
        ["email", "in_app"],
    )


@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.1/hooks", "http://169.254.169.254/latest", "ftp://127.0.0.1/", "http://user:pw@127.0.0.1/"],
)
def test_an_unsafe_target_is_refused_at_registration(
    start_service: Callable[..., ServiceContainer], broker_uri: str, smtp_port: int, url: str
) -> None:
    from lowe_backbone.errors import InvalidInput

    start_service(NotificationsService, **fast(smtp_port))
    with rpc(broker_uri) as services, pytest.raises(InvalidInput) as refused:
        services.notifications.register_webhook("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11", "partner", {"url": url})
    assert list(refused.value.fields) == ["url"]


def test_a_restart_while_a_retry_is_scheduled_sends_nothing_twice(
    start_service: Callable[..., ServiceContainer],
    broker_uri: str,
    smtp: SmtpCatcher,
    smtp_port: int,
    receiver: Receiver,
) -> None:
    receiver.answers.append(500)
    start_service(PartnersService)
    first = start_service(NotificationsService, **fast(smtp_port, DELIVERY_RETRY_BASE=2, DELIVERY_RETRY_CAP=2))
    partner = registered_partner(broker_uri)
    registered_webhook(broker_uri, partner["id"], receiver.url)

    verify_partner(broker_uri, partner["id"])
    wait_for(lambda: the_delivery(broker_uri, "webhook", "retrying"), what="the first webhook attempt to fail")
    wait_for(lambda: the_delivery(broker_uri, "email", "sent"), what="the e-mail")
    first.stop()
    start_service(NotificationsService, **fast(smtp_port, DELIVERY_RETRY_BASE=2, DELIVERY_RETRY_CAP=2))

    wait_for(lambda: the_delivery(broker_uri, "webhook", "sent"), timeout=15, what="the retry after the restart")
    assert stays(lambda: len(receiver.requests) == 2 and len(smtp.messages()) == 1, duration=1.5)
