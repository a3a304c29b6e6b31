"""`@page(method, url, ...)`: nameko's `@http` for the portal's HTML pages, on the gateway's one web server.

Before a worker starts: the session cookie is looked up (a page that wants a signed-in person sends everyone else to
the sign-in page; one whose roles exclude the account's answers 403), and every POST's CSRF token is checked (403
page otherwise). The page gets the `visit` and answers a `Page`, a redirect or any response; errors become pages
with the API's status codes (`lowe_gateway.errors.STATUS_BY_ERROR`); security headers go on every answer.
"""

from __future__ import annotations

from functools import partial
from urllib.parse import quote

from eventlet.event import Event
from nameko.web.handlers import HttpRequestHandler
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import Forbidden
from lowe_backbone.logs import get_logger
from lowe_gateway.errors import EXPECTED_ERRORS, STATUS_BY_ERROR
from lowe_gateway.http import CORRELATION_HEADER, JsonWebServer
from lowe_gateway.identity.keys import ROLES
from lowe_gateway.portal.extension import Page, Portal
from lowe_gateway.portal.i18n import DEFAULT_LANGUAGE, language_of
from lowe_gateway.portal.visits import LANGUAGE_COOKIE, CsrfRefused, Visit, check_csrf, finish

log = get_logger(__name__)
PORTAL_PREFIX = "/portal"
MAX_FORM_BYTES = 64 * 1024
ERROR_TEMPLATES = {403: "error.html", 404: "error.html"}


class PortalEntrypoint(HttpRequestHandler):
    server = JsonWebServer()  # the same shared server (and port) as the JSON API's `JsonHttpEntrypoint`
    portal = Portal()

    def __init__(
        self, method: str, url: str, signed_in: bool = True, roles: tuple[str, ...] = ROLES, static: bool = False
    ) -> None:
        self.signed_in, self.roles, self.static = signed_in, roles, static
        super().__init__(method, url, expected_exceptions=(*EXPECTED_ERRORS, CsrfRefused))

    def setup(self) -> None:
        super().setup()
        self.server.fallbacks[PORTAL_PREFIX] = self.not_found

    def handle_request(self, request: Request) -> Response:
        request.shallow = False
        request.max_content_length = MAX_FORM_BYTES
        request.max_form_memory_size = MAX_FORM_BYTES
        context_data = self.server.context_data_from_headers(request)
        visit: Visit | None = None
        try:
            visit = None if self.static else self.portal.visit(request)
            response = self._admitted(request, visit) or self._run(request, visit, context_data)
        except Exception as exc:
            response = self.error_page(exc, visit, request)
        response.headers[CORRELATION_HEADER] = context_data["correlation_id"]
        return finish(response, visit, self.portal.settings.secure_cookies, static=self.static)

    def _admitted(self, request: Request, visit: Visit | None) -> Response | None:
        """A redirect to sign in, when the page wants someone signed in; None when the request may go on."""
        if visit is None:
            return None
        if self.signed_in and visit.account is None:
            return redirect(f"{PORTAL_PREFIX}/sign-in?next={quote(request.full_path.rstrip('?'), safe='')}", 303)
        if self.signed_in and visit.account is not None and visit.account.role not in self.roles:
            raise Forbidden("This page is not for your role.")
        if request.method == "POST":
            check_csrf(request, visit)
        return None

    def _run(self, request: Request, visit: Visit | None, context_data: dict[str, str]) -> Response:
        args, kwargs = self.get_entrypoint_parameters(request)
        if visit is not None:
            kwargs["visit"] = visit
        self.check_signature(args, kwargs)
        event = Event()
        self.container.spawn_worker(
            self, args, kwargs, context_data=context_data, handle_result=partial(self.handle_result, event)
        )
        result = event.wait()
        if isinstance(result, Page):
            assert visit is not None
            return self.portal.render(result, visit, {"current_path": request.path})
        if isinstance(result, Response):
            return result
        raise TypeError(f"a portal page answered {type(result).__name__}")

    def error_page(self, exc: BaseException, visit: Visit | None, request: Request | None = None) -> Response:
        status = 403 if isinstance(exc, CsrfRefused) else _status_of(exc)
        if isinstance(exc, HTTPException) and exc.code:
            status = exc.code
        if status == 500:
            log.error("portal_page_failed", exc_info=exc)
        reason = "csrf" if isinstance(exc, CsrfRefused) else str(status)
        error = Page("error.html", {"status": status, "reason": reason}, status)
        return self.portal.render(error, visit or _anon(request))

    def not_found(self, request: Request, exc: HTTPException) -> Response:
        """An unknown path (or method) under `/portal`: an HTML page, not the API's JSON error."""
        if isinstance(exc, RequestRedirect):  # `/portal` to `/portal/`
            return exc.get_response()
        visit = _anon(request)
        status = exc.code or 404
        response = self.portal.render(Page("error.html", {"status": status, "reason": str(status)}, status), visit)
        return finish(response, None, self.portal.settings.secure_cookies)


def _status_of(exc: BaseException) -> int:
    for error_type, status in STATUS_BY_ERROR.items():
        if isinstance(exc, error_type):
            return status
    return 500


def _anon(request: Request | None = None) -> Visit:
    """Someone the page knows nothing about (an error before the visit was read): the language cookie only."""
    chosen = language_of(request.cookies.get(LANGUAGE_COOKIE)) if request is not None else None
    return Visit(chosen or DEFAULT_LANGUAGE, "", "")


page = PortalEntrypoint.decorator
