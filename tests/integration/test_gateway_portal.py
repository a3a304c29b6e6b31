"""The web portal over real HTTP, on the gateway's one port, with the real services, broker and databases: signing
in and out, cookies, CSRF, the sign-in limit, organisations' boundaries, languages, and account e-mails through the
notifications service to a real SMTP server."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import Network, opportunity_for, running_network
from tests.integration.portal_helpers import CHEAP_ARGON2, TEST_PASSWORD, Browser, make_account
from tests.integration.test_notifications_delivery import SmtpCatcher, fast
from tests.support import wait_for

LINK = re.compile(r"(http://[^\s\"<>]+token=[A-Za-z0-9_%-]+)")


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory, smtp: SmtpCatcher) -> Iterator[Network]:
    gateway = {
        **CHEAP_ARGON2,
        "LOGIN_LIMIT_PER_EMAIL": 3,
        "LOGIN_LIMIT_PER_IP": 1000,
        "PORTAL_BASE_URL": "http://portal.test",
    }
    overrides = {"gateway": gateway, "notifications": fast(smtp.port)}
    with running_network(vhost_admin, tmp_path_factory.mktemp("portal"), overrides) as running:
        yield running


def browser(network: Network) -> Browser:
    return Browser(network.url)


def partner_with_account(network: Network, name: str) -> tuple[dict, Network, str]:  # type: ignore[type-arg]
    partner, as_partner = network.partner(
        {"name": name, "sector": "social", "email": "org@example.pl", "voivodeship": "26"}
    )
    email = make_account(network.databases.url("gateway"), "partner", partner["id"])
    return partner, as_partner, email


def mail_to(smtp: SmtpCatcher, address: str) -> str:
    """The newest message's text part to `address`, once it arrived."""
    wait_for(lambda: any(m["To"] == address for m in smtp.messages()), timeout=15, what=f"an e-mail to {address}")
    message = [m for m in smtp.messages() if m["To"] == address][-1]
    return str(message.get_body(("plain",)).get_content())  # type: ignore[union-attr]


