"""nameko's `@http`, made to speak JSON: errors, unknown routes, body limits and the correlation id."""

from __future__ import annotations

import json
import re
import uuid
from functools import partial
from typing import Any

from eventlet.event import Event
from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer, WsgiApp
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from lowe_gateway.errors import EXPECTED_ERRORS, BodyTooLarge, MalformedJson, error_response

CORRELATION_HEADER = "X-Correlation-ID"
MAX_BODY_BYTES = 1024 * 1024
# deeper bodies parse here but overflow the recursion limit when sent on over RPC
MAX_JSON_DEPTH = 32
_SAFE_CORRELATION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def correlation_id_from(request: Request) -> str:
    given = request.headers.get(CORRELATION_HEADER, "")
    return given if _SAFE_CORRELATION_ID.match(given) else str(uuid.uuid4())


class JsonWsgiApp(WsgiApp):
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            # eventlet ends a chunked body itself but does not say so; unflagged, werkzeug reads it as empty
            environ["wsgi.input_terminated"] = True
        request = Request(environ, shallow=True)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
            request.path_values = values  # type: ignore[attr-defined]
            response = provider.handle_request(request)
        except HTTPException as exc:
            response = error_response(exc)
            response.headers[CORRELATION_HEADER] = correlation_id_from(request)
        return response(environ, start_response)


class JsonWebServer(WebServer):
    def get_wsgi_app(self) -> JsonWsgiApp:
        return JsonWsgiApp(self)

    def context_data_from_headers(self, request: Request) -> dict[str, str]:
        return {"correlation_id": correlation_id_from(request)}


class JsonHttpEntrypoint(HttpRequestHandler):
    server = JsonWebServer()

    def __init__(self, method: str, url: str, **kwargs: Any) -> None:
        kwargs.setdefault("expected_exceptions", EXPECTED_ERRORS)
        super().__init__(method, url, **kwargs)

    def handle_request(self, request: Request) -> Response:
        request.shallow = False
        context_data = self.server.context_data_from_headers(request)
        try:
            args, kwargs = self.get_entrypoint_parameters(request)
            self.check_signature(args, kwargs)
            event = Event()
            self.container.spawn_worker(
                self, args, kwargs, context_data=context_data, handle_result=partial(self.handle_result, event)
            )
            response = self.response_from_result(event.wait())
        except Exception as exc:
            response = error_response(exc)
        response.headers[CORRELATION_HEADER] = context_data["correlation_id"]
        return response


api = JsonHttpEntrypoint.decorator


def json_body(request: Request) -> Any:
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise BodyTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    raw = request.stream.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise BodyTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    try:
        payload = json.loads(raw or b"null")
        if _nesting_exceeds(payload, MAX_JSON_DEPTH):
            raise RecursionError
        # "\ud800" parses to a lone surrogate, which no database or RPC message can carry as UTF-8
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise MalformedJson("The request body is nested too deeply.", {"_body": ["Nested too deeply."]}) from None
    except UnicodeEncodeError:
        raise MalformedJson("The request body is not valid Unicode.", {"_body": ["Lone surrogate escape."]}) from None
    except ValueError as exc:
        raise MalformedJson("The request body is not valid JSON.", {"_body": [str(exc)]}) from None
    return payload


def _nesting_exceeds(value: Any, limit: int) -> bool:
    """Level by level rather than recursively, so the check itself cannot overflow the stack."""
    level = [value]
    for _ in range(limit + 1):
        containers = [item for item in level if isinstance(item, dict | list)]
        if not containers:
            return False
        level = [child for item in containers for child in (item.values() if isinstance(item, dict) else item)]
    return True


def json_response(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload, ensure_ascii=False), status=status, mimetype="application/json")


def query_params(request: Request, repeatable: frozenset[str]) -> dict[str, Any]:
    """The query string as the services' schemas read it: lists for repeatable names, else the first value."""
    return {name: request.args.getlist(name) if name in repeatable else request.args.get(name) for name in request.args}
