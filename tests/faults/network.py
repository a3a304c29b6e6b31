"""The five services as separate `lowe-serve` processes, as in production, on a broker and databases we choose.

Shared by the fault tests and the soak: each service can be killed, frozen and started again on its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import requests

from tests.fixtures.services import free_port

SERVICES = ("partners", "centres", "notifications", "events", "gateway")
REPO = Path(__file__).resolve().parents[2]
LOWE_SERVE = str(Path(sys.executable).parent / "lowe-serve")  # the venv's, whatever PATH says
HEALTHY_WITHIN = 90.0


class ProcessNetwork:
    def __init__(
        self,
        amqp_uri: str,
        database_urls: Mapping[str, str],
        log_dir: Path,
        heartbeat: int = 10,
        extra_env: Mapping[str, str] | None = None,
    ) -> None:
        self.log_dir = log_dir
        self.url = ""
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.env = {
            **os.environ,
            "AMQP_URI": amqp_uri,
            "LOWE_CONFIG_DIR": str(REPO / "deploy" / "config"),
            "AMQP_HEARTBEAT": str(heartbeat),
            "RETRY_DELAYS_MS": "100,200",
            "OUTBOX_POLL_INTERVAL": "0.5",
            "OUTBOX_RETRY_BACKOFF": "0.5",
            "RPC_TIMEOUT": "5",
            "RATE_LIMIT": "1000000",
            "SMTP_PORT": str(free_port()),  # nothing listens: e-mails retry in the ledger, off the measured path
            **{f"{name.upper()}_DATABASE_URL": url for name, url in database_urls.items()},
            **(extra_env or {}),
        }

    def start(self) -> None:
        """Starts every service and waits until the gateway reports all of them up."""
        self.env["GATEWAY_ADDRESS"] = f"127.0.0.1:{free_port()}"
        self.url = f"http://{self.env['GATEWAY_ADDRESS']}"
        for name in SERVICES:
            self.start_service(name)
        self.wait_healthy()

    def start_service(self, name: str) -> None:
        log = (self.log_dir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen([LOWE_SERVE, name], env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def wait_healthy(self, timeout: float = HEALTHY_WITHIN) -> float:
        started = time.monotonic()
        while not self.healthy():
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}; see {self.log_dir / name}.log")
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"the network was not healthy within {timeout} s; see {self.log_dir}")
            time.sleep(0.2)
        return time.monotonic() - started

    def healthy(self) -> bool:
        try:
            return requests.get(f"{self.url}/health", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def signal(self, name: str, signum: int) -> None:
        os.kill(self.processes[name].pid, signum)

    def kill_service(self, name: str) -> None:
        """kill -9: no shutdown, unacked deliveries go back to the queue."""
        self.signal(name, signal.SIGKILL)
        self.processes[name].wait(timeout=30)

    def log_lines(self, name: str) -> list[dict[str, Any]]:
        lines = []
        for line in (self.log_dir / f"{name}.log").read_text(errors="replace").splitlines():
            if line.startswith("{"):
                try:
                    lines.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        return lines

    def stop(self) -> None:
        """SIGTERM, then kill -9 for anything still running after 20 s (a test may have left a process frozen)."""
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