def test_a_partner_signs_in_and_sees_its_opportunities_with_safe_cookies_and_headers(network: Network) -> None:
    _, as_partner, email = partner_with_account(network, "Fundacja Pierwsza")
    as_partner.publish(opportunity_for(title="Kurs komputerowy dla seniorów"))
    as_partner.create("/api/v1/opportunities", opportunity_for(title="Szkic warsztatów"))
    visitor = browser(network)
    assert visitor.get("/portal/").headers["Location"].startswith("/portal/sign-in?next=")

    signed_in = visitor.sign_in(email.upper())

    assert signed_in.status_code == 303 and signed_in.headers["Location"] == "/portal/"
    cookie = visitor.cookie_header(signed_in, "lowe_session")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/portal" in cookie
    assert "Secure" not in cookie  # PORTAL_SECURE_COOKIES is off locally
    home = visitor.get("/portal/")
    assert home.status_code == 200 and home.headers["Content-Type"].startswith("text/html")
    assert "Kurs komputerowy dla seniorów" in home.text and "Szkic warsztatów" in home.text
    assert "Fundacja Pierwsza" in home.text and "Opublikowana" in home.text
    assert home.headers["Cache-Control"] == "no-store"
    assert home.headers["X-Frame-Options"] == "DENY" and home.headers["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in home.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in home.headers["Content-Security-Policy"]


def test_a_wrong_password_is_refused_without_a_session(network: Network) -> None:
    _, _, email = partner_with_account(network, "Fundacja Druga")
    visitor = browser(network)

    refused = visitor.sign_in(email, "not the password at all")

    assert refused.status_code == 401 and "Adres e-mail lub hasło są nieprawidłowe." in refused.text
    assert "lowe_session" not in visitor.session.cookies
    assert visitor.get("/portal/").status_code == 303


def test_a_post_without_the_forms_token_is_refused(network: Network) -> None:
    _, _, email = partner_with_account(network, "Fundacja Trzecia")
    stranger = browser(network)
    stranger.get("/portal/sign-in")
    refused = stranger.post_raw("/portal/sign-in", {"email": email, "password": TEST_PASSWORD})
    assert refused.status_code == 403 and "text/html" in refused.headers["Content-Type"]
    assert "lowe_session" not in stranger.session.cookies
    fresh = browser(network)  # no pre-session cookie yet: a token from elsewhere cannot match
    assert (
        fresh.post_raw(
            "/portal/sign-in", {"csrf_token": "x" * 43, "email": email, "password": TEST_PASSWORD}
        ).status_code
        == 403
    )

    visitor = browser(network)
    assert visitor.sign_in(email).status_code == 303
    assert visitor.post_raw("/portal/sign-out", {"csrf_token": "forged"}).status_code == 403
    assert visitor.get("/portal/").status_code == 200  # still signed in


def test_failed_sign_ins_are_limited_per_email_without_telling_whether_it_exists(network: Network) -> None:
    _, _, email = partner_with_account(network, "Fundacja Czwarta")
    visitor = browser(network)
    for _ in range(3):
        assert visitor.sign_in(email, "wrong password here").status_code == 401
        assert visitor.sign_in("nobody-here@example.pl", "wrong password here").status_code == 401

    known, unknown = visitor.sign_in(email), visitor.sign_in("nobody-here@example.pl")

    assert known.status_code == unknown.status_code == 429
    wait = re.compile(r"Spróbuj ponownie za (\d+) min\.")
    assert wait.search(known.text) and wait.search(unknown.text)
    assert "lowe_session" not in visitor.session.cookies


def test_signing_out_ends_the_session_on_the_server(network: Network) -> None:
    _, _, email = partner_with_account(network, "Fundacja Piąta")
    visitor = browser(network)
    visitor.sign_in(email)
    stolen = visitor.session.cookies.get("lowe_session")

    out = visitor.post("/portal/sign-out", {}, token_from="/portal/")

    assert out.status_code == 303 and out.headers["Location"] == "/portal/sign-in"
    assert "lowe_session=;" in visitor.cookie_header(out, "lowe_session")
    replay = browser(network)
    replay.session.cookies.set("lowe_session", stolen, path="/portal")
    assert replay.get("/portal/").status_code == 303
    assert (
        network.scalar(
            "gateway",
            "SELECT count(*) FROM portal_sessions WHERE account_id IN (SELECT id FROM accounts WHERE email = :email)",
            email=email,
        )
        == 0
    )


def test_a_partner_does_not_see_another_partners_draft(network: Network) -> None:
    _, _, email = partner_with_account(network, "Fundacja Szósta")
    _, other = network.partner(
        {"name": "Fundacja Obca", "sector": "social", "email": "o@example.pl", "voivodeship": "14"}
    )
    draft = other.create("/api/v1/opportunities", opportunity_for(title="Cudzy szkic"))
    published = other.publish(opportunity_for(title="Cudza oferta"))
    visitor = browser(network)
    visitor.sign_in(email)

    hidden = visitor.get(f"/portal/opportunities/{draft['id']}")

    assert hidden.status_code == 404 and "text/html" in hidden.headers["Content-Type"]
    assert "Cudzy szkic" not in hidden.text and "Cudzy szkic" not in visitor.get("/portal/").text
    assert "Cudza oferta" in visitor.get(f"/portal/opportunities/{published['id']}").text  # published: public
    unknown = visitor.get("/portal/no-such-page")
    assert unknown.status_code == 404 and "Nie znaleziono strony" in unknown.text
    assert network.get("/api/v1/no-such-route").headers["Content-Type"] == "application/json"


def test_the_language_switch_shows_english_and_the_accounts_preference_wins(network: Network) -> None:
    _, _, email = partner_with_account(network, "Fundacja Siódma")
    visitor = browser(network)
    assert "Zaloguj się" in visitor.get("/portal/sign-in").text

    visitor.post("/portal/language", {"language": "en", "next": "/portal/sign-in"}, token_from="/portal/sign-in")

    page = visitor.get("/portal/sign-in")
    assert '<html lang="en">' in page.text and "Forgot your password?" in page.text
    visitor.sign_in(email)
    assert "Nasze oferty" in visitor.get("/portal/").text  # the account says pl
    visitor.post("/portal/language", {"language": "en"}, token_from="/portal/")
    assert "Our opportunities" in visitor.get("/portal/").text
    assert network.scalar("gateway", "SELECT language FROM accounts WHERE email = :email", email=email) == "en"


def test_an_invitation_is_emailed_and_accepted(network: Network, smtp: SmtpCatcher) -> None:
    partner, _, _ = partner_with_account(network, "Fundacja Ósma")
    operator = browser(network)
    operator_email = make_account(network.databases.url("gateway"), "operator", None)
    operator.sign_in(operator_email)

    invited = operator.post(
        "/portal/invite",
        {
            "email": "Nowa.Osoba@example.pl",
            "display_name": "Nowa Osoba",
            "language": "en",
            "role": "partner",
            "organisation_id": partner["id"],
        },
    )

    assert invited.status_code == 200 and "Zaproszenie zostało wysłane" in invited.text
    text = mail_to(smtp, "nowa.osoba@example.pl")
    assert "Fundacja Ósma" in text and "7 days" in text
    link = LINK.search(text)
    assert link and link.group(1).startswith("http://portal.test/portal/invitation?token=")
    path = link.group(1).removeprefix("http://portal.test")
    newcomer = browser(network)
    assert newcomer.get(path).status_code == 200
    accepted = newcomer.post(
        "/portal/invitation",
        {"token": path.split("token=")[1], "password": TEST_PASSWORD, "password_repeated": TEST_PASSWORD},
        token_from=path,
    )
    assert accepted.status_code == 303
    assert "Fundacja Ósma" in newcomer.get("/portal/").text
    again = browser(network).post(
        "/portal/invitation",
        {"token": path.split("token=")[1], "password": TEST_PASSWORD, "password_repeated": TEST_PASSWORD},
        token_from=path,
    )
    assert again.status_code == 400  # single use


def test_a_forgotten_password_is_reset_through_an_emailed_link(network: Network, smtp: SmtpCatcher) -> None:
    _, _, email = partner_with_account(network, "Fundacja Dziewiąta")
    visitor = browser(network)

    asked = visitor.post("/portal/forgot-password", {"email": email})
    nobody = browser(network).post("/portal/forgot-password", {"email": "nobody-at-all@example.pl"})

    assert asked.status_code == nobody.status_code == 200 and asked.text.count("Link działa przez godzinę") == 1
    assert "Link działa przez godzinę" in nobody.text
    link = LINK.search(mail_to(smtp, email))
    assert link
    path = link.group(1).removeprefix("http://portal.test")
    token = path.split("token=")[1]
    new = "a completely new password"
    reset = visitor.post(
        "/portal/reset-password", {"token": token, "password": new, "password_repeated": new}, token_from=path
    )
    assert reset.status_code == 303 and reset.headers["Location"].startswith("/portal/sign-in")
    assert browser(network).sign_in(email).status_code == 401
    assert browser(network).sign_in(email, new).status_code == 303


def test_static_files_are_cached_and_unknown_ones_are_not_found(network: Network) -> None:
    visitor = browser(network)
    css = visitor.get("/portal/static/pico.min.css")
    assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
    assert "max-age" in css.headers["Cache-Control"]
    assert visitor.get("/portal/static/../service.py").status_code == 404
    assert visitor.get("/portal").status_code in (301, 308)
