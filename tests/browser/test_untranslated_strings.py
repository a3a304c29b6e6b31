"""Every page a role's navigation links to, and one of each kind of page those link to and those link to in turn (an
event, an opportunity, a form), in Polish and in English, shows no word left in the other language: a word only the
other language's catalogue strings use, wherever it stands, a whole text or one word in a sentence. User data
(names, titles, addresses, what people typed) is marked translate="no" by the templates and not looked at.

A linked page that does not answer 200 (one not built yet answers 404) fails the test by name: a link to nowhere is
a fault of the portal, not a reason to look away."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.network import Organisations, SampleData
from tests.browser.portal import (
    PLACEHOLDER,
    OpenPage,
    Screenshots,
    Texts,
    Untranslated,
    catalogue,
    kind_of,
    nav_links,
    opened,
    quotations,
    sign_in,
    visible_texts,
    walk,
)

pytestmark = pytest.mark.browser

ROLES = ("partner", "centre", "operator")


@pytest.fixture(scope="module")
def untranslated() -> Untranslated:
    found = Untranslated.from_catalogues()
    assert found.english_only and found.polish_only, "the catalogues translate nothing: the check could not fail"
    return found


def visit_each(
    page: Page, paths: list[str], language: str, untranslated: Untranslated, shots: Screenshots
) -> list[str]:
    """Problems of each page, in words: its status when not 200, else the words left in the other language."""
    problems = []
    for path in paths:
        failed = opened(page, path)
        problems.extend(
            [f"{failed} in {language}"] if failed else untranslated_on(page, path, language, untranslated, shots)
        )
    return problems


def untranslated_on(page: Page, path: str, language: str, untranslated: Untranslated, shots: Screenshots) -> list[str]:
    expect(page.locator("html")).to_have_attribute("lang", language)
    shots(page, f"{language}-{kind_of(path)}")
    found = untranslated.found(language, visible_texts(page))
    return [f"{path} in {language} shows {text!r}: {', '.join(words)}" for text, words in found.items()]


def test_the_checker_finds_english_left_in_a_polish_page_and_polish_in_an_english_one(
    untranslated: Untranslated, pl: Texts, en: Texts
) -> None:
    title = f"{pl('LOWE Partner Network')} · {en('Our feed')}"
    assert untranslated.found("pl", [title, "LOWE Mszczonów"]) == {title: ["feed", "our"]}
    assert untranslated.found("en", [pl("Sign out"), en("Sign in")]) == {pl("Sign out"): ["się", "wyloguj"]}
    assert untranslated.found("pl", [pl("Our feed"), "Partner", "Erasmus+"]) == {}  # spelt alike: never counted


def test_the_checker_finds_a_single_word_of_the_other_language_inside_a_sentence(
    untranslated: Untranslated, pl: Texts, en: Texts
) -> None:
    assert "z" in untranslated.polish_only and "the" in untranslated.english_only
    english = f"{en('Sign in')} z {en('Our feed')}"  # one Polish word, all else English
    assert untranslated.found("en", [english]) == {english: ["z"]}
    polish = f"{pl('Our feed')}: the {pl('Subscriptions')}"
    assert untranslated.found("pl", [polish]) == {polish: ["the"]}
    assert untranslated.found("en", [f"{en('Sign in')} (e-mail, PLN, Erasmus+)"]) == {}


def test_what_the_portal_quotes_is_user_data_and_not_looked_at_but_the_words_around_it_are(
    untranslated: Untranslated, pl: Texts, en: Texts
) -> None:
    matches = en("Matches your subscription %(names)s")
    quoted = matches % {"names": en("“%(name)s”") % {"name": "Wszystko z Mazowsza"}}
    assert untranslated.found("en", [quoted]) == {}
    assert untranslated.found("en", [f"{quoted} z"]) == {f"{quoted} z": ["z"]}
    polish = pl("Matches your subscription %(names)s") % {"names": pl("“%(name)s”") % {"name": "Digital for all"}}
    assert untranslated.found("pl", [polish]) == {}


def test_the_catalogues_quote_nothing_but_user_data() -> None:
    """What lets the checker pass over quotations: every one in the catalogues is a placeholder, a name the page
    fills in. A translation that quotes its own words would hide them from the check, and fails here instead."""
    quoted = {
        (language, text, quotation)
        for language in ("pl", "en")
        for entry in catalogue(language).items()
        for text in entry
        for quotation in quotations(text)
    }
    assert quoted, "the catalogues quote nothing: the portal's quotation marks have changed"
    assert all(PLACEHOLDER.fullmatch(quotation) for _, _, quotation in quoted), sorted(quoted)


def test_user_data_marked_translate_no_and_parts_in_another_language_are_not_looked_at(
    bare_page: OpenPage, untranslated: Untranslated, pl: Texts, en: Texts
) -> None:
    page = bare_page()
    page.set_content(
        f"""<!DOCTYPE html><html lang="en"><head><title>Komputer bez tajemnic · {en("LOWE Partner Network")}</title>
        </head><body>
        <h1 translate="no">Komputer bez tajemnic</h1>
        <p>{en("Subscriptions")}: <span translate="no">Wszystko z Mazowsza</span></p>
        <button aria-label="{en("Edit")}: Wszystko z Mazowsza">{en("Edit")}</button>
        <form><button lang="pl">Polski</button></form>
        <p>{en("Sign in")} z {en("Our feed")}</p>
        <p translate="no">Mamy chętnych z Mszczonowa, <span translate="yes">{pl("Sign out")}</span></p>
        <p hidden>{pl("Our feed")}</p>
        <table><tr><th translate="no">Fundacja Cyfrowe Mazowsze<br><small translate="yes">{en("Masovian")}</small></th>
        <td><button aria-label="{en("Suspend")}: Fundacja Cyfrowe Mazowsze">{en("Suspend")}</button></td>
        <td><abbr title="Tuesday">Tu</abbr></td></tr></table>
        </body></html>"""
    )
    texts = visible_texts(page)

    assert "Wszystko z Mazowsza" not in " ".join(texts) and "Polski" not in texts, texts
    assert untranslated.found("en", texts) == {
        f"{en('Sign in')} z {en('Our feed')}": ["z"],  # the single Polish word in an English sentence
        pl("Sign out"): ["się", "wyloguj"],  # translate="yes" inside translate="no": the page's own words again
    }


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
    sample_data: SampleData,
    untranslated: Untranslated,
    shots: Screenshots,
    pl: Texts,
    en: Texts,
    role: str,
) -> None:
    sign_in(page, organisations.account(role), pl)
    start = nav_links(page, pl)
    assert "/portal/" in start and len(start) > 2, f"the {role}'s navigation links to {start}"

    paths, problems = walk(page, start, lambda path: untranslated_on(page, path, "pl", untranslated, shots))
    print(f"the {role}'s pages: {paths}")
    page.goto("/portal/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert nav_links(page, en) == start, "the English navigation links elsewhere"
    problems += visit_each(page, paths, "en", untranslated, shots)

    missing = [problem for problem in problems if " answers " in problem]
    assert not problems, (
        f"the {role}'s pages ({len(start)} in the navigation, {len(paths)} in all): "
        f"{len(missing)} not answering 200, "
        f"{len(problems) - len(missing)} with untranslated text:\n" + "\n".join(problems)
    )
