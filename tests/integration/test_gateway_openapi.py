"""The gateway's public contract over HTTP: the OpenAPI document is valid and names every route, the reference page
renders, requests are validated before any RPC (nothing written), and the original JSON reaches the services."""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import validate

from lowe_gateway.openapi import openapi_path, routes
from lowe_gateway.service import GatewayService
from tests.integration.gateway_helpers import (
    CENTRE,
    PARTNER,
    Network,
    assert_error,
    nothing_written,
    opportunity_for,
)

METHODS = ("get", "post", "put", "patch", "delete")


def _document(network: Network) -> dict[str, Any]:
    response = network.get("/api/v1/openapi.json", key=None)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, item[method])
        for path, item in document["paths"].items()
        for method in METHODS
        if method in item
    ]


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """`{"$ref": "#/components/<kind>/<name>"}` followed."""
    if "$ref" in node:
        _, _, kind, name = node["$ref"].split("/")
        resolved: dict[str, Any] = document["components"][kind][name]
        return resolved
    return node


def _objects_in(document: dict[str, Any], node: dict[str, Any], seen: set[int]) -> list[dict[str, Any]]:
    """Every object schema reachable from `node` (through refs, properties, items, anyOf)."""
    node = _resolve(document, node)
    if id(node) in seen:
        return []
    seen.add(id(node))
    found = [node] if "properties" in node else []
    children = [*node.get("properties", {}).values(), *node.get("anyOf", []), *node.get("allOf", [])]
    if isinstance(node.get("items"), dict):
        children.append(node["items"])
    for child in children:
        found += _objects_in(document, child, seen)
    return found


def test_the_document_is_valid_openapi_and_names_every_registered_route(network: Network) -> None:
    document = _document(network)
    validate(document)

    documented = {(method, path) for method, path, _ in _operations(document)}
    registered = {(entrypoint.method, openapi_path(entrypoint.url)[0]) for _, entrypoint in routes(GatewayService)}
    assert documented == registered
    assert len(registered) == len(routes(GatewayService))  # no two routes share a method and path


def test_every_operation_documents_its_security_errors_and_headers(network: Network) -> None:
    document = _document(network)
    assert document["components"]["securitySchemes"]["apiKey"] == {
        **document["components"]["securitySchemes"]["apiKey"],
        "type": "http",
        "scheme": "bearer",
    }
    for method, path, op in _operations(document):
        where = f"{method} {path}"
        responses = op["responses"]
        assert "400" in responses, where
        for status, listed in responses.items():
            response = _resolve(document, listed)
            assert _resolve(document, response["headers"]["X-Correlation-ID"])["required"] is True, (where, status)
            if status[0] in "45" and path != "/health":
                assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
        if op.get("security") == []:
            assert "**Public:**" in op["description"], where
            assert "401" not in responses, where
        else:
            assert "**Roles:**" in op["description"], where
            assert op["x-roles"], where
            assert {"401", "429"} <= set(responses), where
            retry_after = _resolve(document, responses["429"])["headers"]["Retry-After"]
            assert _resolve(document, retry_after)["required"] is True, where
        if "{" in path:
            assert "404" in responses, where
        if "requestBody" in op:
            assert {"413"} <= set(responses), where
            body = op["requestBody"]["content"]["application/json"]["schema"]
            for schema in _objects_in(document, body, set()):
                assert schema.get("additionalProperties") is False, (where, schema)


def test_public_routes_are_the_document_health_and_unsubscribing(network: Network) -> None:
    document = _document(network)
    public = sorted(f"{method} {path}" for method, path, op in _operations(document) if op.get("security") == [])
    assert public == [
        "GET /api/docs",
        "GET /api/v1/openapi.json",
        "GET /api/v1/unsubscribe",
        "GET /health",
        "POST /api/v1/unsubscribe",
    ]


def test_the_reference_page_shows_every_operation(network: Network) -> None:
    response = network.get("/api/docs", key=None)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/html")
    document = _document(network)
    for _, path, op in _operations(document):
        assert f'id="{op["operationId"]}"' in response.text
        assert path in response.text
    assert "<script" not in response.text  # nothing fetched from elsewhere


def test_unknown_query_parameters_and_oversized_pages_are_refused(network: Network) -> None:
    with nothing_written(network):
        assert_error(network.get("/api/v1/opportunities", params={"colour": "red"}), 400, "invalid_input", "colour")
        assert_error(network.get("/api/v1/centres", params={"page_size": "101"}), 400, "invalid_input", "page_size")
        partner = network.get("/api/v1/partners", params={"page_size": "0", "status": "nope"})
        assert_error(partner, 400, "invalid_input", "page_size", "status")
        assert_error(network.get("/api/v1/keys", params={"page_size": "5"}), 400, "invalid_input", "page_size")


def test_a_body_is_refused_naming_each_bad_field_before_anything_is_written(network: Network) -> None:
    body = {**PARTNER, "name": "", "email": "not an e-mail", "colour": "red", "voivodeship": 26}
    with nothing_written(network):
        response = network.post("/api/v1/partners", json=body)
    error = assert_error(response, 400, "invalid_input", "name", "email", "colour", "voivodeship")
    assert error["fields"]["colour"] == ["Unknown field."]


def test_a_body_that_is_not_an_object_is_refused(network: Network) -> None:
    with nothing_written(network):
        assert_error(network.post("/api/v1/centres", json=[CENTRE]), 400, "invalid_input", "_body")
        assert_error(network.post("/api/v1/centres", data=b"{", headers={}), 400, "malformed_json", "_body")
        big = network.post("/api/v1/centres", data=b" " * (1024 * 1024 + 1))
        assert_error(big, 413, "body_too_large")


def test_the_services_receive_the_body_as_sent(network: Network) -> None:
    """The gateway validates a copy; the partners service reads `cost_pln` as it was sent (a decimal string)."""
    partner, as_partner = network.partner(verified=False)
    response = as_partner.post("/api/v1/opportunities", json=opportunity_for(cost_pln="12.50", places=5))
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["cost_pln"], created["places"], created["partner_id"]) == ("12.50", 5, partner["id"])
    assert set(created) == set(_document(network)["components"]["schemas"]["Opportunity"]["properties"])


def test_fields_the_gateway_sets_itself_are_refused_in_a_body(network: Network) -> None:
    partner, as_partner = network.partner(verified=False)
    with nothing_written(network):
        response = as_partner.post(
            "/api/v1/opportunities", json={**opportunity_for(), "partner_id": partner["id"], "status": "published"}
        )
    assert_error(response, 400, "invalid_input", "partner_id", "status")
