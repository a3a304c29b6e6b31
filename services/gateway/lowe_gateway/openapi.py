"""The OpenAPI 3.0 document of the public API, built with apispec from the routes' contracts (`@api(...)`), so the
document, the validation and the answers cannot say different things.

Every route registered on the service appears with its path and query parameters, body, success answer and every
error status it can give: 400 always (unknown query parameters are refused everywhere), 401/403/429 on routes that
need a key, 404 where an id is in the path, 413 where a body is read, 503 where a service is asked. Every answer
carries `X-Correlation-ID`.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema
from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from lowe_gateway.api_schemas.common import ErrorBody
from lowe_gateway.contract import JSON, Contract
from lowe_gateway.http import MAX_BODY_BYTES, JsonHttpEntrypoint
from lowe_gateway.identity.keys import ROLES

TITLE = "LOWE Partner Network API"
VERSION = "1.0.0"
OPENAPI_VERSION = "3.0.3"  # 3.1 (JSON Schema 2020-12) counts 1.0 as an integer; the services do not
SECURITY_SCHEME = "apiKey"
DESCRIPTION = f"""The public HTTP API of the LOWE Partner Network: partners publish opportunities, centres
(Lokalne Ośrodki Wiedzy i Edukacji) receive the ones that match their subscriptions, express interest and run
events; operators run the network.

**Keys.** Every route but the public ones needs an API key: `Authorization: Bearer lowe_...`. Keys belong to an
operator, a partner or a centre; each route names the roles it admits. A key is never accepted in the URL.
Requests are counted per key (`X-RateLimit-Limit`, `X-RateLimit-Remaining`); past the limit the answer is 429 with
`Retry-After`.

**Requests.** Query strings and JSON bodies are checked before anything is done: unknown names are refused and
every wrong field is named (400, `invalid_input`). A body is at most {MAX_BODY_BYTES} bytes (413). Lists are
paged: give `next_cursor` back as `cursor`; `page_size` is at most 100.

**Errors** are always `{{"error": {{"code", "message", "fields"}}}}`.

