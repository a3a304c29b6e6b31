"""A RabbitMQ node of our own, so a test may kill or freeze it without touching the shared broker.

Own node name, AMQP and distribution ports, mnesia, logs, config and plugin files (no plugins) in a
temporary directory owned by the `rabbitmq` user, which the server runs as. `RUNNING_UNDER_SYSTEMD`
makes the start script exec the VM instead of wrapping it, so the PID we hold is beam.smp's own.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from urllib.parse import quote

from tests.fixtures.services import free_port

SERVER_USER = "rabbitmq"
START_TIMEOUT = 60.0


def _sbin(tool: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin/{tool}"))
    if not found:
        raise RuntimeError(f"RabbitMQ's {tool} is not installed")
    return found[-1]


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


class PrivateRabbitMQ:
    def __init__(self) -> None:
        self.base = tempfile.mkdtemp(prefix="lowe-faults-rabbitmq-")
        self.node = f"lowe-faults-{uuid.uuid4().hex[:8]}@localhost"
        self.port = free_port()
        self.dist_port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        files = {"rabbitmq.conf": "", "enabled_plugins": "[].\n", "rabbitmq-env.conf": ""}
        for name in ("mnesia", "log", "home"):
            os.makedirs(os.path.join(self.base, name))
        for name, content in files.items():
            with open(os.path.join(self.base, name), "w") as file:
                file.write(content)
        owner = pwd.getpwnam(SERVER_USER)
        for root, _dirs, names in os.walk(self.base):
            for path in [root, *(os.path.join(root, name) for name in names)]:
                os.chown(path, owner.pw_uid, owner.pw_gid)
        self.env = {
            "PATH": "/usr/bin:/bin:/usr/sbin:/sbin",
            "LANG": "C.UTF-8",
            "HOME": os.path.join(self.base, "home"),  # the Erlang cookie the server and rabbitmqctl share
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": os.path.join(self.base, "mnesia"),
            "RABBITMQ_LOG_BASE": os.path.join(self.base, "log"),
            "RABBITMQ_CONFIG_FILE": os.path.join(self.base, "rabbitmq.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": os.path.join(self.base, "enabled_plugins"),
            "RABBITMQ_CONF_ENV_FILE": os.path.join(self.base, "rabbitmq-env.conf"),
            "RUNNING_UNDER_SYSTEMD": "1",
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }

    @property
    def pid(self) -> int:
        assert self.process is not None, "the private broker is not running"
        return self.process.pid

    def start(self) -> float:
        """Starts the node and returns the seconds until it accepts AMQP connections."""
        started = time.monotonic()
        self.process = subprocess.Popen(
            [_sbin("rabbitmq-server")],
            env=self.env,
            user=SERVER_USER,
            group=SERVER_USER,
            cwd=self.base,
            stdout=open(os.path.join(self.base, "server.out"), "ab"),  # noqa: SIM115 - the child keeps it
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while not port_open(self.port):
            if self.process.poll() is not None:
                raise RuntimeError(f"the private broker exited: see {self.base}/server.out")
            if time.monotonic() - started > START_TIMEOUT:
                raise RuntimeError(f"the private broker did not start within {START_TIMEOUT} s")
            time.sleep(0.05)
        return time.monotonic() - started

    def kill(self) -> None:
        """kill -9 of the beam.smp we started; nothing is flushed or closed."""
        process = self.process
        if process is None:
            return
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        self.process = None
        deadline = time.monotonic() + 30
        while port_open(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def freeze(self) -> None:
        os.kill(self.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.pid, signal.SIGCONT)

    def ctl(self, *args: str) -> str:
        result = subprocess.run(
            [_sbin("rabbitmqctl"), "-n", self.node, "-q", *args],
            env=self.env,
            user=SERVER_USER,
            group=SERVER_USER,
            cwd=self.base,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            raise RuntimeError(f"rabbitmqctl {' '.join(args)} failed: {result.stderr or result.stdout}")
        return result.stdout

    def add_vhost(self, vhost: str) -> str:
        """Creates `vhost` for guest and returns its AMQP URI."""
        self.ctl("add_vhost", vhost)
        self.ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        return f"amqp://guest:guest@127.0.0.1:{self.port}/{quote(vhost, safe='')}"

    def delete_vhost(self, vhost: str) -> None:
        if self.process is not None:
            self.ctl("delete_vhost", vhost)

    def close(self) -> None:
        """Stops the node (SIGCONT first, in case a test left it frozen) and removes its directory."""
        if self.process is not None:
            try:
                os.kill(self.process.pid, signal.SIGCONT)
                self.process.terminate()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(timeout=30)
            self.process = None
        shutil.rmtree(self.base, ignore_errors=True)
