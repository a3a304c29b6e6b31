"""The transport side of a body: JSON syntax, its top-level type, nesting, Unicode, size and chunking."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.gateway_helpers import (
    BODY_ROUTES,
    Network,
    Routes,
    assert_error,
    nothing_written,
    routes_with_valid_bodies,
)

MAX_BODY_BYTES = 1024 * 1024
TEXT_FIELD = {"partners": "name", "opportunities": "title", "centres": "municipality", "subscriptions": "name"}


@pytest.fixture(scope="module")
def valid(network: Network) -> Routes:
    return routes_with_valid_bodies(network)


def padded(body: dict[str, Any], size: int) -> bytes:
    """`body` as JSON followed by whitespace up to exactly `size` bytes, still valid JSON."""
    raw = json.dumps(body).encode()
    assert len(raw) <= size
    return raw + b" " * (size - len(raw))


def chunks(raw: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    """An iterator makes `requests` send the body with `Transfer-Encoding: chunked` and no length."""
    for start in range(0, len(raw), size):
        yield raw[start : start + size]


def posted_raw(network: Network, path: str, raw: bytes | Iterator[bytes], key: str) -> Any:
    return network.post(path, key=key, data=raw, headers={"Content-Type": "application/json"})


@pytest.mark.parametrize("route", BODY_ROUTES)
@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b'{"name": }',
        b"{'name': 'PUP'}",
        b'{"name": "PUP",}',
        b'{"name": "PUP"} {}',
        b"name=PUP&sector=public",
        b"\xff\xfe\x00{",
        b'{"name": "\xc3("}',
    ],
    ids=[
        "unclosed",
        "missing-value",
        "single-quotes",
        "trailing-comma",
        "two-documents",
        "form",
        "bad-bom",
        "bad-utf8",
    ],
)
def test_malformed_json_is_rejected_naming_the_body(network: Network, valid: Routes, route: str, raw: bytes) -> None:
    path, _, key = valid[route]
    with nothing_written(network):
        response = posted_raw(network, path, raw, key)
    assert_error(response, 400, "malformed_json", "_body")


@pytest.mark.parametrize("route", BODY_ROUTES)
@pytest.mark.parametrize(
    "raw", [b"", b"null", b"[]", b'"PUP"', b"42", b"true"], ids=lambda raw: raw.decode() or "empty"
)
def test_body_that_is_not_a_json_object_is_rejected(network: Network, valid: Routes, route: str, raw: bytes) -> None:
    path, _, key = valid[route]
    with nothing_written(network):
        response = posted_raw(network, path, raw, key)
    assert_error(response, 400, "invalid_input", "_body")


@pytest.mark.parametrize("route", BODY_ROUTES)
def test_a_valid_body_inside_a_list_is_still_rejected(network: Network, valid: Routes, route: str) -> None:
    path, body, key = valid[route]
    with nothing_written(network):
        response = network.post(path, key=key, json=[body])
    assert_error(response, 400, "invalid_input", "_body")


@pytest.mark.parametrize("route", BODY_ROUTES)
@pytest.mark.parametrize("depth", [40, 950, 100_000])
def test_deeply_nested_body_is_rejected_as_malformed(network: Network, valid: Routes, route: str, depth: int) -> None:
    path, body, key = valid[route]
    raw = json.dumps(body)[:-1] + ', "extra": ' + "[" * depth + "]" * depth + "}"
    with nothing_written(network):
        response = posted_raw(network, path, raw.encode(), key)
    assert_error(response, 400, "malformed_json", "_body")


@pytest.mark.parametrize("route", BODY_ROUTES)
def test_moderate_nesting_still_gets_field_validation(network: Network, valid: Routes, route: str) -> None:
    path, body, key = valid[route]
    with nothing_written(network):
        response = network.post(path, key=key, json={**body, "extra": [[[[{"a": [1]}]]]]})
    assert_error(response, 400, "invalid_input", "extra")


@pytest.mark.parametrize("route", BODY_ROUTES)
def test_lone_surrogate_escape_is_rejected_as_malformed(network: Network, valid: Routes, route: str) -> None:
    path, body, key = valid[route]
    raw = json.dumps({**body, TEXT_FIELD[route]: "Kurs \ud800"})  # ensure_ascii writes it as the escape "\ud800"
    assert "\\ud800" in raw
    with nothing_written(network):
        response = posted_raw(network, path, raw.encode(), key)
    assert_error(response, 400, "malformed_json", "_body")


@pytest.mark.parametrize("route", BODY_ROUTES)
def test_escaped_and_raw_non_ascii_text_is_stored_as_sent(network: Network, valid: Routes, route: str) -> None:
    path, body, key = valid[route]
    text = "Zażółć gęślą jaźń 😀"
    escaped = json.dumps({**body, TEXT_FIELD[route]: text}).encode()  # "\ud83d\ude00"
    response = posted_raw(network, path, escaped, key)
    assert response.status_code == 201, response.text
    assert response.json()[TEXT_FIELD[route]] == text
    raw = json.dumps({**body, TEXT_FIELD[route]: text}, ensure_ascii=False).encode("utf-8")
    assert posted_raw(network, path, raw, key).json()[TEXT_FIELD[route]] == text


@pytest.mark.parametrize("route", BODY_ROUTES)
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_body_over_one_mebibyte_is_rejected_with_413(
    network: Network, valid: Routes, route: str, chunked: bool
) -> None:
    path, body, key = valid[route]
    raw = padded(body, MAX_BODY_BYTES + 1)
    with nothing_written(network):
        response = posted_raw(network, path, chunks(raw) if chunked else raw, key)
    error = assert_error(response, 413, "body_too_large")
    assert error["fields"] == {}


@pytest.mark.parametrize("route", BODY_ROUTES)
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_body_of_exactly_one_mebibyte_is_accepted(network: Network, valid: Routes, route: str, chunked: bool) -> None:
    path, body, key = valid[route]
    raw = padded(body, MAX_BODY_BYTES)
    response = posted_raw(network, path, chunks(raw) if chunked else raw, key)
    assert response.status_code == 201, response.text
    assert response.json()[TEXT_FIELD[route]] == body[TEXT_FIELD[route]]
