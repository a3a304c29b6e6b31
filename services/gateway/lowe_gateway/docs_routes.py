"""The contract as a document: the OpenAPI JSON, and a readable reference page rendered here with Jinja2 (no
script or stylesheet from elsewhere, so it works with no network). Both public."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from werkzeug.wrappers import Request, Response

from lowe_gateway.http import api, json_response
from lowe_gateway.openapi import build_document

TAG = "operations"
METHODS = ("get", "post", "put", "patch", "delete")


_DOCUMENTS: dict[str, dict[str, Any]] = {}


def document(service_cls: type) -> dict[str, Any]:
    """Built once per service class (the routes do not change while it runs)."""
    name = f"{service_cls.__module__}.{service_cls.__qualname__}"
    if name not in _DOCUMENTS:
        _DOCUMENTS[name] = build_document(service_cls)
    return _DOCUMENTS[name]


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("lowe_gateway"), autoescape=select_autoescape(default=True))
    environment.filters["as_json"] = lambda value: json.dumps(value, ensure_ascii=False, indent=2)
    return environment


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    """A component with its `$ref` followed (`#/components/<kind>/<name>`), for the page."""
    if isinstance(node, dict) and "$ref" in node:
        _, _, kind, name = node["$ref"].split("/")
        return {"name": name, **spec["components"][kind][name]}
    return node


def reference_page(spec: dict[str, Any]) -> str:
    tags: dict[str, list[dict[str, Any]]] = {tag["name"]: [] for tag in spec.get("tags", [])}
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                op = item[method]
                tags.setdefault(op["tags"][0], []).append({"method": method.upper(), "path": path, **op})
    return (
        _environment()
        .get_template("reference.html")
        .render(
            spec=spec,
            tags=tags,
            descriptions={tag["name"]: tag["description"] for tag in spec.get("tags", [])},
            schemas=spec["components"]["schemas"],
            resolve=lambda node: _resolve(spec, node),
        )
    )


class DocsRoutes:
    @api(
        "GET",
        "/api/v1/openapi.json",
        public=True,
        tag=TAG,
        summary="This document (OpenAPI 3.0)",
        calls_services=False,
    )
    def openapi_document(self, request: Request) -> Response:
        return json_response(document(type(self)))

    @api(
        "GET",
        "/api/docs",
        public=True,
        tag=TAG,
        summary="The API reference, for people",
        media_type="text/html",
        calls_services=False,
    )
    def api_reference(self, request: Request) -> Response:
        return Response(reference_page(document(type(self))), mimetype="text/html")
