"""Who is looking at a page, in which language, with which CSRF token; and what a page's answer sets in the browser.

Cookies (all `Path=/portal`, `HttpOnly`, `SameSite=Lax`, `Secure` when `PORTAL_SECURE_COOKIES`):
`lowe_session` the raw session id (the database keeps its hash); `lowe_csrf` a random token for forms shown before
signing in (double submit: the form's hidden field must equal it, which a foreign site can neither read nor set);
`lowe_lang` the chosen language (an account's own preference wins).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Any

from werkzeug.wrappers import Request, Response

from lowe_gateway.accounts.model import Account, PortalSession, new_secret
from lowe_gateway.identity.keys import Caller
from lowe_gateway.portal.i18n import DEFAULT_LANGUAGE, language_of

SESSION_COOKIE, CSRF_COOKIE, LANGUAGE_COOKIE = "lowe_session", "lowe_csrf", "lowe_lang"
CSRF_FIELD = "csrf_token"
COOKIE_PATH = "/portal"
LANGUAGE_MAX_AGE = 365 * 24 * 3600
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


class CsrfRefused(Exception):
    """A POST whose form token is missing or not this visitor's."""


@dataclass
class Visit:
    language: str
    csrf_token: str
    client_ip: str
    account: Account | None = None
    session: PortalSession | None = None
    session_secret: str | None = None  # the cookie's raw id, when the session is live
    new_csrf_cookie: bool = False
    cookies: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # name: (value, max age); "" deletes

    @property
    def caller(self) -> Caller | None:
        if self.account is None or self.session is None:
            return None
        return self.session.caller(self.account)

    def signed_in(self, account: Account, session: PortalSession, secret: str) -> None:
        """A new session (the old one, if any, is gone): its cookie, and its own CSRF token from now on."""
        self.account, self.session, self.session_secret = account, session, secret
        self.csrf_token, self.language = session.csrf_token, account.language
        self.cookies[SESSION_COOKIE] = (secret, None)  # a browser-session cookie; the server enforces the expiry

    def signed_out(self) -> None:
        self.account = self.session = self.session_secret = None
        self.cookies[SESSION_COOKIE] = ("", 0)
        self.csrf_token, self.new_csrf_cookie = new_secret(), True

    def choose_language(self, language: str) -> None:
        if language_of(language):
            self.language = language
            self.cookies[LANGUAGE_COOKIE] = (language, LANGUAGE_MAX_AGE)


def begin_visit(request: Request, account_session: tuple[Account, PortalSession] | None, secret: str | None) -> Visit:
    chosen = language_of(request.cookies.get(LANGUAGE_COOKIE)) or DEFAULT_LANGUAGE
    ip = request.remote_addr or "unknown"  # the client's, not a trusted proxy's (`lowe_gateway.client_address`)
    if account_session is not None:
        account, session = account_session
        return Visit(account.language, session.csrf_token, ip, account, session, secret)
    pre_session = request.cookies.get(CSRF_COOKIE, "")
    if len(pre_session) < 32:
        return Visit(chosen, new_secret(), ip, new_csrf_cookie=True)
    return Visit(chosen, pre_session, ip)


def check_csrf(request: Request, visit: Visit) -> None:
    """Before any POST reaches its page: the form's token must be the session's (or, before signing in, equal the
    visitor's `lowe_csrf` cookie, which a new visitor has not got yet: refused too)."""
    sent = request.form.get(CSRF_FIELD, "")
    if visit.new_csrf_cookie or not sent or not hmac.compare_digest(sent.encode(), visit.csrf_token.encode()):
        raise CsrfRefused()


def finish(response: Response, visit: Visit | None, secure: bool, static: bool = False) -> Response:
    response.headers.update(SECURITY_HEADERS)
    if not static:
        response.headers["Cache-Control"] = "no-store"
    if visit is None:
        return response
    cookies = dict(visit.cookies)
    if visit.new_csrf_cookie:
        cookies[CSRF_COOKIE] = (visit.csrf_token, None)
    for name, (value, max_age) in cookies.items():
        _set_cookie(response, name, value, max_age, secure)
    return response


def _set_cookie(response: Response, name: str, value: str, max_age: int | None, secure: bool) -> None:
    options: dict[str, Any] = {"path": COOKIE_PATH, "httponly": True, "samesite": "Lax", "secure": secure}
    if max_age == 0:
        response.delete_cookie(name, **options)
    else:
        response.set_cookie(name, value, max_age=max_age, **options)
