"""`make run`: the whole LOWE Partner Network on this machine, seeded with demo data.

Checks the broker, migrates the databases, declares the event queues, starts partners, centres, notifications
and the gateway as separate `lowe-serve` processes, loads demo data over the public HTTP API and prints an
operator's API key, the demo organisations' keys and how to try them. Ctrl-C (or SIGTERM) stops every service.
Settings, all from the environment:

  AMQP_URI            the broker (default amqp://guest:guest@localhost:5672/)
  GATEWAY_ADDRESS     where the HTTP API listens (default 127.0.0.1:8000)
  LOWE_VAR_DIR        SQLite databases, service logs (log/), pid file, demo ids and keys (default var)
  <SERVICE>_DATABASE_URL, LOWE_CONFIG_DIR, LOG_LEVEL ...  passed on to the services unchanged
  LOWE_START_TIMEOUT  seconds to wait for the network to become healthy (default 60)
  SMTP_PORT           where the local mail catcher listens on 127.0.0.1 (default 1025); e-mails land in
                      <LOWE_VAR_DIR>/mail/*.eml (unless something else already listens there)
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import mail_catcher
import requests
from processes import SERVICES, Supervisor, venv_command
from report import print_ready

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_AMQP_URI = "amqp://guest:guest@localhost:5672/"
DATABASE_SERVICES = ("partners", "centres", "notifications", "events", "gateway")


class Stop(Exception):
    """SIGINT or SIGTERM: stop everything and exit 0."""


class Failure(Exception):
    """Something the developer has to fix; the message says what."""


def say(message: str) -> None:
    print(f"[lowe] {message}", flush=True)


def _on_signal(signum: int, _frame: object) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # once is enough: a second Ctrl-C must not cut the shutdown short
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Stop(signal.Signals(signum).name)


def child_environment(amqp_uri: str, address: str, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ, AMQP_URI=amqp_uri, GATEWAY_ADDRESS=address, PYTHONUNBUFFERED="1")
    for name in DATABASE_SERVICES:
        env.setdefault(f"{name.upper()}_DATABASE_URL", f"sqlite:///{var_dir / f'{name}.db'}")
    env.setdefault("LOWE_CONFIG_DIR", str(ROOT / "deploy" / "config"))
    return env


def check_broker(amqp_uri: str) -> None:
    from kombu import Connection

    with Connection(amqp_uri, connect_timeout=3) as connection:
        shown = connection.as_uri()  # the password masked
        try:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)
        except Exception as exc:
            raise Failure(
                f"RabbitMQ is not reachable at {shown}: {exc}\n"
                "Start a broker first, for example:\n"
                "    rabbitmq-server -detached\n"
                "    docker run -d --name lowe-rabbit -p 5672:5672 -p 15672:15672 rabbitmq:3-management\n"
                "or point AMQP_URI at one that runs."
            ) from None


def check_port_free(address: str) -> None:
    host, _, port = address.rpartition(":")
    if not port.isdigit():
        raise Failure(f"GATEWAY_ADDRESS must be host:port, not {address!r}")
    with socket.socket() as sock:
        try:
            sock.bind((host or "127.0.0.1", int(port)))
        except OSError as exc:
            raise Failure(f"cannot listen on {address} ({exc.strerror}); set GATEWAY_ADDRESS=host:port") from None


def lowe(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run([*venv_command("lowe"), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise Failure(f"`lowe {' '.join(args)}` failed:\n{done.stdout}{done.stderr}")


def partners_database_empty(url: str) -> bool:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return not connection.execute(sa.text("SELECT count(*) FROM partners")).scalar()
    finally:
        engine.dispose()


def wait_until_healthy(supervisor: Supervisor, base_url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    report: Any = None
    while time.monotonic() < deadline:
        for name, code in supervisor.exited().items():
            raise Failure(f"{name} exited with code {code} while starting. Its log:\n{supervisor.tail(name)}")
        try:
            response = requests.get(f"{base_url}/health", timeout=5)
            if response.status_code == 200:
                return
            report = response.json()
        except (requests.RequestException, ValueError):
            report = None
        time.sleep(0.5)
    services = report.get("services", {}) if isinstance(report, dict) else {}
    failing = {name: state for name, state in services.items() if state.get("status") != "up"}
    failing = failing or {"gateway": "/health did not answer 200"}
    logs = "\n".join(f"--- last lines of {supervisor.log_path(name)}:\n{supervisor.tail(name)}" for name in failing)
    states = "\n".join(f"  {name}: {json.dumps(state)}" for name, state in failing.items())
    raise Failure(f"the network did not become healthy within {timeout:.0f}s; not up:\n{states}\n{logs}")


def demo_manifest(
    base_url: str, var_dir: Path, seed_now: bool, gateway_database_url: str
) -> tuple[dict[str, Any] | None, str]:
    """Seeds fresh databases; on existing ones, reuses the ids and keys the first run wrote to demo.json. Returns
    them (None when this runner never loaded the demo) and an operator key: demo.json's while the gateway takes
    it, else a new one made in the gateway's database."""
    from lowe_demo import seed
    from lowe_demo.accounts import NoDemoAccounts, ensure_demo_accounts
    from lowe_demo.cli import write_manifest
    from lowe_demo.keys import NoOperatorKey, make_operator_key

    marker = var_dir / "demo.json"
    earlier = json.loads(marker.read_text()) if marker.exists() and not seed_now else None
    try:
        operator = seed.Api(base_url, (earlier or {}).get("operator_key"))
        if not operator.key or not operator.valid():
            operator = operator.as_(make_operator_key(gateway_database_url))
        if not seed_now:
            say(f"the databases already hold data: not seeding again (remove {var_dir} to start afresh)")
            if earlier is None:
                return None, str(operator.key)
            manifest = seed.refresh_keys(operator, earlier)
        else:
            say("loading demo data over the HTTP API, as an operator, partners and centres with their own keys")
            manifest = seed.load(operator, say)
            delivered, filled = seed.wait_for_delivery(operator, manifest, timeout=60)
            manifest["centres_with_feed"] = filled
            if not delivered:
                say(f"warning: not every match has arrived yet ({filled} centres have a feed); see {var_dir / 'log'}")
        manifest["accounts"] = ensure_demo_accounts(manifest, gateway_database_url)
    except NoDemoAccounts as exc:
        raise Failure(f"the demo's portal accounts could not be made: {exc}") from None
    except NoOperatorKey as exc:
        raise Failure(f"no operator key for the demo data: {exc}") from None
    except (seed.SeedError, requests.RequestException) as exc:
        raise Failure(f"loading the demo data failed: {exc}\nTo start afresh, remove {var_dir}.") from None
    write_manifest(marker, manifest)
    return manifest, str(operator.key)


