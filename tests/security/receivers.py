"""Real HTTP receivers on this machine that count what reaches them."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from typing import Any


class _DualStackServer(ThreadingHTTPServer):
    """Listens on every IPv6 and IPv4 address at once (`[::]` without V6ONLY): any spelling of this machine
    reaches it, 127.0.0.2, 0.0.0.0, ::1 and ::ffff:127.0.0.1 alike."""

    address_family = socket.AF_INET6

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


@dataclass
class Receiver:
    """Answers each request with the next scripted status (then 204); a 3xx points at `location`."""

    answers: list[int] = field(default_factory=list)
    location: str = ""
    requests: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)  # when each request came, in seconds since the epoch
    port: int = 0

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def handler(self) -> type[BaseHTTPRequestHandler]:
        state = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                state.arrivals.append(time.time())
                state.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                status = state.answers.pop(0) if state.answers else 204
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", state.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


@contextmanager
def receiving(receiver: Receiver, everywhere: bool = False) -> Iterator[Receiver]:
    """`receiver` listening on a free port: on 127.0.0.1, or on every address of the machine."""
    server: ThreadingHTTPServer
    if everywhere:
        server = _DualStackServer(("::", 0), receiver.handler())
    else:
        server = ThreadingHTTPServer(("127.0.0.1", 0), receiver.handler())
    receiver.port = int(server.server_address[1])
    thread = Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
