"""nameko's `@http`, made to speak JSON: API keys and roles, rate limits, errors, unknown routes, body limits and
the correlation id.

Every route is closed unless declared `public`: the caller's key is checked, its role must be one the route
allows, and its requests are counted, all before a worker starts. The route then receives the `caller`, and decides
about the objects it touches (see `lowe_gateway.authorization`).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from eventlet.event import Event
from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer, WsgiApp
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import Forbidden
from lowe_backbone.logs import get_logger
from lowe_gateway.access import Gatekeeper
from lowe_gateway.client_address import (
    TRUSTED_PROXIES_SETTING,
    ClientAddressProtocol,
    IPNetwork,
    client_address,
    trusted_proxies_from,
    trusting_everyone,
)
from lowe_gateway.contract import Contract, Reply, query_of
from lowe_gateway.errors import (
    EXPECTED_ERRORS,
    BodyTooLarge,
    MalformedJson,
    NotAuthenticated,
    RateLimited,
    error_response,
)
from lowe_gateway.identity.keys import ROLES, Caller, Unauthenticated

CORRELATION_HEADER = "X-Correlation-ID"
MAX_BODY_BYTES = 1024 * 1024
# deeper bodies parse here but overflow the recursion limit when sent on over RPC
MAX_JSON_DEPTH = 32
_SAFE_CORRELATION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")

log = get_logger(__name__)


def correlation_id_from(request: Request) -> str:
    given = request.headers.get(CORRELATION_HEADER, "")
    return given if _SAFE_CORRELATION_ID.match(given) else str(uuid.uuid4())


class JsonWsgiApp(WsgiApp):
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            # eventlet ends a chunked body itself but does not say so; unflagged, werkzeug reads it as empty
            environ["wsgi.input_terminated"] = True
        # from here on `remote_addr` is the client's address, behind trusted proxies too (`lowe_gateway.client_address`)
        environ["REMOTE_ADDR"] = client_address(
            environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"), self.server.trusted_proxies
        )
        request = Request(environ, shallow=True)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
            request.path_values = values  # type: ignore[attr-defined]
            response = provider.handle_request(request)
        except HTTPException as exc:
            response = self._unrouted(request, exc)
            response.headers[CORRELATION_HEADER] = correlation_id_from(request)
        return response(environ, start_response)

    def _unrouted(self, request: Request, exc: HTTPException) -> Response:
        """JSON, except under a prefix whose pages answer for themselves (the portal's HTML 404)."""
        for prefix, answer in self.server.fallbacks.items():
            if request.path == prefix or request.path.startswith(prefix + "/"):
                return answer(request, exc)
        return error_response(exc)


class JsonWebServer(WebServer):
    """One server, one port, for the JSON API and the portal's pages; `fallbacks` answers unrouted requests under
    a path prefix (see `JsonWsgiApp`)."""

    def __init__(self) -> None:
        super().__init__()
        self.fallbacks: dict[str, Callable[[Request, HTTPException], Response]] = {}
        self.trusted_proxies: tuple[IPNetwork, ...] = ()

    def setup(self) -> None:
        super().setup()
        self.trusted_proxies = trusted_proxies_from(self.container.config.get(TRUSTED_PROXIES_SETTING))
        everyone = trusting_everyone(self.trusted_proxies)
        if everyone:  # allowed (a proxy that is the only way in), but then anyone can name the client it counts
            log.warning("trusted_proxies_include_every_address", setting=TRUSTED_PROXIES_SETTING, networks=everyone)

    def get_wsgi_app(self) -> JsonWsgiApp:
        return JsonWsgiApp(self)

    def get_wsgi_server(
        self, sock: Any, wsgi_app: Any, protocol: Any = ClientAddressProtocol, debug: bool = False
    ) -> Any:
        return super().get_wsgi_server(sock, wsgi_app, protocol=protocol, debug=debug)

    def context_data_from_headers(self, request: Request) -> dict[str, str]:
        return {"correlation_id": correlation_id_from(request)}


class JsonHttpEntrypoint(HttpRequestHandler):
    """`@api(method, url, roles=..., public=..., **contract)`: the keyword arguments of `Contract` (summary, body,
    query, response, status, errors, ...) declare the route's public contract, which this entrypoint enforces."""

    server = JsonWebServer()
    gatekeeper = Gatekeeper()

    def __init__(
        self,
        method: str,
        url: str,
        roles: tuple[str, ...] = ROLES,
        public: bool = False,
        expected_exceptions: tuple[type[Exception], ...] = EXPECTED_ERRORS,
        **contract: Any,
    ) -> None:
        self.roles, self.public = roles, public
        self.contract = Contract(**contract)
        super().__init__(method, url, expected_exceptions=expected_exceptions)

    def admit(self, request: Request) -> tuple[Caller, dict[str, str]]:
        """The caller, once its key, role and rate allow it in; and the rate-limit headers to answer with."""
        try:
            caller = self.gatekeeper.caller_of(request)
        except Unauthenticated as exc:
            raise NotAuthenticated(str(exc)) from None
        if caller.role not in self.roles:
            raise Forbidden(f"A {caller.role}'s key cannot use this route.")
        verdict = self.gatekeeper.count(caller)
        if not verdict.allowed:
            raise RateLimited(verdict.retry_after)
        limit = str(self.gatekeeper.limiter.limit)
        return caller, {"X-RateLimit-Limit": limit, "X-RateLimit-Remaining": str(verdict.remaining)}

    def handle_request(self, request: Request) -> Response:
        request.shallow = False
        context_data = self.server.context_data_from_headers(request)
        headers: dict[str, str] = {}
        try:
            args, kwargs = self.get_entrypoint_parameters(request)
            if not self.public:
                kwargs["caller"], headers = self.admit(request)
            kwargs.update(self.inputs(request))
            self.check_signature(args, kwargs)
            event = Event()
            self.container.spawn_worker(
                self, args, kwargs, context_data=context_data, handle_result=partial(self.handle_result, event)
            )
            response = self.render(event.wait())
        except Exception as exc:
            response = error_response(exc)
        response.headers.update(headers)
        response.headers[CORRELATION_HEADER] = context_data["correlation_id"]
        return response

    def inputs(self, request: Request) -> dict[str, Any]:
        """The query and body, validated against the contract before any worker (so before any RPC) runs."""
        contract, inputs = self.contract, {}
        query = contract.load_query(query_of(request, contract.repeatable()))
        if contract.query is not None:
            inputs["query"] = query
        if contract.body is not None:
            raw = read_body(request)
            inputs["body"] = contract.load_body(None if not raw.strip() else parse_json(raw), present=bool(raw.strip()))
        return inputs

    def render(self, result: Any) -> Response:
        """The route's answer through the contract's response schema: only the fields it names leave the gateway."""
        if isinstance(result, Response):
            return result
        payload, status = (
            (result.payload, result.status) if isinstance(result, Reply) else (result, self.contract.status)
        )
        schema = self.contract.response_schema(status)
        if schema is None:
            return Response(status=status)
        return json_response(schema.dump(payload), status)


api = JsonHttpEntrypoint.decorator


def read_body(request: Request) -> bytes:
    """The raw body, refused (413) past the limit whatever `Content-Length` says."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise BodyTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    raw: bytes = request.stream.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise BodyTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    return raw


def parse_json(raw: bytes) -> Any:
    """The JSON value (None for an empty body), refused as `malformed_json` when it is not JSON a service can
    take: not JSON, nested too deeply, or carrying a lone surrogate."""
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