**Tracing.** Send `X-Correlation-ID` (letters, digits, `._:-`, at most 100) to follow a request through the
services; every answer carries the one used.
"""
TAGS = [
    {"name": "partners", "description": "Partners, their opportunities, and the interest centres express in them."},
    {"name": "centres", "description": "Centres, their subscriptions, their feed and their interests."},
    {"name": "events", "description": "A centre's events, participants, attendance, erasure and reports."},
    {"name": "notifications", "description": "The inbox, preferences, webhooks and unsubscribing."},
    {"name": "keys", "description": "API keys."},
    {"name": "operators", "description": "The delivery ledger and dead letters."},
    {"name": "operations", "description": "Health and this document."},
]
ERROR_DESCRIPTIONS = {
    400: "The query string or body is not valid (`invalid_input`, naming each field in `fields`), or the body is "
    "not JSON (`malformed_json`).",
    401: "No API key, or not a valid one: unknown, revoked, expired or sent in the URL (`unauthenticated`).",
    403: "The key's role may not use this route, or may not act on this object (`forbidden`).",
    404: "No such object, or not one the key may see (`not_found`).",
    409: "The object's state does not allow it (`conflict`).",
    413: f"The body is larger than {MAX_BODY_BYTES} bytes (`body_too_large`).",
    429: "Too many requests with this key (`rate_limited`); `Retry-After` says when to try again.",
    503: "A service did not answer in time (`service_unavailable`).",
}
NUMBER = {"type": "string", "pattern": "^[0-9]+$"}
HEADERS: dict[str, dict[str, Any]] = {  # components; `required` says whether every answer that names it carries it
    "X-Correlation-ID": {
        "description": "The request's correlation id: the one sent, when it was safe, else a new one.",
        "schema": {"type": "string", "pattern": r"^[A-Za-z0-9._:-]{1,100}$"},
        "required": True,
    },
    "X-RateLimit-Limit": {"description": "Requests allowed per key per window.", "schema": NUMBER, "required": False},
    "X-RateLimit-Remaining": {"description": "Requests left in this window.", "schema": NUMBER, "required": False},
    "Retry-After": {"description": "Seconds until the window ends.", "schema": NUMBER, "required": True},
    "WWW-Authenticate": {"description": "`Bearer`.", "schema": {"type": "string"}, "required": True},
    "Content-Disposition": {"description": "The file's name.", "schema": {"type": "string"}, "required": True},
    "Content-Disposition.optional": {
        "description": "The file's name, when the answer is a file (CSV).",
        "schema": {"type": "string"},
        "required": False,
    },
}
ERROR_NAMES = {
    400: "InvalidInput",
    401: "Unauthenticated",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    413: "BodyTooLarge",
    429: "RateLimited",
    503: "ServiceUnavailable",
}
_RULE_PART = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
_STATUS_NAMES = {200: "OK", 201: "Created", 204: "No content"}


def routes(service_cls: type) -> list[tuple[str, JsonHttpEntrypoint]]:
    """Every HTTP route registered on the service class: (method name, entrypoint), by path then method."""
    found = []
    for name in dir(service_cls):
        for extension in getattr(getattr(service_cls, name, None), ENTRYPOINT_EXTENSIONS_ATTR, ()):
            if isinstance(extension, JsonHttpEntrypoint):
                found.append((name, extension))
    return sorted(found, key=lambda item: (item[1].url, item[1].method))


def openapi_path(url: str) -> tuple[str, list[dict[str, Any]]]:
    """`/a/<uuid:id>` -> `/a/{id}` and its path parameters."""
    parameters: list[dict[str, Any]] = []

    def to_template(match: re.Match[str]) -> str:
        converter, name = match.group(1), match.group(2)
        schema = {"type": "string", "format": "uuid"} if converter == "uuid" else {"type": "string"}
        parameters.append({"in": "path", "name": name, "required": True, "schema": schema})
        return "{" + name + "}"

    return _RULE_PART.sub(to_template, url), parameters


def _schema_name(schema: type[Schema] | Schema) -> str:
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    if not isinstance(schema, type):
        if schema.partial and not name.endswith("Changes"):
            name = name.removesuffix("Details").removesuffix("Registration") + "Changes"
        dropped = set(schema.exclude) - set(getattr(cls.Meta, "exclude", ()))
        if dropped:
            name += "Without" + "".join(part.title().replace("_", "") for part in sorted(dropped))
    return name


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def _headers(public: bool, *names: str) -> dict[str, Any]:
    """The correlation id always; the rate-limit headers on a protected route's answers; and `names` (`Name?`:
    only on some of the answers)."""
    listed = ["X-Correlation-ID", *([] if public else ["X-RateLimit-Limit", "X-RateLimit-Remaining"]), *names]
    return {
        name.removesuffix("?"): _ref("headers", name.removesuffix("?") + (".optional" if name.endswith("?") else ""))
        for name in listed
    }


def _generic(media_type: str) -> dict[str, Any]:
    return {"type": "object"} if media_type == JSON else {"type": "string"}


def example_of(schema: Schema) -> dict[str, Any] | None:
    """A body built from its fields' `example`s; None unless every required field has one."""
    example: dict[str, Any] = {}
    for name, item in schema.fields.items():
        key = item.data_key or name
        if "example" in item.metadata:
            example[key] = item.metadata["example"]
        elif item.required:
            nested = getattr(item, "schema", None)
            inner = example_of(nested) if isinstance(nested, Schema) else None
            if inner is None:
                return None
            example[key] = inner
    return example


def _error_response(status: int) -> dict[str, Any]:
    """A response component: the error body, the correlation id, and what the status adds."""
    names = {401: ("WWW-Authenticate",), 429: ("Retry-After",)}.get(status, ())
    return {
        "description": ERROR_DESCRIPTIONS[status],
        "headers": _headers(True, *names),
        "content": {JSON: {"schema": ErrorBody}},
    }


def _roles_text(entrypoint: JsonHttpEntrypoint) -> str:
    if entrypoint.public:
        return "**Public:** no API key needed."
    return "**Roles:** " + ", ".join(entrypoint.roles) + "."


