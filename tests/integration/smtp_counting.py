"""An aiosmtpd handler for tests that stores each message in a Maildir, as `aiosmtpd.handlers.Mailbox` does, and
appends a line to `<maildir>.sessions` for each client greeting (one per connection)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiosmtpd.handlers import Mailbox


class CountingMailbox(Mailbox):
    def __init__(self, mail_dir: str) -> None:
        super().__init__(mail_dir)
        self.sessions_file = Path(f"{mail_dir}.sessions")

    @classmethod
    def from_cli(cls, parser: Any, *args: str) -> CountingMailbox:
        return cls(args[0])

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]) -> Any:
        session.host_name = hostname  # aiosmtpd leaves this to a handler that takes the hook
        with self.sessions_file.open("a") as sessions:
            sessions.write(f"{hostname}\n")
        return responses
