"""`lowe demo load` against an in-memory gateway that checks who may call what: the operator registers the
organisations, each partner and centre acts with its own key, loading again adds nothing, and the keys printed
work."""

from __future__ import annotations

import itertools
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker

from lowe_backbone import migrations
from lowe_backbone.database import create_engine_for
from lowe_backbone.spec import find_service
from lowe_demo import cli, seed
from lowe_demo import data as demo_data
from lowe_demo.keys import NoOperatorKey, given_operator_key, make_operator_key

OPERATOR_KEY = "operator-key"


class FakeGateway(seed.Api):
    """Just the routes the demo uses, with the gateway's rules on roles; answers like `SeedError` for a refusal."""

    def __init__(self) -> None:
        super().__init__("http://gateway.test", OPERATOR_KEY)
        self.keys: dict[str, tuple[str, str | None]] = {OPERATOR_KEY: ("operator", None)}
        self.partners: dict[str, dict[str, Any]] = {}
        self.centres: dict[str, dict[str, Any]] = {}
        self.subscriptions: dict[str, list[dict[str, Any]]] = {}
        self.opportunities: dict[str, dict[str, Any]] = {}
        self.events: dict[str, dict[str, Any]] = {}
        self.registrations: list[str] = []
        self.counter = itertools.count()

    def _key(self, role: str, organisation: str) -> dict[str, Any]:
        key = f"{role}-key-{next(self.counter)}"
        self.keys[key] = (role, organisation)
        return {"id": str(uuid.uuid4()), "key": key, "role": role, "organisation_id": organisation}

    def _caller(self, *roles: str) -> tuple[str, str | None]:
        role, organisation = self.keys.get(self.key or "", ("", None))
        if role not in roles:
            raise seed.SeedError(f"403: a {role or 'missing'} key")
        return role, organisation

    def request(self, method: str, path: str, body: Any = None) -> Any:
        route, _, query = path.partition("?")
        parts = route.removeprefix("/api/v1/").split("/")
        match method, parts:
            case "GET", ["partners"]:
                self._caller("operator")
                return {"items": list(self.partners.values()), "next_cursor": None}
            case "POST", ["partners"]:
                self._caller("operator")
                partner = {**body, "id": str(uuid.uuid4()), "status": "pending"}
                self.partners[partner["id"]] = partner
                return {**partner, "api_key": self._key("partner", partner["id"])}
            case "POST", ["partners", partner_id, "verify"]:
                self._caller("operator")
                self.partners[partner_id]["status"] = "verified"
                return self.partners[partner_id]
            case "POST", ["keys"]:
                self._caller("operator")
                return self._key(body["role"], body["organisation_id"])
            case "GET", ["centres"]:
                self._caller("operator", "partner", "centre")
                items = list(self.centres.values())
                page = 0 if "cursor" not in query else 1  # two pages, as a directory of 35 has
                return {"items": items[page * 20 : page * 20 + 20], "next_cursor": "next" if not page else None}
            case "POST", ["centres"]:
                self._caller("operator")
                centre = {**body, "id": str(uuid.uuid4())}
                self.centres[centre["id"]] = centre
                self.subscriptions[centre["id"]] = []
                return {**centre, "api_key": self._key("centre", centre["id"])}
            case _, ["centres", centre_id, "subscriptions"]:
                _, organisation = self._caller("centre")
                assert organisation == centre_id, "a subscription added with another centre's key"
                if method == "POST":
                    self.subscriptions[centre_id].append(body)
                    return body
                return {"items": self.subscriptions[centre_id], "next_cursor": None}
            case "GET", ["opportunities"]:
                _, organisation = self._caller("partner")
                own = [o for o in self.opportunities.values() if o["partner_id"] == organisation]
                return {"items": own, "next_cursor": None}
            case "POST", ["opportunities"]:
                _, organisation = self._caller("partner")
                assert "partner_id" not in body, "the key says whose opportunity it is"
                opportunity = {**body, "id": str(uuid.uuid4()), "partner_id": organisation, "status": "draft"}
                self.opportunities[opportunity["id"]] = opportunity
                return opportunity
            case "POST", ["opportunities", opportunity_id, "publish"]:
                _, organisation = self._caller("partner")
                assert self.opportunities[opportunity_id]["partner_id"] == organisation
                self.opportunities[opportunity_id]["status"] = "published"
                return self.opportunities[opportunity_id]
            case "GET", ["events"]:
                _, organisation = self._caller("centre")
                return {"items": [e for e in self.events.values() if e["centre_id"] == organisation]}
            case "POST", ["events"]:
                _, organisation = self._caller("centre")
                event = {**body, "id": str(uuid.uuid4()), "centre_id": organisation}
                self.events[event["id"]] = event
                return event
            case "POST", ["events", event_id, "registrations"]:
                _, organisation = self._caller("centre")
                assert self.events[event_id]["centre_id"] == organisation
                self.registrations.append(event_id)
                return {"state": "registered"}
        raise AssertionError(f"the demo called a route it should not: {method} {path}")

    def counts(self) -> dict[str, int]:
        return {
            "partners": len(self.partners),
            "centres": len(self.centres),
            "subscriptions": sum(map(len, self.subscriptions.values())),
            "opportunities": len(self.opportunities),
            "events": len(self.events),
            "registrations": len(self.registrations),
        }


