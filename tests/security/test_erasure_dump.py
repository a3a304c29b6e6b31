"""What is left behind, read the way an attacker with a copy would read it: every table of every service's database
(the gateway's included), the dead letters and the services' log lines. They hold no API key in clear (only its
SHA-256), and after a participant is erased (GDPR art. 17) — once the erasure reached the notifications service
that e-mailed them — nothing of their name, e-mail address or phone number, in any of them."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from tests.integration.gateway_helpers import SERVICES, Network
from tests.security.conftest import Delivering
from tests.support import wait_for

DAY = (datetime.now(UTC) + timedelta(days=12)).strftime("%Y-%m-%d")
EVENT = {
    "title": "Cyfrowy senior",
    "kind": "workshop",
    "capacity": 5,
    "sessions": [{"starts_at": f"{DAY}T17:00", "ends_at": f"{DAY}T19:00"}],
}


def dump(network: Network) -> str:
    """Every row of every table of every database, the operators' view of every dead-letter queue."""
    lines = []
    for service in (*SERVICES, "gateway"):
        engine = network.engine(service)
        for table in sa.inspect(engine).get_table_names():
            with engine.connect() as connection:
                rows = connection.execute(sa.text(f'SELECT * FROM "{table}"'))
                lines += [f"{service}.{table}: {tuple(row)!r}" for row in rows]
    letters = network.get("/api/v1/admin/dead-letters")
    assert letters.status_code == 200, letters.text
    return "\n".join([*lines, letters.text])


def person() -> dict[str, str]:
    tag = uuid.uuid4().hex[:8]
    digits = str(int(tag, 16) % 10**8).zfill(8)
    return {"name": f"Zofia Przykładowa-{tag}", "email": f"zofia.{tag}@example.pl", "phone": f"+48 6{digits}"}


def traces(who: dict[str, str]) -> list[str]:
    """How the person could appear: as given, the e-mail in lower case, the phone's digits alone or without +48."""
    digits = "".join(c for c in who["phone"] if c.isdigit())
    return [who["name"], who["email"].lower(), digits, digits[2:], who["name"].split("-")[1]]


def found(text: str, needles: list[str]) -> list[str]:
    lowered = text.lower()
    return [needle for needle in needles if needle.lower() in lowered]


def erased_everywhere(network: Network, registration_id: uuid.UUID) -> bool:
    query = sa.text("SELECT status FROM participants WHERE registration_id = :id")
    with network.engine("notifications").connect() as connection:
        status = connection.execute(query.bindparams(sa.bindparam("id", type_=sa.Uuid())), {"id": registration_id})
        return status.scalar() == "erased" and network.settled()


def test_after_an_erasure_no_database_dead_letter_or_log_line_holds_the_persons_data(delivering: Delivering) -> None:
    network, smtp = delivering.network, delivering.smtp
    _, centre = network.centre()
    event = centre.post("/api/v1/events", json=EVENT)
    assert event.status_code == 201, event.text
    who = person()
    body: dict[str, Any] = {**who, "consent": {"version": "rodo-2026-01", "given": True}}
    registered = centre.post(f"/api/v1/events/{event.json()['id']}/registrations", json=body)
    assert registered.status_code == 201, registered.text
    wait_for(
        lambda: [m for m in smtp.messages() if who["email"] in str(m["To"])], timeout=20, what="the participant's mail"
    )
    wait_for(network.settled, timeout=10, what="the registration's news to settle")
    assert found(dump(network) + delivering.logs.getvalue(), traces(who)), "guard: the dump reads where they are"

    erased = centre.post("/api/v1/participants/erasure", json={"email": who["email"]})
    assert erased.status_code == 200, erased.text
    assert erased.json()["erased"] == [registered.json()["id"]]
    registration_id = uuid.UUID(registered.json()["id"])
    wait_for(lambda: erased_everywhere(network, registration_id), timeout=20, what="the erasure to arrive")

    assert found(dump(network), traces(who)) == []
    assert found(delivering.logs.getvalue(), traces(who)) == []


def test_no_database_dead_letter_or_log_line_holds_an_api_key_in_clear(delivering: Delivering) -> None:
    network = delivering.network
    _, as_partner = network.partner()
    _, as_centre = network.centre()
    made = as_partner.post("/api/v1/keys", json={"label": "raporty"})
    assert made.status_code == 201, made.text
    keys = [network.key, as_partner.key, as_centre.key, made.json()["key"]]
    for key in keys:  # each key used once more, so the logs have had their chance to show it
        assert network.as_(key).get("/api/v1/keys").status_code == 200
    assert network.call("GET", "/api/v1/keys", key=None, params={"api_key": as_centre.key}).status_code == 401

    stored, logs = dump(network), delivering.logs.getvalue()
    assert "api_keys" in sa.inspect(network.engine("gateway")).get_table_names()
    assert logs.strip(), "guard: the services' log lines are captured"
    for key in keys:
        assert key.startswith("lowe_")
        assert found(stored, [key, key[5:]]) == [] and found(logs, [key, key[5:]]) == []
        assert hashlib.sha256(key.encode()).hexdigest() in stored  # what is kept instead
