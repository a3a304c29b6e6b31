"""Every page a role's navigation links to, and one of each kind of page those link to (an event, an opportunity,
a form), in Polish and in English, shows no text left in the other language.

A linked page that does not answer 200 (one not built yet answers 404) fails the test by name: a link to nowhere is
a fault of the portal, not a reason to look away."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.network import Organisations
from tests.browser.portal import Screenshots, Texts, Untranslated, nav_links, sign_in, visible_texts

pytestmark = pytest.mark.browser

ROLES = ("partner", "centre", "operator")
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# the portal's own page links in the main content; files (a calendar, a CSV) are downloads, not pages
PAGE_LINKS = """links => links
  .filter((link) => !link.hasAttribute('download'))
  .map((link) => link.getAttribute('href'))
  .filter((href) => !/\\.(ics|csv)(\\?|#|$)/.test(href))"""


def kind_of(path: str) -> str:
    """A page's kind: its path without query, fragment and ids (one event page stands for all of them)."""
    return ID.sub("<id>", path.split("#")[0].split("?")[0])


def linked_pages(page: Page) -> list[str]:
    hrefs = page.locator("main a[href^='/portal/']").evaluate_all(PAGE_LINKS)
    return [str(href).split("#")[0] for href in hrefs]


@pytest.fixture(scope="module")
def untranslated() -> Untranslated:
    found = Untranslated.from_catalogues()
    assert found.english_only and found.polish_only, "the catalogues translate nothing: the check could not fail"
    return found


def visit_each(
    page: Page,
    paths: list[str],
    language: str,
    untranslated: Untranslated,
    shots: Screenshots,
    links: list[str] | None = None,
) -> list[str]:
    """Problems of each page, in words: its status when not 200, else the texts left in the other language; the
    pages each links to are added to `links`."""
    problems = []
    for path in paths:
        response = page.goto(path)
        status = response.status if response is not None else 0
        if status != 200:
            problems.append(f"{path} answers {status} in {language}")
            continue
        expect(page.locator("html")).to_have_attribute("lang", language)
        shots(page, f"{language}-{kind_of(path)}")
        found = untranslated.found(language, visible_texts(page))
        if found:
            problems.append(f"{path} in {language} shows {found}")
        if links is not None:
            links.extend(linked_pages(page))
    return problems


def one_of_each_kind(paths: list[str], known: list[str]) -> list[str]:
    kinds, chosen = {kind_of(path) for path in known}, []
    for path in paths:
        if kind_of(path) not in kinds:
            kinds.add(kind_of(path))
            chosen.append(path)
    return chosen


def test_the_checker_finds_english_left_in_a_polish_page_and_polish_in_an_english_one(
    untranslated: Untranslated, pl: Texts, en: Texts
) -> None:
    assert untranslated.found("pl", [f"{pl('LOWE Partner Network')} · {en('Our feed')}", "LOWE Mszczonów"]) == [
        en("Our feed")
    ]
    assert untranslated.found("en", [pl("Sign out"), en("Sign in"), "Fundacja Cyfrowe Mazowsze"]) == [pl("Sign out")]
    assert untranslated.found("pl", [pl("Our feed"), "Partner"]) == []  # spelt alike in both: never counted


def test_the_sign_in_page_is_translated_both_ways(
    page: Page, untranslated: Untranslated, shots: Screenshots, pl: Texts, en: Texts
) -> None:
    paths = ["/portal/forgot-password", "/portal/sign-in"]
    problems = visit_each(page, paths, "pl", untranslated, shots)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(en("Sign in"))
    problems += visit_each(page, paths, "en", untranslated, shots)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_in_a_roles_navigation_is_translated_in_polish_and_in_english(
    page: Page,
    organisations: Organisations,
    untranslated: Untranslated,
    shots: Screenshots,
    pl: Texts,
    en: Texts,
    role: str,
) -> None:
    sign_in(page, organisations.account(role), pl)
    paths = nav_links(page, pl)
    assert "/portal/" in paths and len(paths) > 2, f"the {role}'s navigation links to {paths}"

    links: list[str] = []
    problems = visit_each(page, paths, "pl", untranslated, shots, links)
    further = one_of_each_kind(links, paths)
    print(f"the {role}'s pages: {paths} and, linked from those, {further}")
    problems += visit_each(page, further, "pl", untranslated, shots)
    page.goto("/portal/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert nav_links(page, en) == paths, "the English navigation links elsewhere"
    problems += visit_each(page, paths + further, "en", untranslated, shots)

    missing = [problem for problem in problems if " answers " in problem]
    assert not problems, (
        f"the {role}'s pages ({len(paths)} in the navigation, {len(further)} linked from those): "
        f"{len(missing)} not answering 200, "
        f"{len(problems) - len(missing)} with untranslated text:\n" + "\n".join(problems)
    )
