"""The portal's foundation in a real browser: each role's home page, the language switch, signing out, and the
keyboard's way past the navigation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.network import CENTRE, PARTNER, Organisations
from tests.browser.portal import Screenshots, Texts, sign_in

pytestmark = pytest.mark.browser

HOME_HEADINGS = {"partner": "Our opportunities", "centre": "Our centre", "operator": "Network overview"}
HEADER_NAMES = {"partner": PARTNER["name"], "centre": CENTRE["name"], "operator": "LOWE operators"}
ROLE_LABELS = {"partner": "Partner", "centre": "Centre", "operator": "Operator"}


@pytest.mark.parametrize("role", ["partner", "centre", "operator"])
def test_each_role_signs_in_and_sees_its_own_home_page(
    page: Page, organisations: Organisations, pl: Texts, shots: Screenshots, role: str
) -> None:
    email = organisations.account(role)
    page.goto("/portal/")
    expect(page).to_have_url("/portal/sign-in?next=%2Fportal%2F")
    shots(page, "sign-in")

    sign_in(page, email, pl)

    expect(page).to_have_url(f"{organisations.url}/portal/")
    expect(page.get_by_role("heading", level=1)).to_have_text(pl(HOME_HEADINGS[role]))
    name = HEADER_NAMES[role] if role != "operator" else pl(HEADER_NAMES[role])
    account = page.get_by_role("navigation", name=pl("Account"))
    expect(account).to_contain_text(f"{name} · {pl(ROLE_LABELS[role])}")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    shots(page, f"home-{role}")


def test_the_language_switch_turns_the_page_english_and_back_and_the_account_keeps_its_choice(
    new_page: Callable[[], Page], organisations: Organisations, pl: Texts, en: Texts, shots: Screenshots
) -> None:
    email, page = organisations.account("centre"), new_page()
    sign_in(page, email, pl)
    expect(page.get_by_role("heading", level=1)).to_have_text(pl("Our centre"))

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(en("Our centre"))
    expect(page.get_by_role("button", name=en("Sign out"))).to_be_visible()
    shots(page, "home-english")

    elsewhere = new_page()  # another browser, no language cookie: the sign-in page is Polish, the account English
    sign_in(elsewhere, email, pl, lands_in=en)
    expect(elsewhere.get_by_role("heading", level=1)).to_have_text(en("Our centre"))

    elsewhere.get_by_role("button", name="Polski").click()

    expect(elsewhere.locator("html")).to_have_attribute("lang", "pl")
    expect(elsewhere.get_by_role("heading", level=1)).to_have_text(pl("Our centre"))
    shots(elsewhere, "home-polish-again")


def test_signing_out_ends_the_session_even_for_a_copy_of_its_cookie(
    page: Page, organisations: Organisations, pl: Texts, shots: Screenshots
) -> None:
    sign_in(page, organisations.account("partner"), pl)
    session = [cookie for cookie in page.context.cookies() if cookie["name"] == "lowe_session"]
    assert session, page.context.cookies()

    page.get_by_role("button", name=pl("Sign out")).click()

    expect(page).to_have_url(f"{organisations.url}/portal/sign-in")
    expect(page.get_by_role("heading", level=1)).to_have_text(pl("Sign in"))
    shots(page, "signed-out")
    page.goto("/portal/")
    expect(page).to_have_url("/portal/sign-in?next=%2Fportal%2F")
    page.context.clear_cookies()
    page.context.add_cookies(session)  # type: ignore[arg-type]
    page.goto("/portal/")
    expect(page).to_have_url("/portal/sign-in?next=%2Fportal%2F")
    expect(page.get_by_role("button", name=pl("Sign out"))).to_have_count(0)


def test_the_skip_link_is_the_first_tab_stop_and_moves_the_focus_to_the_main_content(
    page: Page, organisations: Organisations, pl: Texts, shots: Screenshots
) -> None:
    sign_in(page, organisations.account("centre"), pl)
    page.goto("/portal/")
    skip = page.get_by_role("link", name=pl("Skip to content"))
    hidden = skip.bounding_box()
    assert hidden is not None and hidden["x"] + hidden["width"] < 0, (
        f"the skip link shows before it has focus: {hidden}"
    )

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, f"the focused skip link is off screen: {box}"
    shots(page, "skip-link-focused")

    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    expect(page).to_have_url(f"{organisations.url}/portal/#main")
