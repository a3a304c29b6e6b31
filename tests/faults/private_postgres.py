"""A PostgreSQL cluster of our own (initdb in a temporary directory), so a test may kill it.

initdb refuses to run as root, so the cluster belongs to and runs as `postgres`. fsync stays on: the
test is about acknowledged commits surviving a crash.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

import psycopg2

from tests.fixtures.services import free_port

SERVER_USER = "postgres"
BIN = "/usr/lib/postgresql/15/bin"
START_TIMEOUT = 60.0


class PrivatePostgres:
    def __init__(self) -> None:
        self.base = tempfile.mkdtemp(prefix="lowe-faults-postgres-")
        self.data = os.path.join(self.base, "data")
        self.sockets = os.path.join(self.base, "sockets")
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        os.makedirs(self.sockets)
        owner = pwd.getpwnam(SERVER_USER)
        for path in (self.base, self.sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            [f"{BIN}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
            user=SERVER_USER,
            group=SERVER_USER,
            cwd=self.base,
            check=True,
            capture_output=True,
        )

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url_of(self, database: str) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{database}"

    def accepts_connections(self) -> bool:
        try:
            psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres").close()
        except psycopg2.OperationalError:
            return False
        return True

    def start(self) -> float:
        """Starts the postmaster (recovering from a crash if there was one); seconds until it accepts connections."""
        started = time.monotonic()
        self.process = subprocess.Popen(
            [
                f"{BIN}/postgres",
                *("-D", self.data, "-p", str(self.port), "-k", self.sockets),
                *("-c", "listen_addresses=127.0.0.1", "-c", "fsync=on", "-c", "max_connections=300"),
            ],
            user=SERVER_USER,
            group=SERVER_USER,
            cwd=self.base,
            stdout=open(os.path.join(self.base, "server.log"), "ab"),  # noqa: SIM115 - the child keeps it
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while not self.accepts_connections():
            if self.process.poll() is not None:
                raise RuntimeError(f"the private PostgreSQL exited: see {self.base}/server.log")
            if time.monotonic() - started > START_TIMEOUT:
                raise RuntimeError(f"the private PostgreSQL did not start within {START_TIMEOUT} s")
            time.sleep(0.05)
        return time.monotonic() - started

    def kill(self) -> None:
        """kill -9 of the postmaster we started and of its backends (its own process group): a crash."""
        process = self.process
        if process is None:
            return
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        self.process = None

    def create_database(self) -> str:
        name = f"lowe_faults_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        if self.process is not None:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement)
        finally:
            connection.close()

    def close(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown: SIGTERM would wait for every client
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
            self.process = None
        shutil.rmtree(self.base, ignore_errors=True)
