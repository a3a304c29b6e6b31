"""A dispatch round's e-mails share one SMTP connection, which is opened again when the server dropped it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lowe_notifications.mailer import SmtpMailer
from lowe_notifications.ports import Email, MailError
from tests.fixtures.services import free_port
from tests.integration.test_notifications_delivery import SmtpCatcher
from tests.support import wait_for


class CountingCatcher(SmtpCatcher):
    def _handler(self) -> list[str]:
        return ["-c", "tests.integration.smtp_counting.CountingMailbox", str(self.directory)]

    def connections(self) -> int:
        sessions = Path(f"{self.directory}.sessions")
        return len(sessions.read_text().splitlines()) if sessions.exists() else 0


@pytest.fixture
def catcher(tmp_path: Path) -> Iterator[CountingCatcher]:
    server = CountingCatcher(tmp_path, free_port()).start()
    yield server
    server.stop()


def an_email(number: int) -> Email:
    return Email(
        f"lowe{number}@example.pl", f"Nowa oferta {number}", "Treść", "<p>Treść</p>", "pl", f"msg-{number}", None
    )


def mailer_for(catcher: CountingCatcher) -> SmtpMailer:
    return SmtpMailer("127.0.0.1", catcher.port, "LOWE <powiadomienia@lowe.example>", security="none", timeout=5)


def test_the_messages_of_one_session_go_over_one_connection(catcher: CountingCatcher) -> None:
    session = mailer_for(catcher).session()
    try:
        for number in range(5):
            session.send(an_email(number))
    finally:
        session.close()

    wait_for(lambda: len(catcher.messages()) == 5, what="five messages")
    assert catcher.connections() == 1
    assert sorted(str(message["To"]) for message in catcher.messages()) == [f"lowe{n}@example.pl" for n in range(5)]


def test_a_connection_the_server_dropped_is_opened_again_for_the_next_message(catcher: CountingCatcher) -> None:
    session = mailer_for(catcher).session()
    try:
        session.send(an_email(1))
        catcher.stop()
        catcher.start()  # the server went away and came back: the open connection is dead
        session.send(an_email(2))
    finally:
        session.close()

    wait_for(lambda: len(catcher.messages()) == 2, what="both messages")
    assert catcher.connections() == 2


def test_a_server_that_is_gone_is_a_retryable_failure(catcher: CountingCatcher) -> None:
    session = mailer_for(catcher).session()
    catcher.stop()
    with pytest.raises(MailError) as failure:
        session.send(an_email(1))
    assert not failure.value.permanent
    session.close()