def operation(name: str, entrypoint: JsonHttpEntrypoint, path_parameters: list[dict[str, Any]]) -> dict[str, Any]:
    contract: Contract = entrypoint.contract
    public = entrypoint.public
    description = "\n\n".join(part for part in (contract.description, _roles_text(entrypoint)) if part)
    op: dict[str, Any] = {
        "operationId": name,
        "summary": contract.summary or name.replace("_", " "),
        "description": description,
        "tags": [contract.tag],
        "x-roles": [] if public else list(entrypoint.roles),
        "parameters": list(path_parameters),
    }
    if public:
        op["security"] = []
    if contract.query is not None:
        op["parameters"].append({"in": "query", "schema": contract.query})
    if contract.body is not None:
        content: dict[str, Any] = {"schema": contract.body}
        example = contract.body_example if contract.body_example is not None else example_of(contract.body)
        if example is not None:
            content["example"] = example
        op["requestBody"] = {"required": contract.body_required, "content": {JSON: content}}
    op["responses"] = responses(entrypoint, bool(path_parameters))
    return op


def responses(entrypoint: JsonHttpEntrypoint, has_path_ids: bool) -> dict[str, Any]:
    contract, public = entrypoint.contract, entrypoint.public
    answers: dict[str, Any] = {}
    success: dict[str, Any] = {
        "description": _STATUS_NAMES.get(contract.status, "Done"),
        "headers": _headers(public, *contract.response_headers),
    }
    if contract.status != 204:
        success["content"] = {contract.media_type: {"schema": contract.response or _generic(contract.media_type)}}
        if contract.response_example is not None:
            success["content"][contract.media_type]["example"] = contract.response_example
        for media_type, schema in contract.alternatives.items():
            success["content"][media_type] = {"schema": schema or _generic(media_type)}
    answers[str(contract.status)] = success
    for status, (text, schema) in contract.other_responses.items():
        answers[str(status)] = {
            "description": text,
            "headers": _headers(public),
            "content": {JSON: {"schema": schema}},
        }
    statuses = {400, *contract.errors}
    if not public:
        statuses |= {401, 429}
        if set(entrypoint.roles) != set(ROLES):
            statuses.add(403)
    if has_path_ids:
        statuses.add(404)
    if contract.body is not None:
        statuses.add(413)
    if contract.calls_services:
        statuses.add(503)
    for status in sorted(statuses - set(contract.other_responses)):
        answers[str(status)] = _ref("responses", ERROR_NAMES[status])
    return answers


def build_document(service_cls: type) -> dict[str, Any]:
    spec = APISpec(
        title=TITLE,
        version=VERSION,
        openapi_version=OPENAPI_VERSION,
        plugins=[MarshmallowPlugin(schema_name_resolver=_schema_name)],
        info={"description": DESCRIPTION},
        tags=TAGS,
        security=[{SECURITY_SCHEME: []}],
    )
    spec.components.security_scheme(
        SECURITY_SCHEME,
        {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "lowe_ followed by 43 URL-safe base64 characters",
            "description": "An operator's, a partner's or a centre's API key.",
        },
    )
    for name, header in HEADERS.items():
        spec.components.header(name, header)
    for status, name in ERROR_NAMES.items():
        spec.components.response(name, _error_response(status))
    for name, entrypoint in routes(service_cls):
        path, path_parameters = openapi_path(entrypoint.url)
        spec.path(path=path, operations={entrypoint.method.lower(): operation(name, entrypoint, path_parameters)})
    # apispec keeps some bounds as the field's own type (Decimal); the document is plain JSON
    plain: dict[str, Any] = json.loads(json.dumps(spec.to_dict(), default=_plain_number))
    return _nullable_refs(plain)


def _nullable_refs(node: Any) -> Any:
    """apispec writes a nullable nested schema as `anyOf: [{type: object, nullable: true}, {$ref}]`, which also
    admits any other object; `allOf: [{$ref}]` with `nullable: true` says exactly "that schema, or null"."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if isinstance(options, list) and {"type": "object", "nullable": True} in options and len(options) == 2:
            (ref,) = [option for option in options if option != {"type": "object", "nullable": True}]
            node = {key: value for key, value in node.items() if key != "anyOf"}
            node.update({"allOf": [ref], "nullable": True})
        return {key: _nullable_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_nullable_refs(item) for item in node]
    return node


def _plain_number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} in the OpenAPI document")
