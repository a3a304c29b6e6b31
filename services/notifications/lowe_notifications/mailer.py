"""E-mail over SMTP: a nameko DependencyProvider (settings read in `setup()`; each worker — a dispatch round — gets a
session that keeps one connection for all its messages and closes it in `worker_teardown()`).

`SMTP_SECURITY`: `starttls` (upgrade a plain connection, the default), `ssl` (TLS from the start) or `none`
(local catchers and tests only); `SMTP_USER`/`SMTP_PASSWORD` log in when a user is given. Each message has a
plain-text and an HTML part, `List-Unsubscribe` (with one-click `List-Unsubscribe-Post`, RFC 8058) and a
Message-ID made of the delivery's id, so a message retried after a lost answer can be recognised.
"""

from __future__ import annotations

import smtplib
import ssl
from contextlib import closing
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from typing import Any

from nameko.extensions import DependencyProvider

from lowe_notifications.ports import Email, MailError

SECURITY = ("starttls", "ssl", "none")


def build_message(email: Email, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = f"<{email.message_id}@notifications.lowe>"
    if email.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(email.text)
    message.add_alternative(email.html, subtype="html")
    message["Content-Language"] = email.language  # after the parts: setting content clears Content-* headers
    return message


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        security: str = "starttls",
        user: str | None = None,
        password: str | None = None,
        timeout: float = 15.0,
    ) -> None:
        if security not in SECURITY:
            raise ValueError(f"SMTP_SECURITY must be one of {SECURITY}")
        self.host, self.port, self.sender, self.security = host, port, sender, security
        self.user, self.password, self.timeout = user, password, timeout

    def session(self) -> SmtpSession:
        return SmtpSession(self)

    def send(self, email: Email) -> None:
        """One message on a connection of its own."""
        with closing(self.session()) as session:
            session.send(email)

    def connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp


class SmtpSession:
    """Messages sent one after another over one connection, opened at the first; a connection the server closed
    meanwhile is opened again once. After an error the connection is dropped, so the next message starts clean."""

    def __init__(self, mailer: SmtpMailer) -> None:
        self.mailer = mailer
        self._smtp: smtplib.SMTP | None = None

    def send(self, email: Email) -> None:
        message = build_message(email, self.mailer.sender)
        try:
            try:
                self._connection().send_message(message)
            except smtplib.SMTPServerDisconnected:
                self.close()
                self._connection().send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            self._reset()
            raise MailError(f"recipient refused: {codes}", permanent=all(code >= 500 for code in codes)) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            # 5xx is permanent, except a refused login (the operator fixes the configuration and re-drives)
            raise MailError(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=False) from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise MailError(f"{type(exc).__name__}: {exc}") from None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = self.mailer.connect()
        return self._smtp

    def _reset(self) -> None:
        """A refused recipient leaves the transaction open: RSET before the next message, or start over."""
        if self._smtp is not None:
            try:
                self._smtp.rset()
            except (smtplib.SMTPException, OSError):
                self.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


class SmtpMailerProvider(DependencyProvider):
    def setup(self) -> None:
        config = self.container.config
        name = str(config.get("SMTP_FROM_NAME", "LOWE"))
        self.mailer = SmtpMailer(
            host=str(config.get("SMTP_HOST", "127.0.0.1")),
            port=int(config.get("SMTP_PORT", 1025)),
            sender=formataddr((name, str(config.get("SMTP_FROM", "powiadomienia@lowe.example")))),
            security=str(config.get("SMTP_SECURITY", "starttls")),
            user=str(config.get("SMTP_USER") or "") or None,
            password=str(config.get("SMTP_PASSWORD") or "") or None,
            timeout=float(config.get("SMTP_TIMEOUT", 15)),
        )
        self.setup_sessions()

    def setup_sessions(self) -> None:
        self.sessions: dict[Any, SmtpSession] = {}

    def get_dependency(self, worker_ctx: Any) -> SmtpSession:
        session = self.sessions[worker_ctx] = self.mailer.session()
        return session

    def worker_teardown(self, worker_ctx: Any) -> None:
        session = self.sessions.pop(worker_ctx, None)
        if session is not None:
            session.close()
