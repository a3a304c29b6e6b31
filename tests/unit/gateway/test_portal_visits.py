"""The portal's request rules without a server: where `next` may lead, CSRF tokens, cookie flags, headers."""

from __future__ import annotations

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

from lowe_gateway.portal.pages import safe_next
from lowe_gateway.portal.visits import CsrfRefused, begin_visit, check_csrf, finish


def request(form: dict[str, str] | None = None, cookies: dict[str, str] | None = None) -> Request:
    builder = EnvironBuilder(method="POST" if form is not None else "GET", path="/portal/sign-in", data=form)
    for name, value in (cookies or {}).items():
        builder.headers.add("Cookie", f"{name}={value}")
    return Request(builder.get_environ())


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("/portal/opportunities/1", "/portal/opportunities/1"),
        ("https://evil.example/", "/portal/"),
        ("//evil.example/portal/", "/portal/"),
        ("/portal/..//evil.example", "/portal/"),
        ("/portal\\/evil", "/portal/"),
        (None, "/portal/"),
    ],
)
def test_next_only_leads_into_the_portal(given: str | None, kept: str) -> None:
    assert safe_next(given) == kept


def test_before_signing_in_the_form_token_must_equal_the_visitors_cookie() -> None:
    token = "t" * 43
    assert (
        check_csrf(
            request({"csrf_token": token}, {"lowe_csrf": token}),
            begin_visit(request(cookies={"lowe_csrf": token}), None, None),
        )
        is None
    )
    with pytest.raises(CsrfRefused):
        check_csrf(request({"csrf_token": "u" * 43}), begin_visit(request(cookies={"lowe_csrf": token}), None, None))
    first_visit = begin_visit(request(), None, None)  # no cookie yet: a token from anywhere cannot match
    with pytest.raises(CsrfRefused):
        check_csrf(request({"csrf_token": first_visit.csrf_token}), first_visit)


def test_cookies_are_httponly_lax_scoped_to_the_portal_and_secure_when_configured() -> None:
    visit = begin_visit(request(), None, None)
    visit.choose_language("en")

    response = finish(Response("x"), visit, secure=True)

    cookies = response.headers.getlist("Set-Cookie")
    assert {c.split("=")[0] for c in cookies} == {"lowe_csrf", "lowe_lang"}
    assert all("HttpOnly" in c and "SameSite=Lax" in c and "Path=/portal" in c and "Secure" in c for c in cookies)
    assert response.headers["X-Frame-Options"] == "DENY" and response.headers["Cache-Control"] == "no-store"
