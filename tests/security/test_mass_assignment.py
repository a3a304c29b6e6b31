"""Mass assignment (OWASP API3): a field the contract does not name, such as `status`, `verified`, `partner_id` or
`centre_id`, is refused with a 400 naming it, at the top of a body and inside its nested objects, on every route that
takes a body; nothing is written anywhere. The routes come from the gateway's own declarations, and the table of
bodies must name each of them, so a new body route cannot go untested."""

from __future__ import annotations

from typing import Any

import pytest

from lowe_gateway.contract import Contract
from tests.integration.gateway_helpers import Network, assert_error, nothing_written
from tests.integration.gateway_routes import sample_path
from tests.security.bodies import BODIES, BodyRoute, body_routes, with_extra

CANDIDATES = ("status", "verified", "partner_id", "centre_id", "owner_id", "organisation_id", "id", "created_at")
ROUTES = {str(route): route for route in body_routes()}


def declared_at(contract: Contract, where: list[str | int]) -> set[str]:
    """The names the contract declares for the object at `where` in a body (a list's items share one schema)."""
    schema: Any = contract.body
    for step in where:
        if isinstance(step, str):
            field = schema.fields[step]
            schema = getattr(field, "inner", field).schema
    return {item.data_key or name for name, item in schema.fields.items()}


def extras_for(route: BodyRoute, where: list[str | int]) -> dict[str, Any]:
    return {name: "x" for name in CANDIDATES if name not in declared_at(route.contract, where)}


def named_at(fields: dict[str, Any], where: list[str | int]) -> set[str]:
    found: Any = fields
    for step in where:
        assert set(found) == {str(step)}, found  # only the path to the extras is named
        found = found[str(step)]
    return set(found)


def key_for(route: BodyRoute, keys: dict[str, str]) -> str:
    for role in ("operator", "centre", "partner"):
        if role in route.roles:
            return keys[role]
    raise AssertionError(f"{route}: no role to call it with")


@pytest.fixture(scope="module")
def keys(strict: Network) -> dict[str, str]:
    _, partner = strict.partner()
    _, centre = strict.centre()
    return {"operator": strict.key, "partner": partner.key, "centre": centre.key}


def test_every_route_that_takes_a_body_has_a_body_in_the_table() -> None:
    assert set(ROUTES) == set(BODIES)
    assert {route.method for route in ROUTES.values()} == {"POST", "PUT", "PATCH"}


@pytest.mark.parametrize("route", sorted(BODIES))
def test_the_tables_bodies_are_what_each_contract_accepts(route: str) -> None:
    """Guards the next test: without the extras, each body passes the very check the gateway runs."""
    ROUTES[route].contract.load_body(BODIES[route][0])


@pytest.mark.parametrize("route", sorted(BODIES))
def test_extra_fields_anywhere_in_a_body_are_refused_naming_them_and_nothing_is_written(
    strict: Network, keys: dict[str, str], route: str
) -> None:
    body, nests = BODIES[route]
    target = ROUTES[route]
    key = key_for(target, keys)
    with nothing_written(strict):
        for where in nests:
            extras = extras_for(target, where)
            assert {"verified", "partner_id", "centre_id"} <= set(extras), (route, where)
            sent = with_extra(body, where, extras)
            response = strict.call(target.method, sample_path(target.url), key=key, json=sent)
            error = assert_error(response, 400, "invalid_input")
            assert named_at(error["fields"], where) == set(extras), (route, where, error)
            assert all(error_at == ["Unknown field."] for error_at in _leaf(error["fields"], where).values())


def _leaf(fields: dict[str, Any], where: list[str | int]) -> dict[str, Any]:
    found: Any = fields
    for step in where:
        found = found[str(step)]
    return dict(found)
