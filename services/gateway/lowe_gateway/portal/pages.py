"""The portal's pages for signing in and out, the home page per role, the language switch and the static files.
Every page acts as the signed-in account's `Caller`, through the API's own authorization rules and RPC calls."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any
from uuid import UUID

from werkzeug.exceptions import NotFound as NoSuchFile
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.logs import get_logger
from lowe_gateway.accounts.administration import choose_language
from lowe_gateway.accounts.model import InvalidCredentials, hash_secret, masked, normalise_email
from lowe_gateway.accounts.signing_in import SignIn, sign_in, sign_out
from lowe_gateway.authorization import readable_opportunity
from lowe_gateway.identity.keys import CENTRE, PARTNER
from lowe_gateway.portal import home
from lowe_gateway.portal.extension import Page, Portal
from lowe_gateway.portal.http import page
from lowe_gateway.portal.i18n import language_of
from lowe_gateway.portal.visits import Visit

log = get_logger(__name__)
STATIC_FILES = {
    "pico.min.css": "text/css",
    "portal.css": "text/css",
    "pico.LICENSE.md": "text/plain",
    "operator.css": "text/css",
    "events.css": "text/css",
}
STATIC_MAX_AGE = 7 * 24 * 3600


def safe_next(value: str | None) -> str:
    """Only a path of this portal: never another site (`//evil`, `https://...`)."""
    if value and value.startswith("/portal/") and "\\" not in value and ".." not in value:
        return value
    return "/portal/"


class PortalPages:
    portal: Portal  # PortalAccess(), declared on the service class
    partners: Any
    centres: Any
    _call: Callable[..., Any]

    def _page(self, visit: Visit, template: str, status: int = 200, **context: Any) -> Page:
        """Adds what the layout shows: the organisation's name (for the header)."""
        caller = visit.caller
        key = None if caller is None else (caller.role, caller.organisation_id)
        name = self.portal.names.name_of(
            key, lambda: home.organisation_name(self._call, self.partners, self.centres, caller)
        )
        return Page(template, {"organisation_name": name, **context}, status)

    @page("GET", "/portal/")
    def portal_home(self, request: Request, visit: Visit) -> Page:
        caller = visit.caller
        assert caller is not None
        if caller.role == PARTNER:
            data = home.partner_home(self._call, self.partners, self.centres, caller)
        elif caller.role == CENTRE:
            data = home.centre_home(self._call, self.centres, caller)
        else:
            data = home.operator_home(self._call, self.partners, self.centres)
        return self._page(visit, f"home_{caller.role}.html", **data)

    @page("GET", "/portal/opportunities/<uuid:opportunity_id>")
    def portal_opportunity(self, request: Request, visit: Visit, opportunity_id: UUID) -> Page:
        """As `GET /api/v1/opportunities/{id}`: another partner's draft is not found (404)."""
        assert visit.caller is not None
        opportunity = self._call(self.partners.get_opportunity, str(opportunity_id))
        readable_opportunity(visit.caller, opportunity)
        return self._page(visit, "opportunity.html", opportunity=opportunity)

    @page("GET", "/portal/sign-in", signed_in=False)
    def portal_sign_in_form(self, request: Request, visit: Visit) -> Page:
        return Page("sign_in.html", {"next": safe_next(request.args.get("next")), "email": "", "error": None})

    @page("POST", "/portal/sign-in", signed_in=False)
    def portal_sign_in(self, request: Request, visit: Visit) -> Page | Response:
        email, password = request.form.get("email", "")[:320], request.form.get("password", "")
        target = safe_next(request.form.get("next"))
        email_key = hash_secret(normalise_email(email))
        wait = self.portal.login_blocked(email_key, visit.client_ip)
        if wait:
            log.warning("portal_sign_in_limited", email=masked(email))
            context = {"next": target, "email": email, "error": "limited", "minutes": max(1, -(-wait // 60))}
            return Page("sign_in.html", context, 429)
        try:
            signed_in = sign_in(SignIn(email, password, visit.session_secret), self.portal.uow(), self.portal.hasher)
        except InvalidCredentials:
            self.portal.login_failed(email_key, visit.client_ip)
            log.info("portal_sign_in_failed", email=masked(email))
            return Page("sign_in.html", {"next": target, "email": email, "error": "invalid"}, 401)
        visit.signed_in(signed_in.account, signed_in.session, signed_in.secret)
        log.info("portal_signed_in", account_id=str(signed_in.account.id))
        return redirect(target, 303)

    @page("POST", "/portal/sign-out", signed_in=False)
    def portal_sign_out(self, request: Request, visit: Visit) -> Response:
        if visit.session_secret:
            sign_out(visit.session_secret, self.portal.uow())
        visit.signed_out()
        return redirect("/portal/sign-in", 303)

    @page("POST", "/portal/language", signed_in=False)
    def portal_language(self, request: Request, visit: Visit) -> Response:
        language = language_of(request.form.get("language"))
        if language is not None:
            visit.choose_language(language)
            if visit.account is not None:
                choose_language(visit.account.id, language, self.portal.uow())
        return redirect(safe_next(request.form.get("next")), 303)

    @page("GET", "/portal/static/<path:name>", signed_in=False, static=True)
    def portal_static(self, request: Request, name: str) -> Response:
        if name not in STATIC_FILES:
            raise NoSuchFile()
        body = files("lowe_gateway.portal").joinpath("static", name).read_bytes()
        response = Response(body, mimetype=STATIC_FILES[name])
        response.headers["Cache-Control"] = f"public, max-age={STATIC_MAX_AGE}"
        return response