def start_mail_catcher(supervisor: Supervisor, env: dict[str, str], var_dir: Path) -> None:
    """Before the services, so that their first e-mail is caught; stopped with them."""
    port, mail = mail_catcher.configured_port(env), mail_catcher.mail_dir(var_dir)
    if env.get("SMTP_HOST", mail_catcher.HOST) not in mail_catcher.LOCAL_HOSTS:
        say(f"e-mails go to the SMTP server at {env['SMTP_HOST']}:{port} (SMTP_HOST): no local mail catcher")
    elif mail_catcher.in_use(port):
        say(f"something already listens on {mail_catcher.HOST}:{port}: e-mails go there; no local mail catcher")
    else:
        supervisor.start("mail", mail_catcher.command(port, mail))
        say(f"e-mails are caught on {mail_catcher.HOST}:{port} and written to {mail}/*.eml")


def run() -> int:
    amqp_uri = os.environ.get("AMQP_URI", DEFAULT_AMQP_URI)
    address = os.environ.get("GATEWAY_ADDRESS", "127.0.0.1:8000")
    var_dir = Path(os.environ.get("LOWE_VAR_DIR", "var")).resolve()
    base_url = f"http://{address}"
    env = child_environment(amqp_uri, address, var_dir)
    supervisor: Supervisor | None = None
    code = 0
    try:
        check_broker(amqp_uri)
        check_port_free(address)
        (var_dir / "log").mkdir(parents=True, exist_ok=True)
        lowe(["migrate"], env)
        say(f"databases migrated ({', '.join(DATABASE_SERVICES)})")
        lowe(["topology", "declare"], env)
        say("event queues declared")
        seed_now = partners_database_empty(env["PARTNERS_DATABASE_URL"])
        supervisor = Supervisor(ROOT, env, var_dir / "log", var_dir / "lowe-run.pids.json")
        start_mail_catcher(supervisor, env, var_dir)
        for name in SERVICES:
            supervisor.start(name)
        say(f"started {', '.join(f'{n} (pid {p})' for n, p in supervisor.pids().items())}; logs in {var_dir / 'log'}")
        wait_until_healthy(supervisor, base_url, float(os.environ.get("LOWE_START_TIMEOUT", "60")))
        say("all services healthy")
        manifest, operator_key = demo_manifest(base_url, var_dir, seed_now, env["GATEWAY_DATABASE_URL"])
        print_ready(base_url, var_dir, manifest, operator_key)
        while not (exited := supervisor.exited()):
            time.sleep(1)
        name, status = next(iter(exited.items()))
        raise Failure(f"{name} stopped unexpectedly (exit code {status}). Its log:\n{supervisor.tail(name)}")
    except Stop as stop:
        print("\n" if str(stop) == "SIGINT" else "", end="")  # past the terminal's ^C
        say(f"{stop} received: stopping the services")
    except Failure as failure:
        print(f"\n[lowe] ERROR: {failure}", file=sys.stderr, flush=True)
        code = 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # from here on, nothing interrupts the shutdown
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if supervisor is not None:
            killed = supervisor.stop()
            say("stopped" + (f" (killed after the grace period: {', '.join(killed)})" if killed else ""))
    return code


def main() -> int:
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    return run()


if __name__ == "__main__":
    sys.exit(main())
