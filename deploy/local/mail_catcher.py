"""A local SMTP catcher for `make run`: the notifications service's e-mails end up as files instead of `dead`.

Listens on 127.0.0.1 at the port the local notifications config uses (`SMTP_PORT`, default 1025, no TLS, no
login) and writes every message it receives to `<LOWE_VAR_DIR>/mail/<UTC time>-<n>.eml` (open it with any mail
client), logging one line per message. Runs until SIGTERM or Ctrl-C. aiosmtpd comes with requirements-dev.txt.

    python deploy/local/mail_catcher.py [--port 1025] [--dir var/mail]
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import socket
import sys
import threading
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
DEFAULT_PORT = 1025
LOCAL_HOSTS = ("", HOST, "localhost")


def configured_port(env: dict[str, str] | os._Environ[str]) -> int:
    return int(env.get("SMTP_PORT") or DEFAULT_PORT)


def mail_dir(var_dir: Path) -> Path:
    return var_dir / "mail"


def in_use(port: int, host: str = HOST) -> bool:
    """Something already accepts connections there (another catcher, a real MTA)."""
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def command(port: int, directory: Path) -> list[str]:
    """How `run.py` starts it: its own process, with this interpreter."""
    return [sys.executable, str(Path(__file__).resolve()), "--port", str(port), "--dir", str(directory)]


class Catcher:
    """aiosmtpd's handler: every message to one .eml file, named by the time it came and a counter."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.original_content or envelope.content
        data = content if isinstance(content, bytes) else str(content).encode("utf-8")
        path = self.directory / f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{next(self.counter)}.eml"
        path.write_bytes(data)
        subject = message_from_bytes(data, policy=policy.default).get("subject", "")
        recipients = ", ".join(envelope.rcpt_tos)
        print(f"[mail] {envelope.mail_from} -> {recipients}: {subject!s} ({path})", flush=True)
        return "250 Message accepted for delivery"


def serve(port: int, directory: Path) -> int:
    from aiosmtpd.controller import Controller

    directory.mkdir(parents=True, exist_ok=True)
    if in_use(port):
        print(f"[mail] something already listens on {HOST}:{port}: not catching mail", file=sys.stderr, flush=True)
        return 3
    controller = Controller(Catcher(directory), hostname=HOST, port=port)
    controller.start()
    print(f"[mail] catching mail on {HOST}:{port}, writing each message to {directory}", flush=True)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        while not stop.wait(1):
            pass
    finally:
        controller.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=configured_port(os.environ))
    parser.add_argument("--dir", type=Path, default=mail_dir(Path(os.environ.get("LOWE_VAR_DIR", "var"))))
    args = parser.parse_args(argv)
    return serve(args.port, args.dir.resolve())


if __name__ == "__main__":
    sys.exit(main())
