"""Schema-driven fuzzing of the running gateway (schemathesis, every check) from its own OpenAPI document.

The whole network runs in this process, as in the other gateway tests; schemathesis's CLI runs against it in a
subprocess, once with an operator's key, once with a partner's and once with a centre's, each with a fixed seed and
a bounded number of examples per operation. Every check is on (`--checks all`): no 5xx, no status, header, content
type or body the document does not declare, refused negative data, unknown methods answered 405, keys that are
really checked, and the rest.

One check is tuned, per operation, in the config written below: `positive_data_acceptance` also accepts 400 where
the services have rules a JSON schema cannot say (date ordering, NIP checksums, both-or-neither coordinates, e-mail
and URL syntax, cursors they gave out) — there the gateway's schema is deliberately looser than the service, which
answers 400 naming the field.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import eventlet
import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration import gateway_helpers
from tests.integration.gateway_helpers import CENTRE, PARTNER, Network, operator_key, running_network

SEED = 20261130
MAX_EXAMPLES = 8
RUN_TIMEOUT_SECONDS = 600
# operations whose schema-valid requests the services may still refuse (400) by rules a JSON schema cannot express
SERVICE_RULES = {
    "create_partner": "registry-id checksums, organisation type fitting the sector, e-mail and URL syntax",
    "update_partner": "as when registering",
    "create_opportunity": "apply_by <= starts_at <= ends_at, none of them past; e-mail and URL syntax",
    "update_opportunity": "the same, over the whole opportunity; at least one field",
    "list_opportunities": "starts_from <= starts_until; cursors the service gave out",
    "list_partners": "cursors the service gave out",
    "create_centre": "latitude and longitude together; e-mail syntax",
    "update_centre": "the same",
    "list_centres": "cursors the service gave out",
    "create_subscription": "regions or nationwide, not both",
    "update_subscription": "the same",
    "get_feed": "cursors the service gave out",
    "create_event": "sessions end after they start, local or offset times not mixed, a location's address or URL",
    "update_event": "the same; repeat_weekly only with sessions",
    "list_events": "cursors the service gave out",
    "register_participant": "an e-mail address or a phone number; disability only with health-data consent",
    "erase_person": "exactly one of e-mail, phone or registration",
    "participation_report": "from <= to, a bounded period",
    "list_notifications": "cursors the service gave out",
    "set_notification_preferences": "e-mail syntax",
    "register_webhook": "a URL whose host resolves to a public address",
    "list_deliveries": "cursors the service gave out",
    "unsubscribe_page": "a token the service signed",
    "unsubscribe_one_click": "a token the service signed",
    "create_key": "a partner's or centre's key needs its organisation, an operator's none",
}
POSITIVE_WITH_SERVICE_RULES = ["2xx", "400", "401", "403", "404", "409", "429"]


def _config(spare_key_id: str) -> str:
    """Per operation: where the services' rules allow a 400; and the key a revocation is tried on (a spare, so the
    run never revokes the key it runs with)."""
    lines = [
        "[[operations]]",
        'include-operation-id = "revoke_key"',
        f'parameters = {{ key_id = "{spare_key_id}" }}',
        "",
    ]
    for operation_id in sorted(SERVICE_RULES):
        lines += [
            "[[operations]]",
            f'include-operation-id = "{operation_id}"',
            "[operations.checks.positive_data_acceptance]",
            f"expected-statuses = {POSITIVE_WITH_SERVICE_RULES!r}".replace("'", '"'),
            "",
        ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def fuzzed_network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    """The network with the gateway's rate limit raised, so 429s do not drown the run."""
    plain = gateway_helpers.service_config

    def with_room(broker_uri: str, database_url: str | None = None, **overrides: Any) -> dict[str, Any]:
        if "WEB_SERVER_ADDRESS" in overrides:
            overrides.setdefault("RATE_LIMIT", 1_000_000)
        return plain(broker_uri, database_url, **overrides)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gateway_helpers, "service_config", with_room)
        with running_network(vhost_admin, tmp_path_factory.mktemp("fuzz")) as network:
            patch.setattr(gateway_helpers, "service_config", plain)
            yield network


def _schemathesis(network: Network, key: str, directory: Path) -> tuple[int, str]:
    """Runs the CLI against the gateway, letting this process's event loop serve it meanwhile."""
    spare = network.as_(key).post("/api/v1/keys", json={"label": "revoked by the fuzzing"})
    assert spare.status_code == 201, spare.text
    config = directory / "schemathesis.toml"
    config.write_text(_config(spare.json()["id"]))
    output = directory / "output.txt"
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        f"{network.url}/api/v1/openapi.json",
        "--url",
        network.url,
        "--checks",
        "all",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--header",
        f"Authorization: Bearer {key}",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(directory),
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
    with output.open("w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=directory)
        deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
        while process.poll() is None:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"schemathesis ran longer than {RUN_TIMEOUT_SECONDS} s")
            eventlet.sleep(0.2)
    return process.returncode, output.read_text()


@pytest.mark.parametrize("who", ["operator", "partner", "centre"])
def test_the_gateway_keeps_its_contract_under_fuzzing(fuzzed_network: Network, who: str, tmp_path: Path) -> None:
    network = fuzzed_network.as_(operator_key(fuzzed_network.databases.url("gateway")))  # a fresh key per run
    if who == "operator":
        key = network.key
    elif who == "partner":
        key = network.create("/api/v1/partners", PARTNER)["api_key"]["key"]
    else:
        key = network.create("/api/v1/centres", CENTRE)["api_key"]["key"]
    code, output = _schemathesis(network, key, tmp_path)
    assert code == 0, output[-20_000:]
