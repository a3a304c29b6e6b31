"""`make run` end to end: `python deploy/local/run.py` as a subprocess, on the test's own vhost, var dir and port."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import eventlet
import pytest
import requests

from tests.fixtures.services import free_port

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "deploy" / "local" / "run.py"
READY_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0


class Runner:
    def __init__(self, var_dir: Path, output: Path, env: dict[str, str]) -> None:
        self.var_dir, self.output_path = var_dir, output
        with output.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, str(RUN)], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def output(self) -> str:
        return self.output_path.read_text(errors="replace")

    def wait_for_line(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if self.process.poll() is not None:
                pytest.fail(f"run.py exited with {self.process.returncode} before {text!r}:\n{self.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {text!r} after {timeout}s:\n{self.output()}")
            eventlet.sleep(0.2)

    def service_pids(self) -> dict[str, int]:
        pids = json.loads((self.var_dir / "lowe-run.pids.json").read_text())
        return {name: pid for name, pid in pids.items() if name != "runner"}


def running(pid: int, command: bytes = b"") -> bool:
    """Whether `pid` is still a live process (not a zombie) whose command line holds `command` (not a reused PID)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return command in cmdline and state != "Z"


def serving(pid: int) -> bool:
    return running(pid, b"lowe-serve")


def runner_env(amqp_uri: str, var_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_DATABASE_URL") and k != "LOWE_CONFIG_DIR"}
    return {
        **env,
        "AMQP_URI": amqp_uri,
        "LOWE_VAR_DIR": str(var_dir),
        "GATEWAY_ADDRESS": f"127.0.0.1:{port}",
        "SMTP_PORT": str(free_port()),  # the run's own mail catcher, whatever else listens on 1025
    }


@pytest.fixture
def runner(broker_uri: str, tmp_path: Path) -> Iterator[tuple[Runner, str]]:
    port = free_port()
    var_dir = tmp_path / "var"
    started = Runner(var_dir, tmp_path / "run.out", runner_env(broker_uri, var_dir, port))
    try:
        yield started, f"http://127.0.0.1:{port}"
    finally:  # whatever the test did, leave no process behind (before the vhost goes)
        if started.process.poll() is None:
            started.process.send_signal(signal.SIGTERM)
            try:
                started.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                started.process.kill()
                started.process.wait()
        pid_file = var_dir / "lowe-run.pids.json"
        if pid_file.exists():
            for pid in started.service_pids().values():
                if serving(pid):
                    os.kill(pid, signal.SIGKILL)


def test_make_run_starts_the_seeded_network_and_stops_it_on_ctrl_c(runner: tuple[Runner, str]) -> None:
    run, base_url = runner
    run.wait_for_line(f"LOWE network ready at {base_url}", READY_TIMEOUT)
    pids = run.service_pids()
    mail_catcher = pids.pop("mail")
    assert sorted(pids) == ["centres", "events", "gateway", "notifications", "partners"]
    assert all(serving(pid) for pid in pids.values()), pids
    assert running(mail_catcher, b"mail_catcher")

    assert requests.get(f"{base_url}/health", timeout=10).status_code == 200
    manifest = json.loads((run.var_dir / "demo.json").read_text())
    assert len(manifest["centres"]) == 35
    assert len({centre["voivodeship"] for centre in manifest["centres"]}) == 12
    centre_id, centre_key = manifest["demo_centre"]["id"], manifest["demo_centre"]["api_key"]
    operator_key, partner_key = manifest["operator_key"], manifest["example_partner"]["api_key"]
    printed = run.output()
    for key in (operator_key, centre_key, partner_key):
        assert key in printed  # the keys are printed, with curl commands that send them
    assert f"export CENTRE_KEY={centre_key}" in printed
    assert f'-H "Authorization: Bearer $CENTRE_KEY" {base_url}/api/v1/centres/{centre_id}/feed' in printed
    assert f'-H "Authorization: Bearer $CENTRE_KEY" {base_url}/api/v1/notifications' in printed
    assert "log/<service>.log" in printed

    def get(path: str, key: str | None) -> requests.Response:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return requests.get(f"{base_url}{path}", headers=headers, timeout=10)

    feed = get(f"/api/v1/centres/{centre_id}/feed", centre_key).json()["items"]
    inbox = get("/api/v1/notifications", centre_key).json()
    assert len(feed) >= 1
    assert len(inbox["notifications"]) >= 1
    assert manifest["centres_with_feed"] >= 30
    assert get(f"/api/v1/centres/{centre_id}/feed", None).status_code == 401
    assert get("/api/v1/keys", operator_key).json()["items"][0]["role"] == "operator"
    listed = get(f"/api/v1/opportunities?partner_id={manifest['example_partner_id']}", partner_key).json()["items"]
    assert listed and all(item["status"] == "published" for item in listed)  # the partner's own, published
    assert (run.var_dir / "log" / "gateway.log").stat().st_size > 0
    assert_portal_sign_in_works(base_url, manifest, printed)

    run.process.send_signal(signal.SIGINT)
    assert run.process.wait(STOP_TIMEOUT) == 0, run.output()
    assert not [name for name, pid in pids.items() if serving(pid)]
    assert not running(mail_catcher, b"mail_catcher")
    assert not (run.var_dir / "lowe-run.pids.json").exists()


def assert_portal_sign_in_works(base_url: str, manifest: dict[str, Any], printed: str) -> None:
    """The portal's URL and the demo accounts are printed; a printed partner account signs in over real HTTP."""
    assert f"{base_url}/portal/" in printed
    accounts = {account["role"]: account for account in manifest["accounts"]}
    assert sorted(accounts) == ["centre", "operator", "partner"]
    partner = accounts["partner"]
    assert partner["email"] in printed and partner["password"] in printed
    browser = requests.Session()
    form = browser.get(f"{base_url}/portal/sign-in", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token, form
    signed_in = browser.post(
        f"{base_url}/portal/sign-in",
        data={"csrf_token": token.group(1), "email": partner["email"], "password": partner["password"]},
        timeout=10,
        allow_redirects=False,
    )
    assert signed_in.status_code == 303, signed_in.text
    home = browser.get(f"{base_url}/portal/", timeout=10)
    assert home.status_code == 200 and "Nasze oferty" in home.text


def test_make_run_without_a_broker_says_how_to_start_one(tmp_path: Path) -> None:
    closed = free_port()
    env = runner_env(f"amqp://guest:guest@127.0.0.1:{closed}/", tmp_path / "var", free_port())
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(RUN)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert time.monotonic() - started < 15
    assert "RabbitMQ is not reachable" in done.stderr
    assert "rabbitmq-server -detached" in done.stderr
    assert not (tmp_path / "var").exists()


def _demo_data() -> ModuleType:
    from lowe_demo import data

    return data


def test_demo_data_is_valid_for_the_api_and_reaches_most_centres() -> None:
    import uuid

    from lowe_centres.commands import AddSubscriptionSchema, RegisterCentreSchema
    from lowe_partners.commands import CreateOpportunitySchema, RegisterPartnerSchema

    demo = _demo_data()
    assert len(demo.CENTRES) == 35
    assert len({entry[1] for entry in demo.CENTRES}) == 12
    assert len({entry[2] for entry in demo.CENTRES}) == 35
    for entry in demo.CENTRES:
        RegisterCentreSchema().load(demo.centre_payload(entry))
        subscriptions = demo.subscription_payloads(entry)
        assert 1 <= len(subscriptions) <= 2, entry
        for body in subscriptions:
            AddSubscriptionSchema().load(body)
    assert {partner["sector"] for partner in demo.PARTNERS.values()} == {"public", "social", "business"}
    for body in demo.PARTNERS.values():
        RegisterPartnerSchema().load(body)
    for _, body in [*demo.OPPORTUNITIES, ("example", demo.EXAMPLE_OPPORTUNITY)]:
        CreateOpportunitySchema().load({**body, "partner_id": str(uuid.uuid4())})
    assert any(not body["regions"] for _, body in demo.OPPORTUNITIES), "some opportunities are nationwide"
    sizes = demo.expected_feed_sizes()
    assert sizes[demo.DEMO_CENTRE_INDEX] >= 1
    assert sum(1 for size in sizes if size) >= 30
