"""The services of the local network as child processes: `lowe-serve NAME`, one process per service."""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from typing import IO

SERVICES = ("partners", "centres", "notifications", "events", "gateway")


def venv_command(name: str) -> list[str]:
    """The console script next to this interpreter, so `make run` works without an activated venv."""
    script = Path(sys.executable).parent / name
    if script.exists():
        return [str(script)]
    module = {"lowe": "lowe_backbone.cli", "lowe-serve": "lowe_backbone.serve"}[name]
    return [sys.executable, "-m", module]


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM if the runner itself is killed, so no service is left behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Supervisor:
    """Starts the services, remembers their PIDs in a file, reads their logs and stops them."""

    def __init__(self, cwd: Path, env: dict[str, str], log_dir: Path, pid_file: Path) -> None:
        self.cwd, self.env, self.log_dir, self.pid_file = cwd, env, log_dir, pid_file
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.log_start: dict[str, int] = {}
        self._logs: list[IO[bytes]] = []

    def log_path(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    def start(self, name: str, command: list[str] | None = None) -> None:
        """`lowe-serve NAME`, or another `command` (the mail catcher) with the same log and lifecycle."""
        command = command or [*venv_command("lowe-serve"), name]
        log = self.log_path(name).open("ab")
        self._logs.append(log)
        log.write(f"----- {' '.join(command[-3:])} started by deploy/local/run.py at {time.ctime()} -----\n".encode())
        log.flush()
        self.log_start[name] = log.tell()
        self.children[name] = subprocess.Popen(
            command,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the runner only; the runner stops the services in order
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        self.pid_file.write_text(json.dumps({"runner": os.getpid(), **self.pids()}, indent=2) + "\n")

    def pids(self) -> dict[str, int]:
        return {name: child.pid for name, child in self.children.items()}

    def exited(self) -> dict[str, int]:
        """The services that have stopped on their own, with their exit codes."""
        return {name: code for name, child in self.children.items() if (code := child.poll()) is not None}

    def tail(self, name: str, lines: int = 25) -> str:
        """The last lines this run's process wrote to its log."""
        try:
            with self.log_path(name).open("rb") as log:
                log.seek(self.log_start.get(name, 0))
                last = deque(log, maxlen=lines)
        except OSError:
            return "(no log)"
        return b"".join(last).decode("utf-8", "replace").rstrip() or "(the log is empty)"

    def stop(self, timeout: float = 15.0) -> list[str]:
        """SIGTERM to every service (nameko stops gracefully), SIGKILL to whatever is left after `timeout`."""
        for child in reversed(self.children.values()):  # the gateway first: no new requests while stopping
            self._signal(child, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        killed = []
        for name, child in self.children.items():
            try:
                child.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._signal(child, signal.SIGKILL)
                child.wait()
                killed.append(name)
        for log in self._logs:
            log.close()
        self.pid_file.unlink(missing_ok=True)
        return killed

    @staticmethod
    def _signal(child: subprocess.Popen[bytes], signum: int) -> None:
        if child.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):  # its own session: the service and anything it spawned
            os.killpg(child.pid, signum)
