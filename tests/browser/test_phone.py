"""Usable on a phone: every page of each role's walk (tests/browser/portal.py `walk`: the navigation's pages and one
of each kind they link to, two links deep), and the pages before signing in, on a phone's screen (390 x 844 CSS px,
twice the pixels, touch): nothing makes the page scroll sideways but inside a scrolling wrapper, every table is in
one, each item of the header's navigation is on the screen and not covered, and no button, field or link outside
running text is under 24 x 24 CSS px with another target near it (WCAG 2.2 2.5.8). A phone screenshot of each kind
of page is saved under var/test-artifacts/screenshots/<test>/.

The checker's own test gives it a page with each fault, and with what the rules allow, and shows which it reports."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import named, phone_problems
from tests.browser.network import Organisations, SampleData
from tests.browser.portal import OpenPage, Screenshots, Texts, kind_of, nav_links, sign_in, walk

pytestmark = pytest.mark.browser

ROLES = ("partner", "centre", "operator")


def test_the_phone_checker_reports_sideways_scrolling_bare_tables_unreachable_navigation_and_crowded_targets(
    bare_page: OpenPage,
) -> None:
    page = bare_page("phone")
    page.set_content(
        """<!DOCTYPE html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1">
        <style>body { margin: 0 8px; font: 16px/1.5 sans-serif; } nav { margin: 1rem 0; }
        .tiny { box-sizing: border-box; width: 16px; height: 16px; padding: 0; border: 1px solid; }
        .overflow-auto { overflow-x: auto; } td { min-width: 600px; }
        .for-screen-readers { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
        </style></head><body>
        <header>
          <nav><a id="home" href="#home">Home</a> <a id="far" href="#far" style="position: relative; left: 500px">Far
            away</a></nav>
          <nav style="position: relative"><a id="covered" href="#c">Covered</a>
            <span style="position: absolute; inset: 0; background: #fff"></span></nav>
        </header>
        <main>
          <table id="bare"><tr><td>A wide table, as it is</td></tr></table>
          <div class="overflow-auto"><table id="wrapped"><tr><td>A wide table in a wrapper</td></tr></table></div>
          <div class="overflow-auto"><table><tr><td>Wide</td><td><a href="#s">Sheet<span id="escaped"
            class="for-screen-readers"> of Monday</span></a></td></tr></table></div>
          <div class="overflow-auto" style="position: relative"><table><tr><td>Wide</td><td><a href="#t">Sheet<span
            id="held-in" class="for-screen-readers"> of Tuesday</span></a></td></tr></table></div>
          <p>Read <a id="in-text" href="#t" style="font-size: 12px">the small print</a> in the text.</p>
          <p><button id="crowded-1" class="tiny">a</button><button id="crowded-2" class="tiny">b</button></p>
          <p><button id="alone" class="tiny">c</button></p>
          <p><button id="big" style="width: 44px; height: 44px">d</button></p>
          <p><label id="tick-label"><input id="tick" type="checkbox" style="margin: 0"> A box with its label</label></p>
        </main></body></html>"""
    )

    problems = phone_problems(page)

    assert named(problems) == {"bare", "far", "covered", "crowded-1", "crowded-2"}, "\n".join(problems)
    wide = next(problem for problem in problems if problem.startswith("the page is"))
    assert "table#bare" in wide and "a#far" in wide and "wrapped" not in wide, wide
    assert "span#escaped" in wide and "held-in" not in wide, wide  # out of a wrapper that is not positioned
    assert any("a#far" in problem and "off the screen" in problem for problem in problems), problems
    assert any("a#covered" in problem and "covered by" in problem for problem in problems), problems
    assert any("table#bare: a table outside a scrolling wrapper" in problem for problem in problems), problems
    assert any("button#crowded-1" in problem and "16.0 x 16.0 px" in problem for problem in problems), problems


def test_the_pages_before_signing_in_fit_a_phone(new_page: OpenPage, shots: Screenshots) -> None:
    page = new_page("phone")

    def check(path: str) -> list[str]:
        shots(page, f"phone-{kind_of(path)}")
        return [f"{path}: {problem}" for problem in phone_problems(page)]

    paths, problems = walk(page, ["/portal/sign-in"], check, depth=1)

    assert "/portal/forgot-password" in paths, paths
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_a_role_fits_a_phone_with_its_navigation_in_reach_and_targets_big_enough(
    new_page: OpenPage,
    organisations: Organisations,
    sample_data: SampleData,
    shots: Screenshots,
    pl: Texts,
    role: str,
) -> None:
    page = new_page("phone")
    sign_in(page, organisations.account(role), pl)
    start = nav_links(page, pl)

    def check(path: str) -> list[str]:
        shots(page, f"phone-{kind_of(path)}")
        return [f"{path}: {problem}" for problem in phone_problems(page)]

    paths, problems = walk(page, start, check)

    assert not problems, f"{len(problems)} problems on the {role}'s {len(paths)} pages:\n" + "\n".join(problems)
    page.goto("/portal/")
    last = page.get_by_role("navigation", name=pl("Sections")).get_by_role("link").last
    last.tap()  # a finger reaches the navigation's last item, and it leads where it says
    expect(page).to_have_url(f"{organisations.url}{start[-1]}")
