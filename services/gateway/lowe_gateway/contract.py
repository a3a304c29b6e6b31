"""A route's public contract, declared once next to the route (`@api(..., body=, query=, response=, ...)`).

The same declaration does three jobs: the entrypoint validates the query string and the body against it before any
RPC (unknown names refused, 400 naming every bad field), dumps the route's answer through the response schema (so
nothing the contract does not name leaves the gateway), and `lowe_gateway.openapi` builds the OpenAPI document
from it.

The gateway validates to refuse early and to bound what reaches the services; it forwards the ORIGINAL query
values and JSON body, because the services validate again with their own (sometimes richer) rules and expect JSON
types, not what marshmallow loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marshmallow import Schema
from marshmallow import fields as mf
from werkzeug.wrappers import Request

from lowe_backbone.validation import load_or_raise

JSON = "application/json"
NO_QUERY = Schema.from_dict({}, name="NoQuery")


@dataclass(frozen=True)
class Reply:
    """What a route returns when its answer's status is not the contract's success status (e.g. health's 503)."""

    payload: Any
    status: int


@dataclass(frozen=True)
class Contract:
    summary: str = ""
    description: str = ""
    tag: str = "other"
    body: Schema | None = None  # the JSON body's schema; the route then receives `body` (the JSON as sent)
    body_required: bool = True  # False: no body (or `null`) is allowed, the route receives None
    body_example: Any = None
    query: Schema | None = None  # the query string's schema; the route then receives `query` (names to strings)
    response: Schema | None = None  # the success answer's JSON schema; None: no body (204) or not JSON
    status: int = 200
    media_type: str = JSON  # of the success answer
    alternatives: dict[str, Schema | None] = field(default_factory=dict)  # other media types of the success answer
    response_headers: tuple[str, ...] = ()  # header component names the success answer carries
    other_responses: dict[int, tuple[str, Schema]] = field(default_factory=dict)  # status: (description, schema)
    errors: tuple[int, ...] = ()  # error statuses the route itself gives beyond the generic ones
    calls_services: bool = True  # an RPC may time out: 503
    response_example: Any = None

    def repeatable(self) -> frozenset[str]:
        """Query parameters that may be given several times: the list fields of the query schema."""
        if self.query is None:
            return frozenset()
        return frozenset(
            (item.data_key or name) for name, item in self.query.fields.items() if isinstance(item, mf.List)
        )

    def load_query(self, params: dict[str, Any]) -> dict[str, Any]:
        """Validated (unknown names refused); returned unchanged, as the services read query strings themselves."""
        load_or_raise(self.query or NO_QUERY(), params, "The query string has invalid parameters.")
        return params

    def load_body(self, payload: Any, present: bool = True) -> Any:
        """An optional body may be left out (the route receives None); one that is sent must be an object."""
        if self.body is None:
            return payload
        if not present and not self.body_required:
            return None
        load_or_raise(self.body, payload)
        return payload

    def response_schema(self, status: int) -> Schema | None:
        if status == self.status:
            return self.response
        if status in self.other_responses:
            return self.other_responses[status][1]
        raise LookupError(f"the contract gives no answer with status {status}")


def query_of(request: Request, repeatable: frozenset[str]) -> dict[str, Any]:
    """The query string as the services' schemas read it: lists for repeatable names, else the first value."""
    return {name: request.args.getlist(name) if name in repeatable else request.args.get(name) for name in request.args}