def test_the_operator_registers_the_organisations_and_each_acts_with_its_own_key() -> None:
    gateway, said = FakeGateway(), list[str]()

    manifest = seed.load(gateway, said.append)

    assert gateway.counts() == {
        "partners": len(demo_data.PARTNERS),
        "centres": len(demo_data.CENTRES),
        "subscriptions": sum(len(entry[3]) for entry in demo_data.CENTRES),
        "opportunities": len(demo_data.OPPORTUNITIES),
        "events": 2,
        "registrations": 2 * len(demo_data.DEMO_PARTICIPANTS),
    }
    assert all(p["status"] == "verified" for p in gateway.partners.values())
    assert all(o["status"] == "published" for o in gateway.opportunities.values())
    assert manifest["operator_key"] == OPERATOR_KEY
    for centre in manifest["centres"]:
        assert gateway.keys[centre["api_key"]] == ("centre", centre["id"])
    for partner in manifest["partners"].values():
        assert gateway.keys[partner["api_key"]] == ("partner", partner["id"])
    assert manifest["demo_centre"] == manifest["centres"][demo_data.DEMO_CENTRE_INDEX]
    assert manifest["example_partner"] == manifest["partners"][demo_data.EXAMPLE_PARTNER]
    assert any("35 LOWE centres registered (all new)" in line for line in said)


def test_loading_again_adds_nothing_and_gives_the_organisations_new_keys() -> None:
    gateway = FakeGateway()
    first = seed.load(gateway, lambda _: None)
    before, said = gateway.counts(), list[str]()

    again = seed.load(gateway, said.append)

    assert gateway.counts() == before
    assert [c["id"] for c in again["centres"]] == [c["id"] for c in first["centres"]]
    assert again["demo_centre"]["api_key"] != first["demo_centre"]["api_key"]
    assert gateway.keys[again["demo_centre"]["api_key"]] == ("centre", first["demo_centre"]["id"])
    assert any("0 new, 35 there already" in line for line in said)


def test_an_earlier_manifest_without_keys_gets_keys_for_the_demo_organisations() -> None:
    gateway = FakeGateway()
    manifest = seed.load(gateway, lambda _: None)
    old = {**manifest, "demo_centre": {k: v for k, v in manifest["demo_centre"].items() if k != "api_key"}}
    del old["example_partner"], old["operator_key"]

    refreshed = seed.refresh_keys(gateway, old)

    assert refreshed["operator_key"] == OPERATOR_KEY
    assert gateway.keys[refreshed["demo_centre"]["api_key"]] == ("centre", manifest["demo_centre"]["id"])
    assert gateway.keys[refreshed["example_partner"]["api_key"]] == ("partner", manifest["example_partner_id"])


def test_the_printout_names_the_operator_key_and_the_demo_organisations_keys_with_curl_commands() -> None:
    manifest = seed.load(FakeGateway(), lambda _: None)

    printed = "\n".join(cli.key_lines(manifest))

    centre = manifest["demo_centre"]
    assert f"operator           {OPERATOR_KEY}" in printed
    assert centre["api_key"] in printed and manifest["example_partner"]["api_key"] in printed
    assert (
        f"curl -s -H 'Authorization: Bearer {centre['api_key']}' http://gateway.test/api/v1/centres/{centre['id']}/feed"
    ) in printed


def test_an_operator_key_given_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOWE_OPERATOR_KEY", "from-env")
    assert given_operator_key("from-option") == "from-option"
    assert given_operator_key(None) == "from-env"
    monkeypatch.setenv("LOWE_OPERATOR_KEY", " ")
    assert given_operator_key(None) is None


def test_without_a_key_one_is_made_in_the_gateways_database_as_lowe_keys_create_does(tmp_path: Path) -> None:
    from lowe_gateway.identity.store import KeyStore
    from lowe_gateway.identity.use_cases import authenticate

    url = f"sqlite:///{tmp_path / 'gateway.db'}"
    location = find_service("gateway").migrations_path()
    assert location is not None
    migrations.upgrade(location, url)

    key = make_operator_key(url)

    assert re.fullmatch(r"lowe_[A-Za-z0-9_-]{43}", key)
    engine = create_engine_for(url)
    try:
        caller = authenticate(f"Bearer {key}", KeyStore(sessionmaker(bind=engine, expire_on_commit=False)))
    finally:
        engine.dispose()
    assert caller.is_operator


def test_an_unmigrated_gateway_database_is_named_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(NoOperatorKey, match="lowe migrate"):
        make_operator_key(f"sqlite:///{tmp_path / 'empty.db'}")
